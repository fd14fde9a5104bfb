import type { z } from 'astro/zod';
import { normalizeUrl } from '../urls/normalizeUrl.ts';
import { dropUndefined } from '../config/dropUndefined.ts';
import { Challenge, Rating, RatingFile, TrustEntry, type Scale, type StoredRatings } from '../config/schema.ts';
import { byProblem } from './speakers.ts';
import { CsvSyntaxError, readCsv as readCsvRecords } from './csv.ts';

/** A row of a rating file that was skipped; the rest of the file still counts. */
export interface RatingProblem {
  row: string; // 'ratings[3]' for JSON, 'line 5' for CSV
  message: string;
}

export interface ParsedRatings {
  stored: StoredRatings;
  problems: RatingProblem[];
  /** The name the file gives its rater (`rater.name`, JSON only), as plain text: unverified. */
  name?: string;
}

/** The whole rating file is unusable (not JSON, wrong format, bad CSV header). */
export class RatingFileError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RatingFileError';
  }
}

export const CSV_HEADER = ['article', 'scale', 'value', 'at', 'note', 'retract'] as const;

/** A file may trust at most this many raters; more entries are reported and skipped, so one file cannot flood discovery. */
export const MAX_TRUST = 1000;

// An article is named by its URL or by its Wide Net id (lower-case letters, digits and dashes).
const ARTICLE_REF = /^(https?:\/\/\S+|[a-z0-9][a-z0-9-]*)$/i;

/**
 * Parses a widenet-ratings/1 file (JSON or CSV) and normalizes it. Rows with an unknown scale,
 * an out-of-range value or a bad field are reported and skipped, and so is a challenge `by` any
 * contingent but `contingent`, the one whose rater this file is (see `contingentOfRater`).
 *
 * @example parseRatings(text, { rater: 'alice', contingent: undefined, url, format: 'json', scales, sha256 })
 */
export function parseRatings(
  text: string,
  opts: {
    rater: string;
    /** The contingent whose `rater` this file is in contingents.yaml; undefined for an independent rater. */
    contingent: string | undefined;
    url: string;
    format: 'json' | 'csv';
    scales: readonly Scale[];
    sha256: string;
  },
): ParsedRatings {
  const raw = opts.format === 'csv' ? readCsv(text) : readJson(text);
  const scales = new Map(opts.scales.map((s) => [s.id, s]));
  const problems: RatingProblem[] = [];
  // Each row is checked alone: a bad row is reported and skipped, the rest still counts.
  const check = <T>(schema: z.ZodType<T>, row: string, value: unknown, validate: (v: T) => string | undefined): T | undefined => {
    const parsed = schema.safeParse(value);
    const message = parsed.success ? validate(parsed.data) : `${parsed.error.issues[0]!.path.join('.') || 'row'}: ${parsed.error.issues[0]!.message}`;
    if (message) problems.push({ row, message });
    return message ? undefined : parsed.data;
  };
  const ratings: Rating[] = [];
  for (const { row, value } of raw.ratings) {
    const r = check(Rating, row, value, (r) => {
      if (!ARTICLE_REF.test(r.article)) return `article: expected the article's URL (https://…) or its Wide Net id, got "${r.article.slice(0, 80)}"`;
      const scale = scales.get(r.scale);
      if (!scale) return `unknown scale "${r.scale}"; known scales: ${[...scales.keys()].sort().join(', ')}`;
      if (r.retract) return undefined;
      if (r.value === undefined) return `missing value; give a number from ${scale.min} to ${scale.max}, or "retract": true`;
      if (r.value < scale.min || r.value > scale.max) return `value ${r.value} is outside scale ${scale.id} (${scale.min} to ${scale.max})`;
      return undefined;
    });
    if (r) ratings.push(dropUndefined({ ...r, article: normalizeUrl(r.article), note: plainNote(r.note), value: r.retract ? undefined : r.value, retract: r.retract || undefined }));
  }
  const challenges: Challenge[] = [];
  for (const { row, value } of raw.challenges) {
    // A rater speaks for itself, and for the contingent whose rater it is: never for another.
    const c = check(Challenge, row, value, (c) => byProblem(c.by, opts.contingent));
    if (c) challenges.push(dropUndefined({ ...c, article: normalizeUrl(c.article), note: plainNote(c.note) }));
  }
  // Trust is a set of raters: a later entry for the same URL replaces an earlier one.
  const trust = new Map<string, TrustEntry>();
  const self = normalizeUrl(opts.url);
  for (const { row, value } of raw.trust) {
    const t = check(TrustEntry, row, value, (t) => {
      if (normalizeUrl(t.rater) === self) return 'rater: a rating file cannot trust itself; remove this entry';
      if (trust.size >= MAX_TRUST && !trust.has(normalizeUrl(t.rater))) return `more than ${MAX_TRUST} trusted raters; this entry and the ones after it are skipped`;
      return undefined;
    });
    if (t) trust.set(normalizeUrl(t.rater), dropUndefined({ rater: normalizeUrl(t.rater), w: t.w, note: plainNote(t.note) }));
  }
  return {
    stored: dropUndefined({ rater: opts.rater, url: opts.url, issued: raw.issued, sha256: opts.sha256, ratings, challenges, trust: trust.size ? [...trust.values()] : undefined }),
    problems,
    ...(plainNote(raw.name)?.slice(0, 200) && { name: plainNote(raw.name)!.slice(0, 200) }),
  };
}

interface RawRows {
  issued?: string;
  name?: string;
  ratings: { row: string; value: unknown }[];
  challenges: { row: string; value: unknown }[];
  trust: { row: string; value: unknown }[];
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
    name: file.data.rater?.name,
    ratings: file.data.ratings.map((value, i) => ({ row: `ratings[${i}]`, value })),
    challenges: (file.data.challenges ?? []).map((value, i) => ({ row: `challenges[${i}]`, value })),
    trust: (file.data.trust ?? []).map((value, i) => ({ row: `trust[${i}]`, value })),
  };
}

function readCsv(text: string): RawRows {
  let records: ReturnType<typeof readCsvRecords>;
  try {
    records = readCsvRecords(text.replace(/^\uFEFF/, ''));
  } catch (cause) {
    if (!(cause instanceof CsvSyntaxError)) throw cause;
    throw new RatingFileError(`not valid CSV: ${cause.message}`, { cause });
  }
  const header = records[0]?.cells.map((h) => h.toLowerCase());
  if (!header || CSV_HEADER.slice(0, 4).some((h, i) => header[i] !== h))
    throw new RatingFileError(`CSV header must start with "${CSV_HEADER.join(',')}", got "${header?.join(',') ?? ''}"`);
  return {
    ratings: records.slice(1).map(({ cells, line }) => {
      const cell = (name: (typeof CSV_HEADER)[number]) => cells[header.indexOf(name)] || undefined;
      const retract = cell('retract');
      return {
        row: `line ${line}`,
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
    trust: [],
  };
}

// Rating notes are plain text: drop control characters and collapse whitespace.
function plainNote(note: string | undefined): string | undefined {
  const text = note?.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
  return text || undefined;
}
