// The search page's one script: loads the edition's index files (the first, then the rest in the
// background), runs the query as the reader types, and draws results, facets and the status line.
// Its parts live in search/: state, address, result list, facets, status line, keys, index loading.
import { FACETS, countFacets, type PeriodUnit } from '../lib/search/facets.ts';
import type { PackedShard } from '../lib/search/searchShard.ts';
import { createFacetPanel, toggleFilter } from './search/facetPanel.ts';
import { createFilterFold } from './search/filterFold.ts';
import { bindSearchKeys } from './search/keyboard.ts';
import { loadIndex } from './search/loadIndex.ts';
import { BATCH, createResultList } from './search/resultList.ts';
import { createMatcher, createSearchState, createSuggester } from './search/searchState.ts';
import { createAnnouncer, statusText } from './search/status.ts';
import { readSearchUrl, syncSearchUrl } from './search/urlState.ts';

/** A started search page, for whoever embeds it (the search bench measures through it). */
export interface SearchPage {
  /** Settles when every index file has loaded or one failed. */
  loading: Promise<void>;
  /** Articles loaded into the engine. */
  size(): number;
  /** Runs `query` as typing would (the status announced later); returns the matches before filters and the engine's time. */
  type(query: string): { matched: number; searchMs: number };
}

/**
 * Starts search on a page with a `[data-search]` root and an `input[data-search-box]` in a form.
 *
 * @example startSearchPage(); // in the page's <script>
 */
export function startSearchPage(): SearchPage | undefined {
  const root = document.querySelector<HTMLElement>('[data-search]');
  const box = document.querySelector<HTMLInputElement>('input[data-search-box]');
  if (!root || !box?.form) return undefined;
  const form = box.form;
  const facetsEl = root.querySelector<HTMLElement>('.facets')!;
  const list = root.querySelector<HTMLOListElement>('.results')!;
  const more = root.querySelector<HTMLButtonElement>('.more')!;
  const shardUrls = (root.dataset.index ?? '').split(' ').filter(Boolean);
  const lang = root.dataset.lang || 'en';
  const total = Number(root.dataset.total ?? 0);
  const numbers = new Intl.NumberFormat(lang);

  const fromUrl = readSearchUrl(location.search);
  const state = createSearchState(fromUrl.query, fromUrl.filters, (root.dataset.unit ?? 'day') as PeriodUnit);
  const matchesFor = createMatcher(state);
  const statusEl = root.querySelector<HTMLElement>('.search-status')!;
  const announce = createAnnouncer(statusEl);
  const suggest = createSuggester(state);
  const drawResults = createResultList({
    list,
    more,
    articleHref: root.dataset.articleHref ?? '{id}',
    numbers,
    dates: new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }),
  });
  const drawFacets = createFacetPanel({ facetsEl, lang, numbers, names: state.names });
  const fold = createFilterFold(root.querySelector<HTMLDetailsElement>('.facet-panel')!);
  let marked = false;
  let searchMs = 0;

  box.value = state.query;
  root.hidden = false;

  const status = (matched: number, visible: number) =>
    statusText({ failed: state.failed, query: state.query, total, loaded: state.loaded, files: shardUrls.length, searched: state.engine.size, matched, visible, filters: state.filters, numbers });

  /**
   * Runs the query over what is loaded and redraws; `fresh` when the query or filters changed (back
   * to the first batch). A facet or "show more" reuses the last matches unless `requery`.
   */
  const update = (fresh: boolean, announceNow: boolean, requery = false) => {
    if (fresh) state.shown = BATCH;
    const start = performance.now();
    const matches = matchesFor(requery);
    searchMs = performance.now() - start;
    const counted = countFacets(matches.docs, matches.length, state.engine.facets, state.filters);
    drawResults(state.engine, matches, counted.visible, state.shown);
    drawFacets(state.engine, counted.counts, state.filters);
    fold(!facetsEl.hidden, FACETS.reduce((n, f) => n + state.filters[f].size, 0));
    announce(status(matches.length, counted.visible.length), announceNow, () => suggest(matches.length));
    if (!marked && state.loaded && state.query.trim()) {
      marked = true;
      performance.mark('widenet:first-results');
    }
    return matches.length;
  };

  const addShard = (shard: PackedShard) => {
    state.engine.add(shard);
    for (const [id, name] of shard.contingents) state.names.set(id, name);
    state.loaded++;
    // The first file announces at once; the others only when the last completes the count.
    update(false, state.loaded === 1 || state.loaded === shardUrls.length);
  };

  const loading = loadIndex(shardUrls, addShard).catch((error: unknown) => {
    state.failed = `Search could not load its index (${(error as Error).message}). Reload the page to try again.`;
    console.error(`[search] ${(error as Error).message}`);
    announce(state.failed, true);
  });
  announce(status(0, 0), true);

  const search = (announceNow: boolean) => {
    state.query = box.value;
    syncSearchUrl(state.query, state.filters);
    update(true, announceNow);
  };
  box.addEventListener('input', () => search(false));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    search(true);
  });
  facetsEl.addEventListener('change', (event) => {
    if (!toggleFilter(state.filters, event.target as HTMLInputElement)) return;
    syncSearchUrl(state.query, state.filters);
    update(true, true);
  });
  // "Did you mean …?": the suggestion runs here, as if typed, rather than reloading the page.
  statusEl.addEventListener('click', (event) => {
    const link = (event.target as Element).closest('a.suggestion');
    if (!link) return;
    event.preventDefault();
    box.value = link.textContent ?? '';
    search(true);
    box.focus();
  });
  more.addEventListener('click', () => {
    const first = state.shown;
    state.shown += BATCH;
    update(false, true);
    list.querySelectorAll<HTMLAnchorElement>('a.hit')[first]?.focus();
  });
  bindSearchKeys(box, list);

  return {
    loading,
    size: () => state.engine.size,
    type: (query) => {
      state.query = query;
      box.value = query;
      const matched = update(true, false, true);
      return { matched, searchMs };
    },
  };
}
