// The search page's one script: loads the edition's index files (the first, then the rest in the
// background), runs the query as the reader types, and draws results, facets and the status line.
import { FACETS, countFacets, facetOptionsOf, periodLabel, type FacetCounts, type FacetName, type FacetOption, type PeriodUnit } from '../lib/search/facets.ts';
import { highlight } from '../lib/search/highlight.ts';
import { topK } from '../lib/search/rank.ts';
import { createSearchEngine, type Matches } from '../lib/search/searchEngine.ts';
import type { PackedShard } from '../lib/search/searchShard.ts';

/** Results drawn at once; "Show more results" draws the next batch. */
const BATCH = 20;
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

/** One drawn result, kept and refilled from query to query rather than built anew. */
interface Row {
  li: HTMLLIElement;
  a: HTMLAnchorElement;
  source: Text;
  time: HTMLTimeElement;
  snippet: HTMLParagraphElement;
  /** The article and matched terms it shows, so an unchanged result is left alone. */
  key: string;
  day: number;
}

/** One facet's checkbox, kept across redraws so its id, focus and element stay. */
interface OptionRow {
  row: HTMLDivElement;
  input: HTMLInputElement;
  count: HTMLSpanElement;
  shown: number;
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
  const engine = createSearchEngine(unit);
  let query = params.get('q') ?? '';
  let matches: Matches = engine.match('');
  /** The query and index size `matches` answers: a facet or "show more" reuses them. */
  let matchedQuery = '';
  let matchedSize = -1;
  let shown = BATCH;
  let loaded = 0;
  let failed = '';
  let marked = false;
  let searchMs = 0;
  let announceTimer: ReturnType<typeof setTimeout> | undefined;

  box.value = query;
  root.hidden = false;

  const statusText = (visible: number): string => {
    if (failed) return failed;
    if (!query.trim()) return `Type to search ${numbers.format(total)} ${total === 1 ? 'article' : 'articles'}.`;
    if (!loaded) return 'Loading the search index…';
    const found = visible === 0 ? `No results for “${query.trim()}”` : `${numbers.format(visible)} ${visible === 1 ? 'result' : 'results'} for “${query.trim()}”`;
    const narrowed = FACETS.some((f) => filters[f].size) ? ` (${numbers.format(matches.length)} before filters)` : '';
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
    const parts: (string | Node)[] = [];
    for (const segment of highlight(text, terms)) {
      if (!segment.mark) parts.push(segment.text);
      else {
        const mark = document.createElement('mark');
        mark.textContent = segment.text;
        parts.push(mark);
      }
    }
    parent.replaceChildren(...parts);
  };

  const dateLabels = new Map<number, { iso: string; text: string }>();
  const dateOf = (day: number) => {
    let date = dateLabels.get(day);
    if (!date) {
      const iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
      date = { iso, text: dates.format(Date.parse(iso)) };
      dateLabels.set(day, date);
    }
    return date;
  };

  const rows: Row[] = [];
  const newRow = (): Row => {
    const li = document.createElement('li');
    const a = li.appendChild(document.createElement('a'));
    a.className = 'hit';
    const meta = li.appendChild(document.createElement('p'));
    meta.className = 'meta';
    const source = meta.appendChild(document.createTextNode(''));
    const time = meta.appendChild(document.createElement('time'));
    const snippet = document.createElement('p');
    snippet.className = 'snippet';
    return { li, a, source, time, snippet, key: '', day: NaN };
  };

  /** Draws the best `shown` of the visible matches, refilling the rows already in the list. */
  const drawResults = (visible: Uint32Array) => {
    const order = topK(visible, shown, matches.scores, matches.positions);
    // A shard arriving redraws the list: keep focus on the result the reader had reached.
    const focusedAt = rows.findIndex((r) => r.a === document.activeElement);
    const focused = focusedAt < 0 ? null : rows[focusedAt]!.a.getAttribute('href');
    let focusTo: HTMLAnchorElement | undefined;
    for (let j = 0; j < order.length; j++) {
      const hit = engine.hit(matches, order[j]!);
      const row = (rows[j] ??= newRow());
      const href = articleHref.replace('{id}', encodeURIComponent(hit.id));
      if (href === focused) focusTo = row.a;
      const key = `${hit.id}\n${hit.terms.join(' ')}`;
      if (row.key !== key) {
        row.key = key;
        row.a.href = href;
        marks(row.a, hit.title, hit.terms);
        row.source.data = `${hit.contingentName} · `;
        if (row.day !== hit.day) {
          row.day = hit.day;
          const date = dateOf(hit.day);
          row.time.dateTime = date.iso;
          row.time.textContent = date.text;
        }
        if (hit.snippet) {
          marks(row.snippet, hit.snippet, hit.terms);
          if (!row.snippet.parentNode) row.li.append(row.snippet);
        } else row.snippet.remove();
      }
      if (row.li.parentNode !== list) list.append(row.li);
    }
    for (let j = order.length; j < rows.length && rows[j]!.li.parentNode; j++) rows[j]!.li.remove();
    // The reached result moved: follow it; it left the list: let go of it, as a redrawn list would.
    if (focusTo && focusTo !== document.activeElement) focusTo.focus();
    else if (focused !== null && !focusTo) rows[focusedAt]!.a.blur();
    more.hidden = visible.length <= shown;
    more.textContent = `Show ${numbers.format(Math.min(BATCH, visible.length - shown))} more results`;
  };

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
  ) as Record<FacetName, { fieldset: HTMLFieldSetElement; options: Map<string, OptionRow>; drawn: string }>;
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

  /** Redraws the facets whose options changed, moving only rows whose order changed. */
  const drawFacets = (counts: FacetCounts['counts']) => {
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

  /**
   * Runs the query over what is loaded and redraws; `fresh` when the query or filters changed (back
   * to the first batch). A facet or "show more" reuses the last matches unless `requery`.
   */
  const update = (fresh: boolean, announceNow: boolean, requery = false) => {
    if (fresh) shown = BATCH;
    const start = performance.now();
    if (requery || query !== matchedQuery || engine.size !== matchedSize) {
      matches = engine.match(query);
      matchedQuery = query;
      matchedSize = engine.size;
    }
    searchMs = performance.now() - start;
    const counted = countFacets(matches.docs, matches.length, engine.facets, filters);
    drawResults(counted.visible);
    drawFacets(counted.counts);
    announce(statusText(counted.visible.length), announceNow);
    if (!marked && loaded && query.trim()) {
      marked = true;
      performance.mark('widenet:first-results');
    }
    return counted.visible.length;
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
      update(true, false, true);
      return { count: matches.length, searchMs, totalMs: performance.now() - start };
    };
  }
}
