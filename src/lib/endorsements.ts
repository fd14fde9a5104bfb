import type { RatingIndex } from './ratingIndex.ts';
import type { Article } from './schema.ts';

/** Contingent ids, in `contingents.yaml` order, split by whether each endorses an article. */
export interface Endorsements {
  endorsed: string[];
  notEndorsed: string[];
}

/**
 * Which contingents endorse an article on a scale. A contingent endorses when its own `rater` has a
 * live rating above the scale's neutral; edition rater weights play no part, since these are the
 * contingents' own statements. A contingent without a rater never endorses, but still counts in the total.
 *
 * @example
 * endorsements(index, article, 'endorse') // { endorsed: ['abc', 'xyz'], notEndorsed: ['def'] }
 */
export function endorsements(index: RatingIndex, article: Article | string, scale: string): Endorsements {
  const articleId = typeof article === 'string' ? article : article.id;
  const neutral = index.scales.get(scale)?.neutral;
  const byRater = index.ratingsOf(articleId).get(scale);
  const result: Endorsements = { endorsed: [], notEndorsed: [] };
  for (const contingent of index.db.contingents) {
    const value = contingent.rater === undefined ? undefined : byRater?.get(contingent.rater)?.value;
    const endorses = neutral !== undefined && value !== undefined && value > neutral;
    (endorses ? result.endorsed : result.notEndorsed).push(contingent.id);
  }
  return result;
}

/** Tolerance on a quorum fraction, so that 0.667 (and 0.666) mean exactly two thirds. */
export const QUORUM_SLACK = 0.001;

/**
 * How many of `total` contingents must endorse for a quorum of `fraction`: the least n with
 * n/total ≥ fraction − 0.001, so 0.667 and 2/3 both mean two thirds. The slack never exceeds
 * half a contingent, so `fraction: 1` always means every contingent. At least one is always needed.
 *
 * @example quorumNeeded(3, 0.667) // 2
 * @example quorumNeeded(3, 2 / 3) // 2
 * @example quorumNeeded(4, 0.75) // 3
 * @example quorumNeeded(2000, 1) // 2000
 */
export function quorumNeeded(total: number, fraction: number): number {
  const slack = Math.min(QUORUM_SLACK * total, 0.5);
  return Math.max(1, Math.ceil(total * fraction - slack));
}
