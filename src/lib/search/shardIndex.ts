// MiniSearch's query step over one shard's packed index, run on typed arrays. The build indexes
// with MiniSearch and the browser scores as MiniSearch's `search` would with QUERY_OPTIONS (same
// terms, prefix and fuzzy expansions, weights, boosts and BM25; a test checks the scores are
// equal), except that a swap of two neighbouring letters counts as one edit (fuzzyTerms.ts). It
// reads the packed postings as they arrive instead of rebuilding MiniSearch's maps of maps, and
// allocates nothing per matching article: with a few thousand matches per keystroke, MiniSearch's
// result objects were most of a query's time.
import SearchableMap from 'minisearch/SearchableMap';
import { fuzzyTerms } from './fuzzyTerms.ts';
import { INDEX_OPTIONS, QUERY_OPTIONS } from './searchConfig.ts';
import type { PackedIndex } from './searchShard.ts';

/** A shard's matches for a query: article `docs[i]` of the shard scored `scores[i]`, unordered. */
export interface ShardMatches {
  length: number;
  docs: Uint32Array;
  scores: Float64Array;
  /** The index terms the query reached (its words and their prefix and fuzzy expansions), for `termsOf`. */
  reached: Uint32Array;
}

export interface ShardIndex {
  readonly count: number;
  /** The shard's articles that match `query`, as MiniSearch's `search` with QUERY_OPTIONS finds and scores them. */
  query(query: string): ShardMatches;
  /** The index terms article `n` matched, as the keys of MiniSearch's `match`: what its result highlights. */
  termsOf(matches: ShardMatches, n: number): string[];
  /** Index terms within `maxDistance` edits of `term` (a processed word), with how many articles hold each. */
  near(term: string, maxDistance: number): NearTerm[];
}

/** An index term close to a word, for "Did you mean …?". */
export interface NearTerm {
  term: string;
  distance: number;
  /** The shard's articles that hold the term, in any field. */
  articles: number;
}

/** One term's postings in one field: its articles in order, and how often the term occurs in each. */
interface Posting {
  docs: Uint32Array;
  freqs: Uint32Array;
}

// MiniSearch's defaults for what QUERY_OPTIONS leaves out (7.x: `defaultSearchOptions`, `defaultBM25params`).
const WEIGHTS = { fuzzy: 0.45, prefix: 0.375, ...QUERY_OPTIONS.weights };
const BM25 = { k: 1.2, b: 0.7, d: 0.5, ...QUERY_OPTIONS.bm25 };
const MAX_FUZZY = QUERY_OPTIONS.maxFuzzy ?? 6;
const FIELDS = QUERY_OPTIONS.fields ?? INDEX_OPTIONS.fields;
const BOOSTS = FIELDS.map((field) => QUERY_OPTIONS.boost?.[field] || 1);
const tokenize = QUERY_OPTIONS.tokenize ?? INDEX_OPTIONS.tokenize!;
const processTerm = QUERY_OPTIONS.processTerm ?? INDEX_OPTIONS.processTerm!;
if ((QUERY_OPTIONS.combineWith ?? 'OR').toUpperCase() !== 'AND' || QUERY_OPTIONS.boostDocument || QUERY_OPTIONS.boostTerm || QUERY_OPTIONS.filter)
  throw new Error('[search] shardIndex implements QUERY_OPTIONS as they are: AND, no document or term boosts, no filter');

const EMPTY: ShardMatches = { length: 0, docs: new Uint32Array(0), scores: new Float64Array(0), reached: new Uint32Array(0) };

/**
 * Loads a shard's packed index (see `packIndex`) for queries. Only the radix tree of its terms is
 * built now; a term's postings are decoded the first time a query reaches it.
 *
 * @example loadShardIndex(shard.index, shard.ids.length).query('strike').length // 1204
 */
