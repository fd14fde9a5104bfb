import { parse as parseCsv } from 'csv-parse/sync';
import { normalizeUrl } from './normalizeUrl.ts';
import { Challenge, Rating, RatingFile, type Scale, type StoredRatings } from './schema.ts';

/** A row of a rating file that was skipped; the rest of the file still counts. */
export interface RatingProblem {
  row: string; // 'ratings[3]' for JSON, 'line 5' for CSV
  message: string;
}

export interface ParsedRatings {
  stored: StoredRatings;
  problems: RatingProblem[];
}

/** The whole rating file is unusable (not JSON, wrong format, bad CSV header). */
export class RatingFileError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RatingFileError';
  }
}

export const CSV_HEADER = ['article', 'scale', 'value', 'at', 'note', 'retract'] as const;

/**
 * Parses a widenet-ratings/1 file (JSON or CSV) and normalizes it. Rows with an unknown scale,
 * an out-of-range value or a bad field are reported and skipped.
 *
 * @example parseRatings(text, { rater: 'alice', url, format: 'json', scales, sha256 })
 */
export function parseRatings(
  text: string,
  opts: { rater: string; url: string; format: 'json' | 'csv'; scales: readonly Scale[]; sha256: string },
): ParsedRatings {
  const raw = opts.format === 'csv' ? readCsv(text) : readJson(text);
  const scales = new Map(opts.scales.map((s) => [s.id, s]));
  const problems: RatingProblem[] = [];
  const ratings: Rating[] = [];
  for (const { row, value } of raw.ratings) {
    const parsed = Rating.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      problems.push({ row, message: `${issue.path.join('.') || 'row'}: ${issue.message}` });
      continue;
    }
    const r = parsed.data;
    const scale = scales.get(r.scale);
    if (!scale) {
      problems.push({ row, message: `unknown scale "${r.scale}"; known scales: ${[...scales.keys()].sort().join(', ')}` });
      continue;
    }
    if (!r.retract) {
      if (r.value === undefined) {
        problems.push({ row, message: `missing value; give a number from ${scale.min} to ${scale.max}, or "retract": true` });
        continue;
      }
      if (r.value < scale.min || r.value > scale.max) {
        problems.push({ row, message: `value ${r.value} is outside scale ${scale.id} (${scale.min} to ${scale.max})` });
        continue;
      }
    }
    ratings.push(clean({ ...r, article: normalizeUrl(r.article), note: plainNote(r.note), value: r.retract ? undefined : r.value }));
  }
  const challenges: Challenge[] = [];
  for (const { row, value } of raw.challenges) {
    const parsed = Challenge.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      problems.push({ row, message: `${issue.path.join('.') || 'challenge'}: ${issue.message}` });
      continue;
    }
    challenges.push(clean({ ...parsed.data, article: normalizeUrl(parsed.data.article), note: plainNote(parsed.data.note) }));
  }
  return {
    stored: clean({ rater: opts.rater, url: opts.url, issued: raw.issued, sha256: opts.sha256, ratings, challenges }),
    problems,
  };
}

interface RawRows {
  issued?: string;
  ratings: { row: string; value: unknown }[];
  challenges: { row: string; value: unknown }[];
}

function readJson(text: string): RawRows {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (cause) {
    throw new RatingFileError(`not valid JSON: ${(cause as Error).message}`, { cause });
  }
  const file = RatingFile.safeParse(data);
  if (!file.success) {
    const issue = file.error.issues[0]!;
    throw new RatingFileError(`not a widenet-ratings/1 file: ${issue.path.join('.') || 'file'}: ${issue.message}`);
  }
  return {
    issued: file.data.issued,
    ratings: file.data.ratings.map((value, i) => ({ row: `ratings[${i}]`, value })),
    challenges: (file.data.challenges ?? []).map((value, i) => ({ row: `challenges[${i}]`, value })),
  };
}

function readCsv(text: string): RawRows {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsv(text.replace(/^\uFEFF/, ''), { info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as typeof records;
  } catch (cause) {
    throw new RatingFileError(`not valid CSV: ${(cause as Error).message}`, { cause });
  }
  const header = records[0]?.record.map((h) => h.toLowerCase());
  if (!header || CSV_HEADER.slice(0, 4).some((h, i) => header[i] !== h))
    throw new RatingFileError(`CSV header must start with "${CSV_HEADER.join(',')}", got "${header?.join(',') ?? ''}"`);
  return {
    ratings: records.slice(1).map(({ record, info }) => {
      const cell = (name: (typeof CSV_HEADER)[number]) => record[header.indexOf(name)] || undefined;
      const retract = cell('retract');
      return {
        row: `line ${info.lines}`,
        value: {
          article: cell('article'),
          scale: cell('scale'),
          value: cell('value') === undefined ? undefined : Number(cell('value')),
          at: cell('at'),
          note: cell('note'),
          retract: retract === undefined ? undefined : /^(true|1|yes)$/i.test(retract),
        },
      };
    }),
    challenges: [],
  };
}

// Rating notes are plain text: drop control characters and collapse whitespace.
function plainNote(note: string | undefined): string | undefined {
  const text = note?.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
  return text || undefined;
}

// Drop undefined fields so the stored JSON is minimal and stable.
function clean<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== false)) as T;
}
