// Growth: cold hub builds of the generated network at 10,000, 50,000 and 100,000 articles (ratings ×3),
// each from an empty cache as on a fresh CI machine: wall, peak RSS, pages, dist/ size.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeDatabase } from '../scripts/aggregator/writeDatabase.ts';
import { makeBuildWorkDir } from '../test/helpers/buildSite.ts';
import { GENERATED_NOW, generateDatabase } from './generateDatabase.ts';
import { GNU_TIME, measureBuild, siteCount } from './lib/astroBuild.ts';
import { fmt } from './lib/measure.ts';

export const SCALE_SIZES = [10_000, 50_000, 100_000];

export interface ScaleFigures {
  articles: number;
  seconds: number;
  peakRssMb: number;
  pages: number;
  distMb: number;
  /** Why the build failed, when it did. */
  failed?: string;
}

/**
 * Writes the generated network of `articles` into `content` (50 contingents, 20 raters, 3 ratings
 * per article, 5 editions).
 *
 * @example await writeGenerated(10_000, 'work/content-10000');
 */
export async function writeGenerated(articles: number, content: string): Promise<void> {
  await writeDatabase(generateDatabase({ articles, contingents: 50, raters: 20, ratings: articles * 3, seed: 1 }), content);
}

/** One cold hub build of `articles`; a failed build is a figure too. */
async function coldHub(work: string, articles: number): Promise<ScaleFigures> {
  const content = join(work, `content-${articles}`);
  const outDir = join(work, `dist-${articles}`);
  await writeGenerated(articles, content);
  try {
    const { wallMs, peakRssMb } = await measureBuild({
      WIDENET_CONTENT: content,
      WIDENET_OUT: outDir,
      WIDENET_CACHE: join(work, `cache-${articles}`),
      WIDENET_NOW: GENERATED_NOW.toISOString(),
      WIDENET_EDITION: '',
      WIDENET_BASE: '',
    });
    const { pages, bytes } = await siteCount(outDir);
    return { articles, seconds: wallMs / 1000, peakRssMb, pages, distMb: bytes / 1024 / 1024 };
  } catch (error) {
    const lines = (error as Error).message.split('\n').filter((l) => /Error|error/.test(l));
    return { articles, seconds: 0, peakRssMb: 0, pages: 0, distMb: 0, failed: lines.at(-1)?.trim() ?? 'failed' };
  } finally {
    for (const dir of [content, outDir, join(work, `cache-${articles}`)]) await rm(dir, { recursive: true, force: true });
  }
}

/**
 * `npm run bench -- scale`: prints and returns the cold hub build at each size (targets at 100,000:
 * ≤ 150 s, ≤ 2 GB peak RSS).
 *
 * @example const [at10k] = await benchScale(); at10k.pages // 10,380
 */
export async function benchScale(sizes = SCALE_SIZES): Promise<ScaleFigures[]> {
  const work = await makeBuildWorkDir('bench-scale-');
  const all: ScaleFigures[] = [];
  try {
    console.log(`scale: cold hub builds of the generated network (50 contingents, 20 raters, 3 ratings per article, 5 editions; ${existsSync(GNU_TIME) ? 'RSS by GNU time' : 'RSS by resourceUsage'})`);
    for (const articles of sizes) {
      const f = await coldHub(work, articles);
      all.push(f);
      const target = articles === 100_000 ? ' (targets ≤ 150 s, ≤ 2,048 MB)' : '';
      if (f.failed) console.log(`  ${fmt(articles).padStart(7)} articles   failed: ${f.failed}`);
      else console.log(`  ${fmt(articles).padStart(7)} articles   ${fmt(f.seconds, 1)} s · peak RSS ${fmt(f.peakRssMb)} MB · ${fmt(f.pages)} pages · dist/ ${fmt(f.distMb)} MB (${fmt((f.distMb * 1024) / articles, 1)} KB per article)${target}`);
    }
    return all;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchScale();
