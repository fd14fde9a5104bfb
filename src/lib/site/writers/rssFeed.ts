// RSS 2.0: the frame and items of a feed, following the RSS Advisory Board's best-practices profile.
import { escapeHtml } from '../../html/htmlText.ts';
import type { FeedItem } from './feedModel.ts';
import type { FeedWriter } from './feedWriter.ts';
import { cdata, escapeXml, rssPlainText } from './xml.ts';

const NAMESPACES = 'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom"';

/**
 * RSS 2.0 with `content:encoded`, `dc:creator` and `atom:link` (self, hub). Plain text that
 * readers may render as HTML is encoded so what they show is the text: titles, categories and
 * names with the profile's character references (`&#x26;`, `&#x3C;`), and the summary in
 * `<description>` (HTML by the RSS spec) escaped as HTML first, then as XML.
 *
 * @example rssWriter.item(doc, item) // '    <item>\n      <title>Why &#x3C;script&#x3E; tags block rendering</title>…'
 */
export const rssWriter: FeedWriter = {
  format: 'rss',
  frame: (doc) => ({
    head: [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<rss version="2.0" ${NAMESPACES}>`,
      '  <channel>',
      `    <title>${rssPlainText(doc.title)}</title>`,
      `    <link>${escapeXml(doc.home)}</link>`,
      `    <description>${htmlOfText(doc.description)}</description>`,
      `    <language>${escapeXml(doc.lang)}</language>`,
      `    <lastBuildDate>${new Date(doc.updated).toUTCString()}</lastBuildDate>`,
      `    <atom:link href="${escapeXml(doc.self.rss)}" rel="self" type="application/rss+xml"/>`,
      ...(doc.hub ? [`    <atom:link href="${escapeXml(doc.hub)}" rel="hub"/>`] : []),
      '',
    ].join('\n'),
    separator: '\n',
    tail: '\n  </channel>\n</rss>\n',
  }),
  item: (_doc, item) => rssItem(item),
};

function rssItem(item: FeedItem): string {
  const enclosure = item.media[0];
  return [
    '    <item>',
    `      <title>${rssPlainText(item.title)}</title>`,
    `      <link>${escapeXml(item.id)}</link>`,
    `      <guid isPermaLink="true">${escapeXml(item.id)}</guid>`,
    `      <pubDate>${new Date(item.published).toUTCString()}</pubDate>`,
    ...(item.summary ? [`      <description>${htmlOfText(item.summary)}</description>`] : []),
    `      <content:encoded>${cdata(item.contentHtml)}</content:encoded>`,
    ...item.tags.map((t) => `      <category>${rssPlainText(t)}</category>`),
    ...item.authors.map((a) => `      <dc:creator>${rssPlainText(a)}</dc:creator>`),
    ...(item.source ? [`      <source url="${escapeXml(item.source.url)}">${rssPlainText(item.source.title)}</source>`] : []),
    ...(enclosure ? [`      <enclosure url="${escapeXml(enclosure.url)}" length="${enclosure.length ?? 0}" type="${escapeXml(enclosure.type)}"/>`] : []),
    '    </item>',
  ].join('\n');
}

/** Plain text in an element readers render as HTML: escaped as HTML, then as XML. */
function htmlOfText(text: string): string {
  return escapeXml(escapeHtml(text));
}

