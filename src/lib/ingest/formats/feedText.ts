// Titles and summaries as plain text. A title is text: `Why &lt;script&gt; tags block rendering`
// in RSS is the text "Why <script> tags block rendering", decoded once, never parsed as a tag.
import { collapseWhitespace, htmlToText } from '../../html/htmlText.ts';
import { decodeNamedReference } from '../../html/namedReference.ts';
import type { TypedText } from './feedTypes.ts';

// The Universal Feed Parser's acceptable elements: an untyped title with any other tag is text.
const HTML_ELEMENTS = new Set(
  ('a abbr acronym address area article aside audio b big blockquote br button canvas caption center cite code col ' +
    'colgroup command datagrid datalist dd del details dfn dialog dir div dl dt em event-source fieldset figcaption ' +
    'figure font footer form h1 h2 h3 h4 h5 h6 header hr i img input ins kbd keygen label legend li m map menu meter ' +
    'multicol nav nextid noscript ol optgroup option output p pre progress q s samp section select small sound source ' +
    'spacer span strike strong sub sup table tbody td textarea tfoot th thead time tr tt u ul var video').split(' '),
);

/**
 * Whether untyped text (an RSS or JSON Feed title) is HTML, judged as the Universal Feed Parser
 * does: it needs an end tag or a character reference, every tag must be an ordinary HTML element
 * and every named reference a real one. When in doubt it is text, so nothing is lost.
 *
 * @example looksLikeHtml('<b>Bold</b> move') // => true
 * @example looksLikeHtml('Why <script> tags block rendering') // => false
 * @example
 * // Double-escaped text is HTML too.
 * looksLikeHtml('AT&amp;T') // => true
 */
export function looksLikeHtml(text: string): boolean {
  if (!/<\/\w+>|&#?\w+;/.test(text)) return false;
  for (const [, tag] of text.matchAll(/<\/?(\w+)/g)) if (!HTML_ELEMENTS.has(tag!.toLowerCase())) return false;
  for (const [, name] of text.matchAll(/&(\w+);/g)) if (decodeNamedReference(name!) === undefined) return false;
  return true;
}

/**
 * Plain text of a summary or a feed's title: HTML converted as a browser shows it, text as is.
 *
 * @example typedTextToPlain({ type: 'html', value: '<p>AT&amp;T</p>' }) // => 'AT&T'
 */
export function typedTextToPlain(text: TypedText | undefined): string {
  if (!text) return '';
  if (text.type === 'text' || (text.type === 'untyped' && !looksLikeHtml(text.value))) return collapseWhitespace(text.value);
  return collapseWhitespace(htmlToText(text.value));
}

/**
 * Plain text of a title. As typedTextToPlain, except that markup which hides all of its text
 * (an unclosed `<!--`, a lone `<script>`) gives the text as written rather than no title.
 *
 * @example titleText({ type: 'untyped', value: 'Why <script> tags block rendering' }) // => 'Why <script> tags block rendering'
 * @example titleText({ type: 'html', value: '<!-- comments in HTML' }) // => '<!-- comments in HTML'
 */
export function titleText(text: TypedText | undefined): string {
  const plain = typedTextToPlain(text);
  return plain === '' && text ? collapseWhitespace(text.value) : plain;
}
