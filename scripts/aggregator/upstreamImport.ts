// Start from upstream, fetch only what is yours: with `upstream: { url }` in site.yaml, a run first
// imports upstream's export for every contingent and rater both share, and leaves their feeds and
// rating files alone. Anything upstream cannot vouch for is fetched here, and the report says why.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import pLimit from 'p-limit';
import type { Article, SourceState, StoredRatings } from '../../src/lib/config/schema.ts';
import type { DbManifest, Shard } from '../../src/lib/commons/dbFormat.ts';
import { planImport, type ImportState } from '../../src/lib/commons/planImport.ts';
import { normalizeUrl } from '../../src/lib/urls/normalizeUrl.ts';
import type { RunContext } from './runContext.ts';
import { fetchManifest, fetchShard } from './upstreamFetch.ts';
import { carriedUpstreamShares, recordUpstreamShare, type UpstreamShare } from './upstreamShare.ts';
import { toJson, writeAtomic } from './writeAtomic.ts';

/** Shards in flight at once. */
const SHARD_CONCURRENCY = 4;

export interface UpstreamReport {
  url: string;
  /** `failed`: the manifest could not be read, so every source was fetched here. */
  status: 'ok' | 'failed';
  message?: string;
  built?: DbManifest['built'];
  /** Contingents and raters imported from upstream (their sources were not fetched here). */
  contingents: string[];
  raters: string[];
  /** Shared with upstream, but fetched here this run because upstream's shard was refused. */
  fallback: { kind: 'contingent' | 'rater'; owner: string; reason: string }[];
  /** Configured here under upstream's id or feeds, but not the same source: fetched here. */
  notShared: { kind: 'contingent' | 'rater'; id: string; reason: string }[];
  shards: { fetched: number; unchanged: number; bytes: number };
  articles: { new: number; updated: number; unchanged: number };
}

/** What this process imports: all of it, or one shard job's contingents, or the merge job's rating files. */
export interface ImportScope {
  only?: string;
  /** The contingents this job imports (a shard job's); every one when absent. */
  owns?: (contingentId: string) => boolean;
  /** Whether this job imports the rating files and records upstream's sources state. */
  raters: boolean;
}

export interface UpstreamImport {
  report: UpstreamReport;
  /** Configured feed and rating-file URLs that upstream supplied: the run does not fetch them. */
  handled: Set<string>;
}

/**
 * Imports upstream's database into content/ for every shared contingent and rater, checked shard by
 * shard against upstream's manifest. A contingent or rater whose shard is refused falls back to
 * being fetched here; an unreachable or unreadable manifest makes the whole run fetch itself.
 * Articles and rating files are written as upstream stores them, byte for byte.
 *
 * @example const { handled, report } = await importUpstream(ctx); // then skip the jobs of `handled`
 */
export async function importUpstream(ctx: RunContext, scope: ImportScope = { raters: true }): Promise<UpstreamImport> {
  const { only } = scope;
  const owned = (id: string) => (!only || only === id) && (!scope.owns || scope.owns(id));
  const ownsRater = (id: string) => scope.raters && (!only || only === id);
  const owners = ctx.config.contingents.map((c) => c.id).filter(owned);
  const url = withSlash(ctx.config.site.upstream!.url);
  const dataUrl = new URL('data/', url);
  const report: UpstreamReport = { url, status: 'ok', contingents: [], raters: [], fallback: [], notShared: [], shards: { fetched: 0, unchanged: 0, bytes: 0 }, articles: { new: 0, updated: 0, unchanged: 0 } };
  const handled = new Set<string>();
  let manifest: DbManifest;
  try {
    manifest = await fetchManifest(dataUrl, ctx.fetchOptions);
  } catch (error) {
    const failed: UpstreamReport = { ...report, status: 'failed', message: `${(error as Error).message}; fetching every source here` };
    recordUpstreamShare(ctx, shareOf(failed, owners, {}));
    return { report: withCarried(failed, carriedUpstreamShares(ctx)), handled };
  }
  report.built = manifest.built;
  const statePath = join(ctx.contentDir, 'state', 'upstream.json');
  const previous = await readImportState(statePath);
  const planned = planImport({ url, config: ctx.config, manifest, previous, only });
  // A shard job imports its own contingents; the rating files are the finishing job's.
  const plan = { ...planned, contingents: planned.contingents.filter((c) => owned(c.id)), raters: planned.raters.filter((r) => ownsRater(r.id)) };
  report.notShared = planned.notShared.filter((n) => (n.kind === 'contingent' ? owned(n.id) : ownsRater(n.id)));
  const limit = pLimit(SHARD_CONCURRENCY);
  const fetch = (shard: Shard) =>
    limit(async () => {
      const records = await fetchShard(dataUrl, shard, ctx.fetchOptions);
      report.shards.fetched++;
      report.shards.bytes += shard.bytes;
      return records;
    });

  // Upstream's record of each shared source, so /sources/ shows the health upstream sees.
  const imported: Record<string, string> = {};
  let upstreamStates: Record<string, SourceState> = {};
  if (plan.sources) {
    const anyChange = plan.contingents.some((c) => c.changed.length > 0) || plan.raters.some((r) => r.changed);
    const known = previous?.url === url && previous.shards[plan.sources.path] === plan.sources.sha256;
    const sources = known && !anyChange ? undefined : await fetch(plan.sources).catch((error: Error) => void (report.message = `${error.message}; the shared sources keep the health recorded here`));
    if (sources?.kind === 'sources') upstreamStates = sources.sources;
    if (scope.raters && (sources || (known && !anyChange))) imported[plan.sources.path] = plan.sources.sha256;
  }
  const adopt = (sourceUrl: string) => {
    handled.add(sourceUrl);
    const state = upstreamStates[sourceUrl];
    if (state) ctx.states[sourceUrl] = state;
  };

  const forget: string[] = [];
  await Promise.all(
    plan.contingents.map(async (c) => {
      try {
        // Every changed shard of the contingent is checked before any of it is written.
        const shards = await Promise.all(c.changed.map(fetch));
        report.shards.unchanged += c.shards.length - c.changed.length;
        const stored = ctx.store.sync.listArticleIds(c.id);
        for (const records of shards) if (records.kind === 'articles') for (const article of records.articles) writeArticle(ctx, article, stored.has(article.id), report);
        for (const s of c.shards) imported[s.path] = s.sha256;
        report.contingents.push(c.id);
        c.feeds.forEach(adopt);
      } catch (error) {
        report.fallback.push({ kind: 'contingent', owner: c.id, reason: (error as Error).message });
        forget.push(`articles/${c.id}/`);
      }
    }),
  );
  await Promise.all(
    plan.raters.map(async (r) => {
      try {
        if (r.shard && r.changed) {
          const records = await fetch(r.shard);
          if (records.kind === 'ratings') for (const file of records.ratings) await ctx.write(ctx.store.writeRatings(file as StoredRatings));
        } else if (r.shard) report.shards.unchanged++;
        if (r.shard) imported[r.shard.path] = r.shard.sha256;
        report.raters.push(r.id);
        adopt(r.url);
      } catch (error) {
        report.fallback.push({ kind: 'rater', owner: r.id, reason: (error as Error).message });
        forget.push(`ratings/${r.id}.`);
      }
    }),
  );
  const mine = Object.fromEntries(Object.entries(imported).filter(([path]) => !forget.some((prefix) => path.startsWith(prefix))));
  recordUpstreamShare(ctx, shareOf(report, owners, mine));

  // What the next run need not download again: what this job and the shard jobs imported, and the
  // earlier records of the owners no job here answered for (--only, a shard that did not report).
  const shares = carriedUpstreamShares(ctx);
  const answered = (path: string) => {
    const owner = ownerOf(path);
    if (owner.kind === 'contingent') return owned(owner.id) || shares.some((s) => s.owners.includes(owner.id));
    return owner.kind === 'rater' ? ownsRater(owner.id) : scope.raters && !only;
  };
  const kept = previous?.url === url ? Object.entries(previous.shards).filter(([path]) => !answered(path)) : [];
  const shards = Object.fromEntries([...kept, ...shares.flatMap((s) => Object.entries(s.shards)), ...Object.entries(mine)].sort(([a], [b]) => a.localeCompare(b)));
  await ctx.write(writeAtomic(statePath, toJson({ url, built: manifest.built, shards } satisfies ImportState)));
  return { report: withCarried(report, shares), handled };
}

