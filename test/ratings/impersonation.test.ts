// Nobody speaks for another: every field that names a participant, tried as a hostile rater or
// publisher would, through the real path: served on loopback, aggregated into content/, read back
// as the build reads it, and shown by the site's views.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoredRatings, type Challenge } from '../../src/lib/config/schema.ts';
import type { Database } from '../../src/lib/config/database.ts';
import { listChallenges } from '../../src/lib/ratings/challenges.ts';
import { parseRatings } from '../../src/lib/ratings/parseRatings.ts';
import { contingentOfRater } from '../../src/lib/ratings/speakers.ts';
import { createPaths } from '../../src/lib/site/paths.ts';
import { createSiteModel, type SiteModel } from '../../src/lib/site/siteModel.ts';
import { articleView } from '../../src/lib/site/views/articleView.ts';
import { hubView } from '../../src/lib/site/views/hubView.ts';
import { contingentView } from '../../src/lib/site/views/pagesView.ts';
import { raterView } from '../../src/lib/site/views/raterView.ts';
import { raterLabel } from '../../src/lib/site/views/trustView.ts';
import { explainJson } from '../../src/lib/site/writers/explainJson.ts';
import { loadConfig } from '../../scripts/cli/loadConfig.ts';
import { ingestFeed } from '../../scripts/aggregator/ingestFeed.ts';
import { readDatabase } from '../../scripts/aggregator/readDatabase.ts';
import type { AggregateReport } from '../../scripts/aggregator/aggregateReport.ts';
import { runAggregate } from '../../scripts/aggregator/runAggregate.ts';
import { makeContentDir } from '../helpers/contentDir.ts';
import { startFaultServer, type FaultServer } from '../helpers/faultServer.ts';
import { makeDb, NOW } from '../helpers/makeDb.ts';
import { runCli } from '../helpers/runCli.ts';

const rss = (items: string) => `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Feed</title><link>https://example.org/</link>${items}</channel></rss>`;
const item = (guid: string, link: string, title: string, day: number, extra = '') =>
  `<item><guid isPermaLink="false">${guid}</guid><title>${title}</title><link>${link}</link><pubDate>${day} Nov 2026 09:00:00 GMT</pubDate><description>${title}: the text.</description>${extra}</item>`;
const ratingFile = (name: string, challenges: Partial<Challenge>[], ratings: object[] = []) =>
  JSON.stringify({ format: 'widenet-ratings/1', rater: { name, home: 'https://abc.example/' }, issued: '2026-11-15T00:00:00Z', ratings, challenges });

