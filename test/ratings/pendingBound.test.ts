// One rater cannot grow every build: pending ratings are bounded at ingest, and a rater's page lists
// a bounded number of ratings per page and counts the pending ones.
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoredRatings, type Rating } from '../../src/lib/config/schema.ts';
import { boundPending, MAX_PENDING_PER_RATER } from '../../src/lib/ratings/boundPending.ts';
import { createPaths } from '../../src/lib/site/paths.ts';
import { raterRoutes, sitePages } from '../../src/lib/site/routes.ts';
import { createSiteModel } from '../../src/lib/site/siteModel.ts';
import { hubView } from '../../src/lib/site/views/hubView.ts';
import { RATINGS_PER_PAGE, raterView } from '../../src/lib/site/views/raterView.ts';
import { loadConfig } from '../../scripts/cli/loadConfig.ts';
import { ingestFeed } from '../../scripts/aggregator/ingestFeed.ts';
import { readDatabase } from '../../scripts/aggregator/readDatabase.ts';
import { runAggregate } from '../../scripts/aggregator/runAggregate.ts';
import { makeContentDir } from '../helpers/contentDir.ts';
import { startFaultServer, type FaultServer } from '../helpers/faultServer.ts';
import { hoursAgo, makeDb, NOW } from '../helpers/makeDb.ts';

const rating = (article: string, at: string, value = 3): Rating => ({ article, scale: 'newsworthy', value, at });
const stored = (ratings: Rating[]): StoredRatings => ({ rater: 'r', url: 'https://r.example/r.json', sha256: 'x', ratings, challenges: [] });

describe('boundPending', () => {
  const known = (ref: string) => ref.startsWith('https://in.example/');
  it.each<[string, Rating[], number, string[], number]>([
    ['under the bound: nothing cut', [rating('https://out.example/1', '2026-11-01T00:00:00Z'), rating('https://in.example/1', '2026-01-01T00:00:00Z')], 2, ['out/1', 'in/1'], 0],
    [
      'over it: the newest pending kept, every known one kept, file order kept',
      [
        rating('https://out.example/old', '2026-10-01T00:00:00Z'),
        rating('https://in.example/ancient', '2020-01-01T00:00:00Z'),
        rating('https://out.example/new', '2026-11-10T00:00:00Z'),
        rating('https://out.example/mid', '2026-11-01T00:00:00Z'),
      ],
      2,
      ['in/ancient', 'out/new', 'out/mid'],
      1,
    ],
    [
      'a tie on `at`: the later row wins',
      [rating('https://out.example/a', '2026-11-01T00:00:00Z'), rating('https://out.example/b', '2026-11-01T00:00:00Z')],
      1,
      ['out/b'],
      1,
    ],
    ['a bound of zero keeps only known articles', [rating('https://out.example/a', '2026-11-01T00:00:00Z'), rating('https://in.example/b', '2026-11-01T00:00:00Z')], 0, ['in/b'], 1],
  ])('%s', (_name, ratings, max, kept, cut) => {
    const result = boundPending(stored(ratings), known, max);
    expect(result.stored.ratings.map((r) => r.article.replace(/^https:\/\/(\w+)\.example/, '$1'))).toEqual(kept);
    expect(result.cut).toBe(cut);
  });
  it('states its bound', () => expect(MAX_PENDING_PER_RATER).toBe(1000));
});

