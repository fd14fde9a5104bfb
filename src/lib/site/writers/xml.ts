/**
 * Escapes text for XML content and attribute values.
 *
 * @example escapeXml('Tom & "Jerry" <3') // 'Tom &amp; &quot;Jerry&quot; &lt;3'
 */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
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
