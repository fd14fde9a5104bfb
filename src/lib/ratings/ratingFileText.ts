// Writing a widenet-ratings/1 file, JSON or CSV: the exact bytes the rating desk exports, signs and
// the aggregator reads back. Pure, so Node and the browser write the same file.
import type { TrustEntry } from '../config/schema.ts';
import { CSV_HEADER } from './parseRatings.ts';
import { writeCsvLine } from './csv.ts';

/** A rating row as the format writes it; rows loaded from a published file are kept as they were. */
export interface RatingRow {
  article: string;
  scale: string;
  value?: number;
  retract?: boolean;
  at: string;
  note?: string;
}

/** A row the desk wrote (`row`), or one loaded verbatim from the published file (`raw`, any shape: kept, not judged). */
export type FileRating = { row: RatingRow } | { raw: unknown };

export interface RatingFileContent {
  rater?: { name: string; home?: string };
  issued: string;
  ratings: readonly FileRating[];
  /** Kept as loaded: the desk does not write challenges. */
  challenges?: readonly unknown[];
  trust?: readonly TrustEntry[];
}

/**
 * The JSON file: 2-space indentation and a final newline, fields in the format's order, a rating's
 * fields in the README's order (article, scale, value or retract, at, note).
 *
 * @example ratingFileJson({ issued: '2026-11-20T10:00:00Z', ratings: [{ row: { article: 'https://a.example/x', scale: 'newsworthy', value: 4, at: '2026-11-20T09:00:00Z' } }] })
 * // '{\n  "format": "widenet-ratings/1",\n  "issued": "2026-11-20T10:00:00Z",\n  "ratings": [\n    {\n      "article": …'
 */
export function ratingFileJson(content: RatingFileContent): string {
  const file = {
    format: 'widenet-ratings/1',
    ...(content.rater && { rater: { name: content.rater.name, ...(content.rater.home && { home: content.rater.home }) } }),
    issued: content.issued,
    ratings: content.ratings.map((r) => ('row' in r ? orderedRow(r.row) : r.raw)),
    ...(content.challenges?.length && { challenges: content.challenges }),
    ...(content.trust?.length && { trust: content.trust.map((t) => ({ rater: t.rater, w: t.w, ...(t.note && { note: t.note }) })) }),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * The CSV file: the header `article,scale,value,at,note,retract`, then one line per rating. CSV
 * carries ratings only: no rater, issued date, challenges or trust (use JSON for those).
 *
 * @example ratingFileCsv({ ratings: [{ row: { article: 'https://a.example/x', scale: 'spam', retract: true, at: '2026-11-20T09:00:00Z' } }] })
 * // 'article,scale,value,at,note,retract\nhttps://a.example/x,spam,,2026-11-20T09:00:00Z,,true\n'
 */
export function ratingFileCsv(content: Pick<RatingFileContent, 'ratings'>): string {
  const lines = [writeCsvLine(CSV_HEADER)];
  for (const r of content.ratings) {
    const row = 'row' in r ? r.row : looseRow(r.raw);
    lines.push(writeCsvLine([row.article, row.scale, row.value === undefined ? '' : String(row.value), row.at, row.note ?? '', row.retract ? 'true' : '']));
  }
  return lines.join('');
}

function orderedRow(r: RatingRow): RatingRow {
  return {
    article: r.article,
    scale: r.scale,
    ...(r.retract ? { retract: true } : { value: r.value }),
    at: r.at,
    ...(r.note && { note: r.note }),
  };
}

// A loaded row as CSV cells: strings as they are, numbers as numbers, anything else left empty.
function looseRow(r: unknown): RatingRow {
  const o = (typeof r === 'object' && r !== null ? r : {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
  return {
    article: text(o.article),
    scale: text(o.scale),
    ...(typeof o.value === 'number' && { value: o.value }),
    ...(o.retract === true && { retract: true }),
    at: text(o.at),
    ...(typeof o.note === 'string' && { note: o.note }),
  };
}
