// Who replies to whom, from the articles' `inReplyTo` (Atom threading), resolved once per build.
import type { ArticleResolver } from '../../urls/articleRefs.ts';
import type { Article } from '../../config/schema.ts';

/** One `inReplyTo` reference: the articles it names in the database, or none (an outside URL). */
export interface ReplyTarget {
  ref: string;
  articles: readonly Article[];
}

export interface ReplyIndex {
  /** Articles whose `inReplyTo` names this one, oldest first. */
  repliesTo(articleId: string): readonly Article[];
  /** What this article replies to, in `inReplyTo` order. */
  inReplyTo(article: Article): ReplyTarget[];
}

const NONE: readonly Article[] = Object.freeze([]);

/**
 * Indexes replies in one pass over the articles; a reference is a Wide Net id or a URL,
 * matched after normalization like ratings are. An article never counts as a reply to itself.
 *
 * @example
 * const replies = createReplyIndex(db.articles, createArticleResolver(db.articles));
 * replies.repliesTo('abc-strike').map((a) => a.id) // ['xyz-answer']
 */
export function createReplyIndex(articles: readonly Article[], resolve: ArticleResolver): ReplyIndex {
  const replies = new Map<string, Article[]>();
  for (const article of articles) {
    const seen = new Set<string>();
    for (const ref of article.inReplyTo ?? []) {
      for (const target of resolve(ref)) {
        if (target.id === article.id || seen.has(target.id)) continue;
        seen.add(target.id);
        const list = replies.get(target.id);
        if (list) list.push(article);
        else replies.set(target.id, [article]);
      }
    }
  }
  for (const list of replies.values()) list.sort((a, b) => a.published.localeCompare(b.published) || (a.id < b.id ? -1 : 1));
  return {
    repliesTo: (id) => replies.get(id) ?? NONE,
    inReplyTo: (article) => (article.inReplyTo ?? []).map((ref) => ({ ref, articles: resolve(ref).filter((a) => a.id !== article.id) })),
  };
}
