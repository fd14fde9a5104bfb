import { dropUndefined } from '../config/dropUndefined.ts';
import { articleId, contentHash } from './articleId.ts';
import { cleanArticleText } from './cleanArticleText.ts';
import type { FeedItem } from './parseFeed.ts';
import type { Article, Contingent } from '../config/schema.ts';

export type ArticleChange = 'new' | 'revised' | 'updated' | 'unchanged';

export interface MergeContext {
  contingent: Pick<Contingent, 'id' | 'license'>;
  /** ISO time of this run. */
  now: string;
  /** Set on a feed's first fetch: items published before this are the contingent's backlog. */
  backlogBefore?: string;
}

/** Earlier versions kept per article; a feed that rewrites an item every hour must not grow it forever. */
export const MAX_REVISIONS = 50;

/**
 * Merges a freshly parsed feed item into the stored article (if any). Pure: returns the article
 * to store and what changed. The id, firstSeen and earlier versions are never lost.
 *
 * @example mergeArticle(undefined, item, { contingent, now: '2026-11-20T10:00:00.000Z' }).change // 'new'
 */
export function mergeArticle(existing: Article | undefined, item: FeedItem, ctx: MergeContext): { article: Article; change: ArticleChange } {
  const id = existing?.id ?? articleId(ctx.contingent.id, item);
  const firstSeen = existing?.firstSeen ?? ctx.now;
  const hash = contentHash(item);
  // A missing date falls back to firstSeen; a future one is clamped; a later re-dating never moves an article up.
  const claimed = item.published ?? item.updated;
  const published = claimed ? minIso(claimed, firstSeen) : (existing?.published ?? firstSeen);
  const updated = item.updated ? minIso(item.updated, ctx.now) : undefined;

  const revisions = [...(existing?.revisions ?? [])];
  const revised = existing !== undefined && existing.hash !== hash;
  if (revised) {
    revisions.push({ at: ctx.now, hash: existing.hash, title: existing.title, summary: existing.summary, html: existing.html });
    revisions.splice(0, Math.max(0, revisions.length - MAX_REVISIONS));
  }
  const backlog = existing ? existing.backlog : ctx.backlogBefore !== undefined && published < ctx.backlogBefore ? true : undefined;

  const article: Article = cleanArticleText(dropUndefined({
    id,
    contingent: ctx.contingent.id,
    title: item.title || untitled(item),
    url: item.url ?? existing?.url ?? '',
    guid: item.guid,
    authors: item.authors,
    published,
    updated: updated && updated !== published ? updated : undefined,
    firstSeen,
    summary: item.summary,
    html: item.html,
    tags: item.tags,
    license: ctx.contingent.license,
    media: item.media,
    inReplyTo: item.inReplyTo?.length ? item.inReplyTo : undefined,
    via: item.via,
    backlog,
    alsoIn: existing?.alsoIn,
    hash,
    revisions,
  }));
  if (!existing) return { article, change: 'new' };
  if (revised) return { article, change: 'revised' };
  return { article, change: JSON.stringify(article) === JSON.stringify(existing) ? 'unchanged' : 'updated' };
}

function minIso(a: string, b: string): string {
  return Date.parse(a) <= Date.parse(b) ? a : b;
}

// Titles are required for listings; an untitled note gets the start of its summary.
function untitled(item: FeedItem): string {
  const words = item.summary.split(/\s+/).slice(0, 10).join(' ');
  return words ? `${words}${item.summary.length > words.length ? '…' : ''}` : '(untitled)';
}
