// Reading the elements of a feed's XML tree (see ../xml/readXml.ts): children by name, text,
// attributes, and inline markup turned back into HTML.
import { escapeHtml } from '../../html/htmlText.ts';
import { resolveUrl } from '../../html/sanitizeHtml.ts';
import type { XmlElement } from '../xml/readXml.ts';

export type { XmlElement } from '../xml/readXml.ts';

/**
 * The child elements named `name` (names as read by namespace: `dc:creator`, `atom:link`).
 *
 * @example children(item, 'category').map(textOf) // ['Labour', 'Ports']
 */
export function children(element: XmlElement | undefined, name: string): XmlElement[] {
  if (!element) return [];
  const found: XmlElement[] = [];
  for (const child of element.children) if (typeof child !== 'string' && child.name === name) found.push(child);
  return found;
}

export function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  if (!element) return undefined;
  for (const node of element.children) if (typeof node !== 'string' && node.name === name) return node;
  return undefined;
}

export function hasElementChildren(element: XmlElement): boolean {
  return element.children.some((node) => typeof node !== 'string');
}

/** All text below an element, in document order (CDATA included). */
export function textOf(element: XmlElement | undefined): string {
  if (!element) return '';
  let text = '';
  for (const node of element.children) text += typeof node === 'string' ? node : textOf(node);
  return text;
}

export function attrOf(element: XmlElement | undefined, name: string): string | undefined {
  return element?.attrs[name];
}

/**
 * The first non-blank text among the children named in `names`, trimmed; names are tried in order.
 *
 * @example firstText(item, 'pubDate', 'dc:date') // 'Mon, 16 Nov 2026 09:00:00 GMT'
 */
export function firstText(element: XmlElement, ...names: string[]): string | undefined {
  for (const name of names) {
    for (const node of children(element, name)) {
      const text = textOf(node).trim();
      if (text) return text;
    }
  }
  return undefined;
}

// Elements HTML writes without an end tag: `<br></br>` would read as two line breaks.
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/**
 * The content of an element as HTML. Inline XHTML (`escapeText`) has text that is text; markup
 * written unescaped in RSS has text that is already HTML source, so it is passed through.
 *
 * @example innerHtml({ name: 'content', attrs: {}, children: ['a < b ', { name: 'xhtml:b', attrs: {}, children: ['!'] }] }, true) // => 'a &lt; b <b>!</b>'
 */
export function innerHtml(element: XmlElement, escapeText: boolean): string {
  let html = '';
  for (const node of element.children) {
    if (typeof node === 'string') {
      html += escapeText ? escapeHtml(node) : node;
      continue;
    }
    const tag = node.name.slice(node.name.indexOf(':') + 1);
    let attrs = '';
    for (const [name, value] of Object.entries(node.attrs)) {
      if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
      attrs += ` ${name.slice(name.indexOf(':') + 1)}="${escapeHtml(value)}"`;
    }
    // A void element left open (`<br>` in a description) holds what followed it: keep that after it.
    html += VOID.has(tag) ? `<${tag}${attrs}>${innerHtml(node, escapeText)}` : `<${tag}${attrs}>${innerHtml(node, escapeText)}</${tag}>`;
  }
  return html;
}

export function resolveXmlBase(value: string | undefined, base: string | undefined): string | undefined {
  return typeof value === 'string' ? resolveUrl(value, base) : undefined;
}

export function absoluteOnly(value: string | undefined): string | undefined {
  return value && resolveUrl(value, undefined) ? value.trim() : undefined;
}

/** Atom threading (RFC 4685) `thr:in-reply-to`, used by RSS and Atom alike. */
export function threading(nodes: XmlElement[]): { inReplyTo: string[]; inReplyToHrefs: string[] } {
  return {
    inReplyTo: nodes.map((node) => attrOf(node, 'ref') ?? '').filter((ref) => ref.trim() !== ''),
    inReplyToHrefs: nodes.map((node) => attrOf(node, 'href') ?? '').filter((href) => href.trim() !== ''),
  };
}
