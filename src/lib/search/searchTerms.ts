// How text becomes search terms, shared by the build (indexing) and the browser (queries and
// highlighting), so both sides always agree on what a term is.

/** Spaces and punctuation split words (MiniSearch's own default, kept explicit). */
const SEPARATOR = /[\n\r\p{Z}\p{P}\p{S}]+/u;

/** Common English words that would be in every article's postings and match everything. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  ('a an and are as at be been but by for from had has have he her his how i if in into is it its me my no not of on or our ' +
    's she so than that the their them then there these they this those to was we were what when where which who will with would you your').split(' '),
);

/**
 * Splits text into words, as MiniSearch's `tokenize` option.
 *
 * @example tokenize('Port workers vote—to strike!') // => ['Port', 'workers', 'vote', 'to', 'strike']
 */
export function tokenize(text: string): string[] {
  return text.split(SEPARATOR).filter(Boolean);
}

/**
 * A word in the form the index stores: lower case, accents dropped.
 *
 * @example normalizeTerm('Grève') // => 'greve'
 */
export function normalizeTerm(word: string): string {
  return word.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

/**
 * MiniSearch's `processTerm`: the normalized word, or null for stop words and one-letter words,
 * which would add a posting for nearly every article and match anything as a prefix.
 *
 * @example processTerm('Strike') // => 'strike'
 * @example processTerm('the') // => null
 */
export function processTerm(word: string): string | null {
  const term = normalizeTerm(word);
  return term.length < 2 || STOP_WORDS.has(term) ? null : term;
}
