import pLimit from 'p-limit';
import { digest } from '../../src/lib/ingest/articleId.ts';
import { decodeBody } from '../../src/lib/ingest/decodeBody.ts';
import type { ArticleChange } from '../../src/lib/ingest/mergeArticle.ts';
import { normalizeUrl } from '../../src/lib/urls/normalizeUrl.ts';
import { parseRatings, RatingFileError } from '../../src/lib/ratings/parseRatings.ts';
import type { Contingent, Rater, SourceState } from '../../src/lib/config/schema.ts';
import { verifyDetached } from '../../src/lib/ratings/signature.ts';
import { nextSourceState, skipReason, type SourceOutcome } from '../../src/lib/ingest/sourceState.ts';
import type { Config } from '../../src/lib/check/validateConfig.ts';
import { createContentStore, type ContentStore } from './contentStore.ts';
import { FeedFetchError } from './fetchErrors.ts';
import { fetchSource, type FetchOptions, type FetchResult } from './fetchSource.ts';
import { createHostLimiter } from './hostLimiter.ts';
import type { IngestResult, IngestTask } from './ingestFeed.ts';
import { ConfigError } from '../../src/lib/check/configError.ts';

export const USER_AGENT = 'WideNet/0.1 (+https://github.com/wide-net/wide-net; feed aggregator for a public-domain news database)';

export type SourceStatus = 'ok' | 'unchanged' | 'failed' | 'skipped' | 'gone' | 'retry-later' | 'rejected';

export interface SourceReport {
  kind: 'feed' | 'ratings';
  owner: string;
  url: string;
  status: SourceStatus;
  http?: number;
  message?: string;
  articles: Record<ArticleChange, number>;
  ratings?: { accepted: number; rejected: number };
  problems?: string[];
}

export interface AggregateReport {
  sources: SourceReport[];
  totals: {
    sources: number;
    ok: number;
    failed: number;
    articles: Record<ArticleChange, number>;
    ratingFiles: number;
    ratingsAccepted: number;
    ratingsRejected: number;
    filesWritten: number;
  };
}


export interface AggregateOptions {
  contentDir: string;
  config: Config;
  /** Merges a fetched feed into content/; a worker pool in real runs, `ingestFeed` in-process in tests. */
  ingestFeed: (task: IngestTask) => Promise<IngestResult>;
  now?: Date;
  only?: string;
  fetch?: typeof globalThis.fetch;
  backoffMs?: number;
  onProgress?: (done: number, total: number, current: string) => void;
}

interface Job {
  kind: 'feed' | 'ratings';
  owner: string;
  url: string;
  run: () => Promise<SourceReport>;
}

/**
 * One aggregation run: fetches every feed and rating file politely, merges them into content/,
 * and reports on each source. One bad source never stops the run; nothing stored is ever deleted.
 */
