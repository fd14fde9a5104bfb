// One rater's rating file in a run: fetch, verify its signature, parse, guard against rollback, store.
import type { Rater } from '../../src/lib/config/schema.ts';
import { digest } from '../../src/lib/ingest/articleId.ts';
import { decodeBody } from '../../src/lib/ingest/decodeBody.ts';
import { parseRatings, RatingFileError, type ParsedRatings } from '../../src/lib/ratings/parseRatings.ts';
import { ContentFileError } from '../../src/lib/check/contentFile.ts';
import { verifyDetached } from '../../src/lib/ratings/signature.ts';
import { contingentOfRater } from '../../src/lib/ratings/speakers.ts';
import { boundPending, MAX_PENDING_PER_RATER, type BoundedRatings } from '../../src/lib/ratings/boundPending.ts';
import { emptyReport, type SourceReport } from './aggregateReport.ts';
import { fetchSource } from './fetchSource.ts';
import type { RunContext } from './runContext.ts';

/**
 * Fetches a rater's file and stores its normalized copy in content/ratings/<rater>.json. A file that
 * fails its signature, cannot be read, or is older than the stored copy is rejected and the last
 * good copy kept. Of the ratings of articles the database does not have yet (`known` says which it
 * has), the copy keeps the newest MAX_PENDING_PER_RATER.
 */
export async function ratingsJob(ctx: RunContext, rater: Rater, known: (ref: string) => boolean = () => false, onAccepted?: (parsed: ParsedRatings) => void): Promise<SourceReport> {
  const source = { kind: 'ratings' as const, owner: rater.id, url: rater.url };
  const base: SourceReport = { ...emptyReport(source), ratings: { accepted: 0, rejected: 0 } };
  const fetched = await ctx.fetchFor(rater.url);
  if ('skipped' in fetched) return { ...base, status: fetched.state?.gone ? 'gone' : 'skipped', message: fetched.skipped };
  const { result, state } = fetched;
  const redirect = 'permanentRedirect' in result ? result.permanentRedirect : undefined;
  if (result.kind !== 'ok') return ctx.settle(source, base, result, redirect);

  const sha256 = digest(Buffer.from(result.body).toString('latin1'), 32);
  const reject = (message: string): SourceReport => {
    ctx.record(source, { kind: 'failed', status: result.status, error: message, redirect, rejected: true });
    return { ...base, status: 'rejected', http: result.status, message: `${message}; keeping the last good copy` };
  };
  if (rater.key) {
    // Signed raters must serve a detached signature at <url>.sig over the exact bytes.
    const sig = await fetchSource({ url: `${result.url}.sig` }, ctx.fetchOptions).catch((e: unknown) => e as Error);
    if (sig instanceof Error || sig.kind !== 'ok') return reject(`signature ${result.url}.sig unavailable: ${sig instanceof Error ? sig.message : sig.status}`);
    if (!verifyDetached(result.body, sig.body, rater.key)) return reject(`signature ${result.url}.sig does not match the key in raters.yaml`);
  }
  // The rollback guard rests on the stored copy, which lives beside the ratings it protects.
  let previous;
  try {
    previous = await ctx.store.readRatings(rater.id);
  } catch (error) {
    if (!(error instanceof ContentFileError)) throw error;
    ctx.damaged.push(error.message);
    return { ...base, status: 'rejected', http: result.status, message: `${error.file}, the last good copy, is damaged, so this file cannot be checked against it; nothing was replaced. Repair that file first` };
  }
  if (state?.sha256 === sha256 || previous?.sha256 === sha256) {
    ctx.record(source, { kind: 'unchanged', status: result.status, etag: result.etag, lastModified: result.lastModified, redirect });
    // A copy stored before the bound is bounded now, without waiting for the rater's next change.
    const bounded = previous && boundPending(previous, known);
    if (bounded?.cut) await ctx.write(ctx.store.writeRatings(bounded.stored));
    return { ...base, status: 'unchanged', http: result.status, ...(bounded?.cut && { problems: [pendingCutLine(bounded)] }) };
  }
  const format = rater.format ?? (/\.csv($|\?)/i.test(rater.url) || /text\/csv/i.test(result.contentType ?? '') ? 'csv' : 'json');
  let parsed;
  try {
    parsed = parseRatings(decodeBody(result.body, result.contentType), { rater: rater.id, contingent: contingentOfRater(ctx.config.contingents, rater.id), url: rater.url, format, scales: ctx.config.scales, sha256 });
  } catch (error) {
    if (error instanceof RatingFileError) return reject(error.message);
    throw error;
  }
  const { problems } = parsed;
  const bounded = boundPending(parsed.stored, known);
  const { stored } = bounded;
  const lastIssued = latest(previous?.issued, state?.issued);
  if (lastIssued && stored.issued && Date.parse(stored.issued) < Date.parse(lastIssued)) {
    return reject(`rollback: issued ${stored.issued} is older than the last accepted copy (${lastIssued})`);
  }
  await ctx.write(ctx.store.writeRatings(stored));
  onAccepted?.(parsed);
  ctx.record(source, { kind: 'changed', status: result.status, etag: result.etag, lastModified: result.lastModified, sha256, items: stored.ratings.length, issued: stored.issued, redirect });
  return {
    ...base,
    status: 'ok',
    http: result.status,
    ratings: { accepted: stored.ratings.length, rejected: problems.length },
    problems: [...problems.map((p) => `${p.row}: ${p.message}`), ...(bounded.cut ? [pendingCutLine(bounded)] : [])],
  };
}

function pendingCutLine({ pending, cut }: BoundedRatings): string {
  const n = (x: number) => x.toLocaleString('en-US');
  return `pending: ${n(pending)} ratings name articles not in the database yet; kept the newest ${n(pending - cut)} (at most ${n(MAX_PENDING_PER_RATER)} per rater), left out the ${n(cut)} oldest. When the file changes it is read again, and those whose articles have arrived count.`;
}

function latest(a: string | undefined, b: string | undefined): string | undefined {
  if (!a || !b) return a ?? b;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}
