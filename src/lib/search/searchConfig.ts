// The MiniSearch options of every edition's index: the build indexes with them and the browser
// loads and queries with them, so they live in one place.
import type { Options, SearchOptions } from 'minisearch';
import { processTerm, tokenize } from './searchTerms.ts';

/** What MiniSearch indexes for each article: the fields people search by. */
export interface IndexedArticle {
  /** The article's position in its shard, so nothing but a small number is stored per posting. */
  n: number;
  title: string;
  summary: string;
  tags: string;
  contingent: string;
  authors: string;
}

export const INDEX_OPTIONS: Options<IndexedArticle> = {
  idField: 'n',
  fields: ['title', 'summary', 'tags', 'contingent', 'authors'],
  // Nothing stored in MiniSearch: a shard keeps its display fields in columns beside the index.
  storeFields: [],
  tokenize,
  processTerm,
};

/**
 * Edit distance allowed for a query word (a swap of two neighbouring letters is one edit): one typo
 * in words of four letters or more, two from eight letters, none below four, where one edit
 * reaches too many other words.
 *
 * @example fuzzyDistance('strkie') // => 1
 * @example fuzzyDistance('rent') // => 1
 * @example fuzzyDistance('tax') // => 0
 * @example fuzzyDistance('dockwrokers') // => 2
 */
export function fuzzyDistance(term: string): number {
  return term.length >= 8 ? 2 : term.length >= 4 ? 1 : 0;
}

/**
 * How far "Did you mean …?" looks for a word that matched nothing: one edit further than search.
 *
 * @example suggestDistance('srtkie') // => 2
 * @example suggestDistance('tax') // => 1
 */
export function suggestDistance(term: string): number {
  return fuzzyDistance(term) + 1;
}

export const QUERY_OPTIONS: SearchOptions = {
  // Every word must match (the last one typed as a prefix), so each word narrows the results.
  // shardIndex.ts runs `fuzzy` with transpositions as one edit, which MiniSearch itself does not.
  combineWith: 'AND',
  prefix: true,
  fuzzy: (term) => fuzzyDistance(term),
  boost: { title: 3, tags: 1.5 },
};
