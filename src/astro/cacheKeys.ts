// Cache keys for Astro's incremental builds (experimental.incrementalBuild): a page is skipped, its
// last output reused, when its key and its code are unchanged. The key of a page is a digest of
// what it shows: its view model and the layout every page shares, so it changes exactly when the
// page would; Astro's own hashes cover the code and the config (site, base).
import { createHash } from 'node:crypto';
import type { SiteModel } from '../lib/site/siteModel.ts';
import { layoutView } from '../lib/site/views/pagesView.ts';

const layouts = new WeakMap<SiteModel, string>();

/**
 * The key of a page that renders `shown` (its view models) inside the shared layout: two pages
 * that show the same data get the same key, and any difference in what a page shows changes it.
 *
 * @example getStaticPaths: model.articles.map((a) => ({ params: { id: a.id }, cacheKey: pageKey(model, articleView(model, a)) }))
 */
export function pageKey(model: SiteModel, ...shown: unknown[]): string {
  let layout = layouts.get(model);
  if (layout === undefined) {
    layout = JSON.stringify(layoutView(model));
    layouts.set(model, layout);
  }
  const hash = createHash('sha256').update(layout);
  for (const part of shown) hash.update('\0').update(JSON.stringify(part) ?? 'undefined');
  return hash.digest('base64url');
}

/**
 * The key of a file whose whole text is known before it is written (a search index shard, a
 * sitemap file): a digest of its content.
 *
 * @example contentKey(['https://x.org/a/', 'https://x.org/b/'])
 */
export function contentKey(content: unknown): string {
  return createHash('sha256').update(typeof content === 'string' ? content : JSON.stringify(content)).digest('base64url');
}
