// RSS 0.9x, 1.0 (RDF) and 2.0, from rss-parser's output and the raw nodes beside it.
import type Parser from 'rss-parser';
import { resolveUrl } from '../../html/sanitizeHtml.ts';
import { alternateLink, viaLink } from './atomLinks.ts';
import type { RawFeed, RawItem } from './feedTypes.ts';
import { optional } from './optionalField.ts';
import { atomEnclosures, mediaRss, rssEnclosures } from './xmlMedia.ts';
import { absoluteOnly, attrOf, firstText, ownAttrs, rawNodes, resolveXmlBase, textOf, threading, type RawNodes } from './xmlNodes.ts';

/**
 * Reads an RSS or RDF channel that rss-parser has parsed into a `RawFeed`, URLs as written.
 *
 * @example readRss(await parser.parseString(xml), 'rss', 'https://abc.example/feed.xml').items[0].link // '/2026/11/strike'
 */
export function readRss(output: Parser.Output<RawNodes> & RawNodes, format: 'rss' | 'rdf', feedUrl: string): RawFeed {
  const channelBase = resolveXmlBase(ownAttrs(output)['xml:base'], feedUrl);
  const title = firstText(output, 'title');
  const home = firstText(output, 'link');
  return {
    format,
    ...(title !== undefined ? { title: { type: 'html' as const, value: title } } : {}),
    ...(home !== undefined ? { home } : {}),
    ...(channelBase ? { xmlBase: channelBase } : {}),
    items: output.items.map((item) => readRssItem(item as RawNodes, channelBase, feedUrl)),
  };
}

function readRssItem(item: RawNodes, channelBase: string | undefined, feedUrl: string): RawItem {
  const attrs = ownAttrs(item);
  const xmlBase = resolveXmlBase(attrs['xml:base'], channelBase ?? feedUrl) ?? channelBase;
  const guidNode = rawNodes(item, 'guid')[0];
  const guid = textOf(guidNode).trim() || attrs['rdf:about']?.trim() || undefined;
  const atomLinks = rawNodes(item, 'atom:link');
  // RSS 2.0: a guid is a permalink unless isPermaLink="false".
  const permalink = guidNode && attrOf(guidNode, 'isPermaLink') !== 'false' && resolveUrl(textOf(guidNode), undefined) ? textOf(guidNode).trim() : undefined;
  const link = firstText(item, 'link') ?? alternateLink(atomLinks) ?? permalink ?? absoluteOnly(attrs['rdf:about']);
  const encoded = firstText(item, 'content:encoded');
  const description = firstText(item, 'description');
  const title = firstText(item, 'title');
  const authors = [
    ...rawNodes(item, 'dc:creator').map(textOf),
    ...rawNodes(item, 'author').map((node) => authorFromRss(textOf(node))),
  ];
  return {
    ...(guid ? { guid } : {}),
    ...(link ? { link } : {}),
    ...(xmlBase ? { xmlBase } : {}),
    ...(title !== undefined ? { title: { type: 'html' as const, value: title } } : {}),
    authors,
    ...optional('published', firstText(item, 'pubDate', 'dc:date')),
    ...optional('updated', firstText(item, 'dcterms:modified', 'atom:updated')),
    ...(encoded !== undefined ? { content: { type: 'html' as const, value: encoded } } : {}),
    ...(description !== undefined ? { summary: { type: 'html' as const, value: description } } : {}),
    tags: [...rawNodes(item, 'category'), ...rawNodes(item, 'dc:subject')].map(textOf),
    media: [...rssEnclosures(item), ...atomEnclosures(atomLinks), ...mediaRss(item)],
    ...threading(rawNodes(item, 'thr:in-reply-to')),
    ...optional('via', viaLink(atomLinks) ?? absoluteOnly(attrOf(rawNodes(item, 'source')[0], 'url')) ?? absoluteOnly(firstText(item, 'dc:source'))),
  };
}

/** RSS 2.0 `author` is an email address, often "jo@abc.example (Jo Doe)"; keep the name. */
function authorFromRss(value: string): string {
  const text = value.trim();
  const inParens = /^\S+@\S+\s*\((.+)\)$/.exec(text)?.[1];
  if (inParens) return inParens;
  const beforeAngle = /^(.+?)\s*<\S+@\S+>$/.exec(text)?.[1];
  return beforeAngle ?? text;
}
