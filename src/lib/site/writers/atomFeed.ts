// Atom 1.0 (RFC 4287): the frame and entries of a feed.
import type { FeedItem } from './feedModel.ts';
import type { FeedWriter } from './feedWriter.ts';
import { cdata, escapeXml } from './xml.ts';

/**
 * Atom 1.0: titles and summaries as `type="text"` (plain text, unambiguous in Atom), the content
 * as `type="html"`, the article page as the entry's id and alternate link, the original article
 * as `rel="related"`, media as `rel="enclosure"`, and `rel="self"` and `rel="hub"` on the feed.
 *
 * @example atomWriter.item(doc, item) // '  <entry>\n    <id>https://example.org/articles/abc-01/</id>…'
 */
export const atomWriter: FeedWriter = {
  format: 'atom',
  frame: (doc) => ({
    head: [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(doc.lang)}">`,
      `  <id>${escapeXml(doc.home)}</id>`,
      `  <title type="text">${escapeXml(doc.title)}</title>`,
      `  <subtitle type="text">${escapeXml(doc.description)}</subtitle>`,
      `  <updated>${doc.updated}</updated>`,
      `  <link rel="alternate" type="text/html" href="${escapeXml(doc.home)}"/>`,
      `  <link rel="self" type="application/atom+xml" href="${escapeXml(doc.self.atom)}"/>`,
      ...(doc.hub ? [`  <link rel="hub" href="${escapeXml(doc.hub)}"/>`] : []),
      '',
    ].join('\n'),
    separator: '\n',
    tail: '\n</feed>\n',
  }),
  item: (_doc, item) => atomEntry(item),
};

function atomEntry(item: FeedItem): string {
  return [
    '  <entry>',
    `    <id>${escapeXml(item.id)}</id>`,
    `    <title type="text">${escapeXml(item.title)}</title>`,
    `    <link rel="alternate" type="text/html" href="${escapeXml(item.id)}"/>`,
    ...(item.original ? [`    <link rel="related" type="text/html" href="${escapeXml(item.original)}"/>`] : []),
    `    <published>${item.published}</published>`,
    `    <updated>${item.updated}</updated>`,
    ...item.authors.map((a) => `    <author><name>${escapeXml(a)}</name></author>`),
    ...item.tags.map((t) => `    <category term="${escapeXml(t)}"/>`),
    ...(item.summary ? [`    <summary type="text">${escapeXml(item.summary)}</summary>`] : []),
    `    <content type="html">${cdata(item.contentHtml)}</content>`,
    ...item.media.map((m) => `    <link rel="enclosure" href="${escapeXml(m.url)}" type="${escapeXml(m.type)}"${m.length ? ` length="${m.length}"` : ''}${m.title ? ` title="${escapeXml(m.title)}"` : ''}/>`),
    '  </entry>',
  ].join('\n');
}
