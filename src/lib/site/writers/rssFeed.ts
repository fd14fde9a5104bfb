// RSS options for @astrojs/rss: an edition's feed and a contingent's feed, items in the given order.
import type { RSSFeedItem, RSSOptions } from '@astrojs/rss';
import type { Article } from '../../config/schema.ts';
import { signatureOf } from '../views/format.ts';
import type { SiteModel } from '../siteModel.ts';
import { escapeXml } from './xml.ts';

const NAMESPACES = { dc: 'http://purl.org/dc/elements/1.1/', atom: 'http://www.w3.org/2005/Atom' };

/** Items of a contingent's feed: its newest articles. */
export const CONTINGENT_FEED_ITEMS = 50;

/**
 * An edition's feed: every entry in the engine's order, with the article page as a permalink guid.
 *
 * @example (await getRssString(editionFeed(model, 'digest'))).includes('<guid isPermaLink="true">') // true
 */
export function editionFeed(model: SiteModel, editionId: string): RSSOptions & { items: RSSFeedItem[] } {
  const edition = model.editions.find((e) => e.id === editionId);
  if (!edition) throw new Error(`[rss] no edition "${editionId}" in this build`);
  const { paths } = model;
  const description = [edition.description, edition.signature].filter(Boolean).join(' — ') || edition.title;
  return {
    title: model.single ? edition.title : `${edition.title} · ${model.db.site.title}`,
    description,
    site: paths.absolute(paths.edition(editionId)),
    xmlns: NAMESPACES,
    customData: channelData(model, paths.absolute(paths.editionRss(editionId))),
    items: model.result(editionId).entries.map((e) => rssItem(model, e.article)),
  };
}

/**
 * A contingent's own feed: its newest articles in this build, signed as the contingent.
 *
 * @example contingentFeed(model, 'abc').items.length // ≤ 50
 */
export function contingentFeed(model: SiteModel, contingentId: string): RSSOptions & { items: RSSFeedItem[] } {
  const contingent = model.contingent(contingentId);
  if (!contingent) throw new Error(`[rss] no contingent "${contingentId}"`);
  const { paths } = model;
  return {
    title: `${contingent.name} · ${model.db.site.title}`,
    description: signatureOf(contingent, model.db.site),
    site: paths.absolute(paths.contingent(contingentId)),
    xmlns: NAMESPACES,
    customData: channelData(model, paths.absolute(paths.contingentRss(contingentId))),
    items: model.articlesOf(contingentId).slice(0, CONTINGENT_FEED_ITEMS).map((a) => rssItem(model, a)),
  };
}

/** One article as a feed item: absolute links, sanitized full text, tags, media and credit. */
export function rssItem(model: SiteModel, article: Article): RSSFeedItem {
  const { paths } = model;
  const contingent = model.contingent(article.contingent);
  const signature = contingent ? signatureOf(contingent, model.db.site) : article.contingent;
  const enclosure = article.media.find((m) => /^https?:\/\//i.test(m.url));
  const creators = article.authors.length ? article.authors : [signature];
  return {
    title: article.title || article.url,
    // The article page, not the original URL: a stable guid that survives edits at the source.
    link: paths.absolute(paths.article(article.id)),
    pubDate: new Date(article.published),
    ...(article.summary && { description: article.summary }),
    content: article.html,
    categories: article.tags,
    ...(contingent?.feeds[0] && { source: { url: contingent.feeds[0], title: signature } }),
    ...(enclosure && {
      enclosure: { url: enclosure.url, length: Math.max(0, Math.round(enclosure.length ?? 0)), type: enclosure.type ?? mimeOf(enclosure.medium) },
    }),
    customData: creators.map((c) => `<dc:creator>${escapeXml(c)}</dc:creator>`).join(''),
  };
}

function channelData(model: SiteModel, self: string): string {
  return `<language>${escapeXml(model.db.site.lang)}</language><atom:link href="${escapeXml(self)}" rel="self" type="application/rss+xml"/>`;
}

function mimeOf(medium: string | undefined): string {
  return medium === 'image' ? 'image/*' : medium === 'audio' ? 'audio/*' : medium === 'video' ? 'video/*' : 'application/octet-stream';
}
