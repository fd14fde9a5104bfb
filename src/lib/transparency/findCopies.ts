// Copies across contingents: near-duplicate texts found by MinHash and LSH, then sorted into
// declared adaptations, republications of one URL, and copies that give no credit.
import { createArticleResolver, normalizeRef, type ArticleResolver } from '../urls/articleRefs.ts';
import { estimateJaccard, minhashSignature, SIGNATURE_SIZE, textShingles } from './minhash.ts';
import type { Article } from '../config/schema.ts';

/**
 * Estimated Jaccard similarity of word 5-grams at or above which two texts are the same story.
 * Tuned on test/fixtures/copies/: every copy there (verbatim 1.0, new intro and outro 0.87, first
 * half only 0.63, light edits 0.69, a word changed in most sentences 0.29) is above it, and every
 * text that is not a copy (one shared quote 0.12, another report of the same event 0.0, a rewrite in
 * the adapter's own words 0.0) is below it. 0.2 sits midway between 0.12 and 0.29, two to three
 * standard deviations of the 128-slot estimate from each. Higher (0.3 or more) would miss copies
 * reworded sentence by sentence; lower would start to flag articles that share one long quote.
 */
export const COPY_THRESHOLD = 0.2;
/**
 * LSH banding of the 128-slot signature: 64 bands of 2 rows. A pair becomes a candidate when any
 * band agrees, with probability 1 − (1 − J²)⁶⁴: 0.92 at J = 0.2, 0.997 at J = 0.3, so copies at the
 * threshold are rarely missed; candidates are then checked against the threshold on the full signature.
 */
export const LSH_BANDS = 64;
export const LSH_ROWS = SIGNATURE_SIZE / LSH_BANDS;
/** Texts with fewer distinct shingles (about 45 words) are too short to call a copy. */
export const MIN_SHINGLES = 40;
/**
 * Within one LSH bucket, a text meets at most this many earlier ones (the bucket's first 10, where
 * originals are, and its latest 40), and it is checked against at most MAX_CANDIDATES_PER_TEXT texts
 * in all, those agreeing in the most bands first. So boilerplate shared by thousands of texts keeps
 * the work linear in the number of texts.
 */
export const MAX_BUCKET_COMPARISONS = 50;
const BUCKET_HEAD = 10;
/** Doc indices up to 2²¹ (2 million texts) share a double with a 30-bit band key. */
const INDEX_SPAN = 2 ** 21;
export const MAX_CANDIDATES_PER_TEXT = 100;

/**
 * How a copy credits its original:
 * - `declared`: the copy's `via` names the original (an adaptation), or the other way round;
 * - `other-source`: the copy's `via` names another source, which it credits (both may adapt it);
 * - `none`: no credit given.
 */
export type CopyCredit = 'declared' | 'other-source' | 'none';

/** Two texts of different contingents that tell the same story; `original` is the earlier one. */
export interface CopyPair {
  original: string;
  copy: string;
  /** Estimated Jaccard similarity of their word 5-grams. */
  similarity: number;
  credit: CopyCredit;
}

export interface FindCopiesOptions {
  resolve?: ArticleResolver;
  threshold?: number;
}

export interface CopyStats {
  /** Articles long enough to compare. */
  compared: number;
  /** Candidate pairs from LSH buckets, checked against the threshold. */
  candidates: number;
}

/**
 * Finds every pair of near-duplicate articles of different contingents, in time roughly linear in the
 * total length of the texts: shingles and a signature per article, then LSH buckets (about 1 s for
 * 20,000 articles of 300 words; `npm run bench -- copies`). Copies of one URL
 * (`alsoIn`, a declared republication) are not pairs. The earlier article is the one the aggregator saw
 * first (`firstSeen`, which a publisher cannot backdate), then the earlier `published`, then the id.
 * Pairs come sorted by original, then copy.
 *
 * @example
 * findCopies(db.articles).filter((p) => p.credit === 'none').map((p) => [p.original, p.copy, p.similarity.toFixed(2)]) // => [['abc-31', 'def-33', '0.84']]
 */
