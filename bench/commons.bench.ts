// The shared database: the public export (/data/) of the 10,000-article bench network, and a fork
// importing it on loopback: size, export time cold and warm, import time cold, warm (nothing new),
// and after an hour's news (one month's shard of a few contingents changed).
import { cp, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeDatabase } from '../scripts/aggregator/writeDatabase.ts';
import { ingestFeed } from '../scripts/aggregator/ingestFeed.ts';
import { runAggregate } from '../scripts/aggregator/runAggregate.ts';
import { loadConfig } from '../scripts/cli/loadConfig.ts';
import { toJson } from '../scripts/aggregator/writeAtomic.ts';
import { writeDataExport } from '../src/astro/dataExport.ts';
import { makeBuildWorkDir } from '../test/helpers/buildSite.ts';
import { serveDir } from '../test/helpers/serveDir.ts';
import { GENERATED_NOW, generateDatabase } from './generateDatabase.ts';
import { fmt } from './lib/measure.ts';

const SIZE = { articles: 10_000, contingents: 50, raters: 20, ratings: 30_000, seed: 1 };

async function du(dir: string): Promise<number> {
  let bytes = 0;
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) if (e.isFile()) bytes += (await stat(join(e.parentPath, e.name))).size;
  return bytes;
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await run();
  return { ms: performance.now() - start, value };
}

export async function benchCommons(): Promise<void> {
  const work = await makeBuildWorkDir('commons-');
  const upstream = join(work, 'upstream');
  const db = generateDatabase(SIZE);
  await writeDatabase(db, upstream);
  const out = join(work, 'site');
  const built = { at: GENERATED_NOW.toISOString() };
  const exportTo = () => writeDataExport({ contentDir: upstream, outDir: join(out, 'data'), cacheDir: join(work, 'cache'), built });

  const cold = await timed(exportTo);
  const warm = await timed(exportTo);
  const { counts } = cold.value.manifest;
  const stored = await du(join(upstream, 'articles'));
  console.log(`commons: the export (/data/) of ${fmt(counts.articles)} articles (${fmt(counts.revisions)} revisions), ${fmt(counts.ratings)} ratings in ${counts.raters} rating files`);
  console.log(`  size ${fmt(counts.bytes / 1e6, 1)} MB in ${fmt(counts.shards)} shards + a ${fmt((await stat(join(out, 'data', 'manifest.json'))).size / 1e3, 0)} KB manifest; the article files it holds take ${fmt(stored / 1e6, 1)} MB as stored (${fmt((stored / Math.max(1, counts.bytes)), 1)}×)`);
  console.log(`  written in ${fmt(cold.ms / 1000, 1)} s cold, ${fmt(warm.ms / 1000, 1)} s with every shard unchanged (${warm.value.compressed} compressed)`);

  // A fork that shares every contingent and rater, starting empty.
  const site = await serveDir(out, '/');
  try {
    const fork = join(work, 'fork');
    await mkdir(join(fork, 'editions'), { recursive: true });
    for (const name of ['site.yaml', 'contingents.yaml', 'raters.yaml', 'scales.yaml']) await cp(join(upstream, name), join(fork, name));
    await cp(join(upstream, 'editions'), join(fork, 'editions'), { recursive: true });
    await writeFile(join(fork, 'site.yaml'), `${await readFile(join(fork, 'site.yaml'), 'utf8')}upstream:\n  url: ${site.url}\n`);
    const config = await loadConfig(fork);
    const aggregate = (hours: number) => runAggregate({ contentDir: fork, config, ingestFeed, now: new Date(GENERATED_NOW.getTime() + hours * 3_600_000) });

    const first = await timed(() => aggregate(1));
    const u = first.value.upstream!;
    console.log(`commons: a fork importing it on loopback (${u.contingents.length} contingents, ${u.raters.length} raters shared; ${first.value.sources.length} sources fetched)`);
    console.log(`  cold import ${fmt(first.ms / 1000, 1)} s: ${u.shards.fetched} shards, ${fmt(u.shards.bytes / 1e6, 1)} MB, +${fmt(u.articles.new)} articles (${fmt(u.articles.new / (first.ms / 1000))} articles/s)`);
    const second = await timed(() => aggregate(2));
    console.log(`  next run, nothing new upstream: ${fmt(second.ms)} ms, ${second.value.upstream!.shards.fetched} shards fetched, ${second.value.totals.filesWritten} files written`);

    // An hour's news upstream: 100 new articles over 10 contingents, all in the current month.
    for (let i = 0; i < 100; i++) {
      const model = db.articles[i * 37]!;
      const contingent = db.contingents[i % 10]!.id;
      const id = `${contingent}-${(0xa00000000000 + i).toString(16)}`;
      await writeFile(join(upstream, 'articles', contingent, `${id}.json`), toJson({ ...model, id, contingent, url: `${model.url}?new=${i}`, firstSeen: GENERATED_NOW.toISOString(), revisions: [] }));
    }
    const again = await timed(exportTo);
    const hour = await timed(() => aggregate(3));
    console.log(`  an hour's news (100 new articles in 10 contingents): export ${fmt(again.ms / 1000, 1)} s (${again.value.compressed} shards compressed); import ${fmt(hour.ms)} ms, ${hour.value.upstream!.shards.fetched} shards, ${fmt(hour.value.upstream!.shards.bytes / 1e3)} KB, +${hour.value.upstream!.articles.new} articles`);
  } finally {
    await site.close();
  }
}
