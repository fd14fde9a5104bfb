// The search page's result list: the best results of the query, drawn into rows that are kept and
// refilled from query to query rather than built anew, with the matched words marked.
import { highlight } from '../../lib/search/highlight.ts';
import { topK } from '../../lib/search/rank.ts';
import type { Matches, SearchEngine } from '../../lib/search/searchEngine.ts';

/** Results drawn at once; "Show more results" draws the next batch. */
export const BATCH = 20;

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

export interface ResultListOptions {
  list: HTMLOListElement;
  more: HTMLButtonElement;
  /** An article's address, with `{id}` for its id. */
  articleHref: string;
  numbers: Intl.NumberFormat;
  dates: Intl.DateTimeFormat;
}

/** Replaces `parent`'s content with `text`, the words of `terms` in `<mark>`. */
function drawMarked(parent: HTMLElement, text: string, terms: string[]): void {
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
}

function newRow(): Row {
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
}

/** The list's drawing function: draws the best `shown` of `visible`, refilling the rows already in the list. */
export function createResultList({ list, more, articleHref, numbers, dates }: ResultListOptions): (engine: SearchEngine, matches: Matches, visible: Uint32Array, shown: number) => void {
  const rows: Row[] = [];
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

  return (engine, matches, visible, shown) => {
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
        drawMarked(row.a, hit.title, hit.terms);
        row.source.data = `${hit.contingentName} · `;
        if (row.day !== hit.day) {
          row.day = hit.day;
          const date = dateOf(hit.day);
          row.time.dateTime = date.iso;
          row.time.textContent = date.text;
        }
        if (hit.snippet) {
          drawMarked(row.snippet, hit.snippet, hit.terms);
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
}
