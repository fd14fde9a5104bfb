import type { Rule } from '../config/schema.ts';
import { durationInWords } from './duration.ts';

/**
 * Formats a number for people: at most two decimals, no trailing zeros, no "-0".
 *
 * @example formatNumber(4.333) // => '4.33'
 * @example formatNumber(2.5) // => '2.5'
 */
export function formatNumber(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

/**
 * Formats a fraction as a whole percentage.
 *
 * @example formatPercent(0.667) // => '67%'
 */
export function formatPercent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

/**
 * Counts a noun in English.
 *
 * @example countOf(1, 'rater') // => '1 rater'
 * @example countOf(3, 'rater') // => '3 raters'
 */
export function countOf(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/**
 * Whether a rule combines others, so it needs parentheses inside another combination.
 *
 * @example isCompound({ any: [{ tag: 'a' }, { tag: 'b' }] }) // => true
 */
export function isCompound(rule: Rule): boolean {
  return 'all' in rule || 'any' in rule;
}

/**
 * Describes a rule in words, without reference to any article: for edition pages and explanations.
 * `defaultQuorum` is the site's quorum, used when the rule gives no fraction.
 *
 * @example describeRule({ scale: 'newsworthy', gte: 4 }) // => 'newsworthy ≥ 4'
 * @example describeRule({ scale: 'anti-reformist', gte: 1, minRaters: 2 }) // => 'anti-reformist ≥ 1, at least 2 raters'
 * @example describeRule({ any: [{ tag: 'strike' }, { not: { contingent: 'abc' } }] }) // => 'tag "strike" or not contingent abc'
 */
export function describeRule(rule: Rule, defaultQuorum = 2 / 3): string {
  if ('scale' in rule) {
    const { scale, gte, lte, minRaters } = rule;
    const bounds =
      gte !== undefined && lte !== undefined
        ? `${formatNumber(gte)} ≤ ${scale} ≤ ${formatNumber(lte)}`
        : gte !== undefined
          ? `${scale} ≥ ${formatNumber(gte)}`
          : lte !== undefined
            ? `${scale} ≤ ${formatNumber(lte)}`
            : `rated on ${scale}`;
    return minRaters !== undefined && minRaters > 1 ? `${bounds}, at least ${countOf(minRaters, 'rater')}` : bounds;
  }
  if ('tag' in rule) return `tag "${rule.tag}"`;
  if ('contingent' in rule) return `contingent ${rule.contingent}`;
  if ('quorum' in rule) {
    const percent = formatPercent(rule.quorum.fraction ?? defaultQuorum);
    return rule.quorum.scale === 'endorse'
      ? `endorsed by ≥ ${percent} of contingents`
      : `rated above neutral on ${rule.quorum.scale} by ≥ ${percent} of contingents`;
  }
  if ('openChallenges' in rule) return `a challenge unanswered for more than ${rule.openChallenges.olderThan}`;
  if ('all' in rule) return joinRules(rule.all, ' and ', defaultQuorum);
  if ('any' in rule) return joinRules(rule.any, ' or ', defaultQuorum);
  return `not ${wrap(rule.not, defaultQuorum)}`;
}

/**
 * Describes a nested rule, in parentheses when it combines others.
 *
 * @example wrap({ all: [{ tag: 'a' }, { tag: 'b' }] }) // => '(tag "a" and tag "b")'
 */
export function wrap(rule: Rule, defaultQuorum?: number): string {
  const text = describeRule(rule, defaultQuorum);
  return isCompound(rule) ? `(${text})` : text;
}

function joinRules(rules: Rule[], separator: string, defaultQuorum: number): string {
  return rules.map((r) => wrap(r, defaultQuorum)).join(separator);
}

/** Names to say a rule with: a scale's and a contingent's, by id; an id is said as itself when absent. */
export interface RuleNames {
  scale?(id: string): string | undefined;
  contingent?(id: string): string | undefined;
}

/**
 * Describes a rule as a reader would say it, with names instead of ids: for an edition's page
 * (`describeRule` keeps the terse form that explain.json carries).
 *
 * @example ruleInWords({ scale: 'newsworthy', gte: 4 }, { scale: () => 'Newsworthy' }) // => 'Newsworthy is at least 4'
 * @example ruleInWords({ scale: 'anti-reformist', gte: 1, minRaters: 2 }) // => 'anti-reformist is at least 1, from at least 2 raters'
 * @example ruleInWords({ any: [{ tag: 'strike' }, { contingent: 'abc' }] }, { contingent: () => 'ABC' }) // => 'tagged “strike” or from ABC'
 */
export function ruleInWords(rule: Rule, names: RuleNames = {}, defaultQuorum = 2 / 3): string {
  if ('scale' in rule) {
    const { gte, lte, minRaters } = rule;
    const scale = names.scale?.(rule.scale) ?? rule.scale;
    const bounds =
      gte !== undefined && lte !== undefined
        ? `${scale} is from ${formatNumber(gte)} to ${formatNumber(lte)}`
        : gte !== undefined
          ? `${scale} is at least ${formatNumber(gte)}`
          : lte !== undefined
            ? `${scale} is at most ${formatNumber(lte)}`
            : `rated on ${scale}`;
    return minRaters !== undefined && minRaters > 1 ? `${bounds}, from at least ${countOf(minRaters, 'rater')}` : bounds;
  }
  if ('tag' in rule) return `tagged “${rule.tag}”`;
  if ('contingent' in rule) return `from ${names.contingent?.(rule.contingent) ?? rule.contingent}`;
  if ('quorum' in rule) {
    const percent = formatPercent(rule.quorum.fraction ?? defaultQuorum);
    return rule.quorum.scale === 'endorse'
      ? `endorsed by at least ${percent} of all contingents`
      : `rated above neutral on ${names.scale?.(rule.quorum.scale) ?? rule.quorum.scale} by at least ${percent} of all contingents`;
  }
  if ('openChallenges' in rule) return `challenged in public and unanswered for more than ${durationInWords(rule.openChallenges.olderThan)}`;
  const inner = (r: Rule) => (isCompound(r) ? `(${ruleInWords(r, names, defaultQuorum)})` : ruleInWords(r, names, defaultQuorum));
  if ('all' in rule) return rule.all.map(inner).join(' and ');
  if ('any' in rule) return rule.any.map(inner).join(' or ');
  return `not ${inner(rule.not)}`;
}
