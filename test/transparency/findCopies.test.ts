// Copies across contingents: shingles, MinHash signatures, LSH candidates, the tuned threshold, and credit.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createArticleResolver } from '../../src/lib/urls/articleRefs.ts';
import { COPY_THRESHOLD, creditOf, findCopies, indexCopies, MAX_CANDIDATES_PER_TEXT, MIN_SHINGLES, sortEarlierFirst, type CopyStats } from '../../src/lib/transparency/findCopies.ts';
import { estimateJaccard, hashWord, jaccard, minhashSignature, shingleHashes, textWords, wordHashes } from '../../src/lib/transparency/minhash.ts';
import { hoursAgo, makeArticle, type ArticleInput } from '../helpers/makeDb.ts';

const DIR = new URL('../fixtures/copies/', import.meta.url);
const text = (name: string) => readFileSync(new URL(`${name}.txt`, DIR), 'utf8');
const html = (name: string) => text(name).trim().split(/\n\s*\n/).map((p) => `<p>${p}</p>`).join('');
const shingles = (name: string) => shingleHashes(textWords(text(name)));

describe('textWords and shingleHashes', () => {
  it.each([
    ['<p>Ferry crews <b>stopped</b> work&nbsp;at six.</p>', ['ferry', 'crews', 'stopped', 'work', 'at', 'six']],
    ['AT&amp;T &#x41;nd &#66;', ['at', 't', 'and', 'b']],
    ['Don’t stop, don\'t!', ['don’t', 'stop', "don't"]],
    ['São Paulo: 212 to 9', ['são', 'paulo', '212', 'to', '9']],
    ['<img alt="not words"><br>', []],
  ])('textWords(%j)', (input, words) => expect(textWords(input)).toEqual(words));

  it.each([
    [['a', 'b', 'c', 'd'], 0],
    [['a', 'b', 'c', 'd', 'e'], 1],
    [['a', 'b', 'c', 'd', 'e', 'f'], 2],
    // A repeated 5-gram counts once: shingles are a set.
    [['a', 'b', 'c', 'd', 'e', 'a', 'b', 'c', 'd', 'e'], 5],
  ])('%j has %i distinct 5-word shingles', (words, count) => expect(shingleHashes(words).length).toBe(count));

  it('the same words give the same shingles; order matters', () => {
    expect([...shingleHashes(['a', 'b', 'c', 'd', 'e'])]).toEqual([...shingleHashes(['a', 'b', 'c', 'd', 'e'])]);
    expect([...shingleHashes(['a', 'b', 'c', 'd', 'e'])]).not.toEqual([...shingleHashes(['e', 'd', 'c', 'b', 'a'])]);
  });
});

