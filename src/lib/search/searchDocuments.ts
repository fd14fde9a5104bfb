// The documents an edition's search index is built from: the engine's entries, in the engine's order.
import type { EditionResult } from '../editions/evaluateEdition.ts';
import { snippetOf } from './snippet.ts';

/** One article as search sees it: what is indexed, and what a result shows. */
export interface SearchDocument {
  /** The article's Wide Net id. */
  id: string;
  /** The title, or the URL when the feed gave none (as the edition's pages show it). */
  title: string;
  /** The whole summary: indexed, never shipped whole. */
  summary: string;
  /** The summary cut short for results; empty when it would only repeat the title. */
  snippet: string;
  tags: string[];
  contingent: { id: string; name: string };
  authors: string[];
  /** First publication, ISO 8601. */
  published: string;
}

/**
 * An edition's search documents, from the same `evaluateEdition` result as its pages and feed.
 *
 * @example
 * const docs = searchDocuments(model.result('digest'), (id) => model.contingent(id)?.name);
 * [docs[0]?.id, docs[0]?.title, docs[0]?.contingent] // => ['abc-01', 'Port workers vote to strike', { id: 'abc', name: 'ABC' }]
 */
export function searchDocuments(result: EditionResult, contingentName: (id: string) => string | undefined): SearchDocument[] {
  return result.entries.map(({ article }) => {
    const title = article.title || article.url;
    return {
      id: article.id,
      title,
      summary: article.summary,
      snippet: snippetOf(article.summary, title),
      tags: article.tags,
      contingent: { id: article.contingent, name: contingentName(article.contingent) ?? article.contingent },
      authors: article.authors,
      published: article.published,
    };
  });
}
