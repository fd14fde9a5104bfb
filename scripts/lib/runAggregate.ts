import pLimit from 'p-limit';
import { articleId, digest } from '../../src/lib/articleId.ts';
import { decodeBody } from '../../src/lib/decodeBody.ts';
import { mergeArticle, type ArticleChange } from '../../src/lib/mergeArticle.ts';
import { normalizeUrl } from '../../src/lib/normalizeUrl.ts';
import type { ParsedFeed } from '../../src/lib/parseFeed.ts';
import { parseRatings, RatingFileError } from '../../src/lib/parseRatings.ts';
import type { Contingent, Rater, SourceState } from '../../src/lib/schema.ts';
import { verifyDetached } from '../../src/lib/signature.ts';
import { nextSourceState, skipReason, type SourceOutcome } from '../../src/lib/sourceState.ts';
import type { Config } from '../../src/lib/validateConfig.ts';
import { createContentStore, type ContentStore } from './contentStore.ts';
import { FeedFetchError } from './errors.ts';
import { fetchSource, type FetchOptions, type FetchResult } from './fetchSource.ts';
import { createHostLimiter } from './hostLimiter.ts';
import { ConfigError } from '../../src/lib/configError.ts';

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

/** Parses a decoded feed body; injectable so a worker pool can do it off the main thread. */
export type FeedParser = (text: string, url: string) => Promise<ParsedFeed>;

export interface AggregateOptions {
  contentDir: string;
  config: Config;
  parseFeed: FeedParser;
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

  await updateCopies(store, newUrls, write);
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
    const feed = await opts.parseFeed(decodeBody(result.body, result.contentType), result.url);
    // First fetch of this feed: its old items are the contingent's backlog, kept off the top of listings.
    const backlogBefore = state ? undefined : new Date(now.getTime() - a.backlogDays * 86_400_000).toISOString();
    const stored = await store.listArticleIds(contingent.id);
    const unique = new Map<string, (typeof feed.items)[number]>();
    for (const item of feed.items) {
      const id = articleId(contingent.id, item);
      if (!unique.has(id)) unique.set(id, item); // duplicates within a feed collapse to the first
    }
    // Articles are independent files, so a feed's items are merged and written a few at a time.
    const writes = pLimit(8);
    await Promise.all(
      [...unique].map(([id, item]) =>
        writes(async () => {
          const existing = stored.has(id) ? await store.readArticle(contingent.id, id) : undefined;
          const { article, change } = mergeArticle(existing, item, { contingent, now: nowIso, backlogBefore });
          base.articles[change]++;
          if (change !== 'unchanged') await write(store.writeArticle(article, { isNew: !stored.has(id) }));
          if (change === 'new' && article.url) newUrls.set(article.id, normalizeUrl(article.url));
        }),
      ),
    );
    record(job, { kind: 'changed', status: result.status, etag: result.etag, lastModified: result.lastModified, sha256, items: feed.items.length, redirect });
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

/** When two contingents carry the same URL, both copies are kept and each records the other. */
async function updateCopies(store: ContentStore, newUrls: Map<string, string>, write: (p: Promise<boolean>) => Promise<void>) {
  let index = await store.readUrlIndex();
  let check: Iterable<string>;
  if (index) {
    for (const [id, url] of newUrls) if (!(index[url] ??= []).includes(id)) index[url].push(id);
    check = new Set(newUrls.values());
  } else {
    // The index is derived data: rebuild it from the articles when it is missing or damaged.
    index = {};
    for (const { contingent, id } of await store.listArticleFiles()) {
      const article = await store.readArticle(contingent, id);
      if (article?.url) (index[normalizeUrl(article.url)] ??= []).push(article.id);
    }
    check = Object.keys(index);
  }
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
