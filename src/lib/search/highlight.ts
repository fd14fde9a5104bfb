// Which words of a result's title and snippet to mark: pure, so the page builds <mark> elements
// from text nodes and never parses HTML.
import { normalizeTerm } from './searchTerms.ts';

/** A run of text, marked when it is a word that matched the query. */
export interface Segment {
  text: string;
  mark: boolean;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

// The words of titles and snippets repeat from result to result and query to query; normalizing
// (NFKD and a Unicode regex) each time was most of the cost of drawing a page of results.
const normalized = new Map<string, string>();
function normalizeWord(word: string): string {
  let term = normalized.get(word);
  if (term === undefined) {
    if (normalized.size >= 50_000) normalized.clear();
    term = normalizeTerm(word);
    normalized.set(word, term);
  }
  return term;
}

/**
 * Splits `text` into runs, marking each word whose normalized form is one of `terms`: the index
 * terms a result matched (MiniSearch's `result.terms`), so prefix and fuzzy matches are marked as
 * the words they matched. A word with an apostrophe is marked when any of its parts matched.
 *
 * @example highlight('Port workers vote to strike', ['strike', 'worker'])
 * // [{ text: 'Port workers vote to ', mark: false }, { text: 'strike', mark: true }]
 * @example highlight('O’Brien speaks', ['brien'])
 * // [{ text: 'O’Brien', mark: true }, { text: ' speaks', mark: false }]
 */
export function highlight(text: string, terms: Iterable<string>): Segment[] {
  const wanted = new Set(terms);
  const segments: Segment[] = [];
  const push = (part: string, mark: boolean) => {
    if (!part) return;
    const last = segments[segments.length - 1];
    if (last && last.mark === mark) last.text += part;
    else segments.push({ text: part, mark });
  };
  let at = 0;
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    const start = match.index;
    const hit = wanted.has(normalizeWord(word)) || (/['’]/.test(word) && word.split(/['’]/).some((part) => wanted.has(normalizeWord(part))));
    if (!hit) continue;
    push(text.slice(at, start), false);
    // Adjacent marked words stay separate marks, so each is one <mark>.
    segments.push({ text: word, mark: true });
    at = start + word.length;
  }
  push(text.slice(at), false);
  return segments;
}