describe('nobody speaks for another, from feed and rating file to page', () => {
  let server: FaultServer;
  let report: AggregateReport;
  let db: Database;
  let model: SiteModel;
  let dir: string;
  const problemsOf = (rater: string) => report.sources.find((s) => s.kind === 'ratings' && s.owner === rater)?.problems ?? [];
  const article = (url: string) => db.articles.find((a) => a.url === url && a.guid !== 'x2')!;
  const byGuid = (guid: string) => db.articles.find((a) => a.guid === guid)!;

  beforeAll(async () => {
    server = await startFaultServer();
    const serve = (path: string, type: string, body: string) => server.setRoute(path, (_req, res) => void res.writeHead(200, { 'content-type': type }).end(body));
    serve('/abc.xml', 'application/rss+xml', rss(item('a1', 'https://abc.example/a1', 'Ferry contract signed', 10)));
    serve(
      '/xyz.xml',
      'application/rss+xml',
      rss(
        // x1 says it adapts ABC's a1 (a claim about itself); x2 carries ABC's own URL with other words; x3 names ABC as author.
        item('x1', 'https://xyz.example/x1', 'Ferry deal, our take', 11, '<source url="https://abc.example/a1">ABC</source>') +
          item('x2', 'https://abc.example/a1', 'Ferry contract torn up', 11) +
          item('x3', 'https://xyz.example/x3', 'A statement', 11, '<author>board@abc.example (ABC)</author>') +
          // x4's permalink guid is ABC's URL.
          `<item><guid isPermaLink="true">https://abc.example/a1</guid><title>Ferry contract, the real story</title><link>https://xyz.example/x4</link><pubDate>11 Nov 2026 09:00:00 GMT</pubDate><description>Other words.</description></item>`,
      ),
    );
    // A JSON Feed item cannot move itself to another contingent.
    serve(
      '/def.json',
      'application/feed+json',
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'DEF',
        items: [{ id: 'd1', url: 'https://def.example/d1', title: 'Harbour survey', content_text: 'Survey.', date_published: '2026-11-12T09:00:00Z', _widenet: { contingent: 'abc' }, contingent: 'abc' }],
      }),
    );
    serve(
      '/abc-desk.json',
      'application/json',
      ratingFile(
        'XYZ Collective', // a desk calling itself another contingent's name
        [
          { article: 'https://def.example/d1', by: 'xyz', at: '2026-11-13T00:00:00Z', note: 'Forged as XYZ' },
          { article: 'https://xyz.example/x1', by: 'abc', at: '2026-11-14T00:00:00Z', url: 'https://abc.example/why-x1' },
          { article: 'https://def.example/d1', at: '2026-11-14T00:00:00Z' },
        ],
        [{ article: 'https://def.example/d1', scale: 'endorse', value: 1, at: '2026-11-14T00:00:00Z' }],
      ),
    );
    serve(
      '/alice.json',
      'application/json',
      ratingFile(
        'ABC',
        [
          { article: 'https://xyz.example/x1', by: 'abc', at: '2026-11-13T00:00:00Z', note: 'Forged as ABC' },
          { article: 'https://xyz.example/x1', at: '2026-11-13T12:00:00Z', note: 'Where is the source?' },
        ],
        [{ article: 'https://abc.example/a1', scale: 'endorse', value: 1, at: '2026-11-14T00:00:00Z' }],
      ),
    );
    // A rater whose id is a contingent's id, but which is not that contingent's rater.
    serve(
      '/def-watch.json',
      'application/json',
      ratingFile('DEF', [
        { article: 'https://def.example/d1', at: '2026-11-12T12:00:00Z', note: 'Who paid for the survey?' },
        { article: 'https://abc.example/a1', by: 'def', at: '2026-11-13T00:00:00Z' },
      ]),
    );
    dir = await makeContentDir({
      contingents: [
        { id: 'abc', name: 'ABC', feeds: [server.url('/abc.xml')], rater: 'abc-desk' },
        { id: 'xyz', name: 'XYZ Collective', feeds: [server.url('/xyz.xml')] },
        { id: 'def', name: 'DEF', feeds: [server.url('/def.json')] },
      ],
      raters: [
        { id: 'abc-desk', name: 'ABC desk', url: server.url('/abc-desk.json') },
        { id: 'alice', name: 'Alice', url: server.url('/alice.json') },
        { id: 'def', name: 'Def Watch', url: server.url('/def-watch.json') },
      ],
      editions: {
        commons: { title: 'Commons' },
        open: { title: 'Open challenges', include: [{ openChallenges: { olderThan: '1h' } }] },
      },
    });
    report = await runAggregate({ contentDir: dir, config: await loadConfig(dir), ingestFeed, now: NOW, backoffMs: 1 });
    db = await readDatabase(dir);
    model = createSiteModel(db, { now: NOW, paths: createPaths({ base: '/', site: 'https://example.org' }) });
  });
  afterAll(() => server.close());

  it('rejects by row each challenge "by" another contingent, and keeps the rest of the file', async () => {
    expect(problemsOf('abc-desk')).toEqual([
      'challenges[0]: by "xyz" is not the contingent of this rating file (abc); remove "by", or let xyz publish the challenge through its own rater',
    ]);
    expect(problemsOf('alice')).toEqual([
      `challenges[0]: by "abc" is not the contingent of this rating file: its rater is no contingent's rater and speaks only for itself; remove "by" to raise the challenge in the rater's own name`,
    ]);
    expect(problemsOf('def')).toEqual([
      `challenges[1]: by "def" is not the contingent of this rating file: its rater is no contingent's rater and speaks only for itself; remove "by" to raise the challenge in the rater's own name`,
    ]);
    const stored = async (rater: string) => StoredRatings.parse(JSON.parse(await readFile(join(dir, 'ratings', `${rater}.json`), 'utf8')));
    expect((await stored('abc-desk')).challenges.map((c) => c.at)).toEqual(['2026-11-14T00:00:00Z', '2026-11-14T00:00:00Z']);
    expect((await stored('alice')).challenges.map((c) => c.note)).toEqual(['Where is the source?']);
    expect((await stored('alice')).ratings).toHaveLength(1);
    // The file's own name for its rater is not stored: only raters.yaml names a rater.
    expect(JSON.stringify(await stored('alice'))).not.toContain('"ABC"');
  });

  it.each<[string, string, { by: string; note?: string }[]]>([
    ['d1, challenged by the ABC desk (for ABC) and by the rater "def" (not contingent DEF)', 'https://def.example/d1', [{ by: 'Def Watch (rater)', note: 'Who paid for the survey?' }, { by: 'ABC' }]],
    ['x1, challenged by Alice in her own name and by ABC through its desk', 'https://xyz.example/x1', [{ by: 'Alice (rater)', note: 'Where is the source?' }, { by: 'ABC' }]],
    ['a1, whose only challenge was forged', 'https://abc.example/a1', []],
  ])('article page of %s', (_name, url, expected) => {
    const view = articleView(model, article(url));
    expect(view.challenges.map((c) => ({ by: c.by, ...(c.note && { note: c.note }) }))).toEqual(expected);
  });

  it('contingent pages: challenges raised only by the contingent itself, received with who raised them', () => {
    expect(contingentView(model, 'xyz')!.challenges.raised).toEqual([]);
    expect(contingentView(model, 'def')!.challenges.raised).toEqual([]);
    expect(contingentView(model, 'abc')!.challenges.raised.map((c) => [c.article.text, c.other])).toEqual([
      ['Harbour survey', { text: 'DEF', href: '/contingents/def/' }],
      ['Ferry deal, our take', { text: 'XYZ Collective', href: '/contingents/xyz/' }],
    ]);
    expect(contingentView(model, 'xyz')!.challenges.against.map((c) => c.other)).toEqual([
      { text: 'Alice (rater)', href: '/raters/alice/' },
      { text: 'ABC', href: '/contingents/abc/' },
    ]);
    expect(contingentView(model, 'def')!.challenges.against.map((c) => c.other)).toEqual([
      { text: 'Def Watch (rater)', href: '/raters/def/' },
      { text: 'ABC', href: '/contingents/abc/' },
    ]);
  });

  it('accountability figures count what each contingent received, and nothing forged', () => {
    const received = Object.fromEntries(hubView(model).challenges.map((c) => [c.contingent.text, [c.received, c.open]]));
    expect(received).toEqual({ 'XYZ Collective': [2, 2], DEF: [2, 2], ABC: [0, 0] });
  });

  it('explains an open challenge by who raised it, a rater named as a rater', () => {
    const open = explainJson(model.result('open'), model.paths, NOW);
    const matched = Object.fromEntries(open.articles.map((a) => [a.url, a.matched]));
    expect(matched).toEqual({
      'https://def.example/d1': ['a challenge unanswered for more than 1h (from rater def since 2026-11-12, and 1 more)'],
      'https://xyz.example/x1': ['a challenge unanswered for more than 1h (from rater alice since 2026-11-13, and 1 more)'],
    });
  });

  it('says in words who challenged an article, a rater as a rater', () => {
    const why = (url: string) => articleView(model, article(url)).editions.find((e) => e.title === 'Open challenges')?.why;
    expect(why('https://def.example/d1')).toEqual(['Challenged by Def Watch (rater) on Nov 12, 2026, still unanswered, and 1 other challenge']);
    expect(why('https://xyz.example/x1')).toEqual(['Challenged by Alice (rater) on Nov 13, 2026, still unanswered, and 1 other challenge']);
  });

  it('rater pages: whom each speaks for, and the challenges its file lists, as whom', () => {
    expect(raterView(model, 'abc-desk')!.speaksFor).toEqual({ text: 'ABC', href: '/contingents/abc/' });
    expect(raterView(model, 'def')!.speaksFor).toBeUndefined();
    expect(raterView(model, 'abc-desk')!.challenges.items.map((c) => [c.article.text, c.as?.text])).toEqual([
      ['Ferry deal, our take', 'ABC'],
      ['Harbour survey', 'ABC'],
    ]);
    expect(raterView(model, 'alice')!.challenges.items.map((c) => [c.article.text, c.as])).toEqual([['Ferry deal, our take', undefined]]);
  });

  it('names raters as raters.yaml does, never as their files do', () => {
    expect(raterView(model, 'alice')!.name).toBe('Alice');
    expect(raterView(model, 'abc-desk')!.name).toBe('ABC desk');
    expect(hubView(model).raters.map((r) => r.text)).toEqual(['ABC desk', 'Alice', 'Def Watch']);
    expect(articleView(model, article('https://abc.example/a1')).ratings.map((r) => r.rater.text)).toEqual(['Alice']);
  });

  it('endorses for a contingent only through its own rater', () => {
    expect(articleView(model, article('https://abc.example/a1')).statement?.endorsed).toEqual([]);
    expect(articleView(model, article('https://def.example/d1')).statement?.endorsed).toEqual(['ABC']);
  });

  it.each<[string, string, string, string]>([
    ['a via claim', 'x1', 'XYZ Collective', 'The XYZ Collective contingent of Wide Net'],
    ['a copy under ABC\'s own URL (alsoIn)', 'x2', 'XYZ Collective', 'The XYZ Collective contingent of Wide Net'],
    ['a permalink guid of ABC\'s URL', 'https://abc.example/a1', 'XYZ Collective', 'The XYZ Collective contingent of Wide Net'],
    ['an author naming ABC', 'x3', 'XYZ Collective', 'The XYZ Collective contingent of Wide Net'],
    ['a JSON Feed item naming another contingent', 'd1', 'DEF', 'The DEF contingent of Wide Net'],
  ])('feeds: %s stays its own contingent\'s (credit, signature)', (_name, guid, contingent, signature) => {
    const a = byGuid(guid);
    const view = articleView(model, a);
    expect(view.contingent.text).toBe(contingent);
    expect(view.signature).toBe(signature);
    expect(view.credit.text.startsWith(`“${a.title}”, ${signature}. ${a.url}. License: CC0-1.0.`), view.credit.text).toBe(true);
  });

  it('feeds: a copy of a URL on ABC\'s site gets none of what is addressed to ABC\'s article there', () => {
    // Alice endorses https://abc.example/a1: ABC's article, not XYZ's copies under that URL.
    expect(articleView(model, article('https://abc.example/a1')).ratings.map((r) => r.rater.text)).toEqual(['Alice']);
    for (const guid of ['x2', 'https://abc.example/a1']) {
      expect(articleView(model, byGuid(guid)).ratings).toEqual([]);
      expect(model.index.ratingsOf(byGuid(guid).id).size).toBe(0);
    }
  });

  it('feeds: claims about another contingent\'s article are shown as the claimant\'s', () => {
    const a1 = articleView(model, article('https://abc.example/a1'));
    expect(a1.adaptations.map((a) => [a.text, a.contingent])).toEqual([['Ferry deal, our take', 'XYZ Collective']]);
    expect(a1.alsoIn.map((a) => [a.text, a.contingent])).toEqual([['Ferry contract torn up', 'XYZ Collective']]);
    expect(a1.title).toBe('Ferry contract signed');
    const x1 = articleView(model, byGuid('x1'));
    expect(x1.adaptedFrom?.originals.map((a) => [a.text, a.contingent])).toEqual([['Ferry contract signed', 'ABC']]);
  });
});

