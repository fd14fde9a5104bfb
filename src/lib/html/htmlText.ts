// Plain text from HTML and HTML from plain text: titles, summaries, escaping.
import type { Element, Root, RootContent } from 'hast';
import { toText } from 'hast-util-to-text';
import { parseHtmlFragment } from './parseHtmlFragment.ts';

const WHITESPACE = /\s+/g;

/** Collapses runs of whitespace (including newlines) to one space and trims. */
export function collapseWhitespace(text: string): string {
  return text.replace(WHITESPACE, ' ').trim();
}

function treeText(tree: Root | Element): string {
  return toText(tree, { whitespace: 'normal' })
    .split('\n')
    .map((line) => collapseWhitespace(line))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Converts HTML to plain text the way a browser's `innerText` does: entities decoded, tags removed,
 * one line per block and a blank line between paragraphs. Script and style contents are not text.
 *
 * @example htmlToText('<p>AT&amp;T &lt;3</p><p>Second<br>line</p>') // => 'AT&T <3\n\nSecond\nline'
 */
export function htmlToText(html: string): string {
  // Most titles have no markup and no references: skip the HTML parser.
  if (!/[<&]/.test(html)) return collapseWhitespace(html);
  return treeText(parseHtmlFragment(html));
}

/**
 * The text of the first paragraph that has any: the first `<p>` with text, or else the first
 * block of text separated by a blank line. Whitespace is collapsed.
 *
 * @example firstParagraphText('<figure><img alt="x"></figure><p> Hello  <b>world</b></p><p>More</p>') // => 'Hello world'
 */
export function firstParagraphText(html: string | Root): string {
  const tree = typeof html === 'string' ? parseHtmlFragment(html) : html;
  let found = '';
  const visit = (node: Root | Element): boolean => {
    for (const child of node.children as RootContent[]) {
      if (child.type !== 'element') continue;
      if (child.tagName === 'p') {
        const text = collapseWhitespace(toText(child, { whitespace: 'normal' }));
        if (text) {
          found = text;
          return true;
        }
      } else if (visit(child)) return true;
    }
    return false;
  };
  if (visit(tree)) return found;
  const all = treeText(tree);
  return collapseWhitespace(all.split(/\n\s*\n/).find((block) => block.trim() !== '') ?? '');
}

/**
 * Shortens plain text to at most `max` characters, cutting at a word boundary and adding '…'.
 *
 * @example truncateText('one two three', 10) // => 'one two…'
 */
export function truncateText(text: string, max = 400): string {
  const clean = collapseWhitespace(text);
  if (clean.length <= max) return clean;
  let cut = clean.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  // A word boundary far back would lose too much; then cut inside the word.
  if (space > max * 0.6) cut = cut.slice(0, space);
  // Never leave half of a surrogate pair.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return cut.replace(/[\s,;:.\-–—]+$/, '') + '…';
}

/**
 * Escapes plain text as HTML, one `<p>` per blank-line-separated paragraph and `<br>` for single newlines.
 *
 * @example textToHtml('a < b\n\nsecond') // => '<p>a &lt; b</p><p>second</p>'
 */
export function textToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter((block) => block !== '')
    .map((block) => `<p>${escapeHtml(block).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

/** Escapes `&`, `<`, `>` and `"` for HTML text and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}
