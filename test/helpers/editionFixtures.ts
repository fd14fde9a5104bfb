// The editions of the site fixture (writeSiteFixture.ts) and of generated benchmark networks
// (bench/generateDatabase.ts), from one set of rules: both publish a digest ranked the same way, a
// statements edition and an open-challenges edition, with their own sizes and thresholds.
import { Edition, type Rule } from '../../src/lib/config/schema.ts';

/** An edition as written in content/editions/<id>.yaml, with its id. */
export type EditionSpec = { id: string } & Record<string, unknown>;

/** What trusted raters judge anti-reformist: two of them at least. */
export const ANTI_REFORMIST: Rule = { scale: 'anti-reformist', gte: 0.5, minRaters: 2 };
/** What raters judge newsworthy. */
export const NEWSWORTHY: Rule = { scale: 'newsworthy', gte: 3.5 };
/** Anything a rater calls spam. */
export const SPAM: Rule = { scale: 'spam', gte: 0.5 };
/** Newsworthy first, anti-reformist as a tie-breaker, fading over a day and a half. */
export const NEWSWORTHY_RANK = { sum: [{ scale: 'newsworthy', w: 1 }, { scale: 'anti-reformist', w: 0.5 }], halfLife: '36h' };
export const DIGEST_TITLE = 'Anti-reform digest';
export const DIGEST_SIGNATURE = 'The Digest contingent of Wide Net';

/**
 * Articles endorsed by `fraction` of all contingents.
 *
 * @example statementsEdition(0.3, 'Articles endorsed by many contingents.').include // [{ quorum: { scale: 'endorse', fraction: 0.3 } }]
 */
export function statementsEdition(fraction: number, description: string, signature?: string): EditionSpec {
  return { id: 'statements', title: 'Statements', description, ...(signature !== undefined && { signature }), include: [{ quorum: { scale: 'endorse', fraction } }] };
}

/**
 * Articles challenged in public and unanswered for `olderThan`.
 *
 * @example openChallengesEdition('challenges', '7d', 'Unanswered.').include // [{ openChallenges: { olderThan: '7d' } }]
 */
export function openChallengesEdition(id: string, olderThan: string, description: string): EditionSpec {
  return { id, title: 'Open challenges', description, include: [{ openChallenges: { olderThan } }] };
}

/**
 * The specs as the Database holds them: parsed (defaults filled in) with their ids.
 *
 * @example toEditions([{ id: 'all', title: 'All', description: 'Everything.' }])[0]!.from // 'all'
 */
export function toEditions(specs: readonly EditionSpec[]): Edition[] {
  return specs.map(({ id, ...rest }) => ({ ...Edition.parse(rest), id }));
}
