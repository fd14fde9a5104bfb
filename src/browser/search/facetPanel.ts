// The search page's facets: one fieldset of checkboxes per facet (contingent, tag, date) with the
// count of results each option would keep, redrawn only where an option's count or order changed.
import { FACETS, facetOptionsOf, periodLabel, type FacetCounts, type FacetName, type FacetOption } from '../../lib/search/facets.ts';
import type { SearchEngine } from '../../lib/search/searchEngine.ts';
import type { SelectedFilters } from './urlState.ts';

const FACET_TITLES: Record<FacetName, string> = { contingent: 'Contingent', tag: 'Tag', period: 'Date' };

/** One facet's checkbox, kept across redraws so its id, focus and element stay. */
interface OptionRow {
  row: HTMLDivElement;
  input: HTMLInputElement;
  count: HTMLSpanElement;
  shown: number;
}

interface Group {
  fieldset: HTMLFieldSetElement;
  options: Map<string, OptionRow>;
  /** The options last drawn, as one string, so an unchanged facet is left alone. */
  drawn: string;
}

export interface FacetPanelOptions {
  facetsEl: HTMLElement;
  lang: string;
  numbers: Intl.NumberFormat;
  /** Contingents' names by id, filled as index files arrive. */
  names: ReadonlyMap<string, string>;
}

/** The panel's drawing function: redraws the facets whose options changed, moving only rows whose order changed. */
export function createFacetPanel({ facetsEl, lang, numbers, names }: FacetPanelOptions): (engine: SearchEngine, counts: FacetCounts['counts'], filters: SelectedFilters) => void {
  const labels: Record<FacetName, Map<string, string>> = { contingent: new Map(), tag: new Map(), period: new Map() };
  const labelOf = (facet: FacetName) => (value: string) => {
    let label = labels[facet].get(value);
    if (label === undefined) {
      label = facet === 'contingent' ? (names.get(value) ?? value) : facet === 'period' ? periodLabel(value, lang) : value;
      // A contingent's name may arrive with a later shard: keep the id as its label only until then.
      if (facet !== 'contingent' || names.has(value)) labels[facet].set(value, label);
    }
    return label;
  };
  const groups = Object.fromEntries(
    FACETS.map((facet) => {
      const fieldset = document.createElement('fieldset');
      fieldset.appendChild(document.createElement('legend')).textContent = FACET_TITLES[facet];
      return [facet, { fieldset, options: new Map<string, OptionRow>(), drawn: '' }];
    }),
  ) as Record<FacetName, Group>;
  let optionIds = 0;
  const optionRow = (facet: FacetName, o: FacetOption): OptionRow => {
    const group = groups[facet];
    let option = group.options.get(o.value);
    if (!option) {
      // Ids stay with their value across redraws, so focus stays on the box just ticked.
      const id = `facet-${optionIds++}`;
      const row = document.createElement('div');
      const input = row.appendChild(document.createElement('input'));
      Object.assign(input, { type: 'checkbox', id, name: facet, value: o.value });
      const labelEl = row.appendChild(document.createElement('label'));
      labelEl.htmlFor = id;
      labelEl.append(`${o.label} `);
      const count = labelEl.appendChild(document.createElement('span'));
      count.className = 'count';
      option = { row, input, count, shown: -1 };
      group.options.set(o.value, option);
    }
    if (option.shown !== o.count) {
      option.shown = o.count;
      option.count.textContent = `(${numbers.format(o.count)})`;
    }
    if (option.input.checked !== o.selected) option.input.checked = o.selected;
    return option;
  };

  return (engine, counts, filters) => {
    const focused = document.activeElement instanceof HTMLInputElement && facetsEl.contains(document.activeElement) ? document.activeElement : undefined;
    const shownGroups: HTMLFieldSetElement[] = [];
    for (const facet of FACETS) {
      const options = facetOptionsOf(facet, counts[facet], engine.facets, filters, labelOf(facet));
      const group = groups[facet];
      if (options.length) shownGroups.push(group.fieldset);
      const drawn = options.map((o) => `${o.value}\u0000${o.count}\u0000${+o.selected}`).join('\u0001');
      if (drawn === group.drawn) continue;
      group.drawn = drawn;
      const optionRows = options.map((o) => optionRow(facet, o).row);
      const children = group.fieldset.children;
      if (children.length !== optionRows.length + 1 || optionRows.some((row, i) => children[i + 1] !== row)) group.fieldset.replaceChildren(group.fieldset.firstElementChild!, ...optionRows);
    }
    const current = facetsEl.children;
    if (current.length !== shownGroups.length || shownGroups.some((g, i) => current[i] !== g)) facetsEl.replaceChildren(...shownGroups);
    facetsEl.hidden = shownGroups.length === 0;
    if (focused && focused !== document.activeElement && focused.isConnected) focused.focus();
  };
}

/** Ticks or unticks a filter as its checkbox changed; false when the event was not a facet's. */
export function toggleFilter(filters: SelectedFilters, input: HTMLInputElement): boolean {
  const set = filters[input.name as FacetName];
  if (!set) return false;
  if (input.checked) set.add(input.value);
  else set.delete(input.value);
  return true;
}
