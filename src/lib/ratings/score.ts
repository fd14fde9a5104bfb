import type { LiveRating } from './ratingIndex.ts';

/** How much an empty rating pulls toward neutral: one virtual rater at weight 1. */
export const SMOOTHING_K = 1;

/** An article's score on one scale, as one edition counts it. */
export interface ScaleScore {
  /** Smoothed weighted mean: `(Σ w·v + k·neutral) / (Σ w + k)`. */
  score: number;
  /** Raters with weight > 0 and a live rating on the scale. */
  raters: number;
  /** The ratings that counted, with their weights. */
  counted: { rating: LiveRating; weight: number }[];
}

/**
 * Scores one article on one scale from the latest live rating of each rater.
 * Raters with weight 0 do not count; with no counted rating the score is the scale's neutral.
 *
 * @example
 * // One rating of 5 and the neutral 3 at weight 1: (1·5 + 1·3) / (1 + 1)
 * scoreOnScale(new Map([['alice', { rater: 'alice', scale: 'newsworthy', value: 5, at: '2026-11-20T00:00:00Z' }]]), 3, () => 1).score
 * // => 4
 */
export function scoreOnScale(
  byRater: ReadonlyMap<string, LiveRating> | undefined,
  neutral: number,
  weightOf: (rater: string) => number,
): ScaleScore {
  let sum = SMOOTHING_K * neutral;
  let weights = SMOOTHING_K;
  const counted: ScaleScore['counted'] = [];
  for (const rating of byRater?.values() ?? []) {
    const weight = weightOf(rating.rater);
    if (!(weight > 0)) continue;
    sum += weight * rating.value;
    weights += weight;
    counted.push({ rating, weight });
  }
  return { score: sum / weights, raters: counted.length, counted };
}

/**
 * Applies time decay to a rank score: halves it every `halfLifeMs` of age. Future dates count as age 0.
 *
 * @example decayScore(4, 36 * 3_600_000, 36 * 3_600_000) // => 2
 */
export function decayScore(score: number, ageMs: number, halfLifeMs: number): number {
  return score * 0.5 ** (Math.max(0, ageMs) / halfLifeMs);
}