describe('a challenge names only the file\'s own contingent', () => {
  const scales = [{ id: 'endorse', name: 'Endorse', min: 0, max: 1, neutral: 0, description: 'x' }];
  const contingents = [
    { id: 'abc', rater: 'abc-desk' },
    { id: 'xyz', rater: 'xyz-desk' },
    { id: 'def' },
  ];
  const parse = (rater: string, challenge: object) =>
    parseRatings(JSON.stringify({ format: 'widenet-ratings/1', ratings: [], challenges: [challenge] }), {
      rater,
      contingent: contingentOfRater(contingents, rater),
      url: `https://${rater}.example/r.json`,
      format: 'json',
      scales,
      sha256: 'x',
    });
  const at = '2026-11-13T00:00:00Z';

  it.each<[string, string, object, string | undefined]>([
    ['a desk for its own contingent', 'abc-desk', { article: 'x', at, by: 'abc' }, undefined],
    ['a desk, by default', 'abc-desk', { article: 'x', at }, undefined],
    ['a desk for another contingent', 'abc-desk', { article: 'x', at, by: 'xyz' }, 'by "xyz" is not the contingent of this rating file (abc)'],
    ['a desk for a contingent without a rater', 'abc-desk', { article: 'x', at, by: 'def' }, 'by "def" is not the contingent of this rating file (abc)'],
    ['a desk for an unknown contingent', 'abc-desk', { article: 'x', at, by: 'nobody' }, 'by "nobody" is not the contingent of this rating file (abc)'],
    ['a desk for its contingent, in capitals', 'abc-desk', { article: 'x', at, by: 'ABC' }, 'by: '],
    ['an independent rater for a contingent', 'alice', { article: 'x', at, by: 'abc' }, 'by "abc" is not the contingent of this rating file: its rater is no contingent\'s rater'],
    ['an independent rater for itself, by its rater id', 'alice', { article: 'x', at, by: 'alice' }, 'by "alice" is not the contingent of this rating file: its rater is no contingent\'s rater'],
    ['an independent rater, in its own name', 'alice', { article: 'x', at }, undefined],
  ])('%s', (_name, rater, challenge, problem) => {
    const { stored, problems } = parse(rater, challenge);
    if (problem === undefined) {
      expect(problems).toEqual([]);
      expect(stored.challenges).toHaveLength(1);
    } else {
      expect(problems.map((p) => p.row)).toEqual(['challenges[0]']);
      expect(problems[0]!.message.startsWith(problem), problems[0]!.message).toBe(true);
      expect(stored.challenges).toEqual([]);
    }
  });

  it('ignores a stored copy that still names another contingent, as of today\'s contingents.yaml', () => {
    // Stored before the rule, or before contingents.yaml gave abc another rater.
    const stale = makeDb({
      contingents: [{ id: 'abc', rater: 'abc-desk-2' }, { id: 'xyz' }, { id: 'def' }],
      raters: ['abc-desk'],
      articles: [{ id: 'x1', contingent: 'xyz' }],
      challenges: { 'abc-desk': [{ article: 'x1', by: 'abc' }, { article: 'x1', by: 'def' }, { article: 'x1' }], alice: [{ article: 'x1', by: 'xyz' }] },
    });
    expect(listChallenges(stale).map((c) => [c.challenger ?? null, c.rater])).toEqual([[null, 'abc-desk']]);
  });
});

