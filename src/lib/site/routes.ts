// The pages a build publishes, listed once: route getStaticPaths and the sitemap read the same lists.
import { editionPages } from './views/editionPages.ts';
import { raterPages } from './views/raterView.ts';
import type { SiteModel } from './siteModel.ts';
import { escapeXml } from './writers/xml.ts';

export interface EditionRoute {
  edition: string;
  page: number;
}

/**
 * Every listing page of every edition in the build: editions × pages, never articles × editions.
 *
 * @example editionRoutes(model).slice(0, 2) // => [{ edition: 'commons', page: 1 }, { edition: 'commons', page: 2 }]
 */
export function editionRoutes(model: SiteModel): EditionRoute[] {
  return model.editions.flatMap((e) => editionPages(model.listing(e.id), model.pageSize).map((p) => ({ edition: e.id, page: p.page })));
}

export interface RaterRoute {
  rater: string;
  page: number;
}

/**
 * Every page of every rater: RATINGS_PER_PAGE ratings each, at least one page per rater.
 *
 * @example raterRoutes(model) // [{ rater: 'alice', page: 1 }, { rater: 'alice', page: 2 }, { rater: 'bob', page: 1 }]
 */
export function raterRoutes(model: SiteModel): RaterRoute[] {
  return raterIds(model).flatMap((id) => Array.from({ length: raterPages(model, id) }, (_, i) => ({ rater: id, page: i + 1 })));
}

/**
 * The path of every HTML page the build publishes, hub first: what the sitemap lists.
 *
 * @example sitePages(model).slice(0, 2) // => ['/', '/commons/']
 */
export function sitePages(model: SiteModel): string[] {
  const { paths } = model;
  return [
    ...(model.single ? [] : [paths.hub()]),
    ...editionRoutes(model).map((r) => paths.edition(r.edition, r.page)),
    ...model.editions.map((e) => paths.editionSearch(e.id)),
    ...model.articles.map((a) => paths.article(a.id)),
    ...model.db.contingents.map((c) => paths.contingent(c.id)),
    ...raterRoutes(model).map((r) => paths.rater(r.rater, r.page)),
    paths.sources(),
  ];
}

/**
 * Every rater with a page: those of raters.yaml, then those found through trust.
 *
 * @example raterIds(model) // ['alice', 'reading-circle', 'carol-example-3f9a1c2b']
 */
export function raterIds(model: SiteModel): string[] {
  const listed = model.db.raters.map((r) => r.id);
  const known = new Set(listed);
  return [...listed, ...(model.db.discovered ?? []).map((r) => r.id).filter((id) => !known.has(id))];
}

/** Entries per sitemap file, by the sitemaps.org protocol. */
export const SITEMAP_LIMIT = 50_000;

/**
 * A sitemaps.org urlset of absolute URLs (the protocol allows up to 50,000 per file).
 *
 * @example sitemapXml(['https://x.org/']) // => '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n  <url><loc>https://x.org/</loc></url>\n</urlset>\n'
 */
export function sitemapXml(urls: readonly string[]): string {
  if (urls.length > SITEMAP_LIMIT) throw new RangeError(`[sitemap] ${urls.length} URLs is more than the ${SITEMAP_LIMIT} one sitemap file may hold`);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...urls.map((u) => `  <url><loc>${escapeXml(u)}</loc></url>`),
    '</urlset>',
    '',
  ].join('\n');
}
