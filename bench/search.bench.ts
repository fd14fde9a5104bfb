// Search benchmark: one 10,000-article edition built as a single-edition site, its index measured
// on disk and in headless Chromium (first results of a ?q= link, bytes fetched first, query
// latency), sharded as built against one index file, and against Pagefind on the same pages.
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { writeDatabase } from '../scripts/aggregator/writeDatabase.ts';
import { evaluateAll } from '../src/lib/editions/evaluateEdition.ts';
import { Edition } from '../src/lib/config/schema.ts';
import { searchDocuments } from '../src/lib/search/searchDocuments.ts';
import { DEFAULT_SHARDS, planShards, type ShardOptions } from '../src/lib/search/shardPlan.ts';
import { buildSite, makeBuildWorkDir } from '../test/helpers/buildSite.ts';
import { writeSearchVariant } from '../test/helpers/searchVariant.ts';
import { serveDir, type ServedDir } from '../test/helpers/serveDir.ts';
import { GENERATED_NOW, generateDatabase, mulberry32 } from './generateDatabase.ts';
import { fmt } from './lib/measure.ts';
import { writeSearchBenchPage } from './search/benchPage.ts';

const ARTICLES = 10_000;
const EDITION = 'everything';
const FIRST_QUERY = 'strike';
const RUNS = 7;
const KB = 1024;
/** A slow mobile link, so the cost of one big index file shows: 40 ms round trip, 10 Mbit/s down. */
const SLOW = { offline: false, latency: 40, downloadThroughput: (10_000_000 / 8) | 0, uploadThroughput: (5_000_000 / 8) | 0 };
// Generated summaries only repeat the title (so a snippet would be empty); real feeds send a few
// sentences, which this bench writes so the snippets cost what they would.
const SUMMARY_WORDS = (
  'the workers said council would vote on a new plan for transit after months of talks while tenants and nurses marched ' +
  'through the city centre demanding rent relief wage rises and safer staffing at the hospital as the union called it a first step ' +
  'towards a fair deal for every depot port and school in the district before winter'
).split(' ');

interface Loaded {
  firstResultsMs: number;
  firstBytes: number;
  firstRequests: number;
  allLoadedMs: number;
  /** The longest main-thread task until every file is loaded: how long typing could stall meanwhile. */
  longestTaskMs: number;
}

const median = (xs: number[]) => quantile(xs, 0.5);
function quantile(xs: number[], q: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}

/** The bench's edition: every article, newest first, with summaries of real length. */
function benchDatabase() {
  const db = generateDatabase({ articles: ARTICLES, contingents: 50, raters: 20, ratings: 30_000, seed: 1 });
  const random = mulberry32(7);
  for (const a of db.articles) a.summary = `${Array.from({ length: 20 + Math.floor(random() * 20) }, () => SUMMARY_WORDS[Math.floor(random() * SUMMARY_WORDS.length)]).join(' ')}.`;
  db.editions.push({ ...Edition.parse({ title: 'Everything', description: 'Every article, newest first.' }), id: EDITION });
  return db;
}

/** 100 queries of the kinds people type: words, prefixes, typos (a letter dropped, or two swapped), two words, tags, names. */
function benchQueries(): string[] {
  const words = ['workers', 'council', 'union', 'strike', 'nurses', 'teachers', 'budget', 'tenants', 'transit', 'hospital', 'staffing', 'district', 'winter', 'relief'];
  const random = mulberry32(3);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  let typos = 0;
  const typo = (w: string) => {
    // Alternately a dropped letter and two neighbours swapped, the commonest slips.
    if (typos++ % 2 === 1) {
      const at = 1 + Math.floor(random() * (w.length - 3));
      return w.slice(0, at) + w[at + 1] + w[at] + w.slice(at + 2);
    }
    const at = 1 + Math.floor(random() * (w.length - 2));
    return w.slice(0, at) + w.slice(at + 1);
  };
  const queries: string[] = [];
  for (let i = 0; queries.length < 100; i++) {
    const w = pick(words);
    const kind = i % 5;
    queries.push(kind === 0 ? w : kind === 1 ? w.slice(0, 3 + Math.floor(random() * 2)) : kind === 2 ? typo(w) : kind === 3 ? `${w} ${pick(words)}` : pick(['housing', 'election', 'climate', 'contingent 07', 'author 12', 'police', 'water energy']));
  }
  return queries;
}

