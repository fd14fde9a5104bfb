// Bookkeeping of public challenges: answered or open at a given time, how old, and how fast each contingent answers.
import type { ChallengeRecord } from '../ratings/challenges.ts';

/** A challenge is answered once the challenged contingent's reply is published, as of `now`. */
export function isAnswered(record: Pick<ChallengeRecord, 'answeredAt'>, nowMs: number): boolean {
  return record.answeredAt !== undefined && Date.parse(record.answeredAt) <= nowMs;
}

/** One contingent's record as the challenged party. */
export interface ChallengeSummary {
  contingent: string;
  received: number;
  answered: number;
  open: number;
  /** Age of the oldest open challenge, in milliseconds. */
  oldestOpenMs?: number;
  /** Median time from challenge to answer over the answered ones, in milliseconds. */
  medianAnswerMs?: number;
}

/**
 * Sums up the challenges addressed to each contingent at `now`: received, answered, still open, the
 * oldest open one's age and the median time to answer. Contingents with no challenge get zeros, in
 * the order given; the result is sorted by open challenges (most first), then the oldest open one,
 * then that order.
 *
 * @example
 * summarizeChallenges(records, ['abc', 'xyz'], now)[0]
 * // { contingent: 'abc', received: 2, answered: 1, open: 1, oldestOpenMs: 1728000000, medianAnswerMs: 86400000 }
 */
export function summarizeChallenges(records: readonly ChallengeRecord[], contingents: readonly string[], now: Date): ChallengeSummary[] {
  const nowMs = now.getTime();
  const byContingent = new Map<string, ChallengeRecord[]>(contingents.map((c) => [c, []]));
  for (const r of records) {
    const list = byContingent.get(r.challengedContingent);
    if (list) list.push(r);
    else byContingent.set(r.challengedContingent, [r]);
  }
  const rank = new Map([...byContingent.keys()].map((c, i) => [c, i]));
  return [...byContingent]
    .map(([contingent, list]) => summarizeOne(contingent, list, nowMs))
    .sort((a, b) => b.open - a.open || (b.oldestOpenMs ?? 0) - (a.oldestOpenMs ?? 0) || rank.get(a.contingent)! - rank.get(b.contingent)!);
}

function summarizeOne(contingent: string, records: readonly ChallengeRecord[], nowMs: number): ChallengeSummary {
  const answerTimes: number[] = [];
  let open = 0;
  let oldestOpenMs: number | undefined;
  for (const r of records) {
    const at = Date.parse(r.at);
    if (isAnswered(r, nowMs)) {
      // An answer published before its challenge (clock skew between feeds) counts as immediate.
      answerTimes.push(Math.max(0, Date.parse(r.answeredAt!) - at));
    } else {
      open++;
      const age = Math.max(0, nowMs - at);
      oldestOpenMs = Math.max(oldestOpenMs ?? 0, age);
    }
  }
  const medianAnswerMs = median(answerTimes);
  return {
    contingent,
    received: records.length,
    answered: answerTimes.length,
    open,
    ...(oldestOpenMs !== undefined && { oldestOpenMs }),
    ...(medianAnswerMs !== undefined && { medianAnswerMs }),
  };
}

/**
 * The median of a list of numbers; the mean of the middle two for an even count; undefined when empty.
 *
 * @example median([3, 1, 2]) // => 2
 * @example median([1, 2, 3, 10]) // => 2.5
 */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
