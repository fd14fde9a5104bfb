// The site's pure view layer: URL building, pagination, explanations, rating history, replies, feeds.
import Parser from 'rss-parser';
import { describe, expect, it } from 'vitest';
import { readMode } from '../../src/astro/mode.ts';
import { createRatingIndex, evaluateAll, type EditionEntry } from '../../src/lib/editions/evaluateEdition.ts';
import { createPaths, normalizeBase } from '../../src/lib/site/paths.ts';
import { articleView } from '../../src/lib/site/views/articleView.ts';
import { mediaView } from '../../src/lib/site/views/mediaView.ts';
import { editionPages, pageOf } from '../../src/lib/site/views/editionPages.ts';
import { editionPageView, pagerView } from '../../src/lib/site/views/editionView.ts';
import { describeEdition, formatScore, reasonInWords, whyItIsHere, type WhyNames } from '../../src/lib/site/views/whyView.ts';
import { hubView } from '../../src/lib/site/views/hubView.ts';
import { explainJson } from '../../src/lib/site/writers/explainJson.ts';
import { formatDate, formatScaleValue, signatureOf } from '../../src/lib/site/views/format.ts';
import { opml } from '../../src/lib/site/writers/opml.ts';
import { contingentView, layoutView } from '../../src/lib/site/views/pagesView.ts';
import { raterView } from '../../src/lib/site/views/raterView.ts';
import { createRatingHistory } from '../../src/lib/site/views/ratingHistory.ts';
import { editionRoutes, sitePages } from '../../src/lib/site/routes.ts';
import { sitemapXml } from '../../src/lib/site/writers/sitemap.ts';
import { contingentFeedDocument } from '../../src/lib/site/writers/feedModel.ts';
import { publishedFeed } from '../../src/lib/site/writers/publishFeeds.ts';
import { createSiteModel, SiteModelError } from '../../src/lib/site/siteModel.ts';
import { describeHealth, healthCounts, sourceHealth, sourceRows } from '../../src/lib/site/views/sourcesView.ts';
import { isDemoNetwork, linkNote, linksNote, urlPieces } from '../../src/lib/site/views/links.ts';
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
  const entries = (n: number): EditionEntry[] => Array.from({ length: n }, (_, i) => ({ article: makeArticle({ id: `a${i}` }), matched: [], reasons: [], ratings: [] }));
  it.each([
    [0, 5, [0], [1]],
    [5, 5, [5], [1]],
    [11, 5, [5, 5, 1], [1, 6, 11]],
    [3, 0, [1, 1, 1], [1, 2, 3]],
  ])('%i entries in pages of %i: %j, starting at %j', (n, size, counts, starts) => {
    const pages = editionPages(entries(n), size);
    expect(pages.map((p) => p.entries.length)).toEqual(counts);
    expect(pages.every((p) => p.pages === counts.length)).toBe(true);
    expect(pages.map((p) => p.start)).toEqual(starts);
  });
  it('keeps the engine order across pages', () => {
    const pages = editionPages(entries(12), 5);
    expect(pages.flatMap((p) => p.entries.map((e) => e.article.id))).toEqual(entries(12).map((e) => e.article.id));
  });
  it.each([
    [1, 5, 1],
    [5, 5, 1],
    [6, 5, 2],
    [25, 25, 1],
    [26, 25, 2],
    [51, 25, 3],
    [3, 0, 3],
  ])('position %i with %i a page is on page %i', (position, size, page) => expect(pageOf(position, size)).toBe(page));
  it('pager: first, last, and two either side', () => {
    const pager = pagerView(5, 9, (n) => `/d/page/${n}/`);
    expect(pager.items.map((i) => ('gap' in i ? '…' : i.current ? `[${i.page}]` : String(i.page)))).toEqual(['1', '…', '3', '4', '[5]', '6', '7', '…', '9']);
    expect(pager.prev).toBe('/d/page/4/');
    expect(pager.next).toBe('/d/page/6/');
    expect(pagerView(1, 1, String)).toEqual({ items: [{ page: 1, href: '1', current: true }] });
  });
});

