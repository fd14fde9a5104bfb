// The sizes a subscriber and a reader download from a built site: the largest feed, feed item,
// HTML page and search index file, with where each is.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fmt } from './measure.ts';

export interface Largest {
  path: string;
  bytes: number;
}

export interface SiteSizes {
  feed: Largest;
  /** One RSS `<item>` (the format whose summary is escaped twice). */
  item: Largest;
  page: Largest;
  searchIndex: Largest;
  feeds: number;
  pages: number;
}

const NONE: Largest = { path: '—', bytes: 0 };
const larger = (a: Largest, b: Largest) => (b.bytes > a.bytes ? b : a);

/**
 * Walks a built site once.
 *
 * @example const sizes = await siteSizes('dist'); sizes.feed // { path: 'latest/rss.xml', bytes: 2_050_113 }
 */
export async function siteSizes(dir: string): Promise<SiteSizes> {
  const sizes: SiteSizes = { feed: NONE, item: NONE, page: NONE, searchIndex: NONE, feeds: 0, pages: 0 };
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    const path = relative(dir, full);
    if (/^(rss\.xml|atom\.xml|feed\.json)$/.test(entry.name)) {
      sizes.feeds++;
      sizes.feed = larger(sizes.feed, { path, bytes: (await stat(full)).size });
      if (entry.name === 'rss.xml') {
        for (const [item] of (await readFile(full, 'utf8')).matchAll(/<item>[\s\S]*?<\/item>/g)) {
          const guid = /<guid[^>]*>([^<]*)<\/guid>/.exec(item)?.[1] ?? '';
          sizes.item = larger(sizes.item, { path: `${path} ${guid}`, bytes: Buffer.byteLength(item) });
        }
      }
    } else if (entry.name.endsWith('.html')) {
      sizes.pages++;
      sizes.page = larger(sizes.page, { path, bytes: (await stat(full)).size });
    } else if (/(^|\/)search\/[^/]+\.json$/.test(path)) {
      sizes.searchIndex = larger(sizes.searchIndex, { path, bytes: (await stat(full)).size });
    }
  }
  return sizes;
}

/** The figures as lines for the bench's report. */
export function sizeLines(sizes: SiteSizes): string[] {
  const kb = (l: Largest) => `${fmt(l.bytes / 1024, 1)} KB  ${l.path}`;
  return [
    `  largest feed (of ${fmt(sizes.feeds)})          ${kb(sizes.feed)} (bound 2,048 KB)`,
    `  largest feed item (RSS)         ${kb(sizes.item)}`,
    `  largest page (of ${fmt(sizes.pages)})       ${kb(sizes.page)}`,
    `  largest search index file       ${kb(sizes.searchIndex)}`,
  ];
}
