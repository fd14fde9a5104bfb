// Republications: one article (one URL) carried by several contingents, such as a joint statement
// each signatory republishes. The aggregator keeps every copy and links them with `alsoIn`; a
// listing shows the article once, with the other contingents that carry it.
import type { Article } from '../config/schema.ts';

/** One line of a listing: an item, and the copies of the same article folded into it. */
export interface FoldedItem<T> {
  item: T;
  /** Later copies in the list of the same article (`alsoIn`), in list order. */
  copies: T[];
}

/**
 * Folds the copies of each republished article into one line, at the place of its first copy in
 * the list. The copy shown is the publisher's own (`isOriginal`, such as the copy whose contingent's
 * home is the URL's host) when the list holds it, else the first. Items that are not copies pass
 * through in order.
 *
 * @example
 * foldRepublications([{ article: abcCopy }, { article: other }, { article: tenantsCopy }], (a) => a.contingent === 'tenants')
 * // [{ item: { article: tenantsCopy }, copies: [{ article: abcCopy }] }, { item: { article: other }, copies: [] }]
 */
export function foldRepublications<T extends { article: Pick<Article, 'id' | 'alsoIn'> }>(
  items: readonly T[],
  isOriginal: (article: T['article']) => boolean = () => false,
): FoldedItem<T>[] {
  const lines: { members: T[] }[] = [];
  /** The line of each article id seen so far, or to come as a copy of one seen. */
  const lineOf = new Map<string, { members: T[] }>();
  for (const item of items) {
    const { id, alsoIn = [] } = item.article;
    let line = lineOf.get(id);
    if (!line) {
      line = { members: [] };
      lines.push(line);
    }
    line.members.push(item);
    lineOf.set(id, line);
    for (const other of alsoIn) if (!lineOf.has(other)) lineOf.set(other, line);
  }
  return lines.map(({ members }) => {
    const shown = members.find((m) => isOriginal(m.article)) ?? members[0]!;
    return { item: shown, copies: members.filter((m) => m !== shown) };
  });
}
