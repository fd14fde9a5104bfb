// The site's pure view layer: URL building, pagination, explanations, rating history, replies, feeds.
import { getRssString } from '@astrojs/rss';
import Parser from 'rss-parser';
import { describe, expect, it } from 'vitest';
import { readMode } from '../../src/astro/mode.ts';
import { createRatingIndex, evaluateAll, type EditionResult } from '../../src/lib/editions/evaluateEdition.ts';
import { createPaths, normalizeBase } from '../../src/lib/site/paths.ts';
import { articleView } from '../../src/lib/site/views/articleView.ts';
import { mediaView } from '../../src/lib/site/views/mediaView.ts';
import { editionPages, pageOf } from '../../src/lib/site/views/editionPages.ts';
import { describeEdition, editionPageView, pagerView, whyItIsHere } from '../../src/lib/site/views/editionView.ts';
import { explainJson } from '../../src/lib/site/writers/explainJson.ts';
import { formatDate, formatScaleValue, signatureOf } from '../../src/lib/site/views/format.ts';
import { opml } from '../../src/lib/site/writers/opml.ts';
import { contingentView, hubView, layoutView, raterView } from '../../src/lib/site/views/pagesView.ts';
import { createRatingHistory } from '../../src/lib/site/views/ratingHistory.ts';
import { editionRoutes, sitePages, sitemapXml } from '../../src/lib/site/routes.ts';
import { contingentFeed, editionFeed } from '../../src/lib/site/writers/rssFeed.ts';
import { createSiteModel, SiteModelError } from '../../src/lib/site/siteModel.ts';
import { describeHealth, healthCounts, sourceHealth, sourceRows } from '../../src/lib/site/views/sourcesView.ts';
import { hoursAgo, makeArticle, makeDb, NOW } from '../helpers/makeDb.ts';
import { SITE_NOW, siteFixtureDatabase } from '../helpers/writeSiteFixture.ts';

const now = new Date(SITE_NOW);
const db = siteFixtureDatabase();
const hubPaths = createPaths({ base: '/', site: 'https://example.org' });
const hub = createSiteModel(db, { now, paths: hubPaths });

describe('createPaths', () => {
  const sub = createPaths({ base: '/wide-net', site: 'https://you.github.io' });
  const single = createPaths({ base: '/my-edition/', site: 'https://you.github.io', edition: 'digest' });
  it.each([
    ['hub', hubPaths.hub(), '/'],
    ['edition', hubPaths.edition('digest'), '/digest/'],
    ['edition page 1', hubPaths.edition('digest', 1), '/digest/'],
    ['edition page 3', hubPaths.edition('digest', 3), '/digest/page/3/'],
    ['rss', hubPaths.editionRss('digest'), '/digest/rss.xml'],
    ['explain', hubPaths.editionExplain('digest'), '/digest/explain.json'],
    ['article', hubPaths.article('abc-01'), '/articles/abc-01/'],
    ['contingent', hubPaths.contingent('abc'), '/contingents/abc/'],
    ['contingent rss', hubPaths.contingentRss('abc'), '/contingents/abc/rss.xml'],
    ['rater', hubPaths.rater('alice'), '/raters/alice/'],
    ['sources', hubPaths.sources(), '/sources/'],
    ['opml', hubPaths.opml(), '/opml.xml'],
    ['sitemap', hubPaths.sitemap(), '/sitemap.xml'],
    ['base without slashes', sub.edition('digest', 2), '/wide-net/digest/page/2/'],
    ['absolute', sub.absolute(sub.article('a')), 'https://you.github.io/wide-net/articles/a/'],
    ['single: its edition at the root', single.edition('digest'), '/my-edition/'],
    ['single: pages at the root', single.edition('digest', 2), '/my-edition/page/2/'],
    ['single: feed at the root', single.editionRss('digest'), '/my-edition/rss.xml'],
    ['single: explain at the root', single.editionExplain('digest'), '/my-edition/explain.json'],
    ['single: hub is the edition', single.hub(), '/my-edition/'],
    ['single: articles under base', single.article('abc-01'), '/my-edition/articles/abc-01/'],
  ])('%s', (_, actual, expected) => expect(actual).toBe(expected));

  it.each([
    ['/', '/'],
    ['', '/'],
    ['my-edition', '/my-edition/'],
    ['//a/b//', '/a/b/'],
  ])('normalizeBase(%j) is %j', (input, expected) => expect(normalizeBase(input)).toBe(expected));
});

