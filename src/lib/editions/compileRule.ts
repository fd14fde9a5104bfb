import type { ChallengeRecord } from '../ratings/challenges.ts';
import { countOf, describeRule, formatNumber, formatPercent, wrap } from './describeRule.ts';
import { parseDuration } from './duration.ts';
import { quorumNeeded } from '../ratings/endorsements.ts';
import type { ScaleScore } from '../ratings/score.ts';
import type { Article, Rule } from '../config/schema.ts';

/** What a rule needs to know about the database, as seen by one edition at one `now`. */
export interface RuleContext {
  /** The site's quorum, used when a quorum rule gives no fraction. */
  defaultQuorum: number;
  /** Number of all contingents: the denominator of every quorum. */
  contingentCount: number;
  /** Score with this edition's rater weights; undefined when the scale is not in scales.yaml. */
  score(article: Article, scale: string): ScaleScore | undefined;
  /** Contingents whose own rater rates the article above the scale's neutral. */
  endorsingCount(article: Article, scale: string): number;
  /** Challenges against the article that are still unanswered as of now and older than `olderThanMs`. */
  openChallenges(article: Article, olderThanMs: number): readonly ChallengeRecord[];
}

/** A rule ready to run. `facts` and `reasons` are only called on an article for which `test` held. */
export interface CompiledRule {
  test(article: Article): boolean;
  /** What held, as a list of facts that are all true together; join them with ' and ' to explain. */
  facts(article: Article): string[];
  /** The same facts as data, for pages to say in a reader's words. */
  reasons(article: Article): Reason[];
}

/** One fact that put an article in an edition. */
export type Reason =
  /** Its score on a scale, from this many raters with a counted rating. */
  | { kind: 'scale'; scale: string; score: number; raters: number }
  | { kind: 'tag'; tag: string }
  | { kind: 'contingent'; contingent: string }
  /** Contingents whose own rater rates it above neutral on `scale`, of all contingents. */
  | { kind: 'quorum'; scale: string; contingents: number; of: number }
  /** Unanswered challenges; the first one's challenger (a contingent, else the rater that raised it in its own name) and date. */
  | { kind: 'challenge'; challenger?: string; rater?: string; at: string; count: number }
  /** A rule that holds because another does not; said as the rule. */
  | { kind: 'not'; text: string };

/**
 * Compiles an edition rule into a predicate and an explanation, parsing durations once.
 *
 * @example
 * const rule = compileRule({ tag: 'Strike' }, ctx);
 * rule.test(article) // true when the article has the tag "strike", in any case
 * rule.facts(article) // ['tag "Strike"']
 */
export function compileRule(rule: Rule, ctx: RuleContext): CompiledRule {
  const text = describeRule(rule, ctx.defaultQuorum);

  if ('scale' in rule) {
    const { scale, gte, lte } = rule;
    const minRaters = rule.minRaters ?? 1;
    return {
      test(article) {
        const s = ctx.score(article, scale);
        // With no counted rating the score is only the neutral prior, so a scale rule never holds.
        return !!s && s.raters >= minRaters && (gte === undefined || s.score >= gte) && (lte === undefined || s.score <= lte);
      },
      facts(article) {
        const s = ctx.score(article, scale);
        return [s ? `${text} (score ${formatNumber(s.score)}, ${countOf(s.raters, 'rater')})` : text];
      },
      reasons(article) {
        const s = ctx.score(article, scale);
        return s ? [{ kind: 'scale', scale, score: s.score, raters: s.raters }] : [];
      },
    };
  }

  if ('tag' in rule) {
    const tag = rule.tag.trim().toLowerCase();
    return { test: (article) => article.tags.some((t) => t.trim().toLowerCase() === tag), facts: () => [text], reasons: () => [{ kind: 'tag', tag: rule.tag }] };
  }

  if ('contingent' in rule) {
    const { contingent } = rule;
    return { test: (article) => article.contingent === contingent, facts: () => [text], reasons: () => [{ kind: 'contingent', contingent }] };
  }

  if ('quorum' in rule) {
    const { scale } = rule.quorum;
    const fraction = rule.quorum.fraction ?? ctx.defaultQuorum;
    const total = ctx.contingentCount;
    const needed = quorumNeeded(total, fraction);
    const verb = scale === 'endorse' ? 'endorse' : `rate ${scale} above neutral`;
    return {
      test: (article) => ctx.endorsingCount(article, scale) >= needed,
      facts: (article) => [`${ctx.endorsingCount(article, scale)} of ${countOf(total, 'contingent')} ${verb} (≥ ${formatPercent(fraction)})`],
      reasons: (article) => [{ kind: 'quorum', scale, contingents: ctx.endorsingCount(article, scale), of: total }],
    };
  }

  if ('openChallenges' in rule) {
    const olderThanMs = parseDuration(rule.openChallenges.olderThan);
    return {
      test: (article) => ctx.openChallenges(article, olderThanMs).length > 0,
      facts(article) {
        const open = ctx.openChallenges(article, olderThanMs);
        const first = open[0];
        // A rater that is no contingent's rater speaks in its own name, never as a contingent.
        const from = first ? ` (from ${first.challenger ?? `rater ${first.rater}`} since ${first.at.slice(0, 10)}${open.length > 1 ? `, and ${open.length - 1} more` : ''})` : '';
        return [`${text}${from}`];
      },
      reasons(article) {
        const open = ctx.openChallenges(article, olderThanMs);
        const first = open[0];
        if (!first) return [];
        const who = first.challenger !== undefined ? { challenger: first.challenger } : { rater: first.rater ?? '' };
        return [{ kind: 'challenge', ...who, at: first.at, count: open.length }];
      },
    };
  }

  if ('all' in rule) {
    const parts = rule.all.map((r) => compileRule(r, ctx));
    return {
      test: (article) => parts.every((p) => p.test(article)),
      facts: (article) => parts.flatMap((p) => p.facts(article)),
      reasons: (article) => parts.flatMap((p) => p.reasons(article)),
    };
  }

  if ('any' in rule) {
    const parts = rule.any.map((r) => compileRule(r, ctx));
    return {
      test: (article) => parts.some((p) => p.test(article)),
      // Name only the alternatives that held: that is why the article is here.
      facts: (article) => parts.filter((p) => p.test(article)).flatMap((p) => p.facts(article)),
      reasons: (article) => parts.filter((p) => p.test(article)).flatMap((p) => p.reasons(article)),
    };
  }

  const inner = compileRule(rule.not, ctx);
  const negated = `not ${wrap(rule.not, ctx.defaultQuorum)}`;
  return { test: (article) => !inner.test(article), facts: () => [negated], reasons: () => [{ kind: 'not', text: negated }] };
}
