// The search page's address: `?q=` and one parameter per ticked facet option, so a search can be
// shared or bookmarked and the page reopens as it was left.
import { FACETS, type FacetName } from '../../lib/search/facets.ts';

/** The ticked options of each facet, as the reader changes them. */
export type SelectedFilters = Record<FacetName, Set<string>>;

/**
 * The query and ticked options in a page address's search part.
 *
 * @example readSearchUrl('?q=strike&tag=labour').filters.tag // Set { 'labour' }
 */
export function readSearchUrl(search: string): { query: string; filters: SelectedFilters } {
  const params = new URLSearchParams(search);
  return {
    query: params.get('q') ?? '',
    filters: { contingent: new Set(params.getAll('contingent')), tag: new Set(params.getAll('tag')), period: new Set(params.getAll('period')) },
  };
}

/**
 * The search part of the address that reopens `query` with `filters` ticked: '' for neither.
 *
 * @example searchUrlOf('strike', { contingent: new Set(), tag: new Set(['labour']), period: new Set() }) // 'q=strike&tag=labour'
 */
export function searchUrlOf(query: string, filters: SelectedFilters): string {
  const next = new URLSearchParams();
  if (query) next.set('q', query);
  for (const facet of FACETS) for (const value of filters[facet]) next.append(facet, value);
  return next.toString();
}

/** Replaces the address (no new history entry per keystroke) with the one for `query` and `filters`. */
export function syncSearchUrl(query: string, filters: SelectedFilters): void {
  const search = searchUrlOf(query, filters);
  history.replaceState(history.state, '', search ? `?${search}` : location.pathname);
}