describe('editionPages and pagerView', () => {
  const entries = (n: number): EditionResult => ({ edition: 'e', entries: Array.from({ length: n }, (_, i) => ({ article: makeArticle({ id: `a${i}` }), matched: [], ratings: [] })) });
  it.each([
    [0, 5, [0]],
    [5, 5, [5]],
    [11, 5, [5, 5, 1]],
    [3, 0, [1, 1, 1]],
  ])('%i entries in pages of %i: %j', (n, size, counts) => {
    const pages = editionPages(entries(n), size);
    expect(pages.map((p) => p.entries.length)).toEqual(counts);
    expect(pages.every((p) => p.pages === counts.length)).toBe(true);
    expect(pages.map((p) => p.start)).toEqual(counts.map((_, i) => i * Math.max(1, size) + 1));
  });
  it('keeps the engine order across pages', () => {
    const pages = editionPages(entries(12), 5);
    expect(pages.flatMap((p) => p.entries.map((e) => e.article.id))).toEqual(entries(12).entries.map((e) => e.article.id));
  });
  it.each([
    [1, 5],
    [5, 5],
    [6, 5],
    [26, 25],
  ])('position %i is on page %i', (position, size) => expect(pageOf(position, size)).toBe(Math.ceil(position / size)));
  it('pager: first, last, and two either side', () => {
    const pager = pagerView(5, 9, (n) => `/d/page/${n}/`);
    expect(pager.items.map((i) => ('gap' in i ? '…' : i.current ? `[${i.page}]` : String(i.page)))).toEqual(['1', '…', '3', '4', '[5]', '6', '7', '…', '9']);
    expect(pager.prev).toBe('/d/page/4/');
    expect(pager.next).toBe('/d/page/6/');
    expect(pagerView(1, 1, String)).toEqual({ items: [{ page: 1, href: '1', current: true }] });
  });
});

describe('why an article is here', () => {
  it.each([
    [{ score: 4.256, matched: ['newsworthy ≥ 4 (score 4.26, 2 raters)'], ratings: [{}, {}] }, ['score 4.26', 'newsworthy ≥ 4 (score 4.26, 2 raters)', '2 ratings counted']],
    [{ matched: [], ratings: [] }, ['passes the edition’s filters (no include rule)']],
    [{ matched: ['tag "strike"'], ratings: [{}] }, ['tag "strike"', '1 rating counted']],
  ])('%j', (entry, expected) => expect(whyItIsHere(entry as never)).toEqual(expected));

  it('edition pages list the engine entries with their reasons', () => {
    const view = editionPageView(hub, 'digest', 1)!;
    const engine = hub.result('digest').entries;
    expect(view.entries.map((e) => e.id)).toEqual(engine.slice(0, 5).map((e) => e.article.id));
    expect(view.entries[0]!.why).toEqual(whyItIsHere(engine[0]!));
    expect(view.entries[0]!.href).toBe('/articles/abc-01/');
    expect(editionPageView(hub, 'digest', 2)!.entries[0]!.position).toBe(6);
    expect(editionPageView(hub, 'digest', 99)).toBeUndefined();
  });

  it('describes the filter in words', () => {
    const lines = describeEdition(db.editions.find((e) => e.id === 'digest')!, db.site.quorum);
    expect(lines).toContain('Ratings that count: alice × 1, bob × 0.7');
    expect(lines).toContain('Kept if any of: anti-reformist ≥ 0.5, at least 2 raters; newsworthy ≥ 3.5');
    expect(lines).toContain('Order: by newsworthy × 1 + anti-reformist × 0.5, halving every 36h of age');
  });
});

describe('explainJson', () => {
  it('is the engine result, in its order, with the ratings that counted', () => {
    const result = evaluateAll(db, now).get('digest')!;
    const json = explainJson(result, hubPaths, now);
    expect(json.count).toBe(result.entries.length);
    expect(json.articles.map((a) => a.id)).toEqual(result.entries.map((e) => e.article.id));
    const first = json.articles[0]!;
    expect(first).toMatchObject({ id: 'abc-01', url: 'https://abc.example/2026/11/abc-01', page: 'https://example.org/articles/abc-01/', score: result.entries[0]!.score });
    expect(first.ratings).toContainEqual({ rater: 'bob', scale: 'newsworthy', value: 4, weight: 0.7, at: expect.any(String) });
    expect(explainJson(evaluateAll(db, now).get('commons')!, hubPaths, now).articles[0]!.score).toBeNull();
  });
});