export function loadShardIndex(packed: PackedIndex, count: number): ShardIndex {
  const tree = new SearchableMap<number>();
  // In the order MiniSearch's loadJS inserts them, so prefix and fuzzy expansions come in its order.
  packed.terms.forEach((term, i) => tree.set(term, i));
  const fieldIds = FIELDS.map((field) => packed.fieldIds[field] ?? -1);
  const averages = fieldIds.map((f) => packed.averageFieldLength[f] ?? 0);
  const lengths = fieldIds.map((f) => packed.fieldLength[f] ?? []);
  /** By term, then by field (in FIELDS order): null where the term is not in that field. */
  const decoded: ((Posting | null)[] | undefined)[] = new Array(packed.terms.length);

  const postingsOf = (term: number): (Posting | null)[] => {
    let byField = decoded[term];
    if (byField) return byField;
    byField = fieldIds.map(() => null);
    for (const list of packed.postings[term] ?? []) {
      const at = fieldIds.indexOf(list[0]!);
      if (at < 0) continue;
      let size = 0;
      for (let j = 1; j < list.length; j++) if (list[j]! >= 0) size++;
      const docs = new Uint32Array(size);
      const freqs = new Uint32Array(size);
      let n = 0;
      let k = -1;
      for (let j = 1; j < list.length; j++) {
        const v = list[j]!;
        if (v < 0) freqs[k] = -v;
        else {
          n += v;
          docs[++k] = n;
          freqs[k] = 1;
        }
      }
      byField[at] = { docs, freqs };
    }
    decoded[term] = byField;
    return byField;
  };

  // Per article, reused from query to query: its score for the query word being scored, the
  // total over the words so far, and how many words it has matched (an article reached by word
  // `w` counts only if it matched all before it: AND).
  const word = new Float64Array(count);
  const total = new Float64Array(count);
  const matched = new Uint32Array(count);
  const touched = new Uint32Array(count);

  /** Adds one index term's BM25 scores, times `weight`, to `word`; returns the new count of articles touched. */
  const score = (term: number, weight: number, reachedSoFar: number): number => {
    const byField = postingsOf(term);
    let n = reachedSoFar;
    for (let f = 0; f < byField.length; f++) {
      const posting = byField[f];
      if (!posting) continue;
      const { docs, freqs } = posting;
      const fieldLengths = lengths[f]!;
      const average = averages[f]!;
      const fieldWeight = weight * BOOSTS[f]!;
      // calcBM25Score, term for term, so the floating-point result is MiniSearch's.
      const invDocFreq = Math.log(1 + (count - docs.length + 0.5) / (docs.length + 0.5));
      for (let i = 0; i < docs.length; i++) {
        const doc = docs[i]!;
        const tf = freqs[i]!;
        const raw = invDocFreq * (BM25.d + (tf * (BM25.k + 1)) / (tf + BM25.k * (1 - BM25.b + (BM25.b * (fieldLengths[doc] ?? 0)) / average)));
        if (word[doc] === 0) touched[n++] = doc;
        word[doc] = word[doc]! + fieldWeight * raw;
      }
    }
    return n;
  };

  return {
    count,
    query(query) {
      const words = tokenize(query)
        .flatMap((w) => processTerm(w) ?? [])
        .filter((t): t is string => !!t);
      if (words.length === 0 || count === 0) return EMPTY;
      const reached: number[] = [];
      let candidates = 0;
      let firstWord = touched;
      for (let w = 0; w < words.length; w++) {
        const term = words[w]!;
        let n = 0;
        const exact = tree.get(term);
        if (exact !== undefined) {
          reached.push(exact);
          n = score(exact, 1, n);
        }
        const prefix = typeof QUERY_OPTIONS.prefix === 'function' ? QUERY_OPTIONS.prefix(term, w, words) : QUERY_OPTIONS.prefix === true;
        const fuzzyOption = typeof QUERY_OPTIONS.fuzzy === 'function' ? QUERY_OPTIONS.fuzzy(term, w, words) : QUERY_OPTIONS.fuzzy;
        let fuzzy: Map<string, [number, number]> | undefined;
        if (fuzzyOption) {
          const f = fuzzyOption === true ? 0.2 : fuzzyOption;
          const distance = f < 1 ? Math.min(MAX_FUZZY, Math.round(term.length * f)) : f;
          if (distance) fuzzy = fuzzyTerms(tree, term, distance);
        }
        if (prefix) {
          for (const [longer, t] of tree.atPrefix(term)) {
            const distance = longer.length - term.length;
            if (!distance) continue;
            // A term both a prefix and a fuzzy match scores as a prefix match.
            fuzzy?.delete(longer);
            reached.push(t);
            n = score(t, (WEIGHTS.prefix * longer.length) / (longer.length + 0.3 * distance), n);
          }
        }
        if (fuzzy) {
          for (const [near, [t, distance]] of fuzzy) {
            if (!distance) continue;
            reached.push(t);
            n = score(t, (WEIGHTS.fuzzy * near.length) / (near.length + distance), n);
          }
        }
        // Combine with the words before, as MiniSearch's AND does: ((w0 + w1) + w2)…
        for (let i = 0; i < n; i++) {
          const doc = touched[i]!;
          if (w === 0) {
            total[doc] = word[doc]!;
            matched[doc] = 1;
          } else if (matched[doc] === w) {
            total[doc] = total[doc]! + word[doc]!;
            matched[doc] = w + 1;
          }
          word[doc] = 0;
        }
        if (w === 0) {
          candidates = n;
          // The first word's articles are the only candidates: keep them while `touched` is reused.
          firstWord = touched.slice(0, n);
        }
      }
      // MiniSearch multiplies a score by the number of distinct query words the article matched: all of them, with AND.
      const quality = new Set(words).size;
      const docs = new Uint32Array(candidates);
      const scores = new Float64Array(candidates);
      let length = 0;
      for (let i = 0; i < candidates; i++) {
        const doc = firstWord[i]!;
        if (matched[doc] === words.length) {
          docs[length] = doc;
          scores[length++] = total[doc]! * quality;
        }
        matched[doc] = 0;
        total[doc] = 0;
      }
      if (length === 0) return EMPTY;
      return { length, docs: docs.subarray(0, length), scores: scores.subarray(0, length), reached: Uint32Array.from(new Set(reached)) };
    },
    termsOf(matches, n) {
      const terms: string[] = [];
      for (const t of matches.reached) {
        if (postingsOf(t).some((posting) => posting !== null && has(posting.docs, n))) terms.push(packed.terms[t]!);
      }
      return terms;
    },
    near(term, maxDistance) {
      const near: NearTerm[] = [];
      for (const [found, [t, distance]] of fuzzyTerms(tree, term, maxDistance)) {
        const docs = new Set<number>();
        for (const posting of postingsOf(t)) if (posting) for (const d of posting.docs) docs.add(d);
        near.push({ term: found, distance, articles: docs.size });
      }
      return near;
    },
  };
}

/** Whether the sorted `docs` hold `n`. */
function has(docs: Uint32Array, n: number): boolean {
  let lo = 0;
  let hi = docs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = docs[mid]!;
    if (v === n) return true;
    if (v < n) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
