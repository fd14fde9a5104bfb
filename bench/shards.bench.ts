// Aggregation split across jobs: the same 500 loopback feeds as `npm run bench aggregate`, fetched
// by one process, then by three shard processes at once (`--shard i/3`) and a `--merge`.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeContentDir } from '../test/helpers/contentDir.ts';
import { serveBenchFeeds } from './aggregate.bench.ts';
import { fmt, measureNode, type Measured } from './lib/measure.ts';

const SCRIPT = fileURLToPath(new URL('../scripts/aggregate.ts', import.meta.url));
const NOW = '2026-11-20T12:00:00Z';

async function aggregate(dir: string, args: string[] = []): Promise<Measured> {
  const run = await measureNode([SCRIPT, '--content', dir, '--json', ...args], { WIDENET_NOW: NOW });
  if (run.code !== 0) throw new Error(`aggregate ${args.join(' ')} failed (${run.code}): ${run.stderr.slice(-2000)}`);
  return run;
}

/**
 * Prints and returns the figures: one whole run against three shards in parallel processes plus
 * their merge, each from the same empty content folder.
 *
 * @example const { shardedSeconds, singleSeconds } = await benchShards();
 */
export async function benchShards(): Promise<Record<string, number>> {
  const { urls, close } = await serveBenchFeeds();
  const work = await mkdtemp(join(tmpdir(), 'widenet-bench-shards-'));
  try {
    const start = await makeContentDir({
      site: { aggregator: { concurrency: 16, perHost: 2, timeoutSeconds: 60, retries: 0 } },
      contingents: urls.map((url, f) => ({ id: `c${f}`, feeds: [url] })),
    });
    const single = join(work, 'single');
    const merged = join(work, 'merged');
    await cp(start, single, { recursive: true });
    await cp(start, merged, { recursive: true });
    const jobs = await Promise.all([1, 2, 3].map(async (i) => (await cp(start, join(work, `job-${i}`), { recursive: true }), join(work, `job-${i}`))));
    await rm(start, { recursive: true, force: true });

    const whole = await aggregate(single);
    const shardStart = performance.now();
    const shards = await Promise.all(jobs.map((dir, i) => aggregate(dir, ['--shard', `${i + 1}/3`, '--out', join(work, `out-${i + 1}`)])));
    const shardMs = performance.now() - shardStart;
    const merge = await aggregate(merged, ['--merge', ...[1, 2, 3].map((i) => join(work, `out-${i}`))]);
    const figures = {
      singleSeconds: whole.wallMs / 1000,
      singlePeakRssMb: whole.peakRssMb,
      shardsSeconds: shardMs / 1000,
      shardPeakRssMb: Math.max(...shards.map((s) => s.peakRssMb)),
      mergeSeconds: merge.wallMs / 1000,
      mergePeakRssMb: merge.peakRssMb,
      shardedSeconds: (shardMs + merge.wallMs) / 1000,
    };
    console.log(`shards: ${urls.length} feeds × 50 items on loopback, one process against three shard processes at once and a merge`);
    console.log(`  one process         ${fmt(figures.singleSeconds, 1)} s · peak RSS ${fmt(figures.singlePeakRssMb)} MB`);
    console.log(`  3 shards, parallel  ${fmt(figures.shardsSeconds, 1)} s · peak RSS ${fmt(figures.shardPeakRssMb)} MB each at most`);
    console.log(`  merge               ${fmt(figures.mergeSeconds, 1)} s · peak RSS ${fmt(figures.mergePeakRssMb)} MB`);
    console.log(`  sharded in all      ${fmt(figures.shardedSeconds, 1)} s (×${fmt(figures.shardedSeconds / figures.singleSeconds, 2)} of one process; here the jobs share ${availableParallelism()} cores, in CI each job has its own machine)`);
    return figures;
  } finally {
    await close();
    await rm(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchShards();