describe('rating history', () => {
  const history = createRatingHistory(db, createRatingIndex(db));
  it('marks the retracted rating as retracted', () => {
    expect(history.ofArticle('abc-13')).toEqual([expect.objectContaining({ rater: 'bob', scale: 'newsworthy', value: 5, status: 'retracted', retractedAt: expect.any(String) })]);
  });
  it('marks a replaced rating, and the latest one as counting', () => {
    const list = history.ofArticle('xyz-11');
    expect(list.map((r) => [r.value, r.status])).toEqual([
      [4, 'counts'],
      [2, 'replaced'],
    ]);
  });
  it('agrees with the engine on which ratings count', () => {
    const index = createRatingIndex(db);
    for (const article of db.articles) {
      const live = [...index.ratingsOf(article.id).values()].flatMap((m) => [...m.values()]).map((r) => `${r.rater}/${r.scale}/${r.value}`).sort();
      const counting = history.ofArticle(article.id).filter((r) => r.status === 'counts').map((r) => `${r.rater}/${r.scale}/${r.value}`).sort();
      expect(counting, article.id).toEqual(live);
    }
  });
  it('keeps ratings of articles not in the database yet on the rater, as pending', () => {
    expect(history.byRater('alice').filter((r) => r.status === 'pending').map((r) => r.ref)).toEqual(['https://abc.example/2026/11/not-yet-here']);
  });
  it('ignores values outside the scale, unknown scales and unknown raters, like the engine', () => {
    const small = makeDb({
      articles: [{ id: 'a1' }],
      ratings: { alice: [['a1', 'newsworthy', 9], ['a1', 'nope', 3], ['a1', 'newsworthy', 4]] },
    });
    small.ratings.push({ rater: 'stranger', url: 'https://s.example/', sha256: '0', ratings: [{ article: 'a1', scale: 'newsworthy', value: 5, at: NOW.toISOString() }], challenges: [] });
    const h = createRatingHistory(small, createRatingIndex(small));
    expect(h.ofArticle('a1').map((r) => [r.rater, r.value, r.status])).toEqual([['alice', 4, 'counts']]);
  });
});

describe('article view', () => {
  const view = articleView(hub, hub.index.article('abc-01')!);
  it('credits the contingent with its signature, the original link and the license', () => {
    expect(view.signature).toBe('The ABC contingent of Wide Net');
    expect(view.url).toBe('https://abc.example/2026/11/abc-01');
    expect(view.license).toBe('CC0-1.0');
    expect(view.contingent.href).toBe('/contingents/abc/');
    expect(articleView(hub, hub.index.article('xyz-02')!).signature).toBe('Signed by the XYZ Collective, a contingent of Wide Net');
  });
  it('lists the editions that include it, linking to the page that shows it, with why', () => {
    expect(view.editions.map((e) => e.title)).toEqual(['Commons', 'Anti-reform digest', 'Statements']);
    expect(view.editions[2]).toMatchObject({ signature: 'Signed by a two-thirds quorum of the contingents of Wide Net', why: ['2 of 3 contingents endorse (≥ 67%)', '6 ratings counted'] });
    expect(view.editions[1]!.href).toBe('/digest/#abc-01');
  });
  it('shows revisions newest first, media, scale labels and replies', () => {
    expect(view.revisions.map((r) => r.title)).toEqual(['Port workers vote to strike (corrected)', 'Port workers may strike']);
    expect(view.media.map((m) => m.kind)).toEqual(['image', 'audio']);
    expect(view.ratings.find((r) => r.scale === 'Newsworthy' && r.rater.text === 'Alice')?.value).toBe('5 (essential)');
    expect(view.replies.map((r) => r.href)).toEqual(['/articles/xyz-02/']);
    expect(articleView(hub, hub.index.article('xyz-02')!).inReplyTo.map((r) => r.href)).toEqual(['/articles/abc-01/']);
    expect(articleView(hub, hub.index.article('xyz-05')!).inReplyTo).toEqual([expect.objectContaining({ href: 'https://elsewhere.example/original-story', external: true })]);
  });
  it('shows challenges, answered or not', () => {
    expect(articleView(hub, hub.index.article('abc-04')!).challenges).toEqual([
      expect.objectContaining({ by: 'DEF', answered: true, href: '/articles/def-03/' }),
      expect.objectContaining({ by: 'XYZ Collective', answered: false, href: '/articles/xyz-38/' }),
    ]);
  });
  it.each([
    [{ url: 'https://x.example/a.mp3', type: 'audio/mpeg' }, 'audio'],
    [{ url: 'https://x.example/a', medium: 'video' as const }, 'video'],
    [{ url: 'https://x.example/a.png', type: 'IMAGE/PNG' }, 'image'],
    [{ url: 'https://x.example/a.pdf', type: 'application/pdf', length: 2_500_000 }, 'link'],
  ])('media %j is shown as %s', (media, kind) => expect(mediaView(media).kind).toBe(kind));
});

