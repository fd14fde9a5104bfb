// Where XML feeds put media: RSS <enclosure>, Atom rel="enclosure" links and Media RSS.
// URLs are kept as written; finishMedia (feedMedia.ts) resolves them and settles the medium.
import type { Media } from '../../config/schema.ts';
import { linksWithRel } from './atomLinks.ts';
import { optional } from './optionalField.ts';
import { attrOf, children, textOf, type XmlElement } from './xmlNodes.ts';

function lengthOf(value: string | undefined): { length?: number } {
  const length = value === undefined ? NaN : Number(value.trim());
  return Number.isSafeInteger(length) && length > 0 ? { length } : {};
}

/** RSS 2.0 `<enclosure url length type>`. */
export function rssEnclosures(item: XmlElement): Media[] {
  return children(item, 'enclosure').map((node) => ({
    url: attrOf(node, 'url') ?? '',
    ...optional('type', attrOf(node, 'type')),
    ...lengthOf(attrOf(node, 'length')),
  }));
}

export function atomEnclosures(links: XmlElement[]): Media[] {
  return linksWithRel(links, 'enclosure').flatMap((link) => {
    const url = attrOf(link, 'href');
    if (!url) return [];
    return [{ url, ...optional('type', attrOf(link, 'type')), ...lengthOf(attrOf(link, 'length')), ...optional('title', attrOf(link, 'title')) }];
  });
}

/** Media RSS: media:content, media:thumbnail, and both inside media:group. */
export function mediaRss(item: XmlElement): Media[] {
  const contents = [...children(item, 'media:content')];
  const thumbnails = [...children(item, 'media:thumbnail')];
  for (const group of children(item, 'media:group')) {
    contents.push(...children(group, 'media:content'));
    thumbnails.push(...children(group, 'media:thumbnail'));
  }
  for (const content of contents) thumbnails.push(...children(content, 'media:thumbnail'));
  const media: Media[] = [];
  for (const node of contents) {
    const url = attrOf(node, 'url');
    if (!url) continue;
    const medium = attrOf(node, 'medium');
    const title = textOf(children(node, 'media:title')[0]).trim();
    media.push({
      url,
      ...optional('type', attrOf(node, 'type')),
      ...(medium === 'image' || medium === 'audio' || medium === 'video' || medium === 'document' ? { medium } : medium ? { medium: 'other' as const } : {}),
      ...lengthOf(attrOf(node, 'fileSize')),
      ...(title ? { title } : {}),
    });
  }
  for (const node of thumbnails) {
    const url = attrOf(node, 'url');
    if (url) media.push({ url, medium: 'image' });
  }
  return media;
}
