import { describe, expect, it } from 'vitest';
import { describeRule, formatNumber, ruleInWords } from '../../src/lib/editions/describeRule.ts';
import type { Rule } from '../../src/lib/config/schema.ts';

describe('describeRule', () => {
  it.each<[Rule, string]>([
    [{ scale: 'newsworthy', gte: 4 }, 'newsworthy ≥ 4'],
    [{ scale: 'spam', lte: 0.25 }, 'spam ≤ 0.25'],
    [{ scale: 'newsworthy', gte: 2, lte: 4 }, '2 ≤ newsworthy ≤ 4'],
    [{ scale: 'newsworthy' }, 'rated on newsworthy'],
    [{ scale: 'anti-reformist', gte: 1, minRaters: 2 }, 'anti-reformist ≥ 1, at least 2 raters'],
    [{ scale: 'anti-reformist', gte: 1, minRaters: 1 }, 'anti-reformist ≥ 1'],
    [{ tag: 'strike' }, 'tag "strike"'],
    [{ contingent: 'abc' }, 'contingent abc'],
    [{ quorum: { scale: 'endorse' } }, 'endorsed by ≥ 67% of contingents'],
    [{ quorum: { scale: 'endorse', fraction: 0.5 } }, 'endorsed by ≥ 50% of contingents'],
    [{ quorum: { scale: 'statement-7', fraction: 0.75 } }, 'rated above neutral on statement-7 by ≥ 75% of contingents'],
    [{ openChallenges: { olderThan: '7d' } }, 'a challenge unanswered for more than 7d'],
    [{ all: [{ tag: 'a' }, { tag: 'b' }] }, 'tag "a" and tag "b"'],
    [{ any: [{ tag: 'a' }, { all: [{ tag: 'b' }, { tag: 'c' }] }] }, 'tag "a" or (tag "b" and tag "c")'],
    [{ not: { tag: 'a' } }, 'not tag "a"'],
    [{ not: { any: [{ tag: 'a' }, { not: { contingent: 'x' } }] } }, 'not (tag "a" or not contingent x)'],
  ])('%j → %s', (rule, text) => {
    expect(describeRule(rule)).toBe(text);
  });

  it.each<[number, string]>([
    [4, '4'],
    [4.333333, '4.33'],
    [2.5, '2.5'],
    [-0.001, '0'],
    [-1.25, '-1.25'],
  ])('formatNumber(%d) is %s', (value, text) => {
    expect(formatNumber(value)).toBe(text);
  });

  const names = { scale: (id: string) => ({ newsworthy: 'Newsworthy' })[id], contingent: (id: string) => ({ abc: 'ABC Bulletin' })[id] };
  it.each<[Rule, string]>([
    [{ scale: 'newsworthy', gte: 4 }, 'Newsworthy is at least 4'],
    [{ scale: 'spam', lte: 0.25 }, 'spam is at most 0.25'],
    [{ scale: 'newsworthy', gte: 2, lte: 4 }, 'Newsworthy is from 2 to 4'],
    [{ scale: 'newsworthy' }, 'rated on Newsworthy'],
    [{ scale: 'newsworthy', gte: 1, minRaters: 2 }, 'Newsworthy is at least 1, from at least 2 raters'],
    [{ tag: 'strike' }, 'tagged “strike”'],
    [{ contingent: 'abc' }, 'from ABC Bulletin'],
    [{ contingent: 'xyz' }, 'from xyz'],
    [{ quorum: { scale: 'endorse' } }, 'endorsed by at least 67% of all contingents'],
    [{ quorum: { scale: 'newsworthy', fraction: 0.75 } }, 'rated above neutral on Newsworthy by at least 75% of all contingents'],
    [{ openChallenges: { olderThan: '7d' } }, 'challenged in public and unanswered for more than 7 days'],
    [{ any: [{ tag: 'a' }, { all: [{ tag: 'b' }, { contingent: 'abc' }] }] }, 'tagged “a” or (tagged “b” and from ABC Bulletin)'],
    [{ not: { tag: 'a' } }, 'not tagged “a”'],
  ])('in words: %j → %s', (rule, text) => {
    expect(ruleInWords(rule, names)).toBe(text);
  });
});
