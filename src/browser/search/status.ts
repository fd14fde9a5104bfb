// The search page's status line: what was found, how much of the index it covers, or why not,
// and on a miss the nearest query that finds something; announced to screen readers once typing pauses, so they hear one count rather than every one.
import { FACETS } from '../../lib/search/facets.ts';
import type { SelectedFilters } from './urlState.ts';

/** Wait this long after the last key before the status is announced, so readers hear one count. */
const ANNOUNCE_MS = 400;

export interface StatusFacts {
  /** Why the index could not load, or ''. */
  failed: string;
  query: string;
  /** Articles in the edition. */
  total: number;
  /** Index files loaded, of `files`. */
  loaded: number;
  files: number;
  /** Articles searched so far (those in the loaded files). */
  searched: number;
  /** Results before and after the ticked filters. */
  matched: number;
  visible: number;
  filters: SelectedFilters;
  numbers: Intl.NumberFormat;
}

/**
 * The status line for these facts.
 *
 * @example statusText({ failed: '', query: 'strike', total: 40, loaded: 1, files: 2, searched: 20, matched: 3, visible: 3, filters: { contingent: new Set(), tag: new Set(), period: new Set() }, numbers: new Intl.NumberFormat('en') }) // '3 results for “strike”, searched 20 of 40 articles so far.'
 */
export function statusText(s: StatusFacts): string {
  if (s.failed) return s.failed;
  const query = s.query.trim();
  if (!query) return `Type to search ${s.numbers.format(s.total)} ${s.total === 1 ? 'article' : 'articles'}.`;
  if (!s.loaded) return 'Loading the search index…';
  const found = s.visible === 0 ? `No results for “${query}”` : `${s.numbers.format(s.visible)} ${s.visible === 1 ? 'result' : 'results'} for “${query}”`;
  const narrowed = FACETS.some((f) => s.filters[f].size) ? ` (${s.numbers.format(s.matched)} before filters)` : '';
  const partial = s.loaded < s.files ? `, searched ${s.numbers.format(s.searched)} of ${s.numbers.format(s.total)} articles so far` : '';
  return `${found}${narrowed}${partial}.`;
}

/**
 * Writes the status into `status` now, or once typing pauses; a newer text replaces a pending one.
 * `suggest` gives, when the status is written, a query that finds something for one that found
 * nothing; the status then ends "Did you mean <suggestion>?", the suggestion a link to its search.
 * (Asked only once typing pauses, so a keystroke never waits for it.)
 */
export function createAnnouncer(status: HTMLElement): (text: string, now: boolean, suggest?: () => string | undefined) => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const write = (text: string, suggest: (() => string | undefined) | undefined) => {
    const suggestion = suggest?.();
    if (suggestion === undefined) return void (status.textContent = text);
    const link = document.createElement('a');
    link.className = 'suggestion';
    link.href = `?${new URLSearchParams({ q: suggestion })}`;
    link.textContent = suggestion;
    status.replaceChildren(`${text} Did you mean `, link, '?');
  };
  return (text, now, suggest) => {
    clearTimeout(timer);
    if (now) write(text, suggest);
    else timer = setTimeout(() => write(text, suggest), ANNOUNCE_MS);
  };
}
