// Site build benchmark: `astro build` of a generated network (10,000 articles, 50 contingents,
// 20 raters, 30,000 ratings, 5 editions), the hub and one edition, then the hub at 20,000 articles.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeDatabase } from '../scripts/aggregator/writeDatabase.ts';
import { makeBuildWorkDir } from '../test/helpers/buildSite.ts';
import { GENERATED_NOW, generateDatabase } from './generateDatabase.ts';
import { GNU_TIME, measureBuild, siteCount } from './lib/astroBuild.ts';
import { fmt } from './lib/measure.ts';
import { siteSizes, sizeLines, type SiteSizes } from './lib/siteSizes.ts';

const BASE_SIZE = { articles: 10_000, contingents: 50, raters: 20, ratings: 30_000, seed: 1 };

interface BuildFigures {
  seconds: number;
  pages: number;
  pagesPerSecond: number;
  peakRssMb: number;
  /** The largest feed, item, page and search index file of the build. */
  sizes: SiteSizes;
}

/** Generates a network of `articles` (ratings scaled to match), writes it and builds it once. */
async function buildGenerated(work: string, articles: number, edition?: string): Promise<BuildFigures> {
  const scale = articles / BASE_SIZE.articles;
  const content = join(work, `content-${articles}`);
  if (!existsSync(content)) await writeDatabase(generateDatabase({ ...BASE_SIZE, articles, ratings: Math.round(BASE_SIZE.ratings * scale) }), content);
  const outDir = join(work, `dist-${articles}-${edition ?? 'hub'}`);
  const { wallMs, peakRssMb } = await measureBuild({
    WIDENET_CONTENT: content,
    WIDENET_OUT: outDir,
    // A fresh content-layer cache: every build is cold, as on CI.
    WIDENET_CACHE: join(work, `cache-${articles}-${edition ?? 'hub'}`),
    WIDENET_NOW: GENERATED_NOW.toISOString(),
    WIDENET_EDITION: edition ?? '',
    WIDENET_BASE: '',
  });
  const { pages } = await siteCount(outDir);
  const sizes = await siteSizes(outDir);
  await rm(outDir, { recursive: true, force: true });
  return { seconds: wallMs / 1000, pages, pagesPerSecond: pages / (wallMs / 1000), peakRssMb, sizes };
}

/**
 * Prints and returns the figures: the hub build at 10,000 and 20,000 articles and one edition alone.
 *
 * @example const { hub } = await benchBuild(); hub.seconds // 16.2
 */
export async function benchBuild(): Promise<Record<string, BuildFigures | number>> {
  // Inside the project, so Astro stages its chunks in the build's own folder (see makeBuildWorkDir).
  const work = await makeBuildWorkDir('bench-');
  try {
    const hub = await buildGenerated(work, 10_000);
    const single = await buildGenerated(work, 10_000, 'newsworthy');
    const hub20k = await buildGenerated(work, 20_000);
    const growth = hub20k.seconds / hub.seconds;
    const line = (f: BuildFigures) => `${fmt(f.seconds, 1)} s · ${fmt(f.pages)} pages · ${fmt(f.pagesPerSecond)} pages/s · peak RSS ${fmt(f.peakRssMb)} MB`;
    console.log(`build: astro build of a generated network (50 contingents, 20 raters, 5 editions; ${existsSync(GNU_TIME) ? 'RSS by GNU time' : 'RSS by resourceUsage'})`);
    console.log(`  hub, 10,000 articles / 30,000 ratings   ${line(hub)} (targets ≤ 60 s, ≤ 2,048 MB)`);
    console.log(`  one edition (newsworthy), 10,000        ${line(single)}`);
    console.log(`  hub, 20,000 articles / 60,000 ratings   ${line(hub20k)}`);
    console.log(`  20k / 10k wall time ×${fmt(growth, 2)}, pages ×${fmt(hub20k.pages / hub.pages, 2)} (linear growth is ×2)`);
    console.log('sizes: the hub at 10,000 articles');
    for (const line of sizeLines(hub.sizes)) console.log(line);
    return { hub, single, hub20k, growth };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * `npm run bench sizes`: one hub build of the 10,000-article network, and its largest feed, item,
 * page and search index file (`npm run bench build` prints them too).
 *
 * @example const sizes = await benchSizes(); sizes.feed.bytes // ≤ 2,097,152
 */
export async function benchSizes(): Promise<SiteSizes> {
  const work = await makeBuildWorkDir('bench-');
  try {
    const hub = await buildGenerated(work, 10_000);
    console.log('sizes: the hub at 10,000 articles (50 contingents, 5 editions)');
    for (const line of sizeLines(hub.sizes)) console.log(line);
    return hub.sizes;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchBuild();
