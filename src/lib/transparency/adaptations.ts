// Declared adaptations: an article whose `via` names another article, in the database or outside it.
import type { ArticleResolver } from '../urls/articleRefs.ts';
import type { Article } from '../config/schema.ts';

/** Where an adapted article says it came from. */
export interface AdaptationSource {
  /** The `via` as the publisher wrote it. */
  via: string;
  /** The articles in the database at that id or URL; empty when the original is not in the database. */
  originals: readonly Article[];
}

export interface AdaptationIndex {
  /** Where an article was adapted from, or undefined when it declares no `via`. */
  sourceOf(article: Article): AdaptationSource | undefined;
  /** Every article that declares it adapts this one, oldest first. */
  adaptationsOf(articleId: string): readonly Article[];
}

const NONE: readonly Article[] = Object.freeze([]);

/**
 * Indexes declared adaptations in one pass: an article adapts another when its `via` (from RSS
 * `source`, `dc:source` or Atom `link rel="via"`) resolves, by id or normalized URL, to an article in
 * the database. An article never adapts itself, and a `via` naming a URL that several contingents
 * carry names each of those copies.
 *
 * @example
 * const adaptations = indexAdaptations(db.articles, createArticleResolver(db.articles));
 * adaptations.adaptationsOf('abc-route-9').map((a) => a.id) // ['harbor-bus-drivers']
 * adaptations.sourceOf(harborArticle)?.originals[0]?.contingent // 'abc'
 */
export function indexAdaptations(articles: readonly Article[], resolve: ArticleResolver): AdaptationIndex {
  const adaptations = new Map<string, Article[]>();
  for (const article of articles) {
    if (!article.via) continue;
    for (const original of resolve(article.via)) {
      if (original.id === article.id) continue;
      const list = adaptations.get(original.id);
      if (list) list.push(article);
      else adaptations.set(original.id, [article]);
    }
  }
  for (const list of adaptations.values()) list.sort((a, b) => Date.parse(a.published) - Date.parse(b.published) || (a.id < b.id ? -1 : 1));
  return {
    sourceOf: (article) => (article.via ? { via: article.via, originals: resolve(article.via).filter((a) => a.id !== article.id) } : undefined),
    adaptationsOf: (id) => adaptations.get(id) ?? NONE,
  };
}