describe('npm run check: a challenge by another contingent, before publishing and in stored copies', () => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = await makeContentDir({
      contingents: [{ id: 'abc', name: 'ABC', feeds: ['https://abc.example/feed.xml'], rater: 'abc-desk' }, { id: 'xyz', feeds: ['https://xyz.example/feed.xml'] }],
      raters: [{ id: 'abc-desk', name: 'ABC desk', url: 'https://abc.example/r.json' }, { id: 'alice', name: 'Alice', url: 'https://alice.example/r.json' }],
    });
    file = join(dir, 'mine.json');
    await writeFile(file, ratingFile('ABC desk', [{ article: 'https://xyz.example/x1', by: 'abc', at: '2026-11-13T00:00:00Z' }]));
  });

  it.each<[string, string[], number, RegExp]>([
    ['as the ABC desk\'s file', ['--rater', 'abc-desk'], 0, /mine\.json: 0 ratings, 1 challenges, all valid/],
    ['as an independent rater\'s file', ['--rater', 'alice'], 1, /mine\.json challenges\[0\]: by "abc" is not the contingent of this rating file: its rater is no contingent's rater/],
    ['without --rater: by no contingent', [], 1, /mine\.json challenges\[0\]: by "abc" is not the contingent of this rating file/],
    ['as an unknown rater', ['--rater', 'nobody'], 1, /--rater: no rater has the id "nobody"\. Check raters\.yaml\./],
  ])('checks a file %s', async (_name, args, code, output) => {
    const result = await runCli('check.ts', [file, ...args, '--content', dir]);
    expect(result.code, result.stderr).toBe(code);
    expect(result.stdout + result.stderr).toMatch(output);
  });

  it('reports stored copies that name another contingent or another rater', async () => {
    await mkdir(join(dir, 'ratings'), { recursive: true });
    const stored = (rater: string, challenges: object[]) => JSON.stringify({ rater, url: 'https://x.example/r.json', sha256: 'x', ratings: [], challenges });
    await writeFile(join(dir, 'ratings', 'alice.json'), stored('alice', [{ article: 'x', by: 'abc', at: '2026-11-13T00:00:00Z' }, { article: 'x', at: '2026-11-13T00:00:00Z' }]));
    await writeFile(join(dir, 'ratings', 'abc-desk.json'), stored('alice', []));
    const { code, stderr } = await runCli('check.ts', ['--content', dir]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/ratings\/abc-desk\.json rater: "alice" is not this file's rater \(abc-desk\)\. Delete the file and run npm run aggregate/);
    expect(stderr).toMatch(/ratings\/alice\.json challenges\[0\]: by "abc" is not the contingent of this rating file: .*\. The site ignores this challenge; run npm run aggregate/);
    expect(stderr).not.toMatch(/challenges\[1\]/);
  });
});

