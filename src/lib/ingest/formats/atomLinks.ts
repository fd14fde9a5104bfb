// Atom `<link>` elements (also `atom:link` in RSS): picking the page, the origin and by rel.
import { attrOf, textOf, type XmlElement } from './xmlNodes.ts';

const ALTERNATE_RELS = new Set(['alternate', 'http://www.iana.org/assignments/relation/alternate']);
export const HTML_TYPES = /^(?:text\/html|application\/xhtml\+xml)\b/i;

/** Links whose rel is `rel`, short or as an IANA URI; a link without rel is rel="alternate". */
export function linksWithRel(links: XmlElement[], rel: string): XmlElement[] {
  return links.filter((link) => {
    const value = (attrOf(link, 'rel') ?? 'alternate').trim();
    return rel === 'alternate' ? ALTERNATE_RELS.has(value) : value === rel || value === `http://www.iana.org/assignments/relation/${rel}`;
  });
}

/** A link's target: its href, or the URL written as its text (`<link>https://…</link>`, an RSS habit). */
export function hrefOf(link: XmlElement | undefined): string | undefined {
  if (!link) return undefined;
  return attrOf(link, 'href')?.trim() || textOf(link).trim() || undefined;
}

/**
 * The rel="alternate" link (rel defaults to alternate), preferring an HTML one.
 *
 * @example alternateLink(children(entry, 'link')) // 'https://abc.example/2026/11/strike'
 */
export function alternateLink(links: XmlElement[]): string | undefined {
  const alternates = linksWithRel(links, 'alternate').filter((link) => hrefOf(link));
  const html = alternates.find((link) => !attrOf(link, 'type') || HTML_TYPES.test(attrOf(link, 'type')!));
  return hrefOf(html ?? alternates[0]);
}

export function viaLink(links: XmlElement[]): string | undefined {
  return hrefOf(linksWithRel(links, 'via')[0]);
}
