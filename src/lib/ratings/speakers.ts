// Who speaks for whom. Identity comes from the network's config alone: a contingent speaks through
// the rater that contingents.yaml gives it, and a rater speaks only for itself. Nothing inside a
// feed or a rating file can claim another identity.
import type { Contingent } from '../config/schema.ts';

/**
 * The contingent a rater speaks for: the one whose `rater` it is in contingents.yaml. Undefined for
 * a rater that is no contingent's desk; it speaks only for itself.
 *
 * @example contingentOfRater([{ id: 'abc', rater: 'abc-desk' }], 'abc-desk') // => 'abc'
 * @example contingentOfRater([{ id: 'abc', rater: 'abc-desk' }], 'alice') // => undefined
 */
export function contingentOfRater(contingents: readonly Pick<Contingent, 'id' | 'rater'>[], rater: string): string | undefined {
  return contingents.find((c) => c.rater === rater)?.id;
}

/**
 * Why a rating file's challenge may not say it is `by` that contingent, or undefined when it may:
 * `by` can only be the contingent whose rater the file is (`contingent`), and may be left out.
 *
 * @example byProblem('xyz', 'abc') // 'by "xyz" is not the contingent of this rating file (abc); …'
 * @example byProblem('abc', 'abc') // => undefined
 */
export function byProblem(by: string | undefined, contingent: string | undefined): string | undefined {
  if (by === undefined || by === contingent) return undefined;
  return contingent
    ? `by "${by}" is not the contingent of this rating file (${contingent}); remove "by", or let ${by} publish the challenge through its own rater`
    : `by "${by}" is not the contingent of this rating file: its rater is no contingent's rater and speaks only for itself; remove "by" to raise the challenge in the rater's own name`;
}