describe('raters discovered through trust speak only for themselves', () => {
  const db = makeDb({
    contingents: [{ id: 'abc', name: 'ABC', rater: 'abc-desk' }, { id: 'xyz', name: 'XYZ' }],
    raters: ['alice'],
    articles: [{ id: 'x1', contingent: 'xyz' }],
    challenges: { 'mallory-example-1': [{ article: 'x1' }], 'eve-example-2': [{ article: 'x1', by: 'abc' }] },
  });
  db.raters = db.raters.map((r) => ({ ...r, name: r.id === 'alice' ? 'Alice' : r.id === 'abc-desk' ? 'ABC desk' : r.name }));
  // Listed raters come from raters.yaml; the rest are discovered.
  db.raters = db.raters.filter((r) => r.id === 'alice' || r.id === 'abc-desk');
  const found = (id: string, url: string, name?: string) => ({ id, url, ...(name !== undefined && { name }), depth: 1, vouchedBy: ['alice'], firstSeen: NOW.toISOString() });
  db.discovered = [
    found('mallory-example-1', 'https://mallory.example/r.json', 'ABC'),
    found('eve-example-2', 'https://eve.example/r.json', ' alice '),
    found('carol-example-3', 'https://carol.example/r.json', 'Carol'),
    found('abc-desk', 'https://evil.example/r.json', 'ABC desk'),
  ];
  const model = createSiteModel(db, { now: NOW, paths: createPaths({ base: '/', site: 'https://example.org' }) });

  it.each<[string, string, string, boolean]>([
    ['a contingent\'s name', 'mallory-example-1', 'mallory.example', true],
    ['a listed rater\'s name, spaced and cased otherwise', 'eve-example-2', 'eve.example', true],
    ['a name of its own, in quotes beside its host', 'carol-example-3', 'carol.example (“Carol”)', true],
    ['the id of a contingent\'s desk: the listed desk is meant', 'abc-desk', 'ABC desk', false],
  ])('claiming %s', (_name, id, text, discovered) => {
    expect(raterLabel(model, id)).toMatchObject({ text, discovered });
    expect(raterView(model, id)!.name).toBe(text);
  });

  it('is no contingent\'s desk, and raises no challenge in anyone\'s name', () => {
    expect(raterView(model, 'mallory-example-1')!.speaksFor).toBeUndefined();
    expect(listChallenges(db).filter((c) => c.rater !== 'abc-desk')).toEqual([]);
  });
});