describe('why an article is here, in a reader’s words', () => {
  const names: WhyNames = {
    scale: (id) => ({ newsworthy: { name: 'Newsworthy', max: 5 }, 'anti-reformist': { name: 'Anti-reformist', max: 2 } })[id],
    contingentName: (id) => ({ xyz: 'XYZ Collective' })[id],
    raterName: (id) => ({ bob: 'Bob' })[id],
    editionTitle: () => undefined,
    lang: 'en',
  };
  it.each([
    ['a scale score, one decimal, out of its maximum', { kind: 'scale', scale: 'newsworthy', score: 4.256, raters: 2 }, 'Newsworthy 4.3 of 5, from 2 raters'],
    ['one rater', { kind: 'scale', scale: 'anti-reformist', score: 0.5, raters: 1 }, 'Anti-reformist 0.5 of 2, from 1 rater'],
    ['a scale not in scales.yaml', { kind: 'scale', scale: 'mystery', score: 1, raters: 3 }, 'mystery 1, from 3 raters'],
    ['a tag', { kind: 'tag', tag: 'strike' }, 'Tagged “strike”'],
    ['a contingent, by name', { kind: 'contingent', contingent: 'xyz' }, 'From XYZ Collective'],
    ['endorsements', { kind: 'quorum', scale: 'endorse', contingents: 2, of: 3 }, 'Endorsed by 2 of 3 contingents'],
    ['another quorum scale', { kind: 'quorum', scale: 'newsworthy', contingents: 1, of: 1 }, 'Rated above neutral on Newsworthy by 1 of 1 contingent'],
    ['a challenge', { kind: 'challenge', challenger: 'xyz', at: '2026-11-16T08:00:00Z', count: 1 }, 'Challenged by XYZ Collective on Nov 16, 2026, still unanswered'],
    ['several challenges', { kind: 'challenge', challenger: 'abc', at: '2026-11-16T08:00:00Z', count: 3 }, 'Challenged by abc on Nov 16, 2026, still unanswered, and 2 other challenges'],
    ['a negation', { kind: 'not', text: 'not tag "ads"' }, 'Not tag "ads"'],
  ] as const)('%s', (_, reason, expected) => expect(reasonInWords(names, reason)).toBe(expected));

  it('says nothing when nothing put it there, and each fact once', () => {
    expect(whyItIsHere(names, [])).toEqual([]);
    const tag = { kind: 'tag', tag: 'strike' } as const;
    expect(whyItIsHere(names, [tag, tag])).toEqual(['Tagged “strike”']);
  });

  it.each([
    [4.25, '4.3'],
    [4, '4'],
    [-0.04, '0'],
    [0.8148, '0.8'],
  ])('formatScore(%d) is %s', (score, expected) => expect(formatScore(score)).toBe(expected));

  it('digest entries say which ratings put them there; the commons says nothing; no rank score shows', () => {
    const view = editionPageView(hub, 'digest', 1)!;
    expect(view.entries.map((e) => e.id)).toEqual(['abc-01', 'xyz-02', 'abc-04', 'xyz-05', 'abc-10']);
    // abc-01: Newsworthy alice 5, bob 4 at 0.7: (5 + 2.8 + 3) / 2.7 = 4; Anti-reformist alice 1.5, bob 1: (1.5 + 0.7) / 2.7 = 0.81.
    expect(view.entries[0]!.why).toEqual(['Anti-reformist 0.8 of 2, from 2 raters', 'Newsworthy 4 of 5, from 2 raters']);
    // xyz-02: alice 4 alone: (4 + 3) / 2 = 3.5.
    expect(view.entries[1]!.why).toEqual(['Newsworthy 3.5 of 5, from 1 rater']);
    expect(view.entries.flatMap((e) => e.why).join(' ')).not.toMatch(/score/);
    expect(view.entries[0]!.href).toBe('/articles/abc-01/');
    expect(editionPageView(hub, 'digest', 2)!.entries[0]!.position).toBe(6);
    expect(editionPageView(hub, 'digest', 99)).toBeUndefined();
    expect(editionPageView(hub, 'commons', 1)!.entries.map((e) => e.why)).toEqual([[], [], [], [], []]);
    expect(editionPageView(hub, 'statements', 1)!.entries[0]!.why).toEqual(['Endorsed by 2 of 3 contingents']);
    expect(editionPageView(hub, 'open-challenges', 1)!.entries[0]!.why).toEqual(['Challenged by XYZ Collective on Nov 16, 2026, still unanswered']);
  });

  it('describes how an edition chooses, in words, and what its score means', () => {
    const edition = (id: string) => db.editions.find((e) => e.id === id)!;
    expect(editionPageView(hub, 'digest', 1)!.rules).toEqual([
      'Every article from every contingent, published in the last 30 days',
      'Kept when Anti-reformist is at least 0.5, from at least 2 raters; or when Newsworthy is at least 3.5',
      'Left out when Spam is at least 0.5',
      'Ratings that count: Alice, Bob (weight 0.7)',
      'Highest score first: Newsworthy + Anti-reformist × 0.5, halved for every 36 hours since publication, so newer articles rise',
      'At most 50 articles',
    ]);
    // No word about ratings where none count.
    expect(editionPageView(hub, 'commons', 1)!.rules).toEqual(['Every article from every contingent', 'Newest first']);
    expect(describeEdition(edition('statements'), { ...names, scale: () => undefined }, 2 / 3)).toEqual(['Every article from every contingent', 'Kept when endorsed by at least 67% of all contingents', 'Newest first']);
    expect(describeEdition({ ...edition('commons'), contingents: { include: ['xyz'], exclude: [] }, from: 'digest', window: '1w' }, { ...names, editionTitle: () => 'Anti-reform digest' })).toEqual([
      'Every article of “Anti-reform digest” from XYZ Collective, published in the last 1 week',
      'Newest first',
    ]);
  });
});

