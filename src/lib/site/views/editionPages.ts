// Splits an edition's ordered entries into listing pages.
import type { EditionEntry, EditionResult } from '../../editions/evaluateEdition.ts';

export interface EditionPage {
  /** 1-based page number. */
  page: number;
  /** Number of pages; at least 1, so an empty edition still has a front page. */
  pages: number;
  /** 1-based position in the edition of the first entry on this page. */
  start: number;
  entries: EditionEntry[];
}

/**
 * Splits an edition into pages of `pageSize` entries, in the engine's order.
 *
 * @example editionPages({ edition: 'digest', entries: fiftyEntries }, 25).map((p) => p.entries.length) // [25, 25]
 * @example editionPages({ edition: 'empty', entries: [] }, 25) // [{ page: 1, pages: 1, start: 1, entries: [] }]
 */
export function editionPages(result: EditionResult, pageSize: number): EditionPage[] {
  const size = Math.max(1, Math.floor(pageSize));
  const pages = Math.max(1, Math.ceil(result.entries.length / size));
  return Array.from({ length: pages }, (_, i) => ({
    page: i + 1,
    pages,
    start: i * size + 1,
    entries: result.entries.slice(i * size, (i + 1) * size),
  }));
}

/**
 * The listing page an entry at 1-based `position` lands on.
 *
 * @example pageOf(26, 25) // 2
 */
export function pageOf(position: number, pageSize: number): number {
  return Math.max(1, Math.ceil(position / Math.max(1, Math.floor(pageSize))));
}
