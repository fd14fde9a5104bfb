// Every URL the site links to is built here, base-aware, so no route or view hand-builds one.

export interface PathOptions {
  /** The deploy base, such as "/" or "/my-edition/" (with or without the trailing slash). */
  base: string;
  /** The public origin, such as "https://you.github.io", used for absolute URLs in feeds. */
  site: string;
  /** In a single-edition build, the edition whose front page is the site's root. */
  edition?: string;
}

/** The formats every feed is published in, beside each other. */
export type FeedFormat = 'rss' | 'atom' | 'json';

/** Each feed format: its file in an edition's or contingent's folder, its name for people, its media type. */
export const FEED_FORMATS: Readonly<Record<FeedFormat, { file: string; name: string; mediaType: string }>> = {
  rss: { file: 'rss.xml', name: 'RSS', mediaType: 'application/rss+xml' },
  atom: { file: 'atom.xml', name: 'Atom', mediaType: 'application/atom+xml' },
  json: { file: 'feed.json', name: 'JSON Feed', mediaType: 'application/feed+json' },
};

export interface Paths {
  readonly base: string;
  /** The hub; in a single-edition build, the edition's front page. */
  hub(): string;
  /** An edition's front page (`page` 1) or one of its later pages. */
  edition(id: string, page?: number): string;
  editionRss(id: string): string;
  /** An edition's feed in one format: `rss.xml`, `atom.xml` or `feed.json`. */
  editionFeed(id: string, format: FeedFormat): string;
  editionExplain(id: string): string;
  /** An edition's search page; `?q=` runs a query. */
  editionSearch(id: string): string;
  /** A file of an edition's search index, such as `index.3f9a1c2b7d.json`. */
  editionSearchFile(id: string, file: string): string;
  article(id: string): string;
  contingent(id: string): string;
  contingentRss(id: string): string;
  contingentFeed(id: string, format: FeedFormat): string;
  /** A rater's page (`page` 1) or one of its later pages of ratings. */
  rater(id: string, page?: number): string;
  sources(): string;
  /** The rating desk, and its small data files (`scales.json`, `articles.json`). */
  rate(file?: string): string;
  /** Every edition's feed in one format, as OPML: `opml.xml` (RSS), `atom.opml`, `json.opml`. */
  opml(format?: FeedFormat): string;
  contingentsOpml(): string;
  /** The sitemap index. */
  sitemap(): string;
  /** One file of the sitemap, numbered from 1. */
  sitemapPart(n: number): string;
  /** The public export of the database (widenet-db/1), beside the site in every build. */
  dataManifest(): string;
  /** An absolute URL for a site path, for feeds, sitemaps and Open Graph. */
  absolute(path: string): string;
}

/**
 * Creates the URL builder of one build. In a single-edition build the edition lives at the root
 * of `base`; every other path is the same in both kinds of build.
 *
 * @example
 * const pathFor = createPaths({ base: '/wide-net/', site: 'https://you.github.io' });
 * pathFor.edition('digest', 2) // '/wide-net/digest/page/2/'
 * pathFor.absolute(pathFor.article('abc-1')) // 'https://you.github.io/wide-net/articles/abc-1/'
 * @example
 * createPaths({ base: '/', site: 'https://x.org', edition: 'digest' }).edition('digest') // '/'
 */
export function createPaths(options: PathOptions): Paths {
  const base = normalizeBase(options.base);
  const single = options.edition;
  const editionRoot = (id: string) => (id === single ? base : `${base}${segment(id)}/`);
  return {
    base,
    hub: () => base,
    edition: (id, page = 1) => (page > 1 ? `${editionRoot(id)}page/${page}/` : editionRoot(id)),
    editionRss: (id) => `${editionRoot(id)}rss.xml`,
    editionFeed: (id, format) => `${editionRoot(id)}${FEED_FORMATS[format].file}`,
    editionExplain: (id) => `${editionRoot(id)}explain.json`,
    editionSearch: (id) => `${editionRoot(id)}search/`,
    editionSearchFile: (id, file) => `${editionRoot(id)}search/${segment(file)}`,
    article: (id) => `${base}articles/${segment(id)}/`,
    contingent: (id) => `${base}contingents/${segment(id)}/`,
    contingentRss: (id) => `${base}contingents/${segment(id)}/rss.xml`,
    contingentFeed: (id, format) => `${base}contingents/${segment(id)}/${FEED_FORMATS[format].file}`,
    rater: (id, page = 1) => `${base}raters/${segment(id)}/${page > 1 ? `page/${page}/` : ''}`,
    sources: () => `${base}sources/`,
    rate: (file) => `${base}rate/${file ? segment(file) : ''}`,
    opml: (format = 'rss') => `${base}${format === 'rss' ? 'opml.xml' : `${format}.opml`}`,
    contingentsOpml: () => `${base}contingents.opml`,
    sitemap: () => `${base}sitemap.xml`,
    sitemapPart: (n) => `${base}sitemap-${n}.xml`,
    dataManifest: () => `${base}data/manifest.json`,
    absolute: (path) => new URL(path, options.site).href,
  };
}

/**
 * Gives a base exactly one leading and one trailing slash.
 *
 * @example normalizeBase('my-edition') // => '/my-edition/'
 * @example normalizeBase('/') // => '/'
 */
export function normalizeBase(base: string): string {
  const trimmed = base.replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

// Ids are slugs by schema; encoding anyway keeps a bad id from producing a broken path.
const segment = (id: string) => encodeURIComponent(id);
