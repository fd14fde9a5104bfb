// The sitemap: a sitemaps.org index at /sitemap.xml naming files of at most 50,000 pages each, so a
// network of any size has a valid sitemap (the protocol caps a file at 50,000 URLs and 50 MB).
import { escapeXml } from './xml.ts';

/** Entries per sitemap file, and files per sitemap index, by the sitemaps.org protocol. */
export const SITEMAP_LIMIT = 50_000;

/**
 * Splits page URLs into the sitemap files that hold them, in order, `limit` a file; always at least
 * one file, so the index is never empty.
 *
 * @example sitemapParts(['a', 'b', 'c'], 2) // => [['a', 'b'], ['c']]
 */
export function sitemapParts<T>(urls: readonly T[], limit = SITEMAP_LIMIT): T[][] {
  const parts: T[][] = [];
  for (let i = 0; i < urls.length; i += limit) parts.push(urls.slice(i, i + limit));
  return parts.length ? parts : [[]];
}

/**
 * A sitemaps.org urlset of absolute URLs: one sitemap file.
 *
 * @example sitemapXml(['https://x.org/']) // => '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n  <url><loc>https://x.org/</loc></url>\n</urlset>\n'
 */
export function sitemapXml(urls: readonly string[]): string {
  if (urls.length > SITEMAP_LIMIT) throw new RangeError(`[sitemap] ${urls.length} URLs is more than the ${SITEMAP_LIMIT} one sitemap file may hold; split them with sitemapParts`);
  return ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">', ...urls.map((u) => `  <url><loc>${escapeXml(u)}</loc></url>`), '</urlset>', ''].join('\n');
}

/**
 * A sitemaps.org sitemap index: the absolute URLs of the sitemap files.
 *
 * @example sitemapIndexXml(['https://x.org/sitemap-1.xml']) // => '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n  <sitemap><loc>https://x.org/sitemap-1.xml</loc></sitemap>\n</sitemapindex>\n'
 */
export function sitemapIndexXml(files: readonly string[]): string {
  // 50,000 files of 50,000 pages: 2.5 billion pages, far past any network this builds.
  if (files.length > SITEMAP_LIMIT) throw new RangeError(`[sitemap] ${files.length} sitemap files is more than the ${SITEMAP_LIMIT} one index may hold`);
  return ['<?xml version="1.0" encoding="UTF-8"?>', '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">', ...files.map((u) => `  <sitemap><loc>${escapeXml(u)}</loc></sitemap>`), '</sitemapindex>', ''].join('\n');
}
