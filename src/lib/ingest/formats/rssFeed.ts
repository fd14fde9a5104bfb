// RSS 0.9x, 1.0 (RDF), 1.1 and 2.0, with or without a version, from the XML tree.
import { resolveUrl } from '../../html/sanitizeHtml.ts';
import { alternateLink, viaLink } from './atomLinks.ts';
import type { RawFeed, RawItem, TypedText } from './feedTypes.ts';
import { optional } from './optionalField.ts';
import { atomEnclosures, mediaRss, rssEnclosures } from './xmlMedia.ts';
import { absoluteOnly, attrOf, child, children, firstText, hasElementChildren, innerHtml, resolveXmlBase, textOf, threading, type XmlElement } from './xmlNodes.ts';

/**
 * Reads an RSS or RDF document into a `RawFeed`, URLs as written. Items are read from the
 * channel and, as RSS 0.90 and RDF place them (and broken feeds do), beside it; a document
 * without a channel is read as one.
 *
 * @example readRss(readXml(xml).root!, 'rss', 'https://abc.example/feed.xml').items[0].link // '/2026/11/strike'
 */
export function readRss(root: XmlElement, format: 'rss' | 'rdf', feedUrl: string): RawFeed {
  const channel = child(root, 'channel') ?? root;
  const channelBase = resolveXmlBase(root.attrs['xml:base'] ?? channel.attrs['xml:base'], feedUrl);
  const title = firstText(channel, 'title', 'dc:title');
  const home = firstText(channel, 'link') ?? alternateLink(children(channel, 'atom:link'));
  const items = channel === root ? children(root, 'item') : [...children(channel, 'item'), ...children(root, 'item')];
  return {
    format,
    ...(title !== undefined ? { title: { type: 'untyped' as const, value: title } } : {}),
    ...(home !== undefined ? { home } : {}),
    ...(channelBase ? { xmlBase: channelBase } : {}),
    items: items.map((item) => readRssItem(item, channelBase, feedUrl)),
  };
}

function readRssItem(item: XmlElement, channelBase: string | undefined, feedUrl: string): RawItem {
  const attrs = item.attrs;
  const xmlBase = resolveXmlBase(attrs['xml:base'], channelBase ?? feedUrl) ?? channelBase;
  const guidNode = child(item, 'guid');
  const guid = textOf(guidNode).trim() || attrs['rdf:about']?.trim() || undefined;
  const atomLinks = children(item, 'atom:link');
  // RSS 2.0: a guid is a permalink unless isPermaLink="false".
  const permalink = guidNode && attrOf(guidNode, 'isPermaLink') !== 'false' && resolveUrl(textOf(guidNode), undefined) ? textOf(guidNode).trim() : undefined;
  const link = firstText(item, 'link') ?? alternateLink([...atomLinks, ...children(item, 'link')]) ?? permalink ?? absoluteOnly(attrs['rdf:about']);
  const content = htmlOf(child(item, 'content:encoded')) ?? xhtmlBody(item);
  const summary = htmlOf(child(item, 'description')) ?? htmlOf(child(item, 'dc:description'));
  // Media RSS titles stand in for an item's missing title, as the Universal Feed Parser reads them.
  const title = titleOf(child(item, 'title') ?? child(item, 'dc:title') ?? child(item, 'media:title') ?? child(child(item, 'media:group'), 'media:title'));
  const authors = [
    ...children(item, 'dc:creator').map(textOf),
    ...children(item, 'author').map((node) => authorFromRss(textOf(node))),
  ];
  return {
    ...(guid ? { guid } : {}),
    ...(link ? { link } : {}),
    ...(xmlBase ? { xmlBase } : {}),
    ...(title ? { title } : {}),
    authors,
    ...optional('published', firstText(item, 'pubDate', 'dc:date', 'dcterms:issued', 'dcterms:created')),
    ...optional('updated', firstText(item, 'dcterms:modified', 'atom:updated')),
    ...(content ? { content } : {}),
    ...(summary ? { summary } : {}),
    tags: [...children(item, 'category'), ...children(item, 'dc:subject')].map(textOf),
    media: [...rssEnclosures(item), ...atomEnclosures(atomLinks), ...mediaRss(item)],
    ...threading(children(item, 'thr:in-reply-to')),
    ...optional('via', viaLink(atomLinks) ?? absoluteOnly(attrOf(child(item, 'source'), 'url')) ?? absoluteOnly(firstText(item, 'dc:source'))),
  };
}

/**
 * An RSS title is text that publishers sometimes write as HTML; which one is decided later (see
 * titleText). Markup written unescaped inside it (`<title>A <b>B</b></title>`) is HTML.
 */
function titleOf(node: XmlElement | undefined): TypedText | undefined {
  if (!node) return undefined;
  return hasElementChildren(node) ? { type: 'html', value: innerHtml(node, false) } : { type: 'untyped', value: textOf(node) };
}

/** RSS descriptions are escaped HTML; some feeds write the markup unescaped instead. */
function htmlOf(node: XmlElement | undefined): TypedText | undefined {
  if (!node) return undefined;
  const value = hasElementChildren(node) ? innerHtml(node, false) : textOf(node);
  return value.trim() === '' ? undefined : { type: 'html', value };
}

/** `<body xmlns="http://www.w3.org/1999/xhtml">` inside an item: an old way to give the full text. */
function xhtmlBody(item: XmlElement): TypedText | undefined {
  const body = child(item, 'xhtml:body');
  return body ? { type: 'html', value: innerHtml(body, true) } : undefined;
}

/** RSS 2.0 `author` is an email address, often "jo@abc.example (Jo Doe)"; keep the name. */
function authorFromRss(value: string): string {
  const text = value.trim();
  const inParens = /^\S+@\S+\s*\((.+)\)$/.exec(text)?.[1];
  if (inParens) return inParens;
  const beforeAngle = /^(.+?)\s*<\S+@\S+>$/.exec(text)?.[1];
  return beforeAngle ?? text;
}
