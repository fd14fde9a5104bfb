// Trust on the pages: who counted and why (explain.json, article pages), a rater's trust both
// ways, raters found through trust on rater pages and /sources/, and the edition in words.
import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/config/database.ts';
import { createPaths } from '../../src/lib/site/paths.ts';
import { raterIds, sitePages } from '../../src/lib/site/routes.ts';
import { createSiteModel } from '../../src/lib/site/siteModel.ts';
import { articleView } from '../../src/lib/site/views/articleView.ts';
import { whyNames } from '../../src/lib/site/views/editionView.ts';
import { describeEdition } from '../../src/lib/site/views/whyView.ts';
import { hubView } from '../../src/lib/site/views/hubView.ts';
import { raterView } from '../../src/lib/site/views/raterView.ts';
import { explainJson } from '../../src/lib/site/writers/explainJson.ts';
import { hoursAgo, makeDb, makeEdition, NOW } from '../helpers/makeDb.ts';

const paths = createPaths({ base: '/', site: 'https://example.org' });

// alice (listed, seed) trusts carol, who trusts dave; carol and dave were found through trust.
// bob (listed) trusts nobody. The edition "trusted" counts alice, carol and dave; "all" only listed raters.
function network(): Database {
  const db = makeDb({
    articles: [
      { id: 'a1', published: hoursAgo(1) },
      { id: 'a2', published: hoursAgo(2) },
    ],
    raters: ['bob'],
    discovered: ['carol', 'dave'],
    trust: { alice: [['carol', 1], ['https://elsewhere.example/r.json', 1]], carol: [['dave', 1]] },
    ratings: {
      alice: [['a1', 'newsworthy', 5]],
      carol: [['a1', 'newsworthy', 4]],
      dave: [['a1', 'newsworthy', 5, hoursAgo(0.5), 'Solid']],
      bob: [['a2', 'newsworthy', 4]],
    },
    editions: [
      { id: 'trusted', title: 'Trusted', raters: { trust: { seeds: { alice: 1 }, depth: 3, cap: 0.2 } }, include: [{ scale: 'newsworthy', gte: 3 }] },
      { id: 'all', title: 'All' },
    ],
  });
  db.discovered = [
    { id: 'carol', url: 'https://carol.example/ratings.json', depth: 1, vouchedBy: ['alice'], firstSeen: NOW.toISOString() },
    { id: 'dave', url: 'https://dave.example/ratings.json', depth: 2, vouchedBy: ['carol'], firstSeen: NOW.toISOString() },
  ];
  db.sources = {
    sources: {
      'https://dave.example/ratings.json': { kind: 'ratings', owner: 'dave', url: 'https://dave.example/ratings.json', consecutiveFailures: 0, lastSuccess: NOW.toISOString() },
      'https://bob.example/ratings.json': { kind: 'ratings', owner: 'bob', url: 'https://bob.example/ratings.json', consecutiveFailures: 0, lastSuccess: NOW.toISOString() },
    },
  };
  return db;
}

const model = createSiteModel(network(), { now: NOW, paths });

describe('who counted, and the path of trust', () => {
  it('explain.json gives each counted rater its derived weight and its path', () => {
    const json = explainJson(model.result('trusted'), paths, NOW);
    // alice 1 (seed); carol: 0.5 · share 1/2 (alice also trusts an unknown URL) = 0.25, capped at 0.2; dave: 0.125.
    expect(json.articles.map((a) => [a.id, a.ratings.map((r) => [r.rater, r.weight, r.trust])])).toEqual([
      ['a1', [['alice', 1, ['alice']], ['carol', 0.2, ['alice', 'carol']], ['dave', 0.125, ['alice', 'carol', 'dave']]]],
    ]);
  });

  it('an edition without raters counts only raters.yaml: discovered raters speak only for themselves', () => {
    const json = explainJson(model.result('all'), paths, NOW);
    expect(json.articles.flatMap((a) => a.ratings.map((r) => `${a.id}:${r.rater}:${r.weight}`)).sort()).toEqual(['a1:alice:1', 'a2:bob:1']);
    expect(json.articles.every((a) => a.ratings.every((r) => r.trust === undefined))).toBe(true);
  });

  it('the article page names each counted rater, its weight and how trust reached it', () => {
    const view = articleView(model, model.index.article('a1')!);
    const trusted = view.editions.find((e) => e.title === 'Trusted')!;
    expect(trusted.counted).toEqual([
      { rater: { text: 'alice', href: '/raters/alice/', discovered: false }, weight: '1' },
      { rater: { text: 'carol.example', href: '/raters/carol/', discovered: true }, weight: '0.2', path: 'alice → carol.example' },
      { rater: { text: 'dave.example', href: '/raters/dave/', discovered: true }, weight: '0.13', path: 'alice → carol.example → dave.example' },
    ]);
    expect(view.editions.find((e) => e.title === 'All')!.counted.map((c) => c.rater.text)).toEqual(['alice']);
    // Discovered raters' ratings are listed on the page under their host.
    expect(view.ratings.map((r) => r.rater.text).sort()).toEqual(['alice', 'carol.example', 'dave.example']);
  });

  it('the edition says in words whose ratings count', () => {
    const edition = makeEdition({ id: 't', raters: { trust: { seeds: { alice: 1, bob: 0.7 }, depth: 3, cap: 1 } }, include: [{ scale: 'newsworthy', gte: 3 }] });
    expect(describeEdition(edition, whyNames(model))).toContain(
      'Ratings that count: alice, bob (weight 0.7), and those of the raters they trust, up to 3 steps away, each weighing at most 1',
    );
  });
});

describe('rater pages and sources', () => {
  it('a rater page shows whom it trusts and who trusts it', () => {
    const alice = raterView(model, 'alice')!;
    expect(alice.trust.trusts).toEqual([
      { rater: { text: 'carol.example', href: '/raters/carol/', discovered: true }, url: 'https://carol.example/ratings.json', w: '1' },
      { url: 'https://elsewhere.example/r.json', w: '1' },
    ]);
    expect(alice.trust.trustedBy).toEqual([]);
    expect(raterView(model, 'carol')!.trust.trustedBy.map((t) => t.rater?.text)).toEqual(['alice']);
  });

  it('a discovered rater has a page, marked, with who vouched for it', () => {
    const dave = raterView(model, 'dave')!;
    expect(dave.name).toBe('dave.example');
    expect(dave.trust.discovered).toEqual({ vouchedBy: [{ text: 'carol.example', href: '/raters/carol/', discovered: true }], depth: '2 steps' });
    expect(dave.ratings.map((r) => r.note)).toEqual(['Solid']);
    expect(raterIds(model)).toEqual(['bob', 'alice', 'carol', 'dave']);
    expect(sitePages(model)).toEqual(expect.arrayContaining(['/raters/carol/', '/raters/dave/']));
  });

  it('/sources/ marks a discovered rating file with its vouchers; the hub lists only raters.yaml', () => {
    expect(model.sources.map((r) => [r.owner, r.discovered])).toEqual([
      ['bob', undefined],
      ['dave', { vouchedBy: ['carol'], depth: 2 }],
    ]);
    expect(hubView(model).raters.map((r) => r.text)).toEqual(['bob', 'alice']);
  });
});