describe('joint statements: one entry per article', () => {
  // abc-35 and def-36 carry the same URL (alsoIn), published at the same time; the commons lists abc-35 first.
  it('the listing folds the copy into the first, which names the other contingent', () => {
    const listing = hub.listing('commons');
    expect(listing).toHaveLength(37);
    const ids = listing.map((l) => l.entry.article.id);
    expect(ids).toContain('abc-35');
    expect(ids).not.toContain('def-36');
    const line = listing.find((l) => l.entry.article.id === 'abc-35')!;
    expect(line.copies.map((c) => c.article.id)).toEqual(['def-36']);
    // Positions stay consecutive after the fold.
    expect(listing.map((l) => l.position)).toEqual(Array.from({ length: 37 }, (_, i) => i + 1));
  });
  it('the entry says who else carries it, and the copy’s page links to the entry that shows it', () => {
    const page = hub.includedBy('abc-35').find((i) => i.edition.id === 'commons')!;
    const entry = editionPageView(hub, 'commons', page.page)!.entries.find((e) => e.id === 'abc-35')!;
    expect(entry.alsoCarriedBy).toEqual([{ text: 'DEF', href: '/contingents/def/' }]);
    const copy = hub.includedBy('def-36').find((i) => i.edition.id === 'commons')!;
    expect([copy.position, copy.page, copy.anchor]).toEqual([page.position, page.page, 'abc-35']);
    expect(articleView(hub, hub.index.article('def-36')!).editions[0]!.href).toBe(`/commons/page/${page.page}/#abc-35`);
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
  it('counts ratings of articles not in the database yet on the rater, and lists none', () => {
    expect(history.pendingOf('alice')).toBe(1);
    expect(history.byRater('alice').filter((r) => r.ref === 'https://abc.example/2026/11/not-yet-here')).toEqual([]);
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
    expect(view.editions[2]).toMatchObject({ signature: 'Signed by a two-thirds quorum of the contingents of Wide Net', why: ['Endorsed by 2 of 3 contingents'] });
    expect(view.editions[0]!.why).toEqual([]);
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
  it('hub: a front page of the default edition’s top stories, then each edition’s first few, with counts', () => {
    const view = hubView(hub);
    // The commons, newest first: abc-01 (1 hour old), xyz-02 (7), xyz-38 (10), def-03 (13), abc-04 (19), xyz-05 (25).
    expect(view.lead?.id).toBe('commons');
    expect(view.lead?.headlines.map((h) => h.id)).toEqual(['abc-01', 'xyz-02', 'xyz-38', 'def-03', 'abc-04', 'xyz-05']);
    expect(view.lead?.headlines[0]).toMatchObject({ title: 'Port workers vote to strike', href: '/articles/abc-01/', contingent: { text: 'ABC', href: '/contingents/abc/' }, date: 'Nov 20, 2026' });
    expect(view.editions.map((e) => [e.id, e.count, e.headlines.map((h) => h.id)])).toEqual([
      ['commons', '37 articles', ['abc-01', 'xyz-02', 'xyz-38', 'def-03', 'abc-04', 'xyz-05']],
      ['digest', '7 articles', ['abc-01', 'xyz-02', 'abc-04']],
      ['open-challenges', '1 article', ['abc-31']],
      ['statements', '2 articles', ['abc-01', 'xyz-02']],
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
    expect(view.challenges.raised).toEqual([expect.objectContaining({ other: { text: 'ABC', href: '/contingents/abc/' }, answered: true })]);
    expect(contingentView(hub, 'abc')!.challenges.against.find((c) => c.other.text === 'DEF')!.answer?.href).toBe('/articles/abc-07/');
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
    const xml = publishedFeed(hub, { edition: 'digest' }, 'rss');
    const feed = await new Parser().parseString(xml);
    const engine = hub.result('digest').entries;
    expect(feed.items.map((i) => i.guid)).toEqual(engine.map((e) => `https://example.org/articles/${e.article.id}/`));
    expect(feed.items.map((i) => i.link)).toEqual(feed.items.map((i) => i.guid));
    expect(xml).toContain('<guid isPermaLink="true">https://example.org/articles/abc-01/</guid>');
    expect(feed.items[0]!['content:encoded']!.startsWith(`${hub.index.article('abc-01')!.html}<hr>`)).toBe(true);
    expect(feed.items[0]!.categories).toEqual(['strike', 'labor']);
    expect(feed.items[0]!.enclosure).toMatchObject({ url: 'https://abc.example/media/picket.jpg', type: 'image/jpeg' });
    expect(feed.description).toContain('The Digest contingent of Wide Net');
  });
  it('escapes titles and names that look like markup', async () => {
    const tricky = makeDb({ articles: [{ id: 'a1', title: 'Fish & <chips>', authors: ['A <b>'], tags: ['x&y'] }], editions: [{ id: 'e', title: 'E & F' }] });
    const model = createSiteModel(tricky, { now: NOW, paths: hubPaths });
    const feed = await new Parser({ customFields: { item: ['dc:creator'] } }).parseString(publishedFeed(model, { edition: 'e' }, 'rss'));
    expect(feed.items[0]).toMatchObject({ title: 'Fish & <chips>', categories: ['x&y'], 'dc:creator': 'A <b>' });
    expect(opml(model)).toContain('text="E &amp; F"');
  });
  it('contingent feed: its newest articles', () => {
    expect([...contingentFeedDocument(hub, 'abc').items].map((i) => i.id)).toEqual(hub.articlesOf('abc').map((a) => `https://example.org/articles/${a.id}/`));
  });
  it('OPML lists every edition feed', () => {
    const xml = opml(hub);
    for (const e of hub.editions) expect(xml).toContain(`xmlUrl="https://example.org/${e.id}/rss.xml"`);
  });
  it('sitemap lists every page once', () => {
    const pages = sitePages(hub);
    expect(new Set(pages).size).toBe(pages.length);
    // hub, edition pages, search pages, 38 articles, 3 contingents, 4 raters, sources, the rating desk
    expect(pages.length).toBe(1 + editionRoutes(hub).length + hub.editions.length + 38 + 3 + 4 + 1 + 1);
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

describe('links a reader cannot follow, and addresses that wrap', () => {
  it.each([
    ['https://harbor-notes.example/', 'an example address: this publisher is fictional'],
    ['http://127.0.0.1:4319/feeds/harbor.atom', 'on this computer: the demo serves it while npm start runs'],
    ['https://harbor.org/', undefined],
  ])('linkNote(%s)', (url, note) => expect(linkNote(url)).toBe(note));

  it('says once, for a page of links, why some lead nowhere', () => {
    expect(linksNote(['https://harbor.org/feed'])).toBeUndefined();
    expect(linksNote(['https://abc.example/feed.xml', 'https://def.example/rss'])).toBe('Addresses ending in .example are made up for this demonstration and lead nowhere.');
    expect(linksNote(['http://127.0.0.1:4319/feeds/harbor.atom', 'https://abc.example/feed.xml'])).toBe(
      'Addresses ending in .example are made up for this demonstration and lead nowhere. Addresses on 127.0.0.1 are on this computer: the demo serves them while npm start runs.',
    );
  });

  it('knows the demo network: every contingent at an example address', () => {
    expect(isDemoNetwork(db.contingents)).toBe(true);
    expect(isDemoNetwork([{ home: 'https://abc.example/' }, { home: 'https://harbor.org/' }])).toBe(false);
    expect(isDemoNetwork([])).toBe(false);
    expect(layoutView(hub).demoNote).toMatch(/^This is a demonstration: its publishers and their articles are fictional/);
  });

  it.each([
    ['http://127.0.0.1:4319/feeds/abc-bulletin.rss', ['http://', '127', '.0', '.0', '.1:4319/', 'feeds/', 'abc', '-bulletin', '.rss']],
    ['https://xyz.example/atom.xml?x=1&y=2', ['https://', 'xyz', '.example/', 'atom', '.xml', '?x', '=1', '&y', '=2']],
    ['https://a.example/', ['https://', 'a', '.example/']],
  ])('urlPieces(%s): breaks between parts, never inside a word', (url, pieces) => {
    expect(urlPieces(url)).toEqual(pieces);
    expect(urlPieces(url).join('')).toBe(url);
  });

  it('sources name their owners', () => {
    const names = hub.sources.map((r) => [r.kind, r.owner, r.ownerName]);
    expect(names).toContainEqual(['feed', 'xyz', 'XYZ Collective']);
    expect(names).toContainEqual(['ratings', 'abc-desk', 'ABC desk']);
    expect(sourceRows(db.sources).every((r) => r.ownerName === r.owner)).toBe(true);
  });
});
