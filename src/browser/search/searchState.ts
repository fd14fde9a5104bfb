// What the search page knows between keystrokes: the query and ticked filters, how many results
// are drawn, how much of the index has loaded, and the last matches (reused by a facet or "more").
import { createSearchEngine, type Matches, type SearchEngine } from '../../lib/search/searchEngine.ts';
import type { PeriodUnit } from '../../lib/search/facets.ts';
import { BATCH } from './resultList.ts';
import type { SelectedFilters } from './urlState.ts';

export interface SearchState {
  query: string;
  filters: SelectedFilters;
  /** Results drawn: one batch, and one more per "Show more results". */
  shown: number;
  /** Index files loaded so far. */
  loaded: number;
  /** Why the index could not load, or ''. */
  failed: string;
  /** Contingents' names by id, from the loaded index files. */
  names: Map<string, string>;
  engine: SearchEngine;
}

/** The state a page opens with, from its address's query and filters. */
export function createSearchState(query: string, filters: SelectedFilters, unit: PeriodUnit): SearchState {
  return { query, filters, shown: BATCH, loaded: 0, failed: '', names: new Map(), engine: createSearchEngine(unit) };
}

/**
 * The engine's matches for the state's query, computed again only when the query or the loaded
 * index changed, or when `requery` asks for it.
 */
export function createMatcher(state: SearchState): (requery: boolean) => Matches {
  let matches: Matches = state.engine.match('');
  /** The query and index size `matches` answers. */
  let matchedQuery = '';
  let matchedSize = -1;
  return (requery) => {
    const { engine, query } = state;
    if (requery || query !== matchedQuery || engine.size !== matchedSize) {
      matches = engine.match(query);
      matchedQuery = query;
      matchedSize = engine.size;
    }
    return matches;
  };
}

/**
 * "Did you mean …?" for the state's query when it found nothing: the engine's suggestion over the
 * index loaded so far, computed once per query and index size.
 */
export function createSuggester(state: SearchState): (matched: number) => string | undefined {
  let asked = '';
  let size = -1;
  let suggestion: string | undefined;
  return (matched) => {
    const { engine, query } = state;
    // Called when the status is written: for the latest query, as each keystroke replaces a pending status.
    if (matched > 0 || !query.trim() || state.loaded === 0) return undefined;
    if (query !== asked || engine.size !== size) {
      suggestion = engine.suggest(query);
      asked = query;
      size = engine.size;
    }
    return suggestion;
  };
}
