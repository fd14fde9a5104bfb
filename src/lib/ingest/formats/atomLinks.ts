// Atom `<link>` elements (also `atom:link` in RSS): picking the page, the origin and by rel.
import { attrOf, type XmlNode } from './xmlNodes.ts';

const ALTERNATE_RELS = new Set(['alternate', 'http://www.iana.org/assignments/relation/alternate']);
export const HTML_TYPES = /^(?:text\/html|application\/xhtml\+xml)\b/i;

/** Links whose rel is `rel`, short or as an IANA URI; a link without rel is rel="alternate". */
export function linksWithRel(links: XmlNode[], rel: string): XmlNode[] {
  return links.filter((link) => {
    const value = (attrOf(link, 'rel') ?? 'alternate').trim();
    return rel === 'alternate' ? ALTERNATE_RELS.has(value) : value === rel || value === `http://www.iana.org/assignments/relation/${rel}`;
  });
}

/**
 * The rel="alternate" link (rel defaults to alternate), preferring an HTML one.
 *
 * @example alternateLink(rawNodes(entry, 'link')) // 'https://abc.example/2026/11/strike'
 */
export function alternateLink(links: XmlNode[]): string | undefined {
  const alternates = linksWithRel(links, 'alternate').filter((link) => attrOf(link, 'href'));
  const html = alternates.find((link) => !attrOf(link, 'type') || HTML_TYPES.test(attrOf(link, 'type')!));
  return attrOf(html ?? alternates[0], 'href')?.trim();
}

export function viaLink(links: XmlNode[]): string | undefined {
  return attrOf(linksWithRel(links, 'via')[0], 'href')?.trim() || undefined;
}
