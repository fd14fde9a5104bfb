// Copies across contingents: near-duplicate texts found by MinHash and LSH, then sorted into
// declared adaptations, republications of one URL, and copies that give no credit.
import { createArticleResolver, normalizeRef, type ArticleResolver } from './articleRefs.ts';
import { estimateJaccard, minhashSignature, shingleHashes, SIGNATURE_SIZE, textWords } from './minhash.ts';
import type { Article } from './schema.ts';

/**
 * Estimated Jaccard similarity of word 5-grams at or above which two texts are the same story.
 * Tuned on test/fixtures/copies/: every copy there (verbatim 1.0, new intro and outro 0.87, first
 * half only 0.63, light edits 0.69, a word changed in most sentences 0.29) is above it, and every
 * text that is not a copy (one shared quote 0.12, another report of the same event 0.0, a rewrite in
 * the adapter's own words 0.0) is below it. 0.2 sits midway between 0.12 and 0.29, about 2.5
 * standard deviations of the 128-slot estimate from each.
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
 * total length of the texts: shingles and a signature per article, then LSH buckets. Copies of one URL
 * (`alsoIn`, a declared republication) are not pairs. The earlier article is the one the aggregator saw
 * first (`firstSeen`, which a publisher cannot backdate), then the earlier `published`, then the id.
 * Pairs come sorted by original, then copy.
 *
 * @example
 * findCopies(db.articles).filter((p) => p.credit === 'none') // [{ original: 'abc-31', copy: 'def-33', similarity: 0.84, credit: 'none' }]
 */
export function findCopies(articles: readonly Article[], options: FindCopiesOptions & { stats?: CopyStats } = {}): CopyPair[] {
  const threshold = options.threshold ?? COPY_THRESHOLD;
  const resolve = options.resolve ?? createArticleResolver(articles);
  const order = sortEarlierFirst(articles);
  const docs: { article: Article; signature: Uint32Array }[] = [];
  for (const article of order) {
    const shingles = shingleHashes(textWords(article.html || article.summary));
    if (shingles.length >= MIN_SHINGLES) docs.push({ article, signature: minhashSignature(shingles) });
  }
  if (options.stats) options.stats.compared = docs.length;

  // Docs are in time order, and each meets only the docs before it, so the earlier text of a pair is always known.
  const buckets = Array.from({ length: LSH_BANDS }, () => new Map<number, number[]>());
  const pairs: CopyPair[] = [];
  let candidates = 0;
  const hits = new Map<number, number>();
  for (let d = 0; d < docs.length; d++) {
    const sig = docs[d]!.signature;
    hits.clear();
    for (let band = 0; band < LSH_BANDS; band++) {
      const at = band * LSH_ROWS;
      // Two 25-bit slot values fit one exact double key.
      const key = sig[at]! * 0x2000000 + sig[at + 1]!;
      const bucket = buckets[band]!.get(key);
      if (!bucket) {
        buckets[band]!.set(key, [d]);
        continue;
      }
      // A crowded bucket (boilerplate shared by many texts): its first texts, where originals are, and its latest.
      const n = bucket.length;
      for (let k = 0; k < n; k++) {
        if (n > MAX_BUCKET_COMPARISONS && k >= BUCKET_HEAD && k < n - (MAX_BUCKET_COMPARISONS - BUCKET_HEAD)) k = n - (MAX_BUCKET_COMPARISONS - BUCKET_HEAD);
        const e = bucket[k]!;
        hits.set(e, (hits.get(e) ?? 0) + 1);
      }
      bucket.push(d);
    }
    // The texts agreeing in the most bands are the most alike; only so many are checked per text.
    const ranked = [...hits].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, MAX_CANDIDATES_PER_TEXT);
    candidates += ranked.length;
    for (const [e] of ranked) {
      const pair = judgePair(docs[e]!, docs[d]!, threshold, resolve);
      if (pair) pairs.push(pair);
    }
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
 * @example indexCopies(findCopies(db.articles)).uncreditedSources('def-33')[0]?.original // 'abc-31'
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