/** Which contingent or rater a shard path belongs to. */
function ownerOf(path: string): { kind: 'contingent' | 'rater'; id: string } | { kind: 'sources' } {
  const [kind, id] = path.replace(/\.jsonl\.gz$/, '').split('/');
  return kind === 'articles' ? { kind: 'contingent', id: id! } : kind === 'ratings' ? { kind: 'rater', id: id! } : { kind: 'sources' };
}

function shareOf(report: UpstreamReport, owners: string[], shards: Record<string, string>): UpstreamShare {
  return {
    status: report.status,
    ...(report.message && { message: report.message }),
    owners,
    shards,
    contingents: report.contingents,
    fallback: report.fallback.filter((f) => f.kind === 'contingent'),
    notShared: report.notShared.filter((n) => n.kind === 'contingent'),
    counts: { ...report.shards, new: report.articles.new, updated: report.articles.updated, unchanged_articles: report.articles.unchanged },
  };
}

/** The merge job's report, with what the shard jobs imported. */
function withCarried(report: UpstreamReport, shares: UpstreamShare[]): UpstreamReport {
  const out = structuredClone(report);
  for (const s of shares) {
    out.contingents.push(...s.contingents);
    out.fallback.push(...s.fallback);
    out.notShared.push(...s.notShared);
    out.shards.fetched += s.counts.fetched;
    out.shards.unchanged += s.counts.unchanged;
    out.shards.bytes += s.counts.bytes;
    out.articles.new += s.counts.new;
    out.articles.updated += s.counts.updated;
    out.articles.unchanged += s.counts.unchanged_articles;
    if (s.status === 'failed' && s.message && !out.message?.includes(s.message)) out.message = [out.message, `a shard job: ${s.message}`].filter(Boolean).join('; ');
  }
  out.contingents.sort();
  out.raters.sort();
  out.fallback.sort((a, b) => a.owner.localeCompare(b.owner));
  out.notShared.sort((a, b) => a.id.localeCompare(b.id));
  return out;
}

/** Writes an imported article as upstream stores it, and counts it; a new URL joins the copy index. */
function writeArticle(ctx: RunContext, article: Article, existed: boolean, report: UpstreamReport): void {
  // Synchronous: thousands of small files at once, and a third of the time on a busy machine.
  const changed = ctx.store.sync.writeArticle(article, { isNew: !existed });
  if (changed) ctx.counters.filesWritten++;
  report.articles[!changed ? 'unchanged' : existed ? 'updated' : 'new']++;
  if (changed && !existed && article.url) ctx.newUrls.set(article.id, normalizeUrl(article.url));
}

async function readImportState(path: string): Promise<ImportState | undefined> {
  try {
    const data = JSON.parse(await readFile(path, 'utf8')) as ImportState;
    return typeof data?.url === 'string' && data.shards && typeof data.shards === 'object' ? data : undefined;
  } catch {
    return undefined;
  }
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