export async function runAggregate(opts: AggregateOptions): Promise<AggregateReport> {
  const { config } = opts;
  const now = opts.now ?? new Date();
  const nowIso = now.toISOString();
  const store = createContentStore(opts.contentDir);
  await store.removeStaleTemps();
  const states = await store.readSources();
  const urlIndex = await loadUrlIndex(store);
  const a = config.site.aggregator;
  const fetchOptions: FetchOptions = {
    userAgent: USER_AGENT,
    timeoutMs: a.timeoutSeconds * 1000,
    maxBytes: a.maxBytes,
    retries: a.retries,
    backoffMs: opts.backoffMs,
    now: () => now,
    fetch: opts.fetch,
  };
  const counters = { filesWritten: 0 };
  const newUrls = new Map<string, string>();
  const write = async (p: Promise<boolean>) => {
    if (await p) counters.filesWritten++;
  };

  if (opts.only && !config.contingents.some((c) => c.id === opts.only) && !config.raters.some((r) => r.id === opts.only)) {
    throw new ConfigError([{ file: '--only', message: `no contingent or rater has the id "${opts.only}". Check contingents.yaml and raters.yaml.` }]);
  }

  const jobs: Job[] = [];
  for (const contingent of config.contingents) {
    if (opts.only && opts.only !== contingent.id) continue;
    // A contingent's feeds run one after another, since two feeds may carry the same article.
    const serial = pLimit(1);
    for (const url of contingent.feeds) {
      jobs.push({ kind: 'feed', owner: contingent.id, url, run: () => serial(() => feedJob(contingent, url)) });
    }
  }
  for (const rater of config.raters) {
    if (opts.only && opts.only !== rater.id) continue;
    jobs.push({ kind: 'ratings', owner: rater.id, url: rater.url, run: () => ratingsJob(rater) });
  }

  const limiter = createHostLimiter({ concurrency: a.concurrency, perHost: a.perHost });
  let done = 0;
  const reports = await Promise.all(
    jobs.map((job) =>
      limiter.run(states[job.url]?.redirect ?? job.url, async () => {
        opts.onProgress?.(done, jobs.length, `${job.owner} ${job.url}`);
        const report = await job.run().catch((error: unknown) => failedReport(job, error));
        opts.onProgress?.(++done, jobs.length, `${job.owner} ${job.url}`);
        return report;
      }),
    ),
  );

  await updateCopies(store, urlIndex, newUrls, write);
  if (!opts.only) {
    // A feed removed from the config leaves /sources/; its articles stay in the database.
    const configured = new Set(jobs.map((j) => j.url));
    for (const url of Object.keys(states)) if (!configured.has(url)) delete states[url];
  }
  await write(store.writeSources(states));
  return { sources: reports, totals: totalsOf(reports, counters.filesWritten) };

  function record(job: Pick<Job, 'kind' | 'owner' | 'url'>, outcome: SourceOutcome) {
    states[job.url] = nextSourceState(states[job.url], { kind: job.kind, owner: job.owner, url: job.url }, outcome, now);
  }

  async function fetchFor(url: string): Promise<{ result: FetchResult; state?: SourceState } | { skipped: string; state?: SourceState }> {
    const state = states[url];
    const skipped = skipReason(state, now);
    if (skipped) return { skipped, state };
    const result = await fetchSource({ url: state?.redirect ?? url, etag: state?.etag, lastModified: state?.lastModified }, fetchOptions);
    return { result, state };
  }

  async function feedJob(contingent: Contingent, url: string): Promise<SourceReport> {
    const job = { kind: 'feed' as const, owner: contingent.id, url };
    const base = emptyReport(job);
    const fetched = await fetchFor(url);
    if ('skipped' in fetched) return { ...base, status: fetched.state?.gone ? 'gone' : 'skipped', message: fetched.skipped };
    const { result, state } = fetched;
    const redirect = 'permanentRedirect' in result ? result.permanentRedirect : undefined;
    if (result.kind !== 'ok') return settle(job, base, result, redirect);

    const sha256 = digest(Buffer.from(result.body).toString('latin1'), 32);
    if (state?.sha256 === sha256) {
      record(job, { kind: 'unchanged', status: result.status, etag: result.etag, lastModified: result.lastModified, redirect });
      return { ...base, status: 'unchanged', http: result.status };
    }
    // First fetch of this feed: its old items are the contingent's backlog, kept off the top of listings.
    const backlogBefore = state ? undefined : new Date(now.getTime() - a.backlogDays * 86_400_000).toISOString();
    const ingested = await opts.ingestFeed({ contentDir: opts.contentDir, contingent: { id: contingent.id, license: contingent.license }, body: result.body, contentType: result.contentType, url: result.url, now: nowIso, backlogBefore });
    base.articles = ingested.articles;
    counters.filesWritten += ingested.filesWritten;
    for (const [id, normalized] of ingested.newUrls) newUrls.set(id, normalized);
    record(job, { kind: 'changed', status: result.status, etag: result.etag, lastModified: result.lastModified, sha256, items: ingested.items, redirect });
    return { ...base, status: 'ok', http: result.status };
  }

  async function ratingsJob(rater: Rater): Promise<SourceReport> {
    const job = { kind: 'ratings' as const, owner: rater.id, url: rater.url };
    const base: SourceReport = { ...emptyReport(job), ratings: { accepted: 0, rejected: 0 } };
    const fetched = await fetchFor(rater.url);
    if ('skipped' in fetched) return { ...base, status: fetched.state?.gone ? 'gone' : 'skipped', message: fetched.skipped };
    const { result, state } = fetched;
    const redirect = 'permanentRedirect' in result ? result.permanentRedirect : undefined;
    if (result.kind !== 'ok') return settle(job, base, result, redirect);

    const sha256 = digest(Buffer.from(result.body).toString('latin1'), 32);
    const reject = (message: string): SourceReport => {
      record(job, { kind: 'failed', status: result.status, error: message, redirect, rejected: true });
      return { ...base, status: 'rejected', http: result.status, message: `${message}; keeping the last good copy` };
    };
    if (rater.key) {
      // Signed raters must serve a detached signature at <url>.sig over the exact bytes.
      const sig = await fetchSource({ url: `${result.url}.sig` }, fetchOptions).catch((e: unknown) => e as Error);
      if (sig instanceof Error || sig.kind !== 'ok') return reject(`signature ${result.url}.sig unavailable: ${sig instanceof Error ? sig.message : sig.status}`);
      if (!verifyDetached(result.body, sig.body, rater.key)) return reject(`signature ${result.url}.sig does not match the key in raters.yaml`);
    }
    if (state?.sha256 === sha256) {
      record(job, { kind: 'unchanged', status: result.status, etag: result.etag, lastModified: result.lastModified, redirect });
      return { ...base, status: 'unchanged', http: result.status };
    }
    const format = rater.format ?? (/\.csv($|\?)/i.test(rater.url) || /text\/csv/i.test(result.contentType ?? '') ? 'csv' : 'json');
    let parsed;
    try {
      parsed = parseRatings(decodeBody(result.body, result.contentType), { rater: rater.id, url: rater.url, format, scales: config.scales, sha256 });
    } catch (error) {
      if (error instanceof RatingFileError) return reject(error.message);
      throw error;
    }
    const { stored, problems } = parsed;
    if (state?.issued && stored.issued && Date.parse(stored.issued) < Date.parse(state.issued)) {
      return reject(`rollback: issued ${stored.issued} is older than the last accepted copy (${state.issued})`);
    }
    await write(store.writeRatings(stored));
    record(job, { kind: 'changed', status: result.status, etag: result.etag, lastModified: result.lastModified, sha256, items: stored.ratings.length, issued: stored.issued, redirect });
    return {
      ...base,
      status: 'ok',
      http: result.status,
      ratings: { accepted: stored.ratings.length, rejected: problems.length },
      problems: problems.map((p) => `${p.row}: ${p.message}`),
    };
  }

  function settle(job: Pick<Job, 'kind' | 'owner' | 'url'>, base: SourceReport, result: Exclude<FetchResult, { kind: 'ok' }>, redirect?: string): SourceReport {
    switch (result.kind) {
      case 'not-modified':
        record(job, { kind: 'unchanged', status: 304, etag: result.etag, lastModified: result.lastModified, redirect });
        return { ...base, status: 'unchanged', http: 304 };
      case 'gone':
        record(job, { kind: 'gone', status: 410, redirect });
        return { ...base, status: 'gone', http: 410, message: '410 Gone: polling stopped, articles kept' };
      case 'retry-later':
        record(job, { kind: 'retry-later', status: result.status, retryAfter: result.retryAfter });
        return { ...base, status: 'retry-later', http: result.status, message: `asked to retry after ${result.retryAfter}` };
    }
  }

  function failedReport(job: Job, error: unknown): SourceReport {
    const status = error instanceof FeedFetchError ? error.status : undefined;
    const message = error instanceof Error ? error.message : String(error);
    record(job, { kind: 'failed', status, error: message });
    return { ...emptyReport(job), status: 'failed', http: status, message };
  }
}