async function filesUnder(dir: string, test: (name: string) => boolean): Promise<{ name: string; bytes: number; gzip: number }[]> {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !test(entry.name)) continue;
    const body = await readFile(join(entry.parentPath, entry.name));
    out.push({ name: join(entry.parentPath, entry.name).slice(dir.length + 1), bytes: body.length, gzip: gzipSync(body).length });
  }
  return out;
}

/** Opens `path` cold, waits for the page's `widenet:first-results` mark, and sums what it fetched by then. */
async function loadOnce(browser: Browser, server: ServedDir, path: string, throttle: boolean, waitAll: boolean): Promise<Loaded> {
  const context = await browser.newContext();
  try {
    await context.addInitScript(() => {
      const w = window as unknown as { __longest: number; __allLoaded?: number };
      w.__longest = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longest = Math.max(w.__longest, e.duration);
      }).observe({ type: 'longtask', buffered: true });
      // Every index file is loaded when the status line (announced at once for the last file) has a
      // count and no longer says "so far": read from the page as a reader would see it.
      new MutationObserver(() => {
        const text = document.getElementById('search-status')?.textContent ?? '';
        if (w.__allLoaded === undefined && /results? for/.test(text) && !text.includes('so far')) w.__allLoaded = performance.now();
      }).observe(document, { subtree: true, childList: true, characterData: true });
    });
    const page = await context.newPage();
    if (throttle) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', SLOW);
    }
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(server.url + path);
    await page.waitForFunction(() => performance.getEntriesByName('widenet:first-results').length > 0, undefined, { timeout: 60_000 });
    if (waitAll) await page.waitForFunction(() => (window as unknown as { __allLoaded?: number }).__allLoaded !== undefined, undefined, { timeout: 60_000 });
    const allLoadedMs = waitAll ? await page.evaluate(() => (window as unknown as { __allLoaded: number }).__allLoaded) : NaN;
    const first = await page.evaluate(() => {
      const mark = performance.getEntriesByName('widenet:first-results')[0]!.startTime;
      const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')] as PerformanceResourceTiming[];
      const before = entries.filter((e) => e.responseEnd <= mark);
      return { mark, bytes: before.reduce((n, e) => n + e.transferSize, 0), requests: before.length };
    });
    if (errors.length) throw new Error(`${path}: ${errors.join('; ')}`);
    const longestTaskMs = await page.evaluate(() => (window as unknown as { __longest: number }).__longest);
    return { firstResultsMs: first.mark, firstBytes: first.bytes, firstRequests: first.requests, allLoadedMs, longestTaskMs };
  } finally {
    await context.close();
  }
}

/**
 * Cold loads of every page, interleaved run by run (in a rotating order) after one warm-up, so
 * neither the browser's warm-up nor a burst of load on the machine lands on one variant alone.
 */
async function measureLoads(browser: Browser, server: ServedDir, paths: Record<string, string>): Promise<Record<string, { loopback: Loaded; slow: Loaded }>> {
  const names = Object.keys(paths);
  const runs = new Map(names.map((n) => [n, { loopback: [] as Loaded[], slow: [] as Loaded[] }]));
  await loadOnce(browser, server, paths[names[0]!]!, false, true);
  for (let i = 0; i < RUNS; i++) {
    for (let j = 0; j < names.length; j++) {
      const name = names[(i + j) % names.length]!;
      runs.get(name)!.loopback.push(await loadOnce(browser, server, paths[name]!, false, true));
      runs.get(name)!.slow.push(await loadOnce(browser, server, paths[name]!, true, true));
    }
  }
  const summary = (xs: Loaded[]): Loaded => ({
    firstResultsMs: median(xs.map((r) => r.firstResultsMs)),
    firstBytes: median(xs.map((r) => r.firstBytes)),
    firstRequests: median(xs.map((r) => r.firstRequests)),
    allLoadedMs: median(xs.map((r) => r.allLoadedMs)),
    longestTaskMs: median(xs.map((r) => r.longestTaskMs)),
  });
  return Object.fromEntries(names.map((n) => [n, { loopback: summary(runs.get(n)!.loopback), slow: summary(runs.get(n)!.slow) }]));
}

