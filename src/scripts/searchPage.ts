// The search page's one script: loads the edition's index files (the first, then the rest in the
// background), runs the query as the reader types, and draws results, facets and the status line.
import { FACETS, applyFilters, facetOptions, periodLabel, type FacetName, type Filters, type PeriodUnit } from '../lib/search/facets.ts';
import { highlight } from '../lib/search/highlight.ts';
import { createSearchEngine, type Hit } from '../lib/search/searchEngine.ts';
import type { PackedShard } from '../lib/search/searchShard.ts';

/** Results drawn at once; "Show more results" draws the next batch. */
const BATCH = 50;
/** Wait this long after the last key before the status is announced, so readers hear one count. */
const ANNOUNCE_MS = 400;
const FACET_TITLES: Record<FacetName, string> = { contingent: 'Contingent', tag: 'Tag', period: 'Date' };

declare global {
  interface Window {
    /** Only with `?bench`: runs a query as typing would and times it. */
    __widenetSearch?: (query: string) => { count: number; searchMs: number; totalMs: number };
    /** Only with `?bench`: settles when every index file is loaded. */
    __widenetSearchLoaded?: Promise<number>;
  }
}

export function startSearchPage(): void {
  const root = document.querySelector<HTMLElement>('[data-search]');
  const box = document.querySelector<HTMLInputElement>('input[data-search-box]');
  if (!root || !box?.form) return;
  const form = box.form;
  const status = root.querySelector<HTMLElement>('.search-status')!;
  const facetsEl = root.querySelector<HTMLElement>('.facets')!;
  const list = root.querySelector<HTMLOListElement>('.results')!;
  const more = root.querySelector<HTMLButtonElement>('.more')!;
  const shardUrls = (root.dataset.index ?? '').split(' ').filter(Boolean);
  const articleHref = root.dataset.articleHref ?? '{id}';
  const lang = root.dataset.lang || 'en';
  const unit = (root.dataset.unit ?? 'day') as PeriodUnit;
  const total = Number(root.dataset.total ?? 0);
  const numbers = new Intl.NumberFormat(lang);
  const dates = new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

  const params = new URLSearchParams(location.search);
  const filters: Record<FacetName, Set<string>> = { contingent: new Set(params.getAll('contingent')), tag: new Set(params.getAll('tag')), period: new Set(params.getAll('period')) };
  const names = new Map<string, string>();
  const engine = createSearchEngine();
  let query = params.get('q') ?? '';
  let hits: Hit[] = [];
  let shown = BATCH;
  let loaded = 0;
  let failed = '';
  let marked = false;
  let searchMs = 0;
  const facetIds = new Map<string, string>();
  let announceTimer: ReturnType<typeof setTimeout> | undefined;

  box.value = query;
  root.hidden = false;

  const statusText = (visible: number): string => {
    if (failed) return failed;
    if (!query.trim()) return `Type to search ${numbers.format(total)} ${total === 1 ? 'article' : 'articles'}.`;
    if (!loaded) return 'Loading the search index…';
    const found = visible === 0 ? `No results for “${query.trim()}”` : `${numbers.format(visible)} ${visible === 1 ? 'result' : 'results'} for “${query.trim()}”`;
    const narrowed = FACETS.some((f) => filters[f].size) ? ` (${numbers.format(hits.length)} before filters)` : '';
    const partial = loaded < shardUrls.length ? `, searched ${numbers.format(engine.size)} of ${numbers.format(total)} articles so far` : '';
    return `${found}${narrowed}${partial}.`;
  };

  const announce = (text: string, now: boolean) => {
    clearTimeout(announceTimer);
    if (now) status.textContent = text;
    else announceTimer = setTimeout(() => (status.textContent = text), ANNOUNCE_MS);
  };

  const syncUrl = () => {
    const next = new URLSearchParams();
    if (query) next.set('q', query);
    for (const facet of FACETS) for (const value of filters[facet]) next.append(facet, value);
    if (params.has('bench')) next.set('bench', '');
    const search = next.toString();
    history.replaceState(history.state, '', search ? `?${search}` : location.pathname);
  };

  const marks = (parent: HTMLElement, text: string, terms: string[]) => {
    for (const segment of highlight(text, terms)) {
      if (!segment.mark) parent.append(segment.text);
      else parent.appendChild(document.createElement('mark')).textContent = segment.text;
    }
  };

  const drawResults = (visible: Hit[]) => {
    const items = visible.slice(0, shown).map((hit) => {
      const li = document.createElement('li');
      const a = li.appendChild(document.createElement('a'));
      a.className = 'hit';
      a.href = articleHref.replace('{id}', encodeURIComponent(hit.id));
      marks(a, hit.title, hit.terms);
      const meta = li.appendChild(document.createElement('p'));
      meta.className = 'meta';
      const time = document.createElement('time');
      const iso = new Date(hit.day * 86_400_000).toISOString().slice(0, 10);
      time.dateTime = iso;
      time.textContent = dates.format(Date.parse(iso));
      meta.append(`${hit.contingentName} · `, time);
      if (hit.snippet) {
        const p = li.appendChild(document.createElement('p'));
        p.className = 'snippet';
        marks(p, hit.snippet, hit.terms);
      }
      return li;
    });
    // A shard arriving redraws the list: keep focus on the result the reader had reached.
    const focused = list.contains(document.activeElement) ? (document.activeElement as HTMLAnchorElement).getAttribute('href') : null;
    list.replaceChildren(...items);
    if (focused) items.find((li) => li.firstElementChild?.getAttribute('href') === focused)?.querySelector('a')?.focus();
    more.hidden = visible.length <= shown;
    more.textContent = `Show ${numbers.format(Math.min(BATCH, visible.length - shown))} more results`;
  };

  const drawFacets = () => {
    const focused = document.activeElement instanceof HTMLInputElement && facetsEl.contains(document.activeElement) ? document.activeElement.id : '';
    const all = facetOptions(hits, filters, unit, (facet, v) => (facet === 'contingent' ? (names.get(v) ?? v) : facet === 'period' ? periodLabel(v, lang) : v));
    const groups = FACETS.map((facet) => {
      const options = all[facet];
      if (!options.length) return undefined;
      const fieldset = document.createElement('fieldset');
      fieldset.appendChild(document.createElement('legend')).textContent = FACET_TITLES[facet];
      for (const o of options) {
        // Ids stay with their value across redraws, so focus stays on the box just ticked.
        const key = `${facet} ${o.value}`;
        const id = facetIds.get(key) ?? `facet-${facetIds.size}`;
        facetIds.set(key, id);
        const row = fieldset.appendChild(document.createElement('div'));
        const input = row.appendChild(document.createElement('input'));
        Object.assign(input, { type: 'checkbox', id, name: facet, value: o.value, checked: o.selected });
        const labelEl = row.appendChild(document.createElement('label'));
        labelEl.htmlFor = id;
        labelEl.append(`${o.label} `);
        labelEl.appendChild(document.createElement('span')).textContent = `(${numbers.format(o.count)})`;
        labelEl.lastElementChild!.className = 'count';
      }
      return fieldset;
    }).filter((g): g is HTMLFieldSetElement => g !== undefined);
    facetsEl.replaceChildren(...groups);
    facetsEl.hidden = groups.length === 0;
    if (focused) document.getElementById(focused)?.focus();
  };

  /** Runs the query over what is loaded and redraws; `fresh` when the query itself changed. */
  const update = (fresh: boolean, announceNow: boolean) => {
    if (fresh) shown = BATCH;
    const start = performance.now();
    hits = engine.search(query);
    searchMs = performance.now() - start;
    const visible = applyFilters(hits, filters, unit);
    drawResults(visible);
    drawFacets();
    announce(statusText(visible.length), announceNow);
    if (!marked && loaded && query.trim()) {
      marked = true;
      performance.mark('widenet:first-results');
    }
    return visible.length;
  };

  const addShard = (shard: PackedShard) => {
    engine.add(shard);
    for (const [id, name] of shard.contingents) names.set(id, name);
    loaded++;
  };

  const fetchShard = async (url: string): Promise<PackedShard> => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: ${response.status} ${response.statusText}`);
    return (await response.json()) as PackedShard;
  };

  const load = async () => {
    const [first, ...rest] = shardUrls;
    if (!first) return;
    addShard(await fetchShard(first));
    update(false, true);
    // The rest load side by side and join the results in the edition's order as each arrives.
    const pending = rest.map(fetchShard);
    // A failure is reported once, when its turn comes; until then it must not count as unhandled.
    for (const p of pending) p.catch(() => {});
    for (const next of pending) {
      addShard(await next);
      update(false, loaded === shardUrls.length);
    }
  };

  const loading = load().catch((error: unknown) => {
    failed = `Search could not load its index (${(error as Error).message}). Reload the page to try again.`;
    console.error(`[search] ${(error as Error).message}`);
    announce(failed, true);
  });
  announce(statusText(0), true);

  box.addEventListener('input', () => {
    query = box.value;
    syncUrl();
    update(true, false);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    query = box.value;
    syncUrl();
    update(true, true);
  });
  facetsEl.addEventListener('change', (event) => {
    const input = event.target as HTMLInputElement;
    const set = filters[input.name as FacetName];
    if (!set) return;
    if (input.checked) set.add(input.value);
    else set.delete(input.value);
    syncUrl();
    update(true, true);
  });
  more.addEventListener('click', () => {
    const first = shown;
    shown += BATCH;
    update(false, true);
    list.querySelectorAll<HTMLAnchorElement>('a.hit')[first]?.focus();
  });

  // Keyboard: "/" to the box, arrows from the box through the results and back; Enter follows the link.
  // (searchBox.ts has the same "/" handler; sharing it would cost edition pages a second request.)
  document.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement | null;
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || target?.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target?.tagName ?? '')) return;
    event.preventDefault();
    box.focus();
  });
  const links = () => [...list.querySelectorAll<HTMLAnchorElement>('a.hit')];
  box.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowDown') return;
    const first = links()[0];
    if (!first) return;
    event.preventDefault();
    first.focus();
  });
  list.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const all = links();
    const at = all.indexOf(document.activeElement as HTMLAnchorElement);
    if (at < 0) return;
    event.preventDefault();
    const next = at + (event.key === 'ArrowDown' ? 1 : -1);
    if (next < 0) box.focus();
    else all[Math.min(next, all.length - 1)]?.focus();
  });

  if (params.has('bench')) {
    window.__widenetSearchLoaded = loading.then(() => engine.size);
    window.__widenetSearch = (q) => {
      const start = performance.now();
      query = q;
      box.value = q;
      update(true, false);
      return { count: hits.length, searchMs, totalMs: performance.now() - start };
    };
  }
}