/**
 * The URL index (normalized URL → article ids) as it stood before this run. It is derived data:
 * when it is missing or damaged it is rebuilt from the stored articles, before new ones arrive.
 */
async function loadUrlIndex(store: ContentStore): Promise<{ index: Record<string, string[]>; rebuilt: boolean }> {
  const index = await store.readUrlIndex();
  if (index) return { index, rebuilt: false };
  const rebuilt: Record<string, string[]> = {};
  for (const { contingent, id } of await store.listArticleFiles()) {
    const article = await store.readArticle(contingent, id);
    if (article?.url) (rebuilt[normalizeUrl(article.url)] ??= []).push(article.id);
  }
  return { index: rebuilt, rebuilt: true };
}

/** When two contingents carry the same URL, both copies are kept and each records the other. */
async function updateCopies(store: ContentStore, { index, rebuilt }: { index: Record<string, string[]>; rebuilt: boolean }, newUrls: Map<string, string>, write: (p: Promise<boolean>) => Promise<void>) {
  for (const [id, url] of newUrls) if (!(index[url] ??= []).includes(id)) index[url].push(id);
  const check = rebuilt ? Object.keys(index) : new Set(newUrls.values());
  for (const url of check) {
    const ids = index[url] ?? [];
    if (ids.length < 2) continue;
    for (const id of ids) {
      const article = await store.readArticle(contingentOf(id), id);
      if (!article) continue;
      const others = ids.filter((o) => contingentOf(o) !== article.contingent).sort();
      if (others.length === 0 || JSON.stringify(article.alsoIn ?? []) === JSON.stringify(others)) continue;
      await write(store.writeArticle({ ...article, alsoIn: others }));
    }
  }
  await write(store.writeUrlIndex(index));
}

// Ids are "<contingent>-<12 hex digits>".
function contingentOf(id: string): string {
  return id.slice(0, -13);
}

function emptyReport(job: Pick<Job, 'kind' | 'owner' | 'url'>): SourceReport {
  return { kind: job.kind, owner: job.owner, url: job.url, status: 'ok', articles: { new: 0, revised: 0, updated: 0, unchanged: 0 } };
}

function totalsOf(reports: SourceReport[], filesWritten: number): AggregateReport['totals'] {
  const articles = { new: 0, revised: 0, updated: 0, unchanged: 0 };
  for (const r of reports) for (const k of Object.keys(articles) as ArticleChange[]) articles[k] += r.articles[k];
  const failing = new Set<SourceStatus>(['failed', 'rejected']);
  return {
    sources: reports.length,
    ok: reports.filter((r) => !failing.has(r.status)).length,
    failed: reports.filter((r) => failing.has(r.status)).length,
    articles,
    ratingFiles: reports.filter((r) => r.kind === 'ratings' && r.status === 'ok').length,
    ratingsAccepted: reports.reduce((n, r) => n + (r.ratings?.accepted ?? 0), 0),
    ratingsRejected: reports.reduce((n, r) => n + (r.ratings?.rejected ?? 0), 0),
    filesWritten,
  };
}
