// The rating desk's draft: the ratings a person is preparing, the file they continue, whom they
// trust. Pure operations on plain data, so the browser keeps it in localStorage as JSON and tests
// pin every step.
import type { TrustEntry } from '../config/schema.ts';
import { readCsv } from './csv.ts';
import type { FileRating, RatingFileContent, RatingRow } from './ratingFileText.ts';

/** One line of the draft: a rating the desk wrote, or one of the published file, kept as it was. */
export type DraftRating = FileRating & {
  /** The article's title when the desk knows it, for people; never exported. */
  title?: string;
};

export interface Draft {
  version: 1;
  rater: { name: string; home?: string };
  /** Where the file is (or will be) published: for the raters.yaml entry and the self-trust check. */
  url?: string;
  /** `issued` of the published file this draft continues; an export is issued later. */
  issued?: string;
  ratings: DraftRating[];
  trust: TrustEntry[];
  /** Challenges of the published file, kept as they were. */
  challenges: unknown[];
}

/** What the desk shows of a line, whatever its origin. */
export interface DraftLine extends RatingRow {
  published: boolean;
  title?: string;
}

/**
 * An empty draft.
 *
 * @example emptyDraft().ratings // []
 */
export function emptyDraft(): Draft {
  return { version: 1, rater: { name: '' }, ratings: [], trust: [], challenges: [] };
}

/**
 * An ISO time to the second, as rating files write it.
 *
 * @example isoSecond(new Date('2026-11-20T10:00:00.250Z')) // '2026-11-20T10:00:00Z'
 */
