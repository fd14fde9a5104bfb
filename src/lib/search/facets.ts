// Narrowing search results by contingent, tag and period, with a count beside each choice.

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
 * @example periodUnit(20_000, 20_020) // => 'day'
 * @example periodUnit(19_000, 20_000) // => 'month'
 */
export function periodUnit(firstDay: number, lastDay: number): PeriodUnit {
  const span = Math.abs(lastDay - firstDay);
  return span <= 31 ? 'day' : span <= 3 * 366 ? 'month' : 'year';
}

const periods: Record<PeriodUnit, Map<number, string>> = { year: new Map(), month: new Map(), day: new Map() };

/**
 * The period a day falls in, as a sortable ISO prefix.
 *
 * @example periodOf(20_777, 'month') // => '2026-11'
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
 * @example periodLabel('2026-11', 'en') // => 'Nov 2026'
 * @example periodLabel('2026-11-20', 'en') // => 'Nov 20, 2026'
 */
export function periodLabel(period: string, lang = 'en'): string {
  if (period.length === 4) return period;
  return formatterOf(lang, period.length > 7).format(Date.parse(period.length === 7 ? `${period}-01` : period));
}

// Building an Intl.DateTimeFormat costs far more than formatting with one: the page labels a few
// dozen periods per keystroke.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterOf(lang: string, day: boolean): Intl.DateTimeFormat {
  const key = `${lang} ${day}`;
  let format = formatters.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions = { month: 'short', year: 'numeric', timeZone: 'UTC', ...(day && { day: 'numeric' }) };
    try {
      format = new Intl.DateTimeFormat(lang, options);
    } catch {
      format = new Intl.DateTimeFormat('en', options);
    }
    formatters.set(key, format);
  }
  return format;
}

const collator = new Intl.Collator();

/** Orders a facet's options for display (by count, then label; periods newest first) and keeps `limit` plus any chosen one. */
function orderOptions(facet: FacetName, options: FacetOption[], limit: number): FacetOption[] {
  if (facet === 'period') return options.sort((a, b) => (a.value < b.value ? 1 : -1));
  options.sort((a, b) => b.count - a.count || collator.compare(a.label, b.label) || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return options.filter((o, i) => i < limit || o.selected);
}

/**
 * The facet values of the documents an engine has loaded, as numbers: document `d` has contingent
 * `values.contingent[contingent[d]]`, period `values.period[period[d]]`, and the tags
 * `tagIds[tagStart[d]]` up to `tagIds[tagStart[d + 1]]` (each once). Lets the page count facets in
 * one pass over typed arrays, with no strings or objects per hit.
 */
export interface FacetColumns {
  contingent: Uint32Array;
  period: Uint32Array;
  tagStart: Uint32Array;
  tagIds: Uint32Array;
  /** Each facet's values by id. */
  values: Record<FacetName, readonly string[]>;
  /** Each facet's ids by value. */
  ids: Record<FacetName, ReadonlyMap<string, number>>;
}

/** What `countFacets` finds: the matches that pass the filters, and each facet value's count. */
export interface FacetCounts {
  /** Indexes (into the `docs` counted) of the documents that pass every facet, in the order given. */
  visible: Uint32Array;
  /** Per facet, by value id: the documents that pass the *other* facets, so choosing a tag never hides the other tags one could add. */
  counts: Record<FacetName, Uint32Array>;
}

/**
 * The documents that pass every facet (within a facet any chosen value passes, across facets all
 * must) and each facet value's count, over documents given as numbers (the first `length` of
 * `docs`): one pass, no allocation per document.
 *
 * @example countFacets(matches.docs, matches.length, engine.facets, filters).visible.length // results to show
 */
export function countFacets(docs: ArrayLike<number>, length: number, columns: FacetColumns, filters: Filters): FacetCounts {
  const { contingent, period, tagStart, tagIds, values, ids } = columns;
  const maskOf = (facet: FacetName): Uint8Array | undefined => {
    if (filters[facet].size === 0) return undefined;
    const mask = new Uint8Array(values[facet].length);
    for (const value of filters[facet]) {
      const id = ids[facet].get(value);
      if (id !== undefined) mask[id] = 1;
    }
    return mask;
  };
  const contingentMask = maskOf('contingent');
  const tagMask = maskOf('tag');
  const periodMask = maskOf('period');
  const contingentCounts = new Uint32Array(values.contingent.length);
  const tagCounts = new Uint32Array(values.tag.length);
  const periodCounts = new Uint32Array(values.period.length);
  const visible = new Uint32Array(length);
  let shown = 0;
  for (let i = 0; i < length; i++) {
    const d = docs[i]!;
    const c = contingent[d]!;
    const p = period[d]!;
    const from = tagStart[d]!;
    const to = tagStart[d + 1]!;
    const failsContingent = contingentMask !== undefined && contingentMask[c] === 0;
    const failsPeriod = periodMask !== undefined && periodMask[p] === 0;
    let failsTag = tagMask !== undefined;
    if (failsTag) {
      for (let t = from; t < to; t++) {
        if (tagMask![tagIds[t]!] === 1) {
          failsTag = false;
          break;
        }
      }
    }
    const fails = +failsContingent + +failsTag + +failsPeriod;
    // A document that fails no facet is shown and counts in all of them; one that fails one facet
    // counts in that one, so its other values stay on offer.
    if (fails > 1) continue;
    if (fails === 0) visible[shown++] = i;
    if (!failsTag && !failsPeriod) contingentCounts[c]!++;
    if (!failsContingent && !failsPeriod) for (let t = from; t < to; t++) tagCounts[tagIds[t]!]!++;
    if (!failsContingent && !failsTag) periodCounts[p]!++;
  }
  return { visible: visible.subarray(0, shown), counts: { contingent: contingentCounts, tag: tagCounts, period: periodCounts } };
}

/**
 * The options of one facet from `countFacets`' counts: the values counted at least once, and every
 * chosen value, by count then label (periods newest first), at most `limit` plus any chosen one.
 *
 * @example facetOptionsOf('tag', counts.counts.tag, engine.facets, filters, (v) => v)[0] // { value: 'strike', label: 'strike', count: 1204, selected: false }
 */
export function facetOptionsOf(facet: FacetName, counts: Uint32Array, columns: FacetColumns, filters: Filters, label: (value: string) => string, limit = 12): FacetOption[] {
  const values = columns.values[facet];
  const chosen = filters[facet];
  const options: FacetOption[] = [];
  for (let id = 0; id < counts.length; id++) {
    const count = counts[id]!;
    const value = values[id]!;
    if (count > 0 || chosen.has(value)) options.push({ value, label: label(value), count, selected: chosen.has(value) });
  }
  // A value chosen in the URL that no loaded document has yet.
  for (const value of chosen) if (!columns.ids[facet].has(value)) options.push({ value, label: label(value), count: 0, selected: true });
  return orderOptions(facet, options, limit);
}
