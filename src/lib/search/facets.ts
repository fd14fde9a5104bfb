// Narrowing search results by contingent, tag and period, with a count beside each choice.
import type { Hit } from './searchEngine.ts';

export type FacetName = 'contingent' | 'tag' | 'period';
export const FACETS: readonly FacetName[] = ['contingent', 'tag', 'period'];

/** How finely the period facet splits dates: chosen per edition from the span of its articles. */
export type PeriodUnit = 'year' | 'month' | 'day';

/** The values chosen in each facet; an empty set does not filter. */
export type Filters = Record<FacetName, ReadonlySet<string>>;

export interface FacetOption {
  value: string;
  label: string;
  count: number;
  selected: boolean;
}

const DAY = 86_400_000;

/**
 * The period unit for an edition whose articles span `firstDay`…`lastDay` (days since the epoch):
 * days within a month, months within three years, else years.
 *
 * @example periodUnit(20_000, 20_020) // 'day'
 * @example periodUnit(19_000, 20_000) // 'month'
 */
export function periodUnit(firstDay: number, lastDay: number): PeriodUnit {
  const span = Math.abs(lastDay - firstDay);
  return span <= 31 ? 'day' : span <= 3 * 366 ? 'month' : 'year';
}

const periods: Record<PeriodUnit, Map<number, string>> = { year: new Map(), month: new Map(), day: new Map() };

/**
 * The period a day falls in, as a sortable ISO prefix.
 *
 * @example periodOf(20_777, 'month') // '2026-11'
 */
export function periodOf(day: number, unit: PeriodUnit): string {
  // Facets ask for the same few days thousands of times per keystroke; a Date each time shows.
  let period = periods[unit].get(day);
  if (period === undefined) {
    period = new Date(day * DAY).toISOString().slice(0, unit === 'year' ? 4 : unit === 'month' ? 7 : 10);
    periods[unit].set(day, period);
  }
  return period;
}

/**
 * A period for people, in UTC like the rest of the site's dates.
 *
 * @example periodLabel('2026-11', 'en') // 'Nov 2026'
 * @example periodLabel('2026-11-20', 'en') // 'Nov 20, 2026'
 */
export function periodLabel(period: string, lang = 'en'): string {
  if (period.length === 4) return period;
  const options: Intl.DateTimeFormatOptions = { month: 'short', year: 'numeric', timeZone: 'UTC', ...(period.length > 7 && { day: 'numeric' }) };
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat(lang, options);
  } catch {
    format = new Intl.DateTimeFormat('en', options);
  }
  return format.format(Date.parse(period.length === 7 ? `${period}-01` : period));
}

const valuesOf = (hit: Hit, facet: FacetName, unit: PeriodUnit): string[] =>
  facet === 'contingent' ? [hit.contingent] : facet === 'tag' ? hit.tags : [periodOf(hit.day, unit)];

const passes = (hit: Hit, filters: Filters, unit: PeriodUnit) =>
  FACETS.every((facet) => filters[facet].size === 0 || valuesOf(hit, facet, unit).some((v) => filters[facet].has(v)));

/**
 * The hits that pass every facet: within a facet any chosen value passes, across facets all must.
 *
 * @example applyFilters(hits, { contingent: new Set(['abc']), tag: new Set(), period: new Set() }, 'day').every((h) => h.contingent === 'abc') // true
 */
export function applyFilters(hits: readonly Hit[], filters: Filters, unit: PeriodUnit): Hit[] {
  return hits.filter((hit) => passes(hit, filters, unit));
}

/**
 * The options of every facet with their counts, in one pass over the hits. Each facet counts the
 * hits that pass the *other* facets, so choosing a tag never hides the other tags one could add.
 * Options are ordered by count (periods newest first); at most `limit` are listed, plus any
 * chosen one beyond it.
 *
 * @example facetOptions(hits, filters, 'day', (facet, v) => v).contingent[0] // { value: 'abc', label: 'abc', count: 4, selected: false }
 */
export function facetOptions(hits: readonly Hit[], filters: Filters, unit: PeriodUnit, label: (facet: FacetName, value: string) => string, limit = 12): Record<FacetName, FacetOption[]> {
  const counts: Record<FacetName, Map<string, number>> = { contingent: new Map(), tag: new Map(), period: new Map() };
  for (const facet of FACETS) for (const value of filters[facet]) counts[facet].set(value, 0);
  const active = FACETS.filter((facet) => filters[facet].size > 0);
  for (const hit of hits) {
    // A hit that fails no facet counts in all of them; one that fails one facet counts in that one.
    let failed: FacetName | undefined;
    let fails = 0;
    for (const facet of active) {
      if (valuesOf(hit, facet, unit).some((v) => filters[facet].has(v))) continue;
      failed = facet;
      if (++fails > 1) break;
    }
    if (fails > 1) continue;
    for (const facet of FACETS) {
      if (failed !== undefined && facet !== failed) continue;
      const values = valuesOf(hit, facet, unit);
      for (const value of values.length > 1 ? new Set(values) : values) counts[facet].set(value, (counts[facet].get(value) ?? 0) + 1);
    }
  }
  const optionsOf = (facet: FacetName): FacetOption[] => {
    const options = [...counts[facet]].map(([value, count]) => ({ value, label: label(facet, value), count, selected: filters[facet].has(value) }));
    if (facet === 'period') return options.sort((a, b) => (a.value < b.value ? 1 : -1));
    options.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
    return options.filter((o, i) => i < limit || o.selected);
  };
  return { contingent: optionsOf('contingent'), tag: optionsOf('tag'), period: optionsOf('period') };
}
