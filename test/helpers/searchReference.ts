// Slow, obvious versions of what the search page does fast, for tests to compare against: every
// match as a Hit sorted by score (the page ranks only the top 20 over typed arrays), and facets
// filtered and counted hit by hit (the page counts over columns in one pass).
import { FACETS, periodOf, type FacetName, type FacetOption, type Filters, type PeriodUnit } from '../../src/lib/search/facets.ts';
import type { Hit, SearchEngine } from '../../src/lib/search/searchEngine.ts';

/**
 * Every article that matches `query`, best first (ties in the edition's order).
 *
 * @example searchAll(engine, 'evictions').map((h) => h.id) // ['xyz-08', 'def-18', 'abc-28']
 */
export function searchAll(engine: SearchEngine, query: string): Hit[] {
  const matches = engine.match(query);
  const hits = Array.from({ length: matches.length }, (_, i) => engine.hit(matches, i));
  return hits.sort((a, b) => b.score - a.score || a.position - b.position);
}

const valuesOf = (hit: Hit, facet: FacetName, unit: PeriodUnit): string[] => (facet === 'contingent' ? [hit.contingent] : facet === 'tag' ? hit.tags : [periodOf(hit.day, unit)]);

/**
 * The hits that pass every facet: within a facet any chosen value passes, across facets all must.
 *
 * @example applyFilters(hits, { contingent: new Set(['abc']), tag: new Set(), period: new Set() }, 'day') // the hits of abc
 */
export function applyFilters(hits: readonly Hit[], filters: Filters, unit: PeriodUnit): Hit[] {
  return hits.filter((hit) => FACETS.every((facet) => filters[facet].size === 0 || valuesOf(hit, facet, unit).some((v) => filters[facet].has(v))));
}

const collator = new Intl.Collator();

/**
 * Each facet's options, counted over the hits that pass the *other* facets: by count, then label
 * (periods newest first), at most `limit` plus any chosen one, a chosen value with no hit at 0.
 *
 * @example facetOptions(hits, filters, 'day', (facet, v) => v).contingent[0] // { value: 'abc', label: 'abc', count: 4, selected: false }
 */
export function facetOptions(hits: readonly Hit[], filters: Filters, unit: PeriodUnit, label: (facet: FacetName, value: string) => string, limit = 12): Record<FacetName, FacetOption[]> {
  const optionsOf = (facet: FacetName): FacetOption[] => {
    const counts = new Map<string, number>([...filters[facet]].map((v) => [v, 0]));
    for (const hit of applyFilters(hits, { ...filters, [facet]: new Set() }, unit)) {
      for (const value of new Set(valuesOf(hit, facet, unit))) counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    const options = [...counts].map(([value, count]) => ({ value, label: label(facet, value), count, selected: filters[facet].has(value) }));
    if (facet === 'period') return options.sort((a, b) => b.value.localeCompare(a.value));
    options.sort((a, b) => b.count - a.count || collator.compare(a.label, b.label) || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    return options.filter((o, i) => i < limit || o.selected);
  };
  return { contingent: optionsOf('contingent'), tag: optionsOf('tag'), period: optionsOf('period') };
}
