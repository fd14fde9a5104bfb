// Encoding text for the XML the site publishes (feeds, OPML, sitemap). Every function here drops
// the characters XML 1.0 forbids, so no stored text can make a published file ill-formed.
import { stripXmlForbidden } from '../../html/textCharacters.ts';

/**
 * Escapes text for XML content and attribute values, dropping forbidden characters.
 *
 * @example escapeXml('Tom & "Jerry" <3') // => 'Tom &amp; &quot;Jerry&quot; &lt;3'
 */
export function escapeXml(text: string): string {
  return stripXmlForbidden(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/**
 * Plain text in an RSS element that readers may take for HTML (title, category, creator), encoded
 * as the RSS Advisory Board's profile advises: `&`, `<` and `>` as hexadecimal character references.
 *
 * @example rssPlainText('AT&T <3') // => 'AT&#x26;T &#x3C;3'
 */
export function rssPlainText(text: string): string {
  return stripXmlForbidden(text).replace(/[&<>]/g, (c) => ({ '&': '&#x26;', '<': '&#x3C;', '>': '&#x3E;' })[c]!);
}

/**
 * HTML as XML character data in one CDATA section, split wherever the HTML itself holds `]]>`.
 *
 * @example cdata('<p>a]]>b</p>') // => '<![CDATA[<p>a]]]]><![CDATA[>b</p>]]>'
 */
export function cdata(html: string): string {
  return `<![CDATA[${stripXmlForbidden(html).replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/** One self-closing `<outline>` with its attributes escaped. */
export function opmlOutline(attrs: Record<string, string>, indent = '    '): string {
  return `${indent}<outline ${Object.entries(attrs).map(([k, v]) => `${k}="${escapeXml(v)}"`).join(' ')}/>`;
}

/**
 * An OPML 2.0 document around already-indented outline lines.
 * @example opmlDocument('Wide Net: edition feeds', now, [opmlOutline({ type: 'rss', text: 'Commons', xmlUrl })])
 */
export function opmlDocument(title: string, now: Date, outlines: readonly string[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    '  <head>',
    `    <title>${escapeXml(title)}</title>`,
    `    <dateCreated>${now.toUTCString()}</dateCreated>`,
    '    <docs>http://opml.org/spec2.opml</docs>',
    '  </head>',
    '  <body>',
    ...outlines,
    '  </body>',
    '</opml>',
    '',
  ].join('\n');
}