describe('a rater with 85,000 ratings of absent articles (8 MB), through the aggregator', () => {
  let server: FaultServer;
  let dir: string;
  let body: string;
  const present = Array.from({ length: 10 }, (_, i) => `https://abc.example/a${i}`);
  beforeAll(async () => {
    server = await startFaultServer();
    const items = present.map((url, i) => `<item><guid>${url}</guid><title>Story ${i}</title><link>${url}</link><pubDate>1${i % 9} Nov 2026 09:00:00 GMT</pubDate><description>Text ${i}.</description></item>`).join('');
    server.setRoute('/abc.xml', (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(`<?xml version="1.0"?><rss version="2.0"><channel><title>ABC</title><link>https://abc.example/</link>${items}</channel></rss>`));
    const ratings = [
      ...Array.from({ length: 85_000 }, (_, i) => ({
        article: `https://far.example/s${String(i).padStart(6, '0')}`,
        scale: 'newsworthy',
        value: 3,
        // Minutes apart, the newest last: the kept ones are the last 1,000 rows.
        at: new Date(Date.parse('2026-09-01T00:00:00Z') + i * 60_000).toISOString().replace('.000Z', 'Z'),
      })),
      ...present.map((article) => ({ article, scale: 'newsworthy', value: 5, at: '2026-01-01T00:00:00Z' })),
    ];
    body = JSON.stringify({ format: 'widenet-ratings/1', issued: '2026-11-19T00:00:00Z', ratings });
    server.setRoute('/flood.json', (_req, res) => void res.writeHead(200, { 'content-type': 'application/json' }).end(body));
    dir = await makeContentDir({ contingents: [{ id: 'abc', feeds: [server.url('/abc.xml')] }], raters: [{ id: 'flood', url: server.url('/flood.json') }] });
  });
  afterAll(() => server.close());

  it('stores every rating of a known article and the newest 1,000 pending, and says what it left out', async () => {
    // Under the 10 MB body cap, as a hostile file would be.
    expect(body.length).toBeGreaterThan(7_500_000);
    expect(body.length).toBeLessThan(10_000_000);
    // A first run fetches the feed and the file at once: the file's known articles may still be arriving.
    await runAggregate({ contentDir: dir, config: await loadConfig(dir), ingestFeed, now: NOW, backoffMs: 1 });
    body = body.replace('"issued":"2026-11-19T00:00:00Z"', '"issued":"2026-11-19T01:00:00Z"');
    const report = await runAggregate({ contentDir: dir, config: await loadConfig(dir), ingestFeed, now: NOW, backoffMs: 1 });
    const flood = report.sources.find((s) => s.owner === 'flood')!;
    expect(flood.ratings).toEqual({ accepted: 1010, rejected: 0 });
    expect(flood.problems).toEqual([
      'pending: 85,000 ratings name articles not in the database yet; kept the newest 1,000 (at most 1,000 per rater), left out the 84,000 oldest. When the file changes it is read again, and those whose articles have arrived count.',
    ]);
    const path = join(dir, 'ratings', 'flood.json');
    const copy = StoredRatings.parse(JSON.parse(await readFile(path, 'utf8')));
    expect(copy.ratings).toHaveLength(1010);
    expect(copy.ratings.filter((r) => r.article.startsWith('https://abc.example/'))).toHaveLength(10);
    expect(copy.ratings[0]!.article).toBe('https://far.example/s084000');
    expect((await stat(path)).size).toBeLessThan(200_000);

    // The rater page: its ten ratings listed, the 1,000 pending counted.
    const db = await readDatabase(dir);
    const model = createSiteModel(db, { now: NOW, paths: createPaths({ base: '/', site: 'https://example.org' }) });
    const view = raterView(model, 'flood')!;
    expect(view.ratings).toHaveLength(10);
    expect(view.pending).toBe('Another 1,000 rate articles not in the database yet: they count once the articles arrive, and are not listed');
    expect(hubView(model).raters.find((r) => r.href === '/raters/flood/')!.count).toBe('1,010 ratings');
  });

  it('bounds a copy stored before the bound on the next run, though the file is unchanged', async () => {
    const path = join(dir, 'ratings', 'flood.json');
    const big = JSON.parse(await readFile(path, 'utf8')) as StoredRatings;
    const extra = Array.from({ length: 5000 }, (_, i) => rating(`https://elsewhere.example/old-${i}`, '2026-01-01T00:00:00Z'));
    await writeFile(path, `${JSON.stringify({ ...big, ratings: [...extra, ...big.ratings] }, null, 2)}\n`);
    const report = await runAggregate({ contentDir: dir, config: await loadConfig(dir), ingestFeed, now: NOW, backoffMs: 1 });
    const flood = report.sources.find((s) => s.owner === 'flood')!;
    expect(flood.status).toBe('unchanged');
    expect(flood.problems?.[0]).toMatch(/^pending: 6,000 ratings name articles not in the database yet; kept the newest 1,000/);
    expect(StoredRatings.parse(JSON.parse(await readFile(path, 'utf8'))).ratings).toHaveLength(1010);
  });
});

describe('rater pages: a bounded number of ratings per page, newest first', () => {
  const articles = Array.from({ length: 250 }, (_, i) => ({ id: `a${i}`, contingent: 'abc', published: hoursAgo(300 + i) }));
  const db = makeDb({
    articles,
    ratings: {
      busy: [...articles.map((a, i) => [a.id, 'newsworthy', 3, hoursAgo(i)] as [string, string, number, string]), ['https://nowhere.example/x', 'newsworthy', 3, hoursAgo(1)]],
      quiet: [],
    },
  });
  const model = createSiteModel(db, { now: NOW, paths: createPaths({ base: '/', site: 'https://example.org' }) });

  it.each<[number, number, string, string]>([
    [1, 100, 'a0', 'a99'],
    [2, 100, 'a100', 'a199'],
    [3, 50, 'a200', 'a249'],
  ])('page %i lists %i ratings, %s to %s', (page, count, first, last) => {
    const view = raterView(model, 'busy', page)!;
    expect(view.ratings).toHaveLength(count);
    expect(view.ratings[0]!.article!.href).toBe(`/articles/${first}/`);
    expect(view.ratings.at(-1)!.article!.href).toBe(`/articles/${last}/`);
    expect(view.pages).toBe(3);
    expect(view.start).toBe((page - 1) * RATINGS_PER_PAGE + 1);
    expect(view.given).toBe('250 ratings of articles in the database');
    expect(view.pending).toBe('One more rates an article not in the database yet: it counts once the article arrives, and is not listed');
  });

  it('links its pages, and has no page past the last', () => {
    expect(raterView(model, 'busy', 2)!.pager).toMatchObject({ prev: '/raters/busy/', next: '/raters/busy/page/3/' });
    expect(raterView(model, 'busy', 4)).toBeUndefined();
    expect(raterView(model, 'quiet')!.pages).toBe(1);
  });

  it('lists every rater page in the routes and the sitemap', () => {
    expect(raterRoutes(model)).toEqual([
      { rater: 'busy', page: 1 },
      { rater: 'busy', page: 2 },
      { rater: 'busy', page: 3 },
      { rater: 'quiet', page: 1 },
    ]);
    expect(sitePages(model).filter((p) => p.startsWith('/raters/'))).toEqual(['/raters/busy/', '/raters/busy/page/2/', '/raters/busy/page/3/', '/raters/quiet/']);
  });
});
