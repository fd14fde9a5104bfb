// One rater cannot grow every build: ratings of articles not in the database yet are bounded per rater.
import type { StoredRatings } from '../config/schema.ts';

/** Ratings of articles not in the database yet that a rater's stored copy keeps: the newest, by `at`. */
export const MAX_PENDING_PER_RATER = 1000;

export interface BoundedRatings {
  stored: StoredRatings;
  /** Ratings of articles not in the database yet, in the file. */
  pending: number;
  /** How many of them were left out: the oldest beyond `max`. */
  cut: number;
}

/**
 * Keeps every rating of an article the database has, and of the others (pending: they count once
 * their article arrives) only the `max` newest by `at` (the later row wins a tie), in file order.
 * `known` says whether the database has the article a rating names (a normalized URL or an id).
 *
 * @example
 * boundPending(stored, (ref) => urls.has(ref), 1000) // { stored: { …, ratings: known ones + the newest 1,000 pending }, pending: 85000, cut: 84000 }
 */
export function boundPending(stored: StoredRatings, known: (ref: string) => boolean, max = MAX_PENDING_PER_RATER): BoundedRatings {
  const pendingRows: { i: number; ms: number }[] = [];
  stored.ratings.forEach((r, i) => {
    if (!known(r.article)) pendingRows.push({ i, ms: Date.parse(r.at) });
  });
  if (pendingRows.length <= max) return { stored, pending: pendingRows.length, cut: 0 };
  const dropped = new Set(
    pendingRows
      .sort((a, b) => b.ms - a.ms || b.i - a.i)
      .slice(max)
      .map((p) => p.i),
  );
  return {
    stored: { ...stored, ratings: stored.ratings.filter((_, i) => !dropped.has(i)) },
    pending: pendingRows.length,
    cut: dropped.size,
  };
}
