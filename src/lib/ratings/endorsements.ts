import type { RatingIndex } from './ratingIndex.ts';
import type { Article } from '../config/schema.ts';

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
 * @example quorumNeeded(3, 0.667) // => 2
 * @example quorumNeeded(3, 2 / 3) // => 2
 * @example quorumNeeded(4, 0.75) // => 3
 * @example quorumNeeded(2000, 1) // => 2000
 */
export function quorumNeeded(total: number, fraction: number): number {
  const slack = Math.min(QUORUM_SLACK * total, 0.5);
  return Math.max(1, Math.ceil(total * fraction - slack));
}

/** The scale through which contingents endorse statements of the whole network (`endorse` in scales.yaml). */
export const STATEMENT_SCALE = 'endorse';

/** Whether an article is a statement of the whole network: who endorsed it, who did not, and the quorum. */
export interface StatementStatus extends Endorsements {
  /** All contingents: the quorum's denominator. */
  total: number;
  /** Endorsements the quorum needs. */
  needed: number;
  fraction: number;
  /** At least `needed` contingents endorse: the article may be signed in the network's name. */
  reached: boolean;
}

/**
 * Whether an article reaches the network's quorum on the statement scale, with the contingents that
 * endorsed it and those that did not. Below the quorum an article is only ever its contingent's.
 *
 * @example statementStatus(index, article, 2 / 3) // { endorsed: ['abc', 'xyz'], notEndorsed: ['def'], total: 3, needed: 2, fraction: 0.667, reached: true }
 */
export function statementStatus(index: RatingIndex, article: Article | string, fraction: number, scale: string = STATEMENT_SCALE): StatementStatus {
  const split = endorsements(index, article, scale);
  const total = index.db.contingents.length;
  const needed = quorumNeeded(total, fraction);
  return { ...split, total, needed, fraction, reached: total > 0 && split.endorsed.length >= needed };
}
