// The short text under a search result's title.

/** Characters a snippet keeps at most, before the ellipsis. */
export const SNIPPET_LENGTH = 160;

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
const comparable = (text: string) => squash(text).toLowerCase().replace(/[\p{P}\s]+/gu, '');

/**
 * A summary cut to at most `max` characters at a word boundary, with an ellipsis when cut. A
 * summary that only repeats the title (many feeds send one) gives '', since the title is shown already.
 *
 * @example snippetOf('Dockers walked out at dawn after the vote. Pickets held the gate all day.', 'Strike', 40) // => 'Dockers walked out at dawn after the…'
 * @example snippetOf('Port workers vote to strike.', 'Port workers vote to strike') // => ''
 */
export function snippetOf(summary: string, title: string, max = SNIPPET_LENGTH): string {
  const text = squash(summary);
  if (!text || comparable(text) === comparable(title)) return '';
  if (text.length <= max) return text;
  const cut = text.slice(0, max + 1);
  const space = cut.lastIndexOf(' ');
  // Cut at the last space, unless that throws away most of the text (one very long word).
  const kept = (space > max / 2 ? cut.slice(0, space) : text.slice(0, max)).replace(/[\s\p{P}]+$/u, '');
  return `${kept}…`;
}