/**
 * Query latency in the bench's copy of the search page (benchPage.ts), every shard loaded: the
 * engine alone, and with facets and drawing.
 */
async function measureQueries(browser: Browser, server: ServedDir, path: string, queries: string[]) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}${path}`);
    await page.waitForFunction(() => typeof window.__widenetSearch === 'function');
    await page.evaluate(() => window.__widenetSearchLoaded);
    const timings = await page.evaluate((qs) => {
      for (const q of qs.slice(0, 10)) window.__widenetSearch!(q); // warm up
      return qs.map((q) => window.__widenetSearch!(q));
    }, queries);
    return {
      searchP50: quantile(timings.map((t) => t.searchMs), 0.5),
      searchP95: quantile(timings.map((t) => t.searchMs), 0.95),
      totalP50: quantile(timings.map((t) => t.totalMs), 0.5),
      totalP95: quantile(timings.map((t) => t.totalMs), 0.95),
      hitsP50: quantile(timings.map((t) => t.count), 0.5),
    };
  } finally {
    await context.close();
  }
}

/** Pagefind over the same article pages: index size, and what its first query fetches. */
async function benchPagefind(browser: Browser, server: ServedDir, outDir: string) {
  let pagefind: typeof import('pagefind');
  try {
    pagefind = await import('pagefind');
  } catch (error) {
    return { skipped: `pagefind is not installed (${(error as Error).message}); npm install restores it (devDependency)` };
  }
  const started = performance.now();
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
  if (!index) return { skipped: `pagefind could not start: ${errors.join('; ')}` };
  const added = await index.addDirectory({ path: outDir, glob: 'articles/**/*.html' });
  if (added.errors.length) return { skipped: `pagefind: ${added.errors.join('; ')}` };
  await index.writeFiles({ outputPath: join(outDir, 'pagefind') });
  await pagefind.close();
  const indexSeconds = (performance.now() - started) / 1000;
  const files = await filesUnder(join(outDir, 'pagefind'), (n) => /\.(pf_meta|pf_index|pf_fragment|pagefind)$/.test(n) || n === 'pagefind.js' || n === 'pagefind-entry.json');
  // Pagefind's files are gzipped already: what is on disk is what travels.
  const sum = (test: (name: string) => boolean) => files.filter((f) => test(f.name)).reduce((n, f) => n + f.bytes, 0);
  const indexBytes = sum((n) => /\.(pf_meta|pf_index|pf_fragment)$/.test(n) || n === 'pagefind-entry.json');
  const fragmentBytes = sum((n) => n.endsWith('.pf_fragment'));
  const allBytes = sum(() => true);
  await mkdir(join(outDir, 'pagefind-bench'), { recursive: true });
  // The first query as Pagefind's UI runs it: search, then load the first ten results' excerpts.
  await writeFile(
    join(outDir, 'pagefind-bench', 'index.html'),
    `<!doctype html><html lang="en"><meta charset="utf-8"><link rel="icon" href="data:,"><title>Pagefind bench</title><script type="module">
