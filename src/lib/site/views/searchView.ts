// View models of search: the box on every edition page, and the edition's search page.
import { feedAlternates, type AlternateLink } from './feedLinks.ts';
import type { PeriodUnit } from '../../search/facets.ts';
import { plural } from './format.ts';
import type { SiteModel } from '../siteModel.ts';

export interface SearchBoxView {
  /** The search page: the form's action, so the box works without JavaScript. */
  action: string;
  label: string;
  /** The first index file, prefetched when the box gets focus. */
  index: string;
}

export interface SearchPageView extends SearchBoxView {
  id: string;
  title: string;
  editionTitle: string;
  editionHref: string;
  rssHref: string;
  alternates: AlternateLink[];
  /** "30 articles" */
  count: string;
  /** The number of articles, for "searched 1,000 of 10,000 articles so far". */
  total: number;
  /** Every index file, first shard first, space-separated (the page's `data-index`). */
  shards: string;
  /** An article page's path with `{id}` in place of the id. */
  articleHref: string;
  lang: string;
  unit: PeriodUnit;
}

/** What a view needs of an edition's search index: its file names, first shard first. */
export interface SearchFiles {
  files: readonly { name: string }[];
  count: number;
  unit: PeriodUnit;
}

/**
 * The search box of an edition's pages.
 *
 * @example searchBoxView(model, 'digest', search) // { action: '/digest/search/', label: 'Search Anti-reform digest', index: '/digest/search/index.3f9a1c2b7d.json' }
 */
export function searchBoxView(model: SiteModel, editionId: string, search: Pick<SearchFiles, 'files'>): SearchBoxView {
  const edition = model.editions.find((e) => e.id === editionId);
  return {
    action: model.paths.editionSearch(editionId),
    label: `Search ${edition?.title ?? editionId}`,
    index: search.files[0] ? model.paths.editionSearchFile(editionId, search.files[0].name) : '',
  };
}

/**
 * The search page of an edition. Results are drawn in the browser; the page carries where the
 * index files are and how to link a result.
 *
 * @example searchPageView(model, 'digest', search).articleHref // '/articles/{id}/'
 */
export function searchPageView(model: SiteModel, editionId: string, search: SearchFiles): SearchPageView | undefined {
  const edition = model.editions.find((e) => e.id === editionId);
  if (!edition) return undefined;
  const { paths } = model;
  // Ids are slugs, so building a path for the id "id" and swapping its last "id" is exact.
  const probe = paths.article('id');
  const at = probe.lastIndexOf('id');
  return {
    ...searchBoxView(model, editionId, search),
    id: edition.id,
    title: `Search ${edition.title}`,
    editionTitle: edition.title,
    editionHref: paths.edition(editionId),
    rssHref: paths.editionRss(editionId),
    alternates: feedAlternates(paths, { edition: editionId }, edition.title),
    count: plural(search.count, 'article'),
    total: search.count,
    shards: search.files.map((f) => paths.editionSearchFile(editionId, f.name)).join(' '),
    articleHref: `${probe.slice(0, at)}{id}${probe.slice(at + 2)}`,
    lang: model.db.site.lang,
    unit: search.unit,
  };
}