export function findCopies(articles: readonly Article[], options: FindCopiesOptions & { stats?: CopyStats } = {}): CopyPair[] {
  const threshold = options.threshold ?? COPY_THRESHOLD;
  const resolve = options.resolve ?? createArticleResolver(articles);
  const order = sortEarlierFirst(articles);
  const docs: { article: Article; signature: Uint32Array }[] = [];
  for (const article of order) {
    const shingles = textShingles(article.html || article.summary);
    if (shingles.length >= MIN_SHINGLES) docs.push({ article, signature: minhashSignature(shingles) });
  }
  if (options.stats) options.stats.compared = docs.length;

  // LSH: per band, sort the docs by their band's key; docs with equal keys share a bucket. A sort
  // per band is cheaper than a hash map of buckets, and keeps each bucket in time order, so the
  // earlier text of a pair is always known.
  const n = docs.length;
  if (n > INDEX_SPAN) throw new RangeError(`[copies] ${n} texts: copy detection handles at most ${INDEX_SPAN}`);
  const keys = new Float64Array(n);
  const bandHits = new Map<number, number>();
  for (let band = 0; band < LSH_BANDS; band++) {
    const at = band * LSH_ROWS;
    for (let d = 0; d < n; d++) {
      const sig = docs[d]!.signature;
      // Key and doc index in one exact double: 30 bits of key (a rare collision only adds a candidate), 21 of index.
      keys[d] = ((Math.imul(sig[at]!, 0x9e3779b1) ^ sig[at + 1]!) & 0x3fffffff) * INDEX_SPAN + d;
    }
    keys.sort();
    for (let i = 0; i < n; ) {
      const key = Math.floor(keys[i]! / INDEX_SPAN);
      let j = i + 1;
      while (j < n && Math.floor(keys[j]! / INDEX_SPAN) === key) j++;
      for (let p = i + 1; p < j; p++) {
        const d = keys[p]! % INDEX_SPAN;
        // A crowded bucket (boilerplate shared by many texts): its first texts, where originals are, and the latest before this one.
        for (let q = i; q < p; q++) {
          if (p - i > MAX_BUCKET_COMPARISONS && q - i >= BUCKET_HEAD && q < p - (MAX_BUCKET_COMPARISONS - BUCKET_HEAD)) q = p - (MAX_BUCKET_COMPARISONS - BUCKET_HEAD);
          const pair = (keys[q]! % INDEX_SPAN) * n + d;
          bandHits.set(pair, (bandHits.get(pair) ?? 0) + 1);
        }
      }
      i = j;
    }
  }

  // The texts agreeing in the most bands are the most alike; each text is checked against so many at most.
  const ranked = [...bandHits].map(([pair, hits]) => ({ earlier: Math.floor(pair / n), later: pair % n, hits }));
  ranked.sort((a, b) => a.later - b.later || b.hits - a.hits || a.earlier - b.earlier);
  const pairs: CopyPair[] = [];
  let candidates = 0;
  for (let i = 0, taken = 0; i < ranked.length; i++) {
    const { earlier, later } = ranked[i]!;
    taken = i > 0 && ranked[i - 1]!.later === later ? taken + 1 : 0;
    if (taken >= MAX_CANDIDATES_PER_TEXT) continue;
    candidates++;
    const pair = judgePair(docs[earlier]!, docs[later]!, threshold, resolve);
    if (pair) pairs.push(pair);
  }
  if (options.stats) options.stats.candidates = candidates;
  return pairs.sort((a, b) => cmp(a.original, b.original) || cmp(a.copy, b.copy));
}

function judgePair(
  earlier: { article: Article; signature: Uint32Array },
  later: { article: Article; signature: Uint32Array },
  threshold: number,
  resolve: ArticleResolver,
): CopyPair | undefined {
  const a = earlier.article;
  const b = later.article;
  if (a.contingent === b.contingent) return undefined;
  // One URL carried by two contingents is a declared republication, not a copy.
  if (a.alsoIn?.includes(b.id) || b.alsoIn?.includes(a.id) || normalizeRef(a.url) === normalizeRef(b.url)) return undefined;
  const similarity = estimateJaccard(earlier.signature, later.signature);
  if (similarity < threshold) return undefined;
  return { original: a.id, copy: b.id, similarity, credit: creditOf(a, b, resolve) };
}

/**
 * Whether `copy` credits `original`: its `via` names it (by id or URL), or names another source. A
 * copy that credits a source gave credit, even when an earlier text repeats that source too.
 *
 * @example creditOf(original, { ...copy, via: original.url }, resolve) // 'declared'
 * @example creditOf(original, { ...copy, via: 'https://wire.example/story' }, resolve) // 'other-source'
 */
export function creditOf(original: Article, copy: Article, resolve: ArticleResolver): CopyCredit {
  if (copy.via && resolve(copy.via).some((a) => a.id === original.id)) return 'declared';
  // The earlier one crediting the later one happens when dates are off; it is still a credit between them.
  if (original.via && resolve(original.via).some((a) => a.id === copy.id)) return 'declared';
  return copy.via ? 'other-source' : 'none';
}

/**
 * Articles earlier first: first seen by the aggregator, then published, then id. Dates are parsed
 * once, since feeds write offsets other than Z.
 *
 * @example sortEarlierFirst([later, earlier]) // [earlier, later]
 */
export function sortEarlierFirst(articles: readonly Article[]): Article[] {
  return articles
    .map((article) => ({ article, seen: Date.parse(article.firstSeen), published: Date.parse(article.published) }))
    .sort((a, b) => a.seen - b.seen || a.published - b.published || cmp(a.article.id, b.article.id))
    .map((x) => x.article);
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export interface CopyIndex {
  readonly pairs: readonly CopyPair[];
  /** Earlier texts this article repeats without credit. */
  uncreditedSources(articleId: string): readonly CopyPair[];
  /** Later texts that repeat this article without credit. */
  uncreditedCopies(articleId: string): readonly CopyPair[];
}

const NO_PAIRS: readonly CopyPair[] = Object.freeze([]);

/**
 * Indexes the pairs that give no credit, by copy and by original.
 *
 * @example indexCopies(findCopies(db.articles)).uncreditedSources('def-33')[0]?.original // => 'abc-31'
 */
export function indexCopies(pairs: readonly CopyPair[]): CopyIndex {
  const sources = new Map<string, CopyPair[]>();
  const copies = new Map<string, CopyPair[]>();
  for (const pair of pairs) {
    if (pair.credit !== 'none') continue;
    for (const [map, key] of [[sources, pair.copy], [copies, pair.original]] as const) {
      const list = map.get(key);
      if (list) list.push(pair);
      else map.set(key, [pair]);
    }
  }
  return {
    pairs,
    uncreditedSources: (id) => sources.get(id) ?? NO_PAIRS,
    uncreditedCopies: (id) => copies.get(id) ?? NO_PAIRS,
  };
}
