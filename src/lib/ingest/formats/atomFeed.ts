// Atom 0.3 and 1.0, from rss-parser's output and the raw nodes beside it; inline XHTML is cut
// from the source text because xml2js loses the order of mixed content.
import type Parser from 'rss-parser';
import { escapeHtml } from '../../html/htmlText.ts';
import { alternateLink, HTML_TYPES, viaLink } from './atomLinks.ts';
import type { RawFeed, RawItem, TypedText } from './feedTypes.ts';
import { optional } from './optionalField.ts';
import { atomEnclosures } from './xmlMedia.ts';
import {
  absoluteOnly,
  attrOf,
  childrenOf,
  deepText,
  firstText,
  ownAttrs,
  rawNodes,
  resolveXmlBase,
  textOf,
  threading,
  type RawNodes,
  type XmlNode,
} from './xmlNodes.ts';

/**
 * Reads an Atom feed that rss-parser has parsed into a `RawFeed`, URLs as written; `text` is the
 * document's source, for inline XHTML.
 *
 * @example readAtom(await parser.parseString(xml), xml, 'https://abc.example/atom.xml').format // 'atom'
 */
export function readAtom(output: Parser.Output<RawNodes> & RawNodes, text: string, feedUrl: string): RawFeed {
  const feedBase = resolveXmlBase(ownAttrs(output)['xml:base'], feedUrl);
  const feedAuthors = rawNodes(output, 'author').map(atomAuthorName);
  const home = alternateLink(rawNodes(output, 'link'));
  const title = atomText(rawNodes(output, 'title')[0], undefined);
  // xml2js loses the order of mixed content, so inline XHTML is cut from the source text instead.
  const entrySources = atomEntrySources(text);
  const sourcesMatch = entrySources.length === output.items.length;
  return {
    format: 'atom',
    ...(title ? { title } : {}),
    ...(home ? { home } : {}),
    ...(feedBase ? { xmlBase: feedBase } : {}),
    items: output.items.map((item, index) =>
      readAtomEntry(item as RawNodes, feedBase, feedUrl, feedAuthors, sourcesMatch ? entrySources[index] : undefined),
    ),
  };
}

/** Atom authors are `<author><name>…</name></author>`; a bare `<author>Name</author>` is accepted too. */
function atomAuthorName(author: XmlNode): string {
  return typeof author === 'string' ? author : textOf(childrenOf(author, 'name')[0]);
}

function readAtomEntry(entry: RawNodes, feedBase: string | undefined, feedUrl: string, feedAuthors: string[], chunk: string | undefined): RawItem {
  // Only trust the cut-out source text if it is this entry's (its id appears in it).
  const id = firstText(entry, 'id');
  const source = chunk !== undefined && (!id || chunk.includes(id) || chunk.includes(escapeHtml(id))) ? chunk : undefined;
  const xmlBase = resolveXmlBase(ownAttrs(entry)['xml:base'], feedBase ?? feedUrl) ?? feedBase;
  const links = rawNodes(entry, 'link');
  const link = alternateLink(links);
  const contentNode = rawNodes(entry, 'content')[0];
  const summaryNode = rawNodes(entry, 'summary')[0];
  // Out-of-line content (src="…") has no body here; the summary stands in for it.
  const content = contentNode && !attrOf(contentNode, 'src') ? atomText(contentNode, source && xhtmlSource(source, 'content')) : undefined;
  const summary = atomText(summaryNode, source && xhtmlSource(source, 'summary'));
  const title = atomText(rawNodes(entry, 'title')[0], source && xhtmlSource(source, 'title'));
  const contentBase = resolveXmlBase(attrOf(contentNode, 'xml:base'), xmlBase ?? feedUrl);
  const authors = rawNodes(entry, 'author').map(atomAuthorName);
  const guid = id;
  const sourceNode = rawNodes(entry, 'source')[0];
  const sourceLink = alternateLink(childrenOf(sourceNode, 'link')) ?? absoluteOnly(textOf(childrenOf(sourceNode, 'id')[0]));
  return {
    ...(guid ? { guid } : {}),
    ...(link ? { link } : {}),
    ...(xmlBase ? { xmlBase } : {}),
    ...(contentBase ? { contentBase } : {}),
    ...(title ? { title } : {}),
    // Atom: an entry without authors inherits the feed's.
    authors: authors.some((name) => name.trim()) ? authors : feedAuthors,
    ...optional('published', firstText(entry, 'wn:published', 'issued', 'created')),
    ...optional('updated', firstText(entry, 'wn:updated', 'modified')),
    ...(content ? { content } : {}),
    ...(summary ? { summary } : {}),
    tags: rawNodes(entry, 'category').map((node) => attrOf(node, 'term') ?? attrOf(node, 'label') ?? textOf(node)),
    media: atomEnclosures(links),
    ...threading(rawNodes(entry, 'thr:in-reply-to')),
    ...optional('via', viaLink(links) ?? sourceLink),
  };
}

/**
 * An Atom text construct: type text (default), html or xhtml (Atom 1.0), or a MIME type with
 * mode escaped, base64 or xml (Atom 0.3). `xhtml` is the element's inner source, when found.
 */
function atomText(node: XmlNode | undefined, xhtml: string | undefined): TypedText | undefined {
  if (node === undefined) return undefined;
  const type = (attrOf(node, 'type') ?? '').trim().toLowerCase();
  const mode = (attrOf(node, 'mode') ?? '').trim().toLowerCase();
  if (type === 'xhtml' || (mode === 'xml' && HTML_TYPES.test(type))) {
    return { type: 'html', value: xhtml ?? escapeHtml(deepText(node)) };
  }
  let value = textOf(node);
  if (mode === 'base64') {
    // Atom 0.3 only; bodies in other media types (images…) are not text.
    if (type && !type.startsWith('text/') && !HTML_TYPES.test(type)) return undefined;
    value = Buffer.from(value, 'base64').toString('utf8');
  }
  if (type === 'html' || HTML_TYPES.test(type)) return { type: 'html', value };
  if (type === '' || type === 'text' || type.startsWith('text/')) return { type: 'text', value };
  return undefined;
}

/** The source text of each <entry>, in document order (prefixed entries included). */
function atomEntrySources(text: string): string[] {
  return [...text.matchAll(/<((?:[\w.-]+:)?entry)[\s>][\s\S]*?<\/\1\s*>/g)].map((match) => match[0]);
}

/**
 * The inner markup of an xhtml text construct, without the wrapping xhtml `<div>`:
 * the XHTML namespace prefix is dropped and CDATA sections are escaped for the HTML parser.
 */
function xhtmlSource(entry: string, element: string): string | undefined {
  const match = new RegExp(`<((?:[\\w.-]+:)?${element})(\\s[^>]*)?>([\\s\\S]*?)</\\1\\s*>`).exec(entry);
  if (!match || !/\b(?:type\s*=\s*["']xhtml["']|mode\s*=\s*["']xml["'])/.test(match[2] ?? '')) return undefined;
  let inner = match[3]!;
  const wrapper = /^\s*<((?:([\w.-]+):)?div)\b[^>]*>([\s\S]*)<\/\1\s*>\s*$/.exec(inner);
  if (wrapper) {
    inner = wrapper[3]!;
    if (wrapper[2]) inner = inner.replace(new RegExp(`<(/?)${wrapper[2]}:`, 'g'), '<$1');
  }
  return inner.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_, data: string) => data.replace(/&/g, '&amp;').replace(/</g, '&lt;'));
}