describe('single-edition model', () => {
  const single = createSiteModel(db, { now, paths: createPaths({ base: '/my-edition/', site: 'https://example.org', edition: 'digest' }), edition: 'digest' });
  it('publishes only the edition and its articles', () => {
    expect(single.editions.map((e) => e.id)).toEqual(['digest']);
    expect(single.articles.map((a) => a.id)).toEqual(single.result('digest').entries.map((e) => e.article.id));
    expect(single.includedBy('abc-01').map((i) => i.edition.id)).toEqual(['digest']);
    expect(sitePages(single)[0]).toBe('/my-edition/');
    expect(layoutView(single).brand).toEqual({ text: 'Anti-reform digest', href: '/my-edition/' });
  });
  it('links to articles outside the edition at their source', () => {
    const view = articleView(single, single.index.article('abc-01')!);
    expect(view.replies).toEqual([expect.objectContaining({ href: '/my-edition/articles/xyz-02/', external: false })]);
    const outside = contingentView(single, 'def')!;
    expect(outside.articles).toEqual([]);
    expect(raterView(single, 'bob')!.ratings.every((r) => r.article!.href.startsWith('/my-edition/articles/'))).toBe(true);
  });
  it('stops with a clear error on an unknown edition or a reserved id', () => {
    expect(() => createSiteModel(db, { now, paths: hubPaths, edition: 'nope' })).toThrow(/WIDENET_EDITION=nope names no edition. Use one of: commons, digest, statements/);
    const clash = makeDb({ editions: [{ id: 'articles' }] });
    expect(() => createSiteModel(clash, { now, paths: hubPaths })).toThrow(SiteModelError);
  });
});

describe('hub, contingent, rater and sources views', () => {
  it('hub: editions with counts, default first', () => {
    const view = hubView(hub);
    expect(view.editions.map((e) => [e.id, e.count])).toEqual([
      ['commons', '38 articles'],
      ['digest', `${hub.result('digest').entries.length} articles`],
      ['open-challenges', '1 article'],
      ['statements', '2 articles'],
    ]);
    expect(view.sources.feeds).toBe('2 of 4 feeds ok, 1 failing, 1 gone');
    expect(view.contingentsOpml).toBe(hub.paths.contingentsOpml());
    expect(view.contingentsOpml).toMatch(/contingents\.opml$/);
  });
  it('contingent: its articles newest first, feed health and challenges', () => {
    const view = contingentView(hub, 'def')!;
    expect(view.articles.length).toBe(13);
    expect(view.articles.map((a) => a.published)).toEqual([...view.articles.map((a) => a.published)].sort().reverse());
    expect(view.feeds.map((f) => f.health)).toEqual(['gone', 'ok']);
    expect(view.challenges.raised).toEqual([expect.objectContaining({ other: 'ABC', answered: true })]);
    expect(contingentView(hub, 'abc')!.challenges.against.find((c) => c.other === 'DEF')!.answer?.href).toBe('/articles/abc-07/');
  });
  it('rater: scales used and ratings newest first', () => {
    const view = raterView(hub, 'bob')!;
    expect(view.scales.map((s) => s.name)).toEqual(['Anti-reformist', 'Newsworthy']);
    expect(view.ratings.map((r) => r.at)).toEqual([...view.ratings.map((r) => r.at)].sort().reverse());
    expect(view.ratings.find((r) => r.status === 'retracted')?.statusText).toMatch(/^retracted on /);
  });
  it.each([
    [{ consecutiveFailures: 0, lastSuccess: 'x' }, 'ok'],
    [{ consecutiveFailures: 2, lastSuccess: 'x' }, 'failing'],
    [{ consecutiveFailures: 1, gone: true }, 'gone'],
    [{ consecutiveFailures: 1, rejected: true, lastSuccess: 'x' }, 'rejected'],
    [{ consecutiveFailures: 0, lastSuccess: 'x' }, 'ok'],
    [{ consecutiveFailures: 0 }, 'not fetched yet'],
  ])('source health of %j is %s', (state, health) => expect(sourceHealth(state)).toBe(health));
  it('sources: feeds first, then rating files', () => {
    const rows = sourceRows(db.sources);
    expect(rows.map((r) => r.kind)).toEqual(['feed', 'feed', 'feed', 'feed', 'ratings', 'ratings', 'ratings', 'ratings']);
    expect(describeHealth(healthCounts(rows, 'ratings'), 'rating file')).toBe('2 of 4 rating files ok, 2 rejected');
    expect(describeHealth(healthCounts([], 'feed'), 'feed')).toBe('no feeds fetched yet');
  });
});

