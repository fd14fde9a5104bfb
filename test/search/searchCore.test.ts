// The pure core of search: terms, documents, snippets, highlighting, the shard plan, the packed
// index format, the engine over shards, and facets.
import fc from 'fast-check';
import MiniSearch, { type SearchResult } from 'minisearch';
import { describe, expect, it } from 'vitest';
import { evaluateAll } from '../../src/lib/editions/evaluateEdition.ts';
import { createPaths } from '../../src/lib/site/paths.ts';
import { buildEditionIndex } from '../../src/lib/search/editionIndex.ts';
import { FACETS, countFacets, facetOptionsOf, periodLabel, periodOf, periodUnit, type FacetColumns, type FacetName, type Filters } from '../../src/lib/search/facets.ts';
import { highlight } from '../../src/lib/search/highlight.ts';
import { topK } from '../../src/lib/search/rank.ts';
import SearchableMap from 'minisearch/SearchableMap';
import { fuzzyTerms } from '../../src/lib/search/fuzzyTerms.ts';
import { loadShardIndex } from '../../src/lib/search/shardIndex.ts';
import { nearestTerm } from '../../src/lib/search/suggestQuery.ts';
import { INDEX_OPTIONS, QUERY_OPTIONS, fuzzyDistance, suggestDistance } from '../../src/lib/search/searchConfig.ts';
import { searchDocuments, type SearchDocument } from '../../src/lib/search/searchDocuments.ts';
import { createSearchEngine, type Hit } from '../../src/lib/search/searchEngine.ts';
import { createShard, packIndex, unpackIndex, type PackedIndex, type PackedShard } from '../../src/lib/search/searchShard.ts';
import { processTerm, tokenize } from '../../src/lib/search/searchTerms.ts';
import { DEFAULT_SHARDS, planShards } from '../../src/lib/search/shardPlan.ts';
import { snippetOf } from '../../src/lib/search/snippet.ts';
import { createSiteModel } from '../../src/lib/site/siteModel.ts';
import { searchBoxView, searchPageView } from '../../src/lib/site/views/searchView.ts';
import { makeDb, NOW } from '../helpers/makeDb.ts';
import { applyFilters, facetOptions, searchAll } from '../helpers/searchReference.ts';
import { SITE_NOW, siteFixtureDatabase } from '../helpers/writeSiteFixture.ts';

const db = siteFixtureDatabase();
const results = evaluateAll(db, new Date(SITE_NOW));
const nameOf = (id: string) => db.contingents.find((c) => c.id === id)?.name;
const commons = searchDocuments(results.get('commons')!, nameOf);
const shardOf = (docs: readonly SearchDocument[], start = 0): PackedShard => JSON.parse(JSON.stringify(createShard(docs, start)));
const engineOf = (...shards: PackedShard[]) => {
  const engine = createSearchEngine();
  for (const s of shards) engine.add(s);
  return engine;
};

describe('terms', () => {
  it.each([
    ['Port workers vote—to strike!', ['Port', 'workers', 'vote', 'to', 'strike']],
    ['  rent, freeze; (tenants)  ', ['rent', 'freeze', 'tenants']],
    ['O’Brien’s 2026 budget', ['O', 'Brien', 's', '2026', 'budget']],
    ['', []],
  ])('tokenize(%j)', (text, expected) => expect(tokenize(text)).toEqual(expected));

  it.each([
    ['Strike', 'strike'],
    ['GRÈVE', 'greve'],
    ['the', null],
    ['And', null],
    ['a', null],
    ['s', null],
    ['2026', '2026'],
    ['eu', 'eu'],
  ])('processTerm(%j) is %j', (word, expected) => expect(processTerm(word)).toBe(expected));

  it.each([
    ['tax', 0, 1],
    ['rent', 1, 2],
    ['strike', 1, 2],
    ['tenants', 1, 2],
    ['evictions', 2, 3],
    ['dockwrokers', 2, 3],
  ])('fuzzyDistance(%j) is %j, suggestDistance %j: one typo from four letters, two from eight', (term, fuzzy, suggest) => {
    expect(fuzzyDistance(term)).toBe(fuzzy);
    expect(suggestDistance(term)).toBe(suggest);
  });
});

/** Optimal string alignment distance, the textbook full matrix: the reference for fuzzyTerms. */
function osa(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  return d[a.length]![b.length]!;
}

/** Levenshtein distance (no swaps), as MiniSearch counts. */
function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length]![b.length]!;
}

