// Fuzzy term lookup that forgives swapped letters. MiniSearch's own `fuzzyGet` counts edits as
// Levenshtein does, so "strkie" is two edits from "strike"; typing swaps letters more than any other
// slip, so here a swap of two neighbours counts as one edit (optimal string alignment, the
// restricted Damerau-Levenshtein distance). The walk is MiniSearch's (Steve Hanov's trie walk
// over the radix tree, one matrix row per character, pruned once a row exceeds the budget), with
// the transposition step added; it visits terms in the same order, so scores add up the same.
import type SearchableMap from 'minisearch/SearchableMap';

/** MiniSearch's radix tree: edge labels to subtrees, and '' to a term's value at a leaf. */
type RadixTree<T> = SearchableMap<T>['_tree'];

/** A term within the budget: its value in the map and its distance from the query. */
export type FuzzyMatches<T> = Map<string, [value: T, distance: number]>;

/**
 * Every term of `map` within `maxDistance` edits of `query`, where an edit inserts, deletes or
 * replaces a letter, or swaps two neighbours. Same shape as `SearchableMap#fuzzyGet`.
 *
 * @example fuzzyTerms(map, 'strkie', 1) // Map { 'strike' => [3, 1] }
 */
export function fuzzyTerms<T>(map: SearchableMap<T>, query: string, maxDistance: number): FuzzyMatches<T> {
  const results: FuzzyMatches<T> = new Map();
  const n = query.length + 1;
  // A term longer than the query by more than the budget is out of reach.
  const m = n + maxDistance;
  const matrix = new Uint8Array(m * n).fill(maxDistance + 1);
  for (let j = 0; j < n; ++j) matrix[j] = j;
  for (let i = 1; i < m; ++i) matrix[i * n] = i;
  // The term's letters along the current path: a swap looks one letter back.
  const path = new Array<string>(m);
  walk(map._tree, query, maxDistance, results, matrix, path, 1, n, '');
  return results;
}

function walk<T>(
  node: RadixTree<T>,
  query: string,
  maxDistance: number,
  results: FuzzyMatches<T>,
  matrix: Uint8Array,
  path: string[],
  m: number,
  n: number,
  prefix: string,
): void {
  const offset = m * n;
  key: for (const key of node.keys()) {
    if (key === '') {
      const distance = matrix[offset - 1]!;
      if (distance <= maxDistance) results.set(prefix, [node.get(key as never) as T, distance]);
      continue;
    }
    let i = m;
    for (let pos = 0; pos < key.length; ++pos, ++i) {
      // Longer than the query by more than the budget: out of reach, and past the matrix.
      if (i >= matrix.length / n) continue key;
      const char = key[pos]!;
      path[i] = char;
      const row = n * i;
      const prevRow = row - n;
      let minDistance = matrix[row]!;
      const jmin = Math.max(0, i - maxDistance - 1);
      const jmax = Math.min(n - 1, i + maxDistance);
      for (let j = jmin; j < jmax; ++j) {
        const different = char !== query[j];
        let dist = Math.min(matrix[prevRow + j]! + +different, matrix[prevRow + j + 1]! + 1, matrix[row + j]! + 1);
        // Two neighbours swapped: this letter is the query's previous one and the term's previous letter is this query letter.
        if (different && i > 1 && j > 0 && char === query[j - 1] && path[i - 1] === query[j]) dist = Math.min(dist, matrix[prevRow - n + j - 1]! + 1);
        matrix[row + j + 1] = dist;
        if (dist < minDistance) minDistance = dist;
      }
      // A row's minimum never decreases further down (a swap costs as much as the replacement
      // before it), so no longer term below can come back within the budget.
      if (minDistance > maxDistance) continue key;
    }
    walk(node.get(key)!, query, maxDistance, results, matrix, path, i, n, prefix + key);
  }
}
