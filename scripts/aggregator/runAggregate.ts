// One aggregation run: schedules every feed and rating file politely, then writes the shared state.
import pLimit from 'p-limit';
import type { Config } from '../../src/lib/check/validateConfig.ts';
import { ConfigError } from '../../src/lib/check/configError.ts';
import { totalsOf, type AggregateReport, type SourceReport } from './aggregateReport.ts';
import { createContentStore } from './contentStore.ts';
import { feedJob } from './feedJob.ts';
import { createHostLimiter } from './hostLimiter.ts';
import type { IngestResult, IngestTask } from './ingestFeed.ts';
import { ratingsJob } from './ratingsJob.ts';
import { createRunContext } from './runContext.ts';
import { loadUrlIndex, updateCopies } from './urlIndex.ts';

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
  if (opts.only && !config.contingents.some((c) => c.id === opts.only) && !config.raters.some((r) => r.id === opts.only)) {
    throw new ConfigError([{ file: '--only', message: `no contingent or rater has the id "${opts.only}". Check contingents.yaml and raters.yaml.` }]);
  }
  const store = createContentStore(opts.contentDir);
  await store.removeStaleTemps();
  const ctx = createRunContext({ config, contentDir: opts.contentDir, now: opts.now ?? new Date(), store, states: await store.readSources(), backoffMs: opts.backoffMs, fetch: opts.fetch });
  const urlIndex = await loadUrlIndex(store);

  const jobs: Job[] = [];
  for (const contingent of config.contingents) {
    if (opts.only && opts.only !== contingent.id) continue;
    // A contingent's feeds run one after another, since two feeds may carry the same article.
    const serial = pLimit(1);
    for (const url of contingent.feeds) {
      jobs.push({ kind: 'feed', owner: contingent.id, url, run: () => serial(() => feedJob(ctx, contingent, url, opts.ingestFeed)) });
    }
  }
  for (const rater of config.raters) {
    if (opts.only && opts.only !== rater.id) continue;
    jobs.push({ kind: 'ratings', owner: rater.id, url: rater.url, run: () => ratingsJob(ctx, rater) });
  }

  const limiter = createHostLimiter({ concurrency: config.site.aggregator.concurrency, perHost: config.site.aggregator.perHost });
  let done = 0;
  const reports = await Promise.all(
    jobs.map((job) =>
      limiter.run(ctx.states[job.url]?.redirect ?? job.url, async () => {
        opts.onProgress?.(done, jobs.length, `${job.owner} ${job.url}`);
        const report = await job.run().catch((error: unknown) => ctx.failedReport(job, error));
        opts.onProgress?.(++done, jobs.length, `${job.owner} ${job.url}`);
        return report;
      }),
    ),
  );

  await updateCopies(store, urlIndex, ctx.newUrls, ctx.write);
  if (!opts.only) {
    // A feed removed from the config leaves /sources/; its articles stay in the database.
    const configured = new Set(jobs.map((j) => j.url));
    for (const url of Object.keys(ctx.states)) if (!configured.has(url)) delete ctx.states[url];
  }
  await ctx.write(store.writeSources(ctx.states));
  return { sources: reports, totals: totalsOf(reports, ctx.counters.filesWritten) };
}
