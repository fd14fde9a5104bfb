// The hourly publish of a grown hub: 100,000 articles built cold once (Astro's cache kept), then an
// hour's news on loopback (100 new and 20 revised articles in the feeds, 300 new ratings in the
// rating files), `npm run aggregate`, and the incremental build.
import { rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeDatabase } from '../scripts/aggregator/writeDatabase.ts';
import type { Database } from '../src/lib/config/database.ts';
import type { Rating } from '../src/lib/config/schema.ts';
import { makeBuildWorkDir } from '../test/helpers/buildSite.ts';
import { GENERATED_NOW, generateDatabase } from './generateDatabase.ts';
import { measureBuild, renderedFiles, siteCount } from './lib/astroBuild.ts';
import { fmt, measureNode } from './lib/measure.ts';

const ARTICLES = 100_000;
const REVISED = 20;
const NEW_PER_CONTINGENT = 2; // × 50 contingents = 100 new articles
const NEW_RATINGS_PER_RATER = 15; // × 20 raters = 300 new ratings
const HOUR = 3_600_000;
const SCRIPT = fileURLToPath(new URL('../scripts/aggregate.ts', import.meta.url));
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** What the network publishes in hour `hour` (0: the state the cold build shows; 1: the hour's news). */
function feedXml(contingent: string, index: number, hour: number): string {
  const at = GENERATED_NOW.getTime() + hour * HOUR;
  const item = (guid: string, title: string, body: string, ms: number) =>
    `<item><guid isPermaLink="false">${guid}</guid><title>${title}</title><link>https://${contingent}.example/${guid}</link><pubDate>${new Date(ms).toUTCString()}</pubDate><description><![CDATA[<p>${body}</p>]]></description></item>`;
  const items: string[] = [];
  if (index < REVISED) items.push(item(`${contingent}-rev`, `Council vote in ${contingent}`, hour === 0 ? 'The council votes tonight.' : 'The council voted 7 to 2; corrected count.', at - 30 * 60_000));
  if (hour > 0) for (let n = 0; n < NEW_PER_CONTINGENT; n++) items.push(item(`${contingent}-h${hour}-${n}`, `Hour ${hour} news ${n} from ${contingent}`, `Workers at ${contingent} report, item ${n}.`, at - n * 60_000));
  return `<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>${contingent}</title><link>https://${contingent}.example/</link>${items.join('\n')}</channel></rss>`;
}

/** The rater's published file: its stored ratings, and in hour 1 fifteen more. */
function ratingFileJson(db: Database, raterIndex: number, hour: number): string {
  const stored = db.ratings[raterIndex]!;
  const at = iso(GENERATED_NOW.getTime() + hour * HOUR);
  const added: Rating[] = hour === 0 ? [] : Array.from({ length: NEW_RATINGS_PER_RATER }, (_, k) => ({
    article: db.articles[((raterIndex * NEW_RATINGS_PER_RATER + k) * 331 + 17) % db.articles.length]!.id,
    scale: 'newsworthy',
    value: 1 + (k % 5),
    at,
  }));
  return JSON.stringify({ format: 'widenet-ratings/1', issued: hour === 0 ? stored.issued : at, ratings: [...stored.ratings, ...added], challenges: stored.challenges });
}

/**
 * `npm run bench -- hourly`: prints and returns the cold build, the hour's aggregate and the
 * incremental build (target: aggregate + build ≤ 60 s).
 *
 * @example const { aggregateSeconds, buildSeconds, rendered } = await benchHourly();
 */
export async function benchHourly(articles = ARTICLES): Promise<Record<string, number>> {
  const work = await makeBuildWorkDir('bench-hourly-');
  let hour = 0;
  let db: Database | undefined;
  const server = createServer((req, res) => {
    const feed = /^\/feed\/(c-\d+)\.xml$/.exec(req.url ?? '');
    const rater = /^\/ratings\/rater-(\d+)\.json$/.exec(req.url ?? '');
    if (feed) return void res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(feedXml(feed[1]!, Number(feed[1]!.slice(2)) - 1, hour));
    if (rater && db) return void res.writeHead(200, { 'content-type': 'application/json' }).end(ratingFileJson(db, Number(rater[1]) - 1, hour));
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const content = join(work, 'content');
  const cache = join(work, 'cache');
  const build = (at: number) =>
    measureBuild({ WIDENET_CONTENT: content, WIDENET_OUT: join(work, 'dist'), WIDENET_CACHE: cache, WIDENET_NOW: iso(at), WIDENET_EDITION: '', WIDENET_BASE: '' });
  const aggregate = async (at: number) => {
    const run = await measureNode([SCRIPT, '--content', content, '--json'], { WIDENET_NOW: iso(at) });
    if (run.code !== 0) throw new Error(`aggregate failed (${run.code}): ${run.stderr.slice(-2000)}`);
    return { ...run, report: JSON.parse(run.stdout) as { totals: { articles: Record<string, number>; ratingsAccepted: number } } };
  };
  try {
    const generated = generateDatabase({ articles, contingents: 50, raters: 20, ratings: articles * 3, seed: 1 });
    generated.contingents = generated.contingents.map((c) => ({ ...c, feeds: [`${origin}/feed/${c.id}.xml`] }));
    generated.raters = generated.raters.map((r) => ({ ...r, url: `${origin}/ratings/${r.id}.json` }));
    generated.ratings = generated.ratings.map((r) => ({ ...r, url: `${origin}/ratings/${r.rater}.json` }));
    db = generated;
    await writeDatabase(db, content);

    // Hour 0: the feeds' first articles (those revised next hour) arrive, and the hub is built cold.
    const hour0 = GENERATED_NOW.getTime() + HOUR;
    hour = 0;
    await aggregate(hour0);
    const cold = await build(hour0);
    const coldSite = await siteCount(join(work, 'dist'));

    // Hour 1: the news, then what the schedule runs.
    const hour1 = hour0 + HOUR;
    hour = 1;
    const agg = await aggregate(hour1);
    const incremental = await build(hour1);
    const { rendered, reused } = renderedFiles(incremental.output);
    const changes = agg.report.totals.articles;
    const figures = {
      coldSeconds: cold.wallMs / 1000,
      coldPeakRssMb: cold.peakRssMb,
      pages: coldSite.pages,
      aggregateSeconds: agg.wallMs / 1000,
      aggregatePeakRssMb: agg.peakRssMb,
      newArticles: changes.new ?? 0,
      revisedArticles: changes.revised ?? 0,
      ratingsAccepted: agg.report.totals.ratingsAccepted,
      buildSeconds: incremental.wallMs / 1000,
      buildPeakRssMb: incremental.peakRssMb,
      rendered,
      reused,
    };
    console.log(`hourly: a hub of ${fmt(articles)} articles, an hour's news on loopback (${REVISED} revised and ${NEW_PER_CONTINGENT * 50} new articles, ${NEW_RATINGS_PER_RATER * 20} new ratings), Astro's cache kept`);
    console.log(`  cold build (fills the cache)  ${fmt(figures.coldSeconds, 1)} s · peak RSS ${fmt(figures.coldPeakRssMb)} MB · ${fmt(figures.pages)} pages`);
    console.log(`  aggregate                     ${fmt(figures.aggregateSeconds, 1)} s · peak RSS ${fmt(figures.aggregatePeakRssMb)} MB · ${fmt(figures.newArticles)} new, ${fmt(figures.revisedArticles)} revised articles, ${fmt(figures.ratingsAccepted)} ratings accepted in all`);
    console.log(`  incremental build             ${fmt(figures.buildSeconds, 1)} s · peak RSS ${fmt(figures.buildPeakRssMb)} MB · ${fmt(rendered)} files rendered, ${fmt(reused)} reused`);
    console.log(`  the hour, aggregate + build   ${fmt(figures.aggregateSeconds + figures.buildSeconds, 1)} s (target ≤ 60 s)`);
    return figures;
  } finally {
    await new Promise((resolve) => server.close(resolve));
    await rm(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchHourly();
