// Every rating ever published, per article and per rater, with what became of it.
import type { Database } from '../../config/database.ts';
import type { RatingIndex } from '../../ratings/ratingIndex.ts';
import type { Article } from '../../config/schema.ts';

/**
 * One published rating with its fate:
 * - `counts`: the rater's latest live rating on that scale; the engine counts it;
 * - `replaced`: a later rating by the same rater on the same scale took its place;
 * - `retracted`: the rater retracted it (`retractedAt`);
 * - `pending`: its article is not in the database yet (counted per rater, not listed).
 */
export interface RatingRecord {
  rater: string;
  scale: string;
  value: number;
  at: string;
  note?: string;
  /** The article reference as the rater wrote it: a URL or a Wide Net id. */
  ref: string;
  /** The article it resolved to; undefined when pending. */
  article?: Article;
  status: 'counts' | 'replaced' | 'retracted' | 'pending';
  retractedAt?: string;
}

export interface RatingHistory {
  /** Ratings of an article, newest first. */
  ofArticle(articleId: string): readonly RatingRecord[];
  /** Ratings a rater has given of articles in the database, newest first. */
  byRater(raterId: string): readonly RatingRecord[];
  /** How many ratings a rater has given of articles not in the database yet: counted, never listed. */
  pendingOf(raterId: string): number;
}

interface Step {
  ms: number;
  order: number;
  record?: RatingRecord;
  retractAt?: string;
}

const NONE: readonly RatingRecord[] = Object.freeze([]);

/**
 * Builds the rating history once per build, in O(ratings): the same rating files the engine reads,
 * with the same rules for what is valid (known rater and scale, a value in range, a date), and the
 * same resolution of references. Whether a rating counts is taken from the engine's `index`.
 *
 * @example
 * const history = createRatingHistory(db, createRatingIndex(db));
 * history.ofArticle('abc-strike')[0] // { rater: 'alice', scale: 'newsworthy', value: 4, status: 'counts', … }
 */
export function createRatingHistory(db: Database, index: RatingIndex): RatingHistory {
  const knownRaters = new Set([...db.raters, ...(db.discovered ?? [])].map((r) => r.id));
  const groups = new Map<string, Step[]>();
  const byRater = new Map<string, RatingRecord[]>();
  const pending = new Map<string, number>();
  const add = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };

  let order = 0;
  for (const file of db.ratings) {
    if (!knownRaters.has(file.rater)) continue;
    for (const rating of file.ratings) {
      const scale = index.scales.get(rating.scale);
      const ms = Date.parse(rating.at);
      if (!scale || Number.isNaN(ms)) continue;
      const value = rating.value;
      const isValue = !rating.retract && typeof value === 'number' && value >= scale.min && value <= scale.max;
      if (!rating.retract && !isValue) continue;
      const targets = index.resolve(rating.article);
      order++;
      if (targets.length === 0) {
        if (isValue) pending.set(file.rater, (pending.get(file.rater) ?? 0) + 1);
        continue;
      }
      for (const article of targets) {
        const key = `${article.id}\u0000${rating.scale}\u0000${file.rater}`;
        if (rating.retract) {
          add(groups, key, { ms, order, retractAt: rating.at });
          continue;
        }
        const record: RatingRecord = {
          rater: file.rater,
          scale: rating.scale,
          value: value as number,
          at: rating.at,
          ref: rating.article,
          article,
          status: 'replaced',
          ...(rating.note !== undefined && { note: rating.note }),
        };
        add(groups, key, { ms, order, record });
        add(byRater, file.rater, record);
      }
    }
  }

  const byArticle = new Map<string, RatingRecord[]>();
  for (const steps of groups.values()) {
    // The engine's order: a later `at` wins, and the later entry wins a tie.
    steps.sort((a, b) => a.ms - b.ms || a.order - b.order);
    for (let i = 0; i < steps.length; i++) {
      const record = steps[i]!.record;
      if (!record) continue;
      const next = steps[i + 1];
      if (next?.retractAt !== undefined) {
        record.status = 'retracted';
        record.retractedAt = next.retractAt;
      }
      const live = index.ratingsOf(record.article!.id).get(record.scale)?.get(record.rater);
      if (i === steps.length - 1 && live && live.at === record.at && live.value === record.value) record.status = 'counts';
      add(byArticle, record.article!.id, record);
    }
  }

  const newestFirst = (a: RatingRecord, b: RatingRecord) => Date.parse(b.at) - Date.parse(a.at) || (a.scale < b.scale ? -1 : a.scale > b.scale ? 1 : 0) || (a.rater < b.rater ? -1 : a.rater > b.rater ? 1 : 0);
  for (const list of byArticle.values()) list.sort(newestFirst);
  for (const list of byRater.values()) list.sort(newestFirst);
  return {
    ofArticle: (id) => byArticle.get(id) ?? NONE,
    byRater: (id) => byRater.get(id) ?? NONE,
    pendingOf: (id) => pending.get(id) ?? 0,
  };
}
