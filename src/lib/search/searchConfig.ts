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
 * Edit distance allowed for a query word: one typo in words of four letters or more, none below,
 * where one edit reaches too many other words.
 *
 * @example fuzzyDistance('strik') // 1
 * @example fuzzyDistance('rent') // 1
 * @example fuzzyDistance('tax') // 0
 */
export function fuzzyDistance(term: string): number {
  return term.length >= 4 ? 1 : 0;
}

export const QUERY_OPTIONS: SearchOptions = {
  // Every word must match (the last one typed as a prefix), so each word narrows the results.
  combineWith: 'AND',
  prefix: true,
  fuzzy: (term) => fuzzyDistance(term),
  boost: { title: 3, tags: 1.5 },
};
