// The pages a build publishes, listed once: route getStaticPaths and the sitemap read the same lists.
import { editionPages } from './views/editionPages.ts';
import { raterPages } from './views/raterView.ts';
import type { SiteModel } from './siteModel.ts';
import { sitemapParts } from './writers/sitemap.ts';

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
    paths.rate(),
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

/**
 * The sitemap's files: each one's number (from 1) and the absolute URLs of the pages it lists, at
 * most SITEMAP_LIMIT each, in `sitePages` order. `/sitemap.xml` is their index.
 *
 * @example sitemapFiles(model)[0].urls[0] // 'https://example.org/'
 */
export function sitemapFiles(model: SiteModel): { part: number; urls: string[] }[] {
  return sitemapParts(sitePages(model).map((p) => model.paths.absolute(p))).map((urls, i) => ({ part: i + 1, urls }));
}
