// Reading the raw xml2js nodes that rss-parser hands back through `customFields` (see RAW_ITEM_KEYS
// in xmlFeed.ts): the fields it gets wrong or drops are read from these directly.
import { resolveUrl } from '../../html/sanitizeHtml.ts';

/** An item or channel as rss-parser returns it, with each raw node list under `raw:<name>`. */
export type RawNodes = Record<string, unknown>;

/** What xml2js makes of an element: a string, or an object with `_` (text), `$` (attributes) and children. */
export type XmlNode = string | { _?: unknown; $?: unknown; [child: string]: unknown };

function nodesOf(value: unknown): XmlNode[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return list.filter((node): node is XmlNode => typeof node === 'string' || (typeof node === 'object' && node !== null));
}

export function rawNodes(holder: RawNodes, key: string): XmlNode[] {
  return nodesOf(holder[`raw:${key}`]);
}

/** Text content of an element (xml2js concatenates text and CDATA into `_`). */
export function textOf(node: XmlNode | undefined): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return node;
  return typeof node._ === 'string' ? node._ : '';
}

function attrsOf(node: XmlNode | undefined): Record<string, string> {
  if (node === undefined || typeof node === 'string' || typeof node.$ !== 'object' || node.$ === null) return {};
  return node.$ as Record<string, string>;
}

export function attrOf(node: XmlNode | undefined, name: string): string | undefined {
  const value = attrsOf(node)[name];
  return typeof value === 'string' ? value : undefined;
}

export function childrenOf(node: XmlNode | undefined, name: string): XmlNode[] {
  return node === undefined || typeof node === 'string' ? [] : nodesOf(node[name]);
}

/** All text below an element, for the rare markup rss-parser leaves as objects; order is approximate. */
export function deepText(node: XmlNode | undefined): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return node;
  let text = typeof node._ === 'string' ? node._ : '';
  for (const [key, value] of Object.entries(node)) {
    if (key === '_' || key === '$') continue;
    for (const child of nodesOf(value)) text += ` ${deepText(child)}`;
  }
  return text;
}

/**
 * The first non-blank text among the raw nodes under `keys`, trimmed; keys are tried in order.
 *
 * @example firstText(item, 'pubDate', 'dc:date') // 'Mon, 16 Nov 2026 09:00:00 GMT'
 */
export function firstText(holder: RawNodes, ...keys: string[]): string | undefined {
  for (const key of keys) {
    for (const node of rawNodes(holder, key)) {
      const text = textOf(node).trim();
      if (text) return text;
    }
  }
  return undefined;
}

/** Attributes of the element itself, which rss-parser hands over as `raw:$`. */
export function ownAttrs(holder: RawNodes): Record<string, string> {
  const attrs = holder['raw:$'];
  return typeof attrs === 'object' && attrs !== null && !Array.isArray(attrs) ? (attrs as Record<string, string>) : {};
}

export function resolveXmlBase(value: string | undefined, base: string | undefined): string | undefined {
  return typeof value === 'string' ? resolveUrl(value, base) : undefined;
}

export function absoluteOnly(value: string | undefined): string | undefined {
  return value && resolveUrl(value, undefined) ? value.trim() : undefined;
}

/** Atom threading (RFC 4685) `thr:in-reply-to`, used by RSS and Atom alike. */
export function threading(nodes: XmlNode[]): { inReplyTo: string[]; inReplyToHrefs: string[] } {
  return {
    inReplyTo: nodes.map((node) => attrOf(node, 'ref') ?? '').filter((ref) => ref.trim() !== ''),
    inReplyToHrefs: nodes.map((node) => attrOf(node, 'href') ?? '').filter((href) => href.trim() !== ''),
  };
}
