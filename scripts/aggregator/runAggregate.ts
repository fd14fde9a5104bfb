// One aggregation run: schedules every feed and rating file politely, then writes the shared state.
import pLimit from 'p-limit';
import type { Config } from '../../src/lib/check/validateConfig.ts';
import { ConfigError } from '../../src/lib/check/configError.ts';
import { totalsOf, type AggregateReport, type SourceReport } from './aggregateReport.ts';
import { createContentStore } from './contentStore.ts';
import { isLocalFault, LocalFaultError } from './diskErrors.ts';
import { feedJob } from './feedJob.ts';
import { createHostLimiter } from './hostLimiter.ts';
import type { IngestResult, IngestTask } from './ingestFeed.ts';
import { ratingsJob } from './ratingsJob.ts';
import { createRunContext } from './runContext.ts';
import { discoverRaters, type RunSource } from './discoverRaters.ts';
import { acquireRunLock } from './runLock.ts';
import type { RunScope } from './runScope.ts';
import { importUpstream } from './upstreamImport.ts';
import { knownArticles, loadUrlIndex, updateCopies } from './urlIndex.ts';

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
  /** One share of a run split across jobs (`--shard i/n`, `--merge`); the whole run when absent. */
  scope?: RunScope;
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
 * It holds content/.aggregate.lock throughout (AggregateLockedError when another run has it), stops
 * on a damaged sources state (ContentFileError) before changing anything, and on a full disk
 * (LocalFaultError) with every file still valid.
 */
export async function runAggregate(opts: AggregateOptions): Promise<AggregateReport> {
  const { config } = opts;
  if (opts.only && !config.contingents.some((c) => c.id === opts.only) && !config.raters.some((r) => r.id === opts.only)) {
    throw new ConfigError([{ file: '--only', message: `no contingent or rater has the id "${opts.only}". Check contingents.yaml and raters.yaml.` }]);
  }
  const lock = await acquireRunLock(opts.contentDir).catch((error: unknown) => {
    throw isLocalFault(error) ? new LocalFaultError(error) : error;
  });
  try {
    return await runLocked(opts);
  } catch (error) {
    throw isLocalFault(error) && !(error instanceof LocalFaultError) ? new LocalFaultError(error) : error;
  } finally {
    await lock.release();
  }
}

async function runLocked(opts: AggregateOptions): Promise<AggregateReport> {
  const { config } = opts;
  const store = createContentStore(opts.contentDir);
  const states = await store.readSources();
  await store.removeStaleTemps();
  const ctx = createRunContext({ config, contentDir: opts.contentDir, now: opts.now ?? new Date(), store, states, backoffMs: opts.backoffMs, fetch: opts.fetch });
  const urlIndex = await loadUrlIndex(store, ctx.damaged);
  const known = knownArticles(urlIndex, ctx.newUrls);
  const scope = opts.scope;
  const carried = (await scope?.prepare?.(ctx)) ?? [];
  // What upstream supplies (site.yaml `upstream`) is imported, not fetched again.
  const upstream = config.site.upstream ? await importUpstream(ctx, { only: opts.only, owns: scope?.feeds, raters: !scope || scope.finishes }) : undefined;
  const fromUpstream = upstream?.handled ?? new Set<string>();

  const jobs: Job[] = [];
  for (const contingent of config.contingents) {
    if ((opts.only && opts.only !== contingent.id) || (scope && !scope.feeds(contingent.id))) continue;
    // A contingent's feeds run one after another, since two feeds may carry the same article.
    const serial = pLimit(1);
    for (const url of contingent.feeds) {
      if (fromUpstream.has(url)) continue;
      jobs.push({ kind: 'feed', owner: contingent.id, url, run: () => serial(() => feedJob(ctx, contingent, url, opts.ingestFeed)) });
    }
  }
  for (const rater of config.raters) {
    if ((opts.only && opts.only !== rater.id) || (scope && !scope.finishes)) continue;
    if (fromUpstream.has(rater.url)) continue;
    jobs.push({ kind: 'ratings', owner: rater.id, url: rater.url, run: () => ratingsJob(ctx, rater, known) });
  }

  const limiter = createHostLimiter({ concurrency: config.site.aggregator.concurrency, perHost: config.site.aggregator.perHost });
  let done = 0;
  let total = jobs.length;
  // A local fault (full disk, read-only folder) is no source's fault: it stops the run, unrecorded.
  let fault: NodeJS.ErrnoException | undefined;
  const runSource: RunSource = (job, run) =>
    limiter.run(ctx.states[job.url]?.redirect ?? job.url, async () => {
      if (fault) return undefined;
      opts.onProgress?.(done, total, `${job.owner} ${job.url}`);
      const report = await run().catch((error: unknown) => {
        if (isLocalFault(error)) return void (fault ??= error);
        return ctx.failedReport(job, error);
      });
      opts.onProgress?.(++done, total, `${job.owner} ${job.url}`);
      return report;
    });
  const reports = [...carried, ...(await Promise.all(jobs.map((job) => runSource(job, job.run))))];
  if (fault) throw new LocalFaultError(fault);
  if (scope && !scope.finishes) {
    await scope.handOff?.(ctx, reports.filter((r) => r !== undefined));
    return { sources: reports.filter((r) => r !== undefined), totals: totalsOf(reports.filter((r) => r !== undefined), ctx.counters.filesWritten) };
  }

  // Raters found through trust, once the listed raters' files are in (never for a run with --only).
  const discovery = opts.only
    ? { reports: [], urls: [] }
    : await discoverRaters(ctx, (job, run) => (total++, runSource(job, run)), known);
  if (fault) throw new LocalFaultError(fault);
  reports.push(...discovery.reports);

  await updateCopies(store, urlIndex, ctx.newUrls, ctx.write, ctx.damaged);
  if (!opts.only) {
    // A feed removed from the config leaves /sources/; its articles stay in the database.
    const configured = new Set([...jobs.map((j) => j.url), ...discovery.urls, ...fromUpstream, ...(scope ? config.contingents.flatMap((c) => c.feeds) : [])]);
    for (const url of Object.keys(ctx.states)) if (!configured.has(url)) delete ctx.states[url];
  }
  await ctx.write(store.writeSources(ctx.states));
  const sources = reports.filter((r) => r !== undefined);
  const totals = { ...totalsOf(sources, ctx.counters.filesWritten), stored: (await store.listArticleFiles()).length };
  return { sources, totals, ...(upstream && { upstream: upstream.report }), ...(ctx.damaged.length > 0 && { damaged: [...new Set(ctx.damaged)].sort() }) };
}