const q = new URLSearchParams(location.search).get('q');
const pagefind = await import('/pagefind/pagefind.js');
await pagefind.init();
const search = await pagefind.search(q);
const data = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
performance.mark('widenet:first-results');
window.__pagefind = { count: search.results.length, first: data[0]?.meta?.title };
</script></html>\n`,
  );
  const runs: Loaded[] = [];
  await loadOnce(browser, server, `pagefind-bench/?q=${FIRST_QUERY}`, false, false);
  for (let i = 0; i < RUNS; i++) runs.push(await loadOnce(browser, server, `pagefind-bench/?q=${FIRST_QUERY}`, false, false));
  return {
    pages: added.page_count,
    indexSeconds,
    indexBytes,
    fragmentBytes,
    allBytes,
    files: files.length,
    firstResultsMs: median(runs.map((r) => r.firstResultsMs)),
    firstBytes: median(runs.map((r) => r.firstBytes)),
  };
}

/**
 * Prints and returns the figures. Builds one 10,000-article edition (WIDENET_EDITION=everything).
 *
 * @example const { index } = await benchSearch(); index.gzipPer1000 // 70,000 bytes
 */
export async function benchSearch(): Promise<Record<string, unknown>> {
  const work = await makeBuildWorkDir('bench-search-');
  const db = benchDatabase();
  const content = join(work, 'content');
  await writeDatabase(db, content);
  const buildStart = performance.now();
  const site = await buildSite({ content, edition: EDITION, now: GENERATED_NOW.toISOString() });
  const buildSeconds = (performance.now() - buildStart) / 1000;
  let browser: Browser | undefined;
  let server: ServedDir | undefined;
  try {
    // Index files as built (sharded by DEFAULT_SHARDS), and the same documents as one file.
    const built = await filesUnder(join(site.outDir, 'search'), (n) => /^index\.[0-9a-f]{10}\.json$/.test(n));
    const html = await site.read('search/index.html');
    const order = (html.match(/ data-index="([^"]*)"/)?.[1] ?? '').split(' ').map((href) => href.split('/').pop()!);
    const shards = order.map((name) => built.find((f) => f.name === name)!);
    const total = { bytes: shards.reduce((n, f) => n + f.bytes, 0), gzip: shards.reduce((n, f) => n + f.gzip, 0) };
    const docs = searchDocuments(evaluateAll(db, GENERATED_NOW).get(EDITION)!, (id) => db.contingents.find((c) => c.id === id)?.name);
    // The same documents cut other ways, to choose the plan by figures.
    const plans: Record<string, ShardOptions> = {
      'one file': { threshold: Infinity, first: Infinity, size: Infinity },
      'first 1,000, then 3,000': { threshold: 1_000, first: 1_000, size: 3_000 },
      'first 500, then 3,000': { threshold: 1_000, first: 500, size: 3_000 },
      'first 500, then 1,500': { threshold: 1_000, first: 500, size: 1_500 },
    };
    const same = (a: ShardOptions, b: ShardOptions) => a.threshold === b.threshold && a.first === b.first && a.size === b.size;
    const variants = Object.fromEntries(Object.entries(plans).filter(([, p]) => !same(p, DEFAULT_SHARDS)));
    const written: Record<string, { path: string; bytes: number[]; gzip: number[] }> = {};
    for (const [name, options] of Object.entries(variants)) {
      const v = await writeSearchVariant(site.outDir, 'search/', '/search/', docs, name.replace(/[^a-z0-9]+/g, '-').replace(/-$/, ''), options);
      const gzip = await Promise.all(v.names.map(async (n) => gzipSync(await readFile(join(site.outDir, 'search', n))).length));
      written[name] = { ...v, gzip };
    }

    server = await serveDir(site.outDir, '/', { gzip: true });
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const builtName = `as built: first ${fmt(DEFAULT_SHARDS.first)}, then ${fmt(DEFAULT_SHARDS.size)}`;
    const pages: Record<string, string> = { [builtName]: 'search/', ...Object.fromEntries(Object.entries(written).map(([name, v]) => [name, v.path])) };
    const loads = await measureLoads(browser, server, Object.fromEntries(Object.entries(pages).map(([name, path]) => [name, `${path}?q=${FIRST_QUERY}`])));
    const queries = await measureQueries(browser, server, await writeSearchBenchPage(site.outDir, 'search/'), benchQueries());
    const pagefind = await benchPagefind(browser, server, site.outDir).catch((error: unknown) => ({ skipped: (error as Error).message }));

    const asBuilt = Object.values(loads)[0]!.loopback;
    const per1000 = (n: number) => (n / ARTICLES) * 1000;
    const kb = (n: number) => `${fmt(n / KB, 1)} KB`;
    const plan = DEFAULT_SHARDS;
    console.log(`search: one ${fmt(ARTICLES)}-article edition, single-edition build (${fmt(buildSeconds, 1)} s), served with gzip on loopback, Chromium headless, median of ${RUNS} cold loads`);
    console.log(`  index as built: ${shards.length} files (first ${fmt(plan.first)} articles, then ${fmt(plan.size)} each; ${planShards(ARTICLES).length} planned), ${kb(total.bytes)} raw, ${kb(total.gzip)} gzip`);
    console.log(`    per 1,000 articles: ${kb(per1000(total.bytes))} raw, ${kb(per1000(total.gzip))} gzip (target ≤ 200 KB gzip, display fields included)`);
    console.log(`    files gzip: ${shards.map((f) => kb(f.gzip)).join(', ')}`);
    for (const [name, v] of Object.entries(written)) console.log(`  variant ${name}: ${v.bytes.length} file(s), ${kb(v.gzip.reduce((a, b) => a + b, 0))} gzip, the first ${kb(v.gzip[0] ?? 0)}`);
    console.log(`  first results of ?q=${FIRST_QUERY} (navigation start → results drawn), bytes fetched by then, all files loaded:`);
    for (const [name, l] of Object.entries(loads)) {
      const line = (x: Loaded) => `${fmt(x.firstResultsMs)} ms, ${kb(x.firstBytes)} in ${x.firstRequests} requests; every file loaded at ${fmt(x.allLoadedMs)} ms, longest task ${fmt(x.longestTaskMs)} ms`;
      console.log(`    ${name}`);
      console.log(`      loopback              ${line(l.loopback)}`);
      console.log(`      10 Mbit/s, 40 ms RTT  ${line(l.slow)}`);
    }
    console.log(`    targets: first results ≤ 500 ms after fetching ≤ 250 KB`);
    console.log(`  query latency over ${benchQueries().length} queries, every shard loaded (median ${fmt(queries.hitsP50)} hits): engine p50 ${fmt(queries.searchP50, 2)} ms, p95 ${fmt(queries.searchP95, 2)} ms; with facets and drawing p50 ${fmt(queries.totalP50, 2)} ms, p95 ${fmt(queries.totalP95, 2)} ms (target p50 ≤ 5 ms)`);
    if ('skipped' in pagefind) console.log(`  pagefind: could not run: ${pagefind.skipped}`);
    else {
      console.log(`  pagefind 1.x on the same ${fmt(pagefind.pages!)} article pages (${fmt(pagefind.indexSeconds!, 1)} s to index): ${kb(pagefind.indexBytes!)} of index files, of which ${kb(pagefind.fragmentBytes!)} excerpt fragments (${fmt(pagefind.files!)} files, ${kb(pagefind.allBytes!)} with its JS and wasm)`);
      console.log(`    first query ?q=${FIRST_QUERY} with 10 excerpts: ${fmt(pagefind.firstResultsMs!)} ms, ${kb(pagefind.firstBytes!)} fetched`);
      console.log(`    MiniSearch / Pagefind: total index ×${fmt(total.gzip / pagefind.indexBytes!, 2)}, bytes before first results ×${fmt(asBuilt.firstBytes / pagefind.firstBytes!, 2)}, time to first results ×${fmt(asBuilt.firstResultsMs / pagefind.firstResultsMs!, 2)}`);
    }
    return { index: { files: shards.length, bytes: total.bytes, gzip: total.gzip, gzipPer1000: per1000(total.gzip) }, loads, queries, pagefind, buildSeconds };
  } finally {
    await browser?.close();
    await server?.close();
    await site.cleanup();
    await rm(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchSearch();