export function isoSecond(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The line as the desk shows it: a new row as it is, a published one read field by field.
 *
 * @example lineOf({ row: { article: 'https://a.example/x', scale: 'spam', value: 1, at: '2026-11-20T10:00:00Z' } }).published // false
 */
export function lineOf(r: DraftRating): DraftLine {
  if ('row' in r) return { ...r.row, published: false, ...(r.title !== undefined && { title: r.title }) };
  const o = (typeof r.raw === 'object' && r.raw !== null ? r.raw : {}) as Record<string, unknown>;
  return {
    article: typeof o.article === 'string' ? o.article : '',
    scale: typeof o.scale === 'string' ? o.scale : '',
    ...(typeof o.value === 'number' && { value: o.value }),
    ...(o.retract === true && { retract: true }),
    at: typeof o.at === 'string' ? o.at : '',
    ...(typeof o.note === 'string' && { note: o.note }),
    published: true,
    ...(r.title !== undefined && { title: r.title }),
  };
}

/**
 * Adds a rating. A new rating of the same article on the same scale, not yet published, is
 * replaced rather than repeated: the latest word is the one that counts anyway.
 *
 * @example addRating(emptyDraft(), { article: 'https://a.example/x', scale: 'newsworthy', value: 4 }, now).ratings.length // 1
 */
export function addRating(draft: Draft, rating: { article: string; scale: string; value: number; note?: string; title?: string }, now: Date): Draft {
  const row: RatingRow = { article: rating.article, scale: rating.scale, value: rating.value, at: isoSecond(now), ...(rating.note?.trim() && { note: rating.note.trim() }) };
  const line: DraftRating = { row, ...(rating.title && { title: rating.title }) };
  const same = draft.ratings.findIndex((r) => 'row' in r && !r.row.retract && r.row.article === row.article && r.row.scale === row.scale);
  const ratings = same >= 0 ? draft.ratings.map((r, i) => (i === same ? line : r)) : [...draft.ratings, line];
  return { ...draft, ratings };
}

/**
 * Changes the value or note of a line. A new line changes in place; a published one stays as it
 * was published and a new rating, dated now, takes its place (the latest `at` wins).
 *
 * @example editRating(draft, 0, { value: 5 }, now)
 */
export function editRating(draft: Draft, index: number, change: { value?: number; note?: string }, now: Date): Draft {
  const target = draft.ratings[index];
  if (!target) return draft;
  const line = lineOf(target);
  const note = change.note === undefined ? line.note : change.note.trim() || undefined;
  const row: RatingRow = { article: line.article, scale: line.scale, value: change.value ?? line.value ?? 0, at: isoSecond(now), ...(note && { note }) };
  const edited: DraftRating = { row, ...(target.title !== undefined && { title: target.title }) };
  if ('row' in target) return { ...draft, ratings: draft.ratings.map((r, i) => (i === index ? edited : r)) };
  return { ...draft, ratings: [...draft.ratings, edited] };
}

/**
 * Retracts a rating: a `retract` row for its article and scale, dated now, as the format defines.
 *
 * @example retractRating(draft, 0, now).ratings.at(-1) // { row: { article, scale, retract: true, at } }
 */
export function retractRating(draft: Draft, index: number, now: Date): Draft {
  const target = draft.ratings[index];
  if (!target) return draft;
  const line = lineOf(target);
  const row: RatingRow = { article: line.article, scale: line.scale, retract: true, at: isoSecond(now) };
  return { ...draft, ratings: [...draft.ratings, { row, ...(target.title !== undefined && { title: target.title }) }] };
}

/**
 * Removes a line not yet published. A published rating cannot be unsaid: retract it instead.
 *
 * @example removeRating(draft, 0).ratings.length // one fewer, when line 0 is new
 */
export function removeRating(draft: Draft, index: number): Draft {
  const target = draft.ratings[index];
  if (!target || !('row' in target)) return draft;
  return { ...draft, ratings: draft.ratings.filter((_, i) => i !== index) };
}

/**
 * Adds, changes (same URL) or, with `w: 0`, withdraws trust in another rater.
 *
 * @example setTrust(emptyDraft(), { rater: 'https://carol.example/ratings.json', w: 1 }).trust.length // 1
 */
export function setTrust(draft: Draft, entry: TrustEntry): Draft {
  const at = draft.trust.findIndex((t) => t.rater === entry.rater);
  const clean: TrustEntry = { rater: entry.rater, w: entry.w, ...(entry.note?.trim() && { note: entry.note.trim() }) };
  return { ...draft, trust: at >= 0 ? draft.trust.map((t, i) => (i === at ? clean : t)) : [...draft.trust, clean] };
}

/** A published file, read without judging its rows: the desk keeps every one of them. */
export interface LoadedFile {
  rater?: { name: string; home?: string };
  issued?: string;
  ratings: unknown[];
  challenges: unknown[];
  trust: TrustEntry[];
}

/** The file to continue is not a widenet-ratings/1 file at all. */
export class LoadFileError extends Error {
  override name = 'LoadFileError';
}

/**
 * Reads a published rating file to continue it: every rating row is kept verbatim (even one the
 * checker would skip), so nothing published is lost when the file is exported again.
 *
 * @example loadRatingFile('{"format":"widenet-ratings/1","issued":"2026-11-01T00:00:00Z","ratings":[]}', 'json').issued // '2026-11-01T00:00:00Z'
 */
export function loadRatingFile(text: string, format: 'json' | 'csv'): LoadedFile {
  const body = text.replace(/^\uFEFF/, '');
  if (format === 'csv') {
    const records = readCsv(body);
    const header = records[0]?.cells.map((h) => h.toLowerCase()) ?? [];
    if (!['article', 'scale', 'value', 'at'].every((h, i) => header[i] === h)) throw new LoadFileError(`CSV header must start with "article,scale,value,at,note,retract", got "${header.join(',')}"`);
    const cell = (cells: string[], name: string) => cells[header.indexOf(name)] || undefined;
    const ratings = records.slice(1).map(({ cells }) => {
      const value = cell(cells, 'value');
      const note = cell(cells, 'note');
      const retract = cell(cells, 'retract');
      return {
        article: cell(cells, 'article') ?? '',
        scale: cell(cells, 'scale') ?? '',
        ...(value !== undefined && { value: Number(value) }),
        ...(retract !== undefined && /^(true|1|yes)$/i.test(retract) && { retract: true }),
        at: cell(cells, 'at') ?? '',
        ...(note !== undefined && { note }),
      };
    });
    return { ratings, challenges: [], trust: [] };
  }
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (error) {
    throw new LoadFileError(`not valid JSON: ${(error as Error).message}`);
  }
  const o = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  if (o.format !== 'widenet-ratings/1' || !Array.isArray(o.ratings)) throw new LoadFileError('not a widenet-ratings/1 file: it needs "format": "widenet-ratings/1" and a "ratings" list');
  const rater = o.rater as { name?: unknown; home?: unknown } | undefined;
  const trust = (Array.isArray(o.trust) ? o.trust : []).filter(
    (t): t is TrustEntry => typeof t === 'object' && t !== null && typeof (t as TrustEntry).rater === 'string' && typeof (t as TrustEntry).w === 'number',
  );
  return {
    ...(rater && typeof rater.name === 'string' && { rater: { name: rater.name, ...(typeof rater.home === 'string' && { home: rater.home }) } }),
    ...(typeof o.issued === 'string' && { issued: o.issued }),
    ratings: o.ratings,
    challenges: Array.isArray(o.challenges) ? o.challenges : [],
    trust: trust.map((t) => ({ rater: t.rater, w: t.w, ...(typeof t.note === 'string' && { note: t.note }) })),
  };
}

/**
 * Continues a published file: its ratings come first, exactly as published, then the draft's new
 * lines. Loading the file again replaces what was published, never the new lines. Trust set in
 * the draft wins over the file's for the same URL; the rater's name is the draft's, else the file's.
 *
 * @example continueFile(draft, loadRatingFile(text, 'json'), (url) => titles.get(url))
 */
export function continueFile(draft: Draft, file: LoadedFile, titleOf: (article: string) => string | undefined = () => undefined): Draft {
  const published: DraftRating[] = file.ratings.map((raw) => {
    const article = lineOf({ raw }).article;
    const title = titleOf(article);
    return { raw, ...(title !== undefined && { title }) };
  });
  const fresh = draft.ratings.filter((r) => 'row' in r);
  const trust = new Map(file.trust.map((t) => [t.rater, t]));
  for (const t of draft.trust) trust.set(t.rater, t);
  return {
    ...draft,
    rater: draft.rater.name ? draft.rater : (file.rater ?? draft.rater),
    ...(file.issued !== undefined ? { issued: file.issued } : {}),
    ratings: [...published, ...fresh],
    trust: [...trust.values()],
    challenges: file.challenges,
  };
}

/**
 * `issued` for the next export: now, or one second after the file it continues if the clock is
 * behind it, so a file's `issued` only moves forward (the aggregator refuses an older copy).
 *
 * @example nextIssued('2026-11-20T10:00:00Z', new Date('2026-11-19T00:00:00Z')) // '2026-11-20T10:00:01Z'
 */
export function nextIssued(previous: string | undefined, now: Date): string {
  const last = previous === undefined ? NaN : Date.parse(previous);
  const ms = Number.isNaN(last) || now.getTime() > last ? now.getTime() : last + 1000;
  return isoSecond(new Date(ms));
}

/**
 * The file the draft exports at `now`.
 *
 * @example ratingFileJson(draftToFile(draft, now))
 */
export function draftToFile(draft: Draft, now: Date): RatingFileContent {
  return {
    ...(draft.rater.name.trim() && { rater: { name: draft.rater.name.trim(), ...(draft.rater.home?.trim() && { home: draft.rater.home.trim() }) } }),
    issued: nextIssued(draft.issued, now),
    ratings: draft.ratings.map((r) => ('row' in r ? { row: r.row } : { raw: r.raw })),
    challenges: draft.challenges,
    trust: draft.trust,
  };
}

/**
 * Reads a stored draft back, or an empty one when there is none or it is not a draft.
 *
 * @example readDraft(null) // emptyDraft()
 */
export function readDraft(text: string | null): Draft {
  if (!text) return emptyDraft();
  try {
    const d = JSON.parse(text) as Partial<Draft>;
    if (d.version !== 1 || !Array.isArray(d.ratings)) return emptyDraft();
    return { ...emptyDraft(), ...d, rater: { name: '', ...d.rater }, trust: d.trust ?? [], challenges: d.challenges ?? [] } as Draft;
  } catch {
    return emptyDraft();
  }
}