describe('fuzzyTerms: a swap of two neighbouring letters is one edit', () => {
  const mapOf = (terms: string[]) => {
    const map = new SearchableMap<number>();
    terms.forEach((t, i) => map.set(t, i));
    return map;
  };
  const terms = ['strike', 'strikes', 'striker', 'stride', 'street', 'dockworkers', 'docks', 'evictions', 'eviction', 'rent', 'tent', 'ab', 'ba'];

  it.each([
    ['strkie', 1, { strike: 1 }],
    ['stirke', 1, { strike: 1 }],
    ['tsrike', 1, { strike: 1 }],
    ['dockwrokers', 1, { dockworkers: 1 }],
    ['evcitinos', 2, { evictions: 2 }],
    ['rnet', 1, { rent: 1 }],
    ['ba', 1, { ab: 1, ba: 0 }],
    ['strike', 0, { strike: 0 }],
    ['srtkie', 1, {}],
  ])('%j within %i: %j', (query, max, expected) => {
    const found = Object.fromEntries([...fuzzyTerms(mapOf(terms), query, max)].map(([t, [, d]]) => [t, d]));
    expect(found).toEqual(expected);
  });

  it('where MiniSearch’s Levenshtein walk needs two edits for a swap', () => {
    expect([...mapOf(terms).fuzzyGet('strkie', 1).keys()]).toEqual([]);
    expect([...fuzzyTerms(mapOf(terms), 'strkie', 1).keys()]).toEqual(['strike']);
  });

  it('finds exactly the terms within the budget, at their distance, as a full matrix does', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), minLength: 1, maxLength: 7 });
    fc.assert(
      fc.property(fc.uniqueArray(word, { minLength: 1, maxLength: 60 }), word, fc.integer({ min: 0, max: 3 }), (words, query, max) => {
        const found = fuzzyTerms(mapOf(words), query, max);
        const expected = words.filter((w) => osa(w, query) <= max).sort();
        expect([...found.keys()].sort()).toEqual(expected);
        for (const [w, [value, distance]] of found) {
          expect(distance, `${query} → ${w}`).toBe(osa(w, query));
          expect(words[value]).toBe(w);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('visits terms in the order MiniSearch’s walk does, so sums of scores add up the same', () => {
    // With no swap to find, both walks return the same terms in the same order.
    expect([...fuzzyTerms(mapOf(terms), 'strke', 1).keys()]).toEqual([...mapOf(terms).fuzzyGet('strke', 1).keys()]);
    expect([...fuzzyTerms(mapOf(terms), 'evictons', 2).keys()]).toEqual([...mapOf(terms).fuzzyGet('evictons', 2).keys()]);
  });
});

describe('nearestTerm', () => {
  it.each([
    ['fewest edits first', [{ term: 'stride', distance: 1, articles: 1 }, { term: 'strike', distance: 2, articles: 9 }], 'stride'],
    ['then the most articles', [{ term: 'stride', distance: 2, articles: 1 }, { term: 'strike', distance: 2, articles: 9 }], 'strike'],
    ['articles add up over shards', [{ term: 'stride', distance: 2, articles: 5 }, { term: 'strike', distance: 2, articles: 3 }, { term: 'strike', distance: 2, articles: 3 }], 'strike'],
    ['then alphabetical', [{ term: 'strike', distance: 2, articles: 1 }, { term: 'stride', distance: 2, articles: 1 }], 'stride'],
    ['nothing near', [], undefined],
  ])('%s', (_, near, expected) => expect(nearestTerm(near)).toBe(expected));
});

describe('searchDocuments', () => {
  it('lists the edition in the engine’s order, with what search needs of each article', () => {
    expect(commons.map((d) => d.id)).toEqual(results.get('commons')!.entries.map((e) => e.article.id));
    const abc01 = commons.find((d) => d.id === 'abc-01')!;
    expect(abc01).toEqual({
      id: 'abc-01',
      title: 'Port workers vote to strike',
      summary: 'Port workers vote to strike. A short summary of the story.',
      snippet: 'Port workers vote to strike. A short summary of the story.',
      tags: ['strike', 'labor'],
      contingent: { id: 'abc', name: 'ABC' },
      authors: [],
      published: '2026-11-20T11:00:00Z',
    });
    expect(commons.find((d) => d.id === 'xyz-02')!.authors).toEqual(['Reporter 2']);
  });

  it('uses the digest’s own entries for the digest', () => {
    expect(searchDocuments(results.get('digest')!, nameOf).map((d) => d.id)).toEqual(results.get('digest')!.entries.map((e) => e.article.id));
  });

  it('falls back to the URL for a missing title and to the id for an unknown contingent', () => {
    const small = makeDb({ articles: [{ id: 'zz-1', contingent: 'zz', title: '', url: 'https://zz.example/1', summary: 'Body.' }], editions: [{ id: 'all' }] });
    const [doc] = searchDocuments(evaluateAll(small, NOW).get('all')!, () => undefined);
    expect(doc).toMatchObject({ title: 'https://zz.example/1', contingent: { id: 'zz', name: 'zz' }, snippet: 'Body.' });
  });
});

describe('snippetOf', () => {
  it.each([
    ['a short summary stays whole', 'Dockers walked out.', 'Strike', 160, 'Dockers walked out.'],
    ['whitespace is squashed', '  Dockers\n\n walked   out. ', 'Strike', 160, 'Dockers walked out.'],
    ['a long one is cut at a word, with an ellipsis', 'Dockers walked out at dawn after the vote. Pickets held the gate all day.', 'Strike', 40, 'Dockers walked out at dawn after the…'],
    ['trailing punctuation goes before the ellipsis', 'Dockers walked out, then pickets held the gate.', 'Strike', 20, 'Dockers walked out…'],
    ['one very long word is cut inside it', 'Supercalifragilisticexpialidocious is long', 'x', 10, 'Supercalif…'],
    ['a summary that repeats the title gives nothing', 'Port workers vote to strike.', 'Port workers vote to strike', 160, ''],
    ['an empty summary gives nothing', '', 'Title', 160, ''],
  ])('%s', (_, summary, title, max, expected) => {
    const snippet = snippetOf(summary, title, max);
    expect(snippet).toBe(expected);
    expect(snippet.length).toBeLessThanOrEqual(max + 1);
  });
});

describe('highlight', () => {
  it.each([
    ['marks the matched words', 'Port workers vote to strike', ['strike'], [['Port workers vote to ', false], ['strike', true]]],
    ['case and accents do not matter', 'Grève à Paris', ['greve', 'paris'], [['Grève', true], [' à ', false], ['Paris', true]]],
    ['adjacent words are separate marks', 'rent freeze', ['rent', 'freeze'], [['rent', true], [' ', false], ['freeze', true]]],
    ['a part of an apostrophe word marks the word', 'O’Brien speaks', ['brien'], [['O’Brien', true], [' speaks', false]]],
    ['no match leaves the text whole', 'Tenants win', ['strike'], [['Tenants win', false]]],
    ['a prefix of a word is not a match by itself', 'strikers', ['strike'], [['strikers', false]]],
    ['markup in text stays text', '<b>strike</b>', ['strike', 'b'], [['<', false], ['b', true], ['>', false], ['strike', true], ['</', false], ['b', true], ['>', false]]],
  ])('%s', (_, text, terms, expected) => {
    const segments = highlight(text, terms);
    expect(segments.map((s) => [s.text, s.mark])).toEqual(expected);
    expect(segments.map((s) => s.text).join('')).toBe(text);
  });
});

describe('planShards', () => {
  it.each([
    ['empty', 0, DEFAULT_SHARDS, [[0, 0]]],
    ['small: one file', 30, DEFAULT_SHARDS, [[0, 30]]],
    ['at the threshold: one file', 1_000, DEFAULT_SHARDS, [[0, 1_000]]],
    ['just above: a first shard, then the rest', 1_001, DEFAULT_SHARDS, [[0, 500], [500, 1_001]]],
    ['10,000 with the defaults', 10_000, DEFAULT_SHARDS, [[0, 500], [500, 2_000], [2_000, 3_500], [3_500, 5_000], [5_000, 6_500], [6_500, 8_000], [8_000, 10_000]]],
    ['a short last shard joins the one before', 5_200, { threshold: 1_000, first: 1_000, size: 2_000 }, [[0, 1_000], [1_000, 3_000], [3_000, 5_200]]],
    ['a last shard of half the size stays', 6_000, { threshold: 1_000, first: 1_000, size: 2_000 }, [[0, 1_000], [1_000, 3_000], [3_000, 5_000], [5_000, 6_000]]],
    ['a first shard bigger than the threshold', 1_500, { threshold: 500, first: 2_000, size: 500 }, [[0, 1_500]]],
  ] as const)('%s', (_, count, options, expected) => {
    const plan = planShards(count, options);
    expect(plan.map((s) => [s.start, s.end])).toEqual(expected);
    // Contiguous and complete.
    plan.forEach((s, i) => expect(s.start).toBe(i === 0 ? 0 : plan[i - 1]!.end));
    expect(plan[plan.length - 1]!.end).toBe(count);
  });
});

describe('packed index', () => {
  it('unpacks to exactly what MiniSearch serialized, and loads to the same answers', () => {
    const search = new MiniSearch(INDEX_OPTIONS);
    search.addAll(commons.map((d, n) => ({ n, title: d.title, summary: `${d.summary} strike strike`, tags: d.tags.join(' '), contingent: d.contingent.name, authors: d.authors.join(' ') })));
    const plain = search.toJSON();
    const packed = packIndex(plain);
    expect(unpackIndex(JSON.parse(JSON.stringify(packed)), commons.length)).toEqual(JSON.parse(JSON.stringify(plain)));
    const loaded = MiniSearch.loadJS(unpackIndex(packed, commons.length), INDEX_OPTIONS);
    expect(loaded.search('strike rent', { prefix: true })).toEqual(search.search('strike rent', { prefix: true }));
    expect(JSON.stringify(packed).length).toBeLessThan(JSON.stringify(plain).length);
  });

  it('refuses an index it could not restore', () => {
    const search = new MiniSearch({ ...INDEX_OPTIONS, storeFields: ['title'] });
    search.add({ n: 0, title: 'x', summary: '', tags: '', contingent: '', authors: '' });
    expect(() => packIndex(search.toJSON())).toThrow(/documents 0…n-1 added once, with no stored fields/);
  });

  it('keeps display fields in columns, with contingent and tag tables', () => {
    const docs = commons.slice(0, 6);
    const shard = createShard(docs, 0);
    expect(shard).toMatchObject({ format: 'widenet-search/1', start: 0, ids: docs.map((d) => d.id), titles: docs.map((d) => d.title), snippets: docs.map((d) => d.snippet) });
    // Each contingent once in the table, in first-seen order.
    expect(shard.contingents).toEqual([...new Map(docs.map((d) => [d.contingent.id, d.contingent.name]))]);
    expect(shard.contingent.map((c) => shard.contingents[c]![0])).toEqual(docs.map((d) => d.contingent.id));
    expect(new Set(shard.tagNames).size).toBe(shard.tagNames.length);
    expect(shard.tags.map((ts) => ts.map((t) => shard.tagNames[t]))).toEqual(docs.map((d) => d.tags));
    expect(shard.days[0]).toBe(Math.floor(Date.parse(commons[0]!.published) / 86_400_000));
  });
});

describe('search engine', () => {
  const engine = engineOf(shardOf(commons));
  const first = (q: string) => searchAll(engine, q)[0];

  it('finds an article by a word of its title, best match first', () => {
    expect(first('evictions')).toMatchObject({ id: 'xyz-08', title: 'Court blocks evictions', contingentName: 'XYZ Collective', terms: ['evictions'] });
    // The longer titles of weeks two and three score lower (BM25 weighs by field length).
    expect(searchAll(engine, 'evictions').map((h) => h.id)).toEqual(['xyz-08', 'def-18', 'abc-28']);
  });

  it.each([
    ['one letter missing', 'evictons'],
    ['one letter wrong', 'evictionz'],
    ['two letters swapped', 'evcitions'],
    ['two typos in a long word', 'evcitinos'],
    ['upper case', 'EVICTIONS'],
    ['a prefix', 'evict'],
  ])('%s still finds it', (_, q) => expect(first(q)?.id).toBe('xyz-08'));

  it('a swapped word finds what the word finds', () => {
    // "strike" is in the titles of abc-01, xyz-11, def-21 and the tags of those and abc-04, xyz-14, def-24.
    const strike = ['abc-01', 'xyz-11', 'def-21', 'abc-04', 'xyz-14', 'def-24'];
    for (const q of ['strkie', 'stirke', 'tsrike']) expect(searchAll(engine, q).map((h) => h.id).filter((id) => strike.includes(id)).sort(), q).toEqual([...strike].sort());
    expect(first('strkie')?.terms).toEqual(['strike']);
  });

  it.each([
    ['two swaps in a six-letter word', 'srtkie', 'strike'],
    ['a word nothing is near, and one that matches', 'srtkie vote', 'strike vote'],
    ['a stop word stays as typed', 'the evcitinoss', 'the evictions'],
    ['five letters, two swaps', 'cuotr blocks', 'court blocks'],
  ])('did you mean: %s', (_, q, suggestion) => {
    expect(searchAll(engine, q)).toEqual([]);
    expect(engine.suggest(q)).toBe(suggestion);
    expect(searchAll(engine, suggestion).length).toBeGreaterThan(0);
  });

  it.each([
    ['a query that finds something', 'strike'],
    ['nothing near at all', 'zzzzqqq'],
    ['each word known, but no article has both', 'evictions nurses'],
    ['empty', ''],
  ])('no suggestion for %s', (_, q) => expect(engine.suggest(q)).toBeUndefined());

  it('searches tags, contingent names and authors too', () => {
    expect(searchAll(engine, 'courts').map((h) => h.id)).toContain('xyz-08');
    expect(new Set(searchAll(engine, 'collective').map((h) => h.contingent))).toEqual(new Set(['xyz']));
    expect(searchAll(engine, 'reporter').length).toBeGreaterThan(0);
  });

  it('every word must match', () => {
    const hits = searchAll(engine, 'strike nurses');
    expect(hits.length).toBe(3);
    expect(hits.every((h) => h.title.startsWith('Nurses picket'))).toBe(true);
  });

  it('a stop word or an empty query matches nothing', () => {
    expect(searchAll(engine, '')).toEqual([]);
    expect(searchAll(engine, 'the')).toEqual([]);
    expect(searchAll(engine, '   ')).toEqual([]);
  });

  it('merges shards: the same hits as one index, each with its edition position', () => {
    const sharded = engineOf(shardOf(commons.slice(10, 20), 10), shardOf(commons.slice(0, 10), 0), shardOf(commons.slice(20), 20));
    expect(sharded.size).toBe(commons.length);
    const hits = searchAll(sharded, 'strike');
    expect(new Set(hits.map((h) => h.id))).toEqual(new Set(searchAll(engine, 'strike').map((h) => h.id)));
    for (const h of hits) expect(commons[h.position]!.id).toBe(h.id);
  });

  it('an empty edition gives an empty index that loads and finds nothing', () => {
    const { shards, count } = buildEditionIndex([]);
    expect(count).toBe(0);
    expect(shards).toHaveLength(1);
    expect(searchAll(engineOf(JSON.parse(shards[0]!)), 'strike')).toEqual([]);
  });

  it('match gives every hit, unordered, with MiniSearch’s own scores; hit builds each', () => {
    const shards = [commons.slice(0, 10), commons.slice(10, 25), commons.slice(25)];
    const packed = shards.map((docs, i) => shardOf(docs, i === 0 ? 0 : i === 1 ? 10 : 25));
    const sharded = engineOf(...packed);
    for (const q of ['strike', 'evict', 'evictons', 'rent freeze', 'reporter', 'collective', 'zzz', 'the', '']) {
      const matches = sharded.match(q);
      const hits = Array.from({ length: matches.length }, (_, i) => sharded.hit(matches, i));
      // The scores are MiniSearch's, shard by shard.
      const expected = new Map<string, SearchResult>();
      for (const shard of packed) {
        const index = MiniSearch.loadJS(unpackIndex(shard.index, shard.ids.length), INDEX_OPTIONS);
        for (const r of index.search(q, QUERY_OPTIONS)) expected.set(shard.ids[r.id as number]!, r);
      }
      expect(hits.length, q).toBe(expected.size);
      for (const h of hits) {
        const r = expected.get(h.id)!;
        expect(h.score, `${q}: ${h.id}`).toBe(r.score);
        expect(new Set(h.terms)).toEqual(new Set(r.terms));
        expect(commons[h.position]!.id).toBe(h.id);
      }
    }
  });

  it('refuses a file that is not a search index', () => {
    expect(() => createSearchEngine().add({ format: 'other' } as unknown as PackedShard)).toThrow(/expected a widenet-search\/1 index file, got other: rebuild the site/);
  });
});

describe('facets (and the slow reference the page is checked against)', () => {
  const hit = (id: string, contingent: string, tags: string[], day: number): Hit => ({ id, position: 0, score: 1, title: id, snippet: '', day, contingent, contingentName: contingent.toUpperCase(), tags, terms: [] });
  const nov20 = Date.parse('2026-11-20') / 86_400_000;
  const hits = [hit('a', 'abc', ['strike', 'labor'], nov20), hit('b', 'abc', ['rent'], nov20 - 1), hit('c', 'xyz', ['strike'], nov20 - 1), hit('d', 'def', [], nov20 - 40)];
  const none = (): Filters => ({ contingent: new Set(), tag: new Set(), period: new Set() });
  const label = (_: string, v: string) => v.toUpperCase();

  it.each([
    [nov20, nov20, 'day'],
    [nov20 - 31, nov20, 'day'],
    [nov20 - 32, nov20, 'month'],
    [nov20 - 3 * 366, nov20, 'month'],
    [nov20 - 3 * 366 - 1, nov20, 'year'],
  ] as const)('periodUnit(%i, %i) is %s', (from, to, unit) => expect(periodUnit(from, to)).toBe(unit));

  it.each([
    ['day', '2026-11-20', '20 Nov 2026'],
    ['month', '2026-11', 'Nov 2026'],
    ['year', '2026', '2026'],
  ] as const)('periods by %s', (unit, period, text) => {
    expect(periodOf(nov20, unit)).toBe(period);
    expect(periodLabel(period, 'en-GB')).toBe(text);
  });

  it('filters: any value within a facet, every facet across', () => {
    expect(applyFilters(hits, none(), 'day').map((h) => h.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(applyFilters(hits, { ...none(), contingent: new Set(['abc', 'xyz']) }, 'day').map((h) => h.id)).toEqual(['a', 'b', 'c']);
    expect(applyFilters(hits, { ...none(), contingent: new Set(['abc']), tag: new Set(['strike']) }, 'day').map((h) => h.id)).toEqual(['a']);
    expect(applyFilters(hits, { ...none(), period: new Set(['2026-11-19']) }, 'day').map((h) => h.id)).toEqual(['b', 'c']);
    expect(applyFilters(hits, { ...none(), period: new Set(['2026-11']) }, 'month').map((h) => h.id)).toEqual(['a', 'b', 'c']);
  });

  it('counts each facet over the hits the other facets let through', () => {
    const filters = { ...none(), contingent: new Set(['abc']) };
    // The contingent facet ignores its own choice, so the other contingents stay on offer.
    const options = facetOptions(hits, filters, 'day', label);
    expect(options.contingent).toEqual([
      { value: 'abc', label: 'ABC', count: 2, selected: true },
      { value: 'def', label: 'DEF', count: 1, selected: false },
      { value: 'xyz', label: 'XYZ', count: 1, selected: false },
    ]);
    expect(options.tag.map((o) => [o.value, o.count])).toEqual([['labor', 1], ['rent', 1], ['strike', 1]]);
    expect(options.period.map((o) => [o.value, o.count])).toEqual([['2026-11-20', 1], ['2026-11-19', 1]]);
  });

  it('a hit failing two facets counts nowhere; failing one, only in that one', () => {
    const filters = { contingent: new Set(['xyz']), tag: new Set(['rent']), period: new Set<string>() };
    const options = facetOptions(hits, filters, 'day', label);
    // b (abc, rent) fails only the contingent facet; c (xyz, strike) only the tag facet; a and d fail both.
    expect(options.contingent.map((o) => [o.value, o.count])).toEqual([['abc', 1], ['xyz', 0]]);
    expect(options.tag.map((o) => [o.value, o.count])).toEqual([['strike', 1], ['rent', 0]]);
    expect(options.period).toEqual([]);
  });

  it('keeps a chosen value with no hits, and lists at most `limit` others', () => {
    const options = facetOptions(hits, { ...none(), tag: new Set(['water']) }, 'day', label, 1).tag;
    expect(options).toEqual([
      { value: 'strike', label: 'STRIKE', count: 2, selected: false },
      { value: 'water', label: 'WATER', count: 0, selected: true },
    ]);
  });
});

describe('shard index', () => {
  // Words that share prefixes and lie one edit apart, so queries reach many index terms.
  const WORDS = ['strike', 'striker', 'strikes', 'stride', 'street', 'rent', 'rents', 'renter', 'tent', 'tenant', 'tenants', 'court', 'courts', 'count', 'grève', 'o’brien', '2026', 'eu', 'the', 'union', 'unions', 'unit'];
  const text = fc.array(fc.constantFrom(...WORDS), { maxLength: 12 }).map((ws) => ws.join(' '));
  const doc = fc.record({ title: text, summary: text, tags: fc.array(fc.constantFrom(...WORDS), { maxLength: 3 }), contingent: fc.constantFrom('ABC', 'Court Watch', 'Union Times'), authors: fc.array(fc.constantFrom('Rent Reporter', 'Ann Strike'), { maxLength: 2 }) });
  const query = fc.array(fc.oneof(fc.constantFrom(...WORDS), fc.constantFrom(...WORDS).map((w) => w.slice(0, 3)), fc.constantFrom('strke', 'tenents', 'cout', 'x', 'STRIKE', 'Grève', 'strkie', 'tenatns', 'uinon')), { minLength: 1, maxLength: 3 }).map((ws) => ws.join(' '));

  it('finds and scores exactly as MiniSearch’s search on the same file, with the same options, where no swap is involved', () => {
    fc.assert(
      fc.property(fc.array(doc, { minLength: 1, maxLength: 40 }), fc.array(query, { minLength: 1, maxLength: 5 }), (docs, queries) => {
        const built = new MiniSearch(INDEX_OPTIONS);
        built.addAll(docs.map((d, n) => ({ n, title: d.title, summary: d.summary, tags: d.tags.join(' '), contingent: d.contingent, authors: d.authors.join(' ') })));
        const packed: PackedIndex = JSON.parse(JSON.stringify(packIndex(built.toJSON())));
        const index = loadShardIndex(packed, docs.length);
        // MiniSearch loaded from the file, as the page did: its terms in the file's order, so sums
        // of prefix and fuzzy matches add up in the same order, to the last bit. (The index as
        // built adds them in the order words were first seen, which can differ in the last bit.)
        const search = MiniSearch.loadJS(unpackIndex(packed, docs.length), INDEX_OPTIONS);
        for (const q of queries) {
          // MiniSearch counts a swap of neighbours as two edits, the shard index as one: compare
          // only queries where that changes no term's distance within the budget.
          const words = tokenize(q).flatMap((w) => processTerm(w) ?? []);
          const swapped = words.some((w) => packed.terms.some((t) => osa(w, t) <= fuzzyDistance(w) && osa(w, t) !== levenshtein(w, t)));
          const expected = search.search(q, QUERY_OPTIONS);
          if (swapped) {
            // Every article MiniSearch finds is found, and more.
            const found = index.query(q);
            const ids = new Set(found.docs);
            for (const r of expected) expect(ids.has(r.id as number), `${q}: ${r.id}`).toBe(true);
            continue;
          }
          const matches = index.query(q);
          const found = new Map(Array.from({ length: matches.length }, (_, i) => [matches.docs[i]!, matches.scores[i]!]));
          expect([...found.keys()].sort((a, b) => a - b), q).toEqual(expected.map((r) => r.id as number).sort((a, b) => a - b));
          for (const r of expected) {
            expect(found.get(r.id as number), `${q}: ${r.id}`).toBe(r.score);
            expect(new Set(index.termsOf(matches, r.id as number)), `${q}: ${r.id}`).toEqual(new Set(r.terms));
            expect(found.get(r.id as number)).toBeCloseTo(built.search(q, QUERY_OPTIONS).find((b) => b.id === r.id)!.score, 12);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('gives nothing for an empty shard, an empty query or stop words alone', () => {
    const search = new MiniSearch(INDEX_OPTIONS);
    expect(loadShardIndex(packIndex(search.toJSON()), 0).query('strike').length).toBe(0);
    search.add({ n: 0, title: 'The strike', summary: '', tags: '', contingent: '', authors: '' });
    const index = loadShardIndex(packIndex(search.toJSON()), 1);
    expect(index.query('').length).toBe(0);
    expect(index.query('the a').length).toBe(0);
    expect(index.query('strike').length).toBe(1);
    // The scratch it reuses is clean again: the same query scores the same.
    expect(index.query('strike the').scores[0]).toBe(index.query('strike').scores[0]);
  });
});

describe('facet counts over columns', () => {
  // Four documents: 0 abc [strike, labor] 2026-11-20; 1 abc [rent] 11-19; 2 xyz [strike] 11-19; 3 def [] 10-11.
  const values = { contingent: ['abc', 'xyz', 'def'], tag: ['strike', 'labor', 'rent'], period: ['2026-11-20', '2026-11-19', '2026-10-11'] };
  const columns: FacetColumns = {
    contingent: Uint32Array.of(0, 0, 1, 2),
    period: Uint32Array.of(0, 1, 1, 2),
    tagStart: Uint32Array.of(0, 2, 3, 4, 4),
    tagIds: Uint32Array.of(0, 1, 2, 0),
    values,
    ids: { contingent: new Map(values.contingent.map((v, i) => [v, i])), tag: new Map(values.tag.map((v, i) => [v, i])), period: new Map(values.period.map((v, i) => [v, i])) },
  };
  const filters = (f: Partial<Record<FacetName, string[]>> = {}): Filters => ({ contingent: new Set(f.contingent), tag: new Set(f.tag), period: new Set(f.period) });

  it.each([
    ['no filter: all shown, all counted', [0, 1, 2, 3], filters(), [0, 1, 2, 3], [2, 1, 1], [2, 1, 1], [1, 2, 1]],
    ['only the documents given', [2, 3], filters(), [0, 1], [0, 1, 1], [1, 0, 0], [0, 1, 1]],
    ['a contingent: its own facet still counts the others', [0, 1, 2, 3], filters({ contingent: ['abc'] }), [0, 1], [2, 1, 1], [1, 1, 1], [1, 1, 0]],
    ['two values of a facet: either passes', [0, 1, 2, 3], filters({ contingent: ['abc', 'xyz'] }), [0, 1, 2], [2, 1, 1], [2, 1, 1], [1, 2, 0]],
    ['two facets: a document failing both counts nowhere', [0, 1, 2, 3], filters({ contingent: ['xyz'], tag: ['rent'] }), [], [1, 0, 0], [1, 0, 0], [0, 0, 0]],
    ['a value no document has: nothing shown', [0, 1, 2, 3], filters({ tag: ['water'] }), [], [0, 0, 0], [2, 1, 1], [0, 0, 0]],
    ['a period', [0, 1, 2, 3], filters({ period: ['2026-11-19'] }), [1, 2], [1, 1, 0], [1, 0, 1], [1, 2, 1]],
  ])('%s', (_, docs, f, visible, contingent, tag, period) => {
    const counted = countFacets(Uint32Array.from(docs), docs.length, columns, f);
    expect([...counted.visible]).toEqual(visible);
    expect([...counted.counts.contingent]).toEqual(contingent);
    expect([...counted.counts.tag]).toEqual(tag);
    expect([...counted.counts.period]).toEqual(period);
  });

  it('counts only the first `length` documents', () => {
    expect([...countFacets(Uint32Array.of(3, 0, 1), 1, columns, filters()).counts.contingent]).toEqual([0, 0, 1]);
  });

  it('options: counted values and chosen ones, by count then label, cut to the limit', () => {
    const counted = countFacets(Uint32Array.of(0, 1, 2, 3), 4, columns, filters({ tag: ['water'] }));
    const label = (v: string) => v.toUpperCase();
    // Every document fails the tag facet, so only the tag facet counts them.
    expect(facetOptionsOf('contingent', counted.counts.contingent, columns, filters({ tag: ['water'] }), label)).toEqual([]);
    expect(facetOptionsOf('tag', counted.counts.tag, columns, filters({ tag: ['water'] }), label, 1)).toEqual([
      { value: 'strike', label: 'STRIKE', count: 2, selected: false },
      { value: 'water', label: 'WATER', count: 0, selected: true },
    ]);
    expect(facetOptionsOf('period', countFacets(Uint32Array.of(0, 1, 2, 3), 4, columns, filters()).counts.period, columns, filters(), label).map((o) => o.value)).toEqual(['2026-11-20', '2026-11-19', '2026-10-11']);
  });

  it('agrees with applyFilters and facetOptions on real hits, whatever is chosen', () => {
    const engine = engineOf(shardOf(commons.slice(0, 20)), shardOf(commons.slice(20), 20));
    const label = (facet: FacetName) => (v: string) => (facet === 'contingent' ? v.toUpperCase() : v);
    const every = (facet: FacetName) => [...new Set(commons.flatMap((d) => (facet === 'contingent' ? [d.contingent.id] : facet === 'tag' ? d.tags : [periodOf(Math.floor(Date.parse(d.published) / 86_400_000), 'day')])))];
    const chosen = (facet: FacetName) => fc.subarray([...every(facet), 'unknown'], { maxLength: 3 }).map((vs) => new Set(vs));
    fc.assert(
      fc.property(fc.constantFrom('strike', 'story', 'rent', 'reporter', 'evict', 'court'), chosen('contingent'), chosen('tag'), chosen('period'), (q, contingent, tag, period) => {
        const f: Filters = { contingent, tag, period };
        const matches = engine.match(q);
        const hits = Array.from({ length: matches.length }, (_, i) => engine.hit(matches, i));
        const counted = countFacets(matches.docs, matches.length, engine.facets, f);
        expect([...counted.visible].map((i) => hits[i]!.id)).toEqual(applyFilters(hits, f, 'day').map((h) => h.id));
        const expected = facetOptions(hits, f, 'day', (facet, v) => label(facet)(v));
        for (const facet of FACETS) expect(facetOptionsOf(facet, counted.counts[facet], engine.facets, f, label(facet))).toEqual(expected[facet]);
      }),
      { numRuns: 200 },
    );
  });
});

describe('topK', () => {
  it.each([
    ['the best k by score', [0, 1, 2, 3], 2, [1, 5, 3, 4], [0, 1, 2, 3], [1, 3]],
    ['ties go to the lower position', [0, 1, 2, 3], 3, [2, 2, 2, 1], [9, 3, 5, 0], [1, 2, 0]],
    ['k beyond the items sorts them all', [0, 1, 2], 10, [1, 3, 2], [0, 1, 2], [1, 2, 0]],
    ['k of 0 gives none', [0, 1, 2], 0, [1, 3, 2], [0, 1, 2], []],
    ['no items', [], 5, [], [], []],
    ['items are indexes: only those given compete', [3, 1], 5, [9, 1, 9, 2], [0, 1, 2, 3], [3, 1]],
  ])('%s', (_, items, k, scores, positions, expected) => {
    expect([...topK(items, k, scores, positions)]).toEqual(expected);
  });

  it('is the head of a full sort', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 300 }), fc.integer({ min: 0, max: 60 }), (scores, k) => {
        const positions = scores.map((_, i) => (i * 7919) % scores.length);
        const items = scores.map((_, i) => i);
        const sorted = [...items].sort((a, b) => scores[b]! - scores[a]! || positions[a]! - positions[b]!);
        expect([...topK(items, k, scores, positions)]).toEqual(sorted.slice(0, k));
      }),
    );
  });
});

describe('edition index and views', () => {
  it('one file for the fixture, shards for a big edition, period unit from the span', () => {
    expect(buildEditionIndex(commons)).toMatchObject({ count: commons.length, unit: 'day' });
    expect(buildEditionIndex(commons).shards).toHaveLength(1);
    const many = Array.from({ length: 50 }, (_, i) => ({ ...commons[i % 30]!, id: `x-${i}`, published: new Date(Date.parse('2026-01-01') + i * 5 * 86_400_000).toISOString() }));
    const index = buildEditionIndex(many, { threshold: 10, first: 10, size: 20 });
    expect(index.shards.map((s) => (JSON.parse(s) as PackedShard).ids.length)).toEqual([10, 20, 20]);
    expect(index.unit).toBe('month');
  });

  it.each([
    ['hub', undefined, '/', '/digest/search/', '/articles/{id}/'],
    ['single edition under a base', 'digest', '/my-edition/', '/my-edition/search/', '/my-edition/articles/{id}/'],
    ['a base that contains "id"', 'digest', '/id/', '/id/search/', '/id/articles/{id}/'],
  ])('%s: search page and index paths', (_, edition, base, action, articleHref) => {
    const model = createSiteModel(db, { now: new Date(SITE_NOW), paths: createPaths({ base, site: 'https://example.org', ...(edition && { edition }) }), ...(edition && { edition }) });
    const files = { files: [{ name: 'index.aaaa.json' }, { name: 'index.bbbb.json' }], count: 7, unit: 'day' as const };
    expect(searchBoxView(model, 'digest', files)).toEqual({ action, label: 'Search Anti-reform digest', index: `${action}index.aaaa.json` });
    expect(searchPageView(model, 'digest', files)).toMatchObject({
      action,
      articleHref,
      shards: `${action}index.aaaa.json ${action}index.bbbb.json`,
      rssHref: `${base}${edition ? '' : 'digest/'}rss.xml`,
      count: '7 articles',
      total: 7,
    });
  });
});
