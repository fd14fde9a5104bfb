// Atom 0.3 and 1.0 from the XML tree; inline XHTML keeps its order because the tree does.
import { alternateLink, HTML_TYPES, viaLink } from './atomLinks.ts';
import type { RawFeed, RawItem, TypedText } from './feedTypes.ts';
import { optional } from './optionalField.ts';
import { atomEnclosures } from './xmlMedia.ts';
import { absoluteOnly, attrOf, child, children, firstText, hasElementChildren, innerHtml, resolveXmlBase, textOf, threading, type XmlElement } from './xmlNodes.ts';

/**
 * Reads an Atom document into a `RawFeed`, URLs as written.
 *
 * @example readAtom(readXml(xml).root!, 'https://abc.example/atom.xml').format // 'atom'
 */
export function readAtom(root: XmlElement, feedUrl: string): RawFeed {
  const feedBase = resolveXmlBase(root.attrs['xml:base'], feedUrl);
  const feedAuthors = children(root, 'author').map(atomAuthorName);
  const home = alternateLink(children(root, 'link'));
  const title = atomText(child(root, 'title'));
  return {
    format: 'atom',
    ...(title ? { title } : {}),
    ...(home ? { home } : {}),
    ...(feedBase ? { xmlBase: feedBase } : {}),
    items: children(root, 'entry').map((entry) => readAtomEntry(entry, feedBase, feedUrl, feedAuthors)),
  };
}

/** Atom authors are `<author><name>…</name></author>`; a bare `<author>Name</author>` is accepted too. */
function atomAuthorName(author: XmlElement): string {
  const name = child(author, 'name');
  return name ? textOf(name) : hasElementChildren(author) ? '' : textOf(author);
}

function readAtomEntry(entry: XmlElement, feedBase: string | undefined, feedUrl: string, feedAuthors: string[]): RawItem {
  const xmlBase = resolveXmlBase(entry.attrs['xml:base'], feedBase ?? feedUrl) ?? feedBase;
  const links = children(entry, 'link');
  const link = alternateLink(links);
  const contentNode = child(entry, 'content');
  // Out-of-line content (src="…") has no body here; the summary stands in for it.
  const content = contentNode && !attrOf(contentNode, 'src') ? atomText(contentNode) : undefined;
  const summary = atomText(child(entry, 'summary'));
  const title = atomText(child(entry, 'title'));
  const contentBase = resolveXmlBase(attrOf(contentNode, 'xml:base'), xmlBase ?? feedUrl);
  const authors = children(entry, 'author').map(atomAuthorName);
  const guid = firstText(entry, 'id');
  const sourceNode = child(entry, 'source');
  const sourceLink = alternateLink(children(sourceNode, 'link')) ?? absoluteOnly(textOf(child(sourceNode, 'id')));
  return {
    ...(guid ? { guid } : {}),
    ...(link ? { link } : {}),
    ...(xmlBase ? { xmlBase } : {}),
    ...(contentBase ? { contentBase } : {}),
    ...(title ? { title } : {}),
    // Atom: an entry without authors inherits the feed's.
    authors: authors.some((name) => name.trim()) ? authors : feedAuthors,
    ...optional('published', firstText(entry, 'published', 'issued', 'created')),
    ...optional('updated', firstText(entry, 'updated', 'modified')),
    ...(content ? { content } : {}),
    ...(summary ? { summary } : {}),
    tags: children(entry, 'category').map((node) => attrOf(node, 'term') ?? attrOf(node, 'label') ?? textOf(node)),
    media: atomEnclosures(links),
    ...threading(children(entry, 'thr:in-reply-to')),
    ...optional('via', viaLink(links) ?? sourceLink),
  };
}

/**
 * An Atom text construct: type text (default), html or xhtml (Atom 1.0), or a MIME type with
 * mode escaped, base64 or xml (Atom 0.3, where xml is the default mode). Markup written inline
 * is read as XHTML whatever the declared type, without its wrapping `<div>`.
 */
function atomText(node: XmlElement | undefined): TypedText | undefined {
  if (node === undefined) return undefined;
  const type = (attrOf(node, 'type') ?? '').trim().toLowerCase();
  const mode = (attrOf(node, 'mode') ?? '').trim().toLowerCase();
  if (hasElementChildren(node)) return { type: 'html', value: innerHtml(unwrapDiv(node), true) };
  let value = textOf(node);
  if (mode === 'base64') {
    // Atom 0.3 only; bodies in other media types (images…) are not text.
    if (type && !type.startsWith('text/') && !HTML_TYPES.test(type)) return undefined;
    value = Buffer.from(value, 'base64').toString('utf8');
  }
  if (type === 'html' || HTML_TYPES.test(type)) return { type: 'html', value };
  // type="xhtml" with no element inside is just text.
  if (type === '' || type === 'text' || type === 'xhtml' || type.startsWith('text/')) return { type: 'text', value };
  return undefined;
}

/** Atom 1.0 wraps inline XHTML in one `<div>`, which is not part of the content. */
function unwrapDiv(node: XmlElement): XmlElement {
  const elements = node.children.filter((c): c is XmlElement => typeof c !== 'string');
  const onlyText = node.children.every((c) => typeof c !== 'string' || c.trim() === '');
  const div = elements.length === 1 && onlyText ? elements[0]! : undefined;
  return div && div.name.slice(div.name.indexOf(':') + 1) === 'div' ? div : node;
}