describe('MinHash estimate', () => {
  it('is 1 for the same set, 0 for disjoint sets and for empty texts', () => {
    const a = shingles('original');
    expect(estimateJaccard(minhashSignature(a), minhashSignature(a))).toBe(1);
    expect(estimateJaccard(minhashSignature(a), minhashSignature(shingles('unrelated')))).toBe(0);
    expect(estimateJaccard(minhashSignature(new Uint32Array(0)), minhashSignature(new Uint32Array(0)))).toBe(0);
    expect(estimateJaccard(minhashSignature(new Uint32Array(0)), minhashSignature(a))).toBe(0);
  });

  it('stays within 0.15 of the exact Jaccard similarity, for sets of any size and overlap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 5, max: 400 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 2 ** 30 }), (size, overlap, seed) => {
        const shared = Math.floor(size * overlap);
        const a = Uint32Array.from({ length: size }, (_, i) => hash32(seed, i));
        const b = Uint32Array.from({ length: size }, (_, i) => (i < shared ? a[i]! : hash32(seed + 1, i)));
        const exact = jaccard(a, b);
        expect(Math.abs(estimateJaccard(minhashSignature(a), minhashSignature(b)) - exact)).toBeLessThanOrEqual(0.15);
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});

// The threshold is tuned on these: every copy above it, everything else below.
const TUNING: [string, 'copy' | 'not a copy', number, number][] = [
  ['verbatim-copy', 'copy', 1, 1],
  ['copy-new-intro', 'copy', 0.8, 0.9],
  ['copy-light-edits', 'copy', 0.65, 0.75],
  ['copy-first-half', 'copy', 0.6, 0.7],
  ['copy-heavy-edits', 'copy', 0.25, 0.35],
  ['shared-quote', 'not a copy', 0.08, 0.15],
  ['adaptation-rewrite', 'not a copy', 0, 0.02],
  ['same-event-other-report', 'not a copy', 0, 0.02],
  ['unrelated', 'not a copy', 0, 0.02],
];

describe(`the copy threshold (${COPY_THRESHOLD}) on test/fixtures/copies/`, () => {
  it('covers every fixture', () => {
    expect(readdirSync(DIR).map((f) => f.replace(/\.txt$/, '')).sort()).toEqual(['original', ...TUNING.map(([name]) => name)].sort());
  });
  const original = shingles('original');
  it.each(TUNING)('%s is %s: exact Jaccard in range, estimate on the right side', (name, kind, low, high) => {
    const other = shingles(name);
    const exact = jaccard(original, other);
    expect(exact).toBeGreaterThanOrEqual(low);
    expect(exact).toBeLessThanOrEqual(high);
    const estimate = estimateJaccard(minhashSignature(original), minhashSignature(other));
    if (kind === 'copy') expect(estimate).toBeGreaterThanOrEqual(COPY_THRESHOLD);
    else expect(estimate).toBeLessThan(COPY_THRESHOLD);
  });
  it('findCopies finds exactly the copies, each against the earlier original', () => {
    const articles = [
      article({ id: 'original', contingent: 'abc', html: html('original'), published: hoursAgo(100) }),
      ...TUNING.map(([name], i) => article({ id: name, contingent: `c${i}`, html: html(name), published: hoursAgo(50 - i) })),
    ];
    const pairs = findCopies(articles).filter((p) => p.original === 'original');
    expect(pairs.map((p) => p.copy).sort()).toEqual(TUNING.filter(([, kind]) => kind === 'copy').map(([name]) => name).sort());
    expect(pairs.every((p) => p.credit === 'none')).toBe(true);
  });
});

describe('findCopies', () => {
  const ferry = html('original');
  const base = (extra: Partial<ArticleInput>[] = []) => [
    article({ id: 'abc-1', contingent: 'abc', html: ferry, published: hoursAgo(10) }),
    ...extra.map((e, i) => article({ id: `x-${i}`, contingent: 'xyz', html: ferry, published: hoursAgo(5), ...e })),
  ];
  it.each<[string, Partial<ArticleInput>, string | undefined]>([
    ['a copy with no credit', {}, 'none'],
    ['an adaptation whose via names the original by URL', { via: 'https://ABC.example/abc-1?utm_source=x' }, 'declared'],
    ['an adaptation whose via names the original by id', { via: 'abc-1' }, 'declared'],
    ['a copy that credits another source', { via: 'https://wire.example/story' }, 'other-source'],
    ['a copy in the same contingent', { contingent: 'abc' }, undefined],
    ['the same URL carried twice (alsoIn)', { url: 'https://abc.example/abc-1' }, undefined],
    ['too short to judge', { html: '<p>Ferry crews on the Calder harbour line stopped work at six on Tuesday morning.</p>' }, undefined],
  ])('%s', (_, extra, credit) => {
    const pairs = findCopies(base([extra]));
    expect(pairs.map((p) => p.credit)[0]).toBe(credit);
    if (credit) expect(pairs[0]).toMatchObject({ original: 'abc-1', copy: 'x-0' });
  });
  it('an earlier text crediting the later one is a credit between them too', () => {
    const articles = base([{}]);
    articles[0] = { ...articles[0]!, via: 'x-0' };
    expect(findCopies(articles)[0]?.credit).toBe('declared');
  });
  it('the earlier one is the one the aggregator saw first, whatever the copy claims as its date', () => {
    const backdated = article({ id: 'copy', contingent: 'def', html: ferry, published: hoursAgo(1000), firstSeen: hoursAgo(1) });
    const original = article({ id: 'orig', contingent: 'abc', html: ferry, published: hoursAgo(10), firstSeen: hoursAgo(10) });
    expect(findCopies([backdated, original])).toEqual([expect.objectContaining({ original: 'orig', copy: 'copy' })]);
    expect(sortEarlierFirst([backdated, original]).map((a) => a.id)).toEqual(['orig', 'copy']);
  });
  it('indexes uncredited copies both ways, and skips credited ones', () => {
    const articles = [
      article({ id: 'orig', contingent: 'abc', html: ferry, published: hoursAgo(10) }),
      article({ id: 'copy', contingent: 'def', html: ferry, published: hoursAgo(5) }),
      article({ id: 'credited', contingent: 'xyz', html: ferry, published: hoursAgo(4), via: 'https://abc.example/orig' }),
    ];
    const index = indexCopies(findCopies(articles));
    expect(index.uncreditedSources('copy').map((p) => p.original)).toEqual(['orig']);
    expect(index.uncreditedCopies('orig').map((p) => p.copy)).toEqual(['copy']);
    // `credited` names its source, so resembling the uncredited copy too is no fault of its own.
    expect(index.uncreditedSources('credited')).toEqual([]);
    expect(index.pairs.map((p) => [p.original, p.copy, p.credit])).toEqual([
      ['copy', 'credited', 'other-source'],
      ['orig', 'copy', 'none'],
      ['orig', 'credited', 'declared'],
    ]);
  });
  it('creditOf reads the via of either side', () => {
    const resolve = createArticleResolver([]);
    const a = article({ id: 'a', contingent: 'abc' });
    expect(creditOf(a, article({ id: 'b', contingent: 'xyz' }), resolve)).toBe('none');
  });
  it('stays linear: one text repeated by 1,000 contingents is checked a bounded number of times', () => {
    const footer = html('unrelated');
    const many = Array.from({ length: 1000 }, (_, i) =>
      article({ id: `n-${i}`, contingent: `c${i}`, html: `<p>${uniqueWords(i, 30)}</p>${footer}`, published: hoursAgo(1000 - i) }),
    );
    const stats: CopyStats = { compared: 0, candidates: 0 };
    const pairs = findCopies(many, { stats });
    expect(stats.compared).toBe(1000);
    // All pairs would be 499,500.
    expect(stats.candidates).toBeLessThanOrEqual(1000 * MAX_CANDIDATES_PER_TEXT);
    // Every later text is still tied to the first, the original.
    expect(new Set(pairs.filter((p) => p.original === 'n-0').map((p) => p.copy)).size).toBe(999);
  });
  it(`skips texts under ${MIN_SHINGLES} shingles`, () => {
    const stats: CopyStats = { compared: 0, candidates: 0 };
    findCopies([article({ id: 'short', html: '<p>one two three four five six</p>' })], { stats });
    expect(stats.compared).toBe(0);
  });
});

function article(input: ArticleInput) {
  return makeArticle(input);
}

function hash32(seed: number, i: number): number {
  let h = Math.imul(seed ^ Math.imul(i + 1, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function uniqueWords(seed: number, count: number): string {
  return Array.from({ length: count }, (_, i) => `w${hash32(seed, i).toString(36)}`).join(' ');
}

describe('wordHashes, the fast path', () => {
  it.each([
    '<p>Ferry crews <b>stopped</b> work&nbsp;at six.</p>',
    'AT&amp;T &#x41;nd &#66; &AMP; &unknown; &#0; &#99999999;',
    'Don’t stop, don\'t! don&#39;t rock&#x2019;n roll \'quoted\' o\'&#x42;rien',
    'São Paulo: 212 to 9 · ÉCOLE Straße İstanbul 東京 𝒜lpha 😀 x',
    'a < b > c <i>d</i> <unclosed',
    '&lt;b&gt;not a tag&lt;/b&gt;',
    '',
  ])('agrees with textWords on %j', (input) => {
    expect([...wordHashes(input)]).toEqual(textWords(input).map(hashWord));
  });
  it('agrees with textWords on any mix of words, tags, entities and punctuation', () => {
    const pieces = ['a', 'B', 'é', 'Ö', '9', ' ', '  ', '<p>', '</p>', '<', '>', '&amp;', '&#39;', '&#x41;', '&nbsp;', '&zz;', "'", '’', '-', '.', 'ß', '東', '😀'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
        const input = parts.join('');
        expect([...wordHashes(input)]).toEqual(textWords(input).map(hashWord));
      }),
      { numRuns: 500, seed: 11 },
    );
  });
});
