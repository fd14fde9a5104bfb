// One contingent feed in a run: fetch it, hand a changed body to the ingester, record the outcome.
import type { Contingent } from '../../src/lib/config/schema.ts';
import { digest } from '../../src/lib/ingest/articleId.ts';
import { emptyReport, type SourceReport } from './aggregateReport.ts';
import type { IngestResult, IngestTask } from './ingestFeed.ts';
import type { RunContext } from './runContext.ts';

/**
 * Fetches `url` for `contingent` and merges it into content/ through `ingestFeed` (a worker pool in
 * real runs). A body identical to the last one (same SHA-256) is not parsed again.
 */
export async function feedJob(ctx: RunContext, contingent: Contingent, url: string, ingestFeed: (task: IngestTask) => Promise<IngestResult>): Promise<SourceReport> {
  const source = { kind: 'feed' as const, owner: contingent.id, url };
  const base = emptyReport(source);
  const fetched = await ctx.fetchFor(url);
  if ('skipped' in fetched) return { ...base, status: fetched.state?.gone ? 'gone' : 'skipped', message: fetched.skipped };
  const { result, state } = fetched;
  const redirect = 'permanentRedirect' in result ? result.permanentRedirect : undefined;
  if (result.kind !== 'ok') return ctx.settle(source, base, result, redirect);

  const sha256 = digest(Buffer.from(result.body).toString('latin1'), 32);
  if (state?.sha256 === sha256) {
    ctx.record(source, { kind: 'unchanged', status: result.status, etag: result.etag, lastModified: result.lastModified, redirect });
    return { ...base, status: 'unchanged', http: result.status };
  }
  // First fetch of this feed: its old items are the contingent's backlog, kept off the top of listings.
  const backlogDays = ctx.config.site.aggregator.backlogDays;
  const backlogBefore = state ? undefined : new Date(ctx.now.getTime() - backlogDays * 86_400_000).toISOString();
  const ingested = await ingestFeed({
    contentDir: ctx.contentDir,
    contingent: { id: contingent.id, license: contingent.license },
    body: result.body,
    contentType: result.contentType,
    url: result.url,
    now: ctx.now.toISOString(),
    backlogBefore,
  });
  base.articles = ingested.articles;
  if (ingested.recovered) base.recovered = ingested.recovered;
  ctx.counters.filesWritten += ingested.filesWritten;
  for (const [id, normalized] of ingested.newUrls) ctx.newUrls.set(id, normalized);
  ctx.damaged.push(...ingested.damaged);
  ctx.record(source, { kind: 'changed', status: result.status, etag: result.etag, lastModified: result.lastModified, sha256, items: ingested.items, redirect });
  return { ...base, status: 'ok', http: result.status };
}
