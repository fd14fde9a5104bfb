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
export async function importUpstream(ctx: RunContext, only?: string): Promise<UpstreamImport> {
  const url = withSlash(ctx.config.site.upstream!.url);
  const dataUrl = new URL('data/', url);
  const report: UpstreamReport = { url, status: 'ok', contingents: [], raters: [], fallback: [], notShared: [], shards: { fetched: 0, unchanged: 0, bytes: 0 }, articles: { new: 0, updated: 0, unchanged: 0 } };
  const handled = new Set<string>();
  let manifest: DbManifest;
  try {
    manifest = await fetchManifest(dataUrl, ctx.fetchOptions);
  } catch (error) {
    return { report: { ...report, status: 'failed', message: `${(error as Error).message}; fetching every source here` }, handled };
  }
  report.built = manifest.built;
  const statePath = join(ctx.contentDir, 'state', 'upstream.json');
  const previous = await readImportState(statePath);
  const plan = planImport({ url, config: ctx.config, manifest, previous, only });
  report.notShared = plan.notShared;
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
    if (sources || (known && !anyChange)) imported[plan.sources.path] = plan.sources.sha256;
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
  report.contingents.sort();
  report.raters.sort();
  report.fallback.sort((a, b) => a.owner.localeCompare(b.owner));

  // What the next run need not download again. With --only, the other owners' records stand.
  const kept = only && previous?.url === url ? previous.shards : {};
  const shards = Object.fromEntries(Object.entries({ ...kept, ...imported }).filter(([path]) => !forget.some((prefix) => path.startsWith(prefix))).sort(([a], [b]) => a.localeCompare(b)));
  await ctx.write(writeAtomic(statePath, toJson({ url, built: manifest.built, shards } satisfies ImportState)));
  return { report, handled };
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
