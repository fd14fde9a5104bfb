// `npm run bench dist`: where the bytes of a built hub go, per article. Builds the generated
// 10,000-article network (or reads a built site: `node bench/dist.bench.ts <dir>`), then prints
// dist/ by kind of file, what one article page is made of, and the article count at which the hub
// reaches GitHub Pages' 1 GB if it grows as it is.
import { existsSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeDatabase } from '../scripts/aggregator/writeDatabase.ts';
import { runProcess } from '../scripts/cli/runProcess.ts';
import { formatBytes, PAGES_LIMIT_BYTES } from '../src/lib/check/siteSize.ts';
import { makeBuildWorkDir } from '../test/helpers/buildSite.ts';
import { GENERATED_NOW, generateDatabase } from './generateDatabase.ts';
import { fmt } from './lib/measure.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const ASTRO = join(ROOT, 'node_modules', 'astro', 'bin', 'astro.mjs');
const NETWORK = { articles: 10_000, contingents: 50, raters: 20, ratings: 30_000, seed: 1 };

/** The kinds of file a hub is made of, first match wins. */
const KINDS: [string, RegExp][] = [
  ['article pages', /^articles\/[^/]+\/index\.html$/],
  ['feeds', /(^|\/)(rss\.xml|atom\.xml|feed\.json)$/],
  ['search index', /(^|\/)search\/[^/]+\.json$/],
  ['sitemap', /^sitemap(-\d+)?\.xml$/],
  ['public export (/data/)', /^data\//],
  ['rating desk data (/rate/)', /^rate\/[^/]+\.json$/],
  ['explain.json', /(^|\/)explain\.json$/],
  ['assets (/_astro/)', /^_astro\//],
  ['rater pages', /^raters\/.*\.html$/],
  ['contingent pages', /^contingents\/.*\.html$/],
  ['listing pages (editions, hub, search, …)', /\.html$/],
  ['other', /./],
];

/** Parts of an article page, by the markup the templates write (figures only: a miss counts 0). */
const PARTS: [string, RegExp][] = [
  ['<head>', /<head>[\s\S]*?<\/head>/],
  ['  of it: favicon', /<link rel="icon"[^>]*>/],
  ['  of it: feed links', /(<link rel="alternate"[^>]*>)+/],
  ['  of it: Open Graph', /(<meta property="og[^>]*>)+/],
  ['site header and nav', /<header class="site">[\s\S]*?<\/header>/],
  ['credit (contingent, original, license)', /<dl class="credit">[\s\S]*?<\/dl>/],
  ['article text', /<div class="prose">[\s\S]*?<\/div>/],
  ['ratings', /<section aria-labelledby="ratings">[\s\S]*?<\/section>/],
  ['Rate this article', /<section class="rate"[\s\S]*?<\/section>(<script[^>]*><\/script>)?/],
  ['  of it: its scales', /data-values="[^"]*"|<script type="application\/json" data-rate-scales>[\s\S]*?<\/script>/g],
  ['in editions', /<section aria-labelledby="editions">[\s\S]*?<\/section>/],
  ['credit for reuse', /<section aria-labelledby="reuse">[\s\S]*?<\/section>/],
  ['site footer', /<footer class="site">[\s\S]*?<\/footer>/],
];

export interface DistWeight {
  bytes: number;
  files: number;
  articles: number;
  byKind: Map<string, { bytes: number; files: number }>;
  /** Mean bytes of each part of an article page. */
  parts: Map<string, number>;
  articlePage: { mean: number; median: number; max: number };
}

/** Walks a built hub once. */
export async function distWeight(dir: string): Promise<DistWeight> {
  const byKind = new Map<string, { bytes: number; files: number }>(KINDS.map(([k]) => [k, { bytes: 0, files: 0 }]));
  const parts = new Map<string, number>(PARTS.map(([p]) => [p, 0]));
  const pageSizes: number[] = [];
  let bytes = 0;
  let files = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    const path = relative(dir, full).split('\\').join('/');
    const body = await readFile(full);
    const kind = KINDS.find(([, re]) => re.test(path))![0];
    const k = byKind.get(kind)!;
    k.bytes += body.length;
    k.files++;
    bytes += body.length;
    files++;
    if (kind !== 'article pages') continue;
    pageSizes.push(body.length);
    const html = body.toString('utf8');
    for (const [part, re] of PARTS) {
      const found = re.global ? [...html.matchAll(re)].map((m) => m[0]) : [re.exec(html)?.[0] ?? ''];
      parts.set(part, parts.get(part)! + found.reduce((n, s) => n + Buffer.byteLength(s), 0));
    }
  }
  const n = pageSizes.length || 1;
  for (const [part, total] of parts) parts.set(part, total / n);
  pageSizes.sort((a, b) => a - b);
  const articlePage = { mean: byKind.get('article pages')!.bytes / n, median: pageSizes[Math.floor(n / 2)] ?? 0, max: pageSizes.at(-1) ?? 0 };
  return { bytes, files, articles: pageSizes.length, byKind, parts, articlePage };
}

/** Prints the figures. */
export function printDistWeight(w: DistWeight): void {
  const perArticle = w.bytes / w.articles;
  console.log(`dist: ${formatBytes(w.bytes)} in ${fmt(w.files)} files for ${fmt(w.articles)} articles: ${fmt(perArticle / 1000, 1)} KB per article (file bytes; a file system adds its blocks)`);
  for (const [kind, k] of [...w.byKind].sort((a, b) => b[1].bytes - a[1].bytes)) {
    if (!k.files) continue;
    console.log(`  ${kind.padEnd(42)} ${formatBytes(k.bytes).padStart(9)} ${fmt((k.bytes / w.bytes) * 100, 1).padStart(5)} %  ${fmt(k.files).padStart(7)} files  ${fmt(k.bytes / w.articles).padStart(6)} B/article`);
  }
  console.log(`article page: mean ${fmt(w.articlePage.mean)} B, median ${fmt(w.articlePage.median)} B, largest ${fmt(w.articlePage.max)} B; its parts (mean bytes):`);
  for (const [part, mean] of w.parts) console.log(`  ${part.padEnd(42)} ${fmt(mean).padStart(6)} B`);
  const at1GB = PAGES_LIMIT_BYTES / perArticle;
  // An average that includes the bounded files (feeds, listings, assets), so a low estimate of the
  // count: the README's figure comes from the difference between a 10,000- and a 20,000-article build.
  console.log(`at ${fmt(perArticle / 1000, 1)} KB per article on average, the hub reaches GitHub Pages' 1 GB at about ${fmt(Math.round(at1GB / 1000) * 1000)} articles (extrapolated; a low estimate, as feeds and listings are bounded and do not grow with it)`);
}

/**
 * Builds the generated network's hub and prints where its bytes go.
 *
 * @example const w = await benchDist(); w.bytes / w.articles // ≈ 10,400
 */
export async function benchDist(): Promise<DistWeight> {
  const work = await makeBuildWorkDir('dist-');
  try {
    const content = join(work, 'content');
    await writeDatabase(generateDatabase(NETWORK), content);
    const outDir = join(work, 'dist');
    const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', WIDENET_CONTENT: content, WIDENET_OUT: outDir, WIDENET_CACHE: join(work, 'cache'), WIDENET_NOW: GENERATED_NOW.toISOString(), WIDENET_EDITION: '', WIDENET_BASE: '' };
    const { code, output } = await runProcess(process.execPath, [ASTRO, 'build'], { cwd: ROOT, env });
    if (code !== 0) throw new Error(`astro build failed (${code}):\n${output.slice(-3000)}`);
    console.log('dist: the hub of the generated network (10,000 articles, 50 contingents, 20 raters, 30,000 ratings, 5 editions)');
    const weight = await distWeight(outDir);
    printDistWeight(weight);
    return weight;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2];
  if (dir && existsSync(dir)) printDistWeight(await distWeight(dir));
  else await benchDist();
}