describe('feeds, OPML and sitemap', () => {
  it('edition feed: engine order, absolute permalink guids, full text, categories, enclosure', async () => {
    const xml = await getRssString(editionFeed(hub, 'digest'));
    const feed = await new Parser().parseString(xml);
    const engine = hub.result('digest').entries;
    expect(feed.items.map((i) => i.guid)).toEqual(engine.map((e) => `https://example.org/articles/${e.article.id}/`));
    expect(feed.items.map((i) => i.link)).toEqual(feed.items.map((i) => i.guid));
    expect(xml).toContain('<guid isPermaLink="true">https://example.org/articles/abc-01/</guid>');
    expect(feed.items[0]!['content:encoded']).toBe(hub.index.article('abc-01')!.html);
    expect(feed.items[0]!.categories).toEqual(['strike', 'labor']);
    expect(feed.items[0]!.enclosure).toMatchObject({ url: 'https://abc.example/media/picket.jpg', type: 'image/jpeg' });
    expect(feed.description).toContain('The Digest contingent of Wide Net');
  });
  it('escapes titles and names that look like markup', async () => {
    const tricky = makeDb({ articles: [{ id: 'a1', title: 'Fish & <chips>', authors: ['A <b>'], tags: ['x&y'] }], editions: [{ id: 'e', title: 'E & F' }] });
    const model = createSiteModel(tricky, { now: NOW, paths: hubPaths });
    const feed = await new Parser({ customFields: { item: ['dc:creator'] } }).parseString(await getRssString(editionFeed(model, 'e')));
    expect(feed.items[0]).toMatchObject({ title: 'Fish & <chips>', categories: ['x&y'], 'dc:creator': 'A <b>' });
    expect(opml(model)).toContain('text="E &amp; F"');
  });
  it('contingent feed: its newest articles', () => {
    expect(contingentFeed(hub, 'abc').items.map((i) => i.link)).toEqual(hub.articlesOf('abc').map((a) => `https://example.org/articles/${a.id}/`));
  });
  it('OPML lists every edition feed', () => {
    const xml = opml(hub);
    for (const e of hub.editions) expect(xml).toContain(`xmlUrl="https://example.org/${e.id}/rss.xml"`);
  });
  it('sitemap lists every page once', () => {
    const pages = sitePages(hub);
    expect(new Set(pages).size).toBe(pages.length);
    expect(pages.length).toBe(1 + editionRoutes(hub).length + hub.editions.length + 38 + 3 + 4 + 1);
    expect(sitemapXml(['https://x.org/a?b&c'])).toContain('<loc>https://x.org/a?b&amp;c</loc>');
  });
});

describe('readMode and formatting', () => {
  it('reads the edition and a pinned now', () => {
    expect(readMode({ WIDENET_EDITION: 'digest', WIDENET_NOW: '2026-11-20T12:00:00Z' })).toEqual({ edition: 'digest', now: new Date('2026-11-20T12:00:00Z') });
    expect(readMode({ WIDENET_EDITION: '  ' }, () => 5)).toEqual({ now: new Date(5) });
    expect(() => readMode({ WIDENET_NOW: 'yesterday' })).toThrow(/WIDENET_NOW="yesterday" is not a date/);
  });
  it.each([
    ['2026-11-20T09:30:00Z', false, 'Nov 20, 2026'],
    ['2026-11-20T09:30:00Z', true, 'Nov 20, 2026, 09:30 UTC'],
    ['not a date', false, 'not a date'],
  ])('formatDate(%j, %j) is %j', (iso, withTime, expected) => expect(formatDate(iso, 'en', withTime)).toBe(expected));
  it('formats scale values with labels, and signatures', () => {
    expect(formatScaleValue({ labels: { '-1': 'rejects' } }, -1)).toBe('-1 (rejects)');
    expect(formatScaleValue(undefined, 0.333)).toBe('0.33');
    expect(signatureOf({ name: 'ABC' }, { network: 'Wide Net' })).toBe('The ABC contingent of Wide Net');
    expect(signatureOf({ name: 'ABC', signature: 'ABC, for Wide Net' }, { network: 'Wide Net' })).toBe('ABC, for Wide Net');
  });
  it('hub model covers every article once in its contingent', () => {
    expect(db.contingents.flatMap((c) => hub.articlesOf(c.id)).length).toBe(db.articles.length);
    expect(hoursAgo(0)).toBe(NOW.toISOString());
  });
});
