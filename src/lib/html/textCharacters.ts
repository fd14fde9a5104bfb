// Characters no stored text may carry: what XML 1.0 forbids (they would make every feed that
// carries the article ill-formed) and, in plain text, the bidirectional controls that let a title
// reorder the text around it on a page.

// C0 controls other than tab, LF and CR; U+FFFE and U+FFFF; with the `u` flag, [\uD800-\uDFFF]
// only matches lone surrogates (a valid pair is one code point).
const XML_FORBIDDEN = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF\uD800-\uDFFF]/gu;
// Embeddings and overrides (U+202A–U+202E) and isolates (U+2066–U+2069).
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/**
 * Removes the characters XML 1.0 forbids: C0 controls other than tab, LF and CR, U+FFFE,
 * U+FFFF and lone surrogates (JSON can carry them, XML cannot).
 *
 * @example stripXmlForbidden('bell\u0007 and \uD800 lone') // => 'bell and  lone'
 */
export function stripXmlForbidden(text: string): string {
  XML_FORBIDDEN.lastIndex = 0;
  return XML_FORBIDDEN.test(text) ? text.replace(XML_FORBIDDEN, '') : text;
}

/**
 * Whether `text` holds a character XML 1.0 forbids.
 *
 * @example hasXmlForbidden('ok\u000B') // => true
 */
export function hasXmlForbidden(text: string): boolean {
  XML_FORBIDDEN.lastIndex = 0;
  return XML_FORBIDDEN.test(text);
}

/**
 * Plain text fit to store: no XML-forbidden characters and no bidirectional embedding,
 * override or isolate controls, which would let a title reverse the text after it on a page.
 * (Marks such as U+200E/U+200F stay: they cannot reorder text beyond their neighbours.)
 *
 * @example cleanPlainText('Price \u202Eeerf si\u202C today') // => 'Price eerf si today'
 */
export function cleanPlainText(text: string): string {
  const clean = stripXmlForbidden(text);
  BIDI_CONTROLS.lastIndex = 0;
  return BIDI_CONTROLS.test(clean) ? clean.replace(BIDI_CONTROLS, '') : clean;
}
