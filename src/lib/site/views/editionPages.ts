// Splits an edition's ordered listing into pages.

export interface EditionPage<T> {
  /** 1-based page number. */
  page: number;
  /** Number of pages; at least 1, so an empty edition still has a front page. */
  pages: number;
  /** 1-based position in the edition of the first entry on this page. */
  start: number;
  entries: T[];
}

/**
 * Splits an edition's listing into pages of `pageSize` entries, in order.
 *
 * @example editionPages(model.listing('commons'), 25).map((p) => p.entries.length) // => [25, 12]
 * @example editionPages([], 25) // => [{ page: 1, pages: 1, start: 1, entries: [] }]
 */
export function editionPages<T>(entries: readonly T[], pageSize: number): EditionPage<T>[] {
  const size = Math.max(1, Math.floor(pageSize));
  const pages = Math.max(1, Math.ceil(entries.length / size));
  return Array.from({ length: pages }, (_, i) => ({
    page: i + 1,
    pages,
    start: i * size + 1,
    entries: entries.slice(i * size, (i + 1) * size),
  }));
}

/**
 * The listing page an entry at 1-based `position` lands on.
 *
 * @example pageOf(26, 25) // => 2
 */
export function pageOf(position: number, pageSize: number): number {
  return Math.max(1, Math.ceil(position / Math.max(1, Math.floor(pageSize))));
}
