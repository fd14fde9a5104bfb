// Challenge bookkeeping: answered or open at a time, ages, and the median time to answer per contingent.
import { describe, expect, it } from 'vitest';
import type { ChallengeRecord } from '../../src/lib/ratings/challenges.ts';
import { isAnswered, median, summarizeChallenges } from '../../src/lib/transparency/challengeStats.ts';
import { listChallenges } from '../../src/lib/editions/evaluateEdition.ts';
import { hoursAgo, makeDb, NOW } from '../helpers/makeDb.ts';

const H = 3_600_000;
const record = (contingent: string, atHours: number, answeredHours?: number): ChallengeRecord => ({
  challenger: 'x',
  article: `${contingent}-${atHours}`,
  challengedContingent: contingent,
  at: hoursAgo(atHours),
  ...(answeredHours !== undefined && { answeredAt: hoursAgo(answeredHours), answerId: 'r' }),
});

describe('median', () => {
  it.each<[number[], number | undefined]>([
    [[], undefined],
    [[5], 5],
    [[3, 1, 2], 2],
    [[1, 2, 3, 10], 2.5],
    [[10, 1], 5.5],
  ])('median(%j) is %s', (values, expected) => expect(median(values)).toBe(expected));
});

describe('isAnswered', () => {
  it.each<[string | undefined, boolean]>([
    [undefined, false],
    [hoursAgo(1), true],
    [hoursAgo(0), true],
    // An answer dated after the build's now does not count yet.
    [hoursAgo(-1), false],
  ])('answeredAt %s: %s', (answeredAt, expected) => expect(isAnswered({ ...(answeredAt && { answeredAt }) }, NOW.getTime())).toBe(expected));
});

describe('summarizeChallenges', () => {
  it('counts received, answered and open, the oldest open age and the median time to answer', () => {
    const records = [
      record('abc', 100, 90), // answered in 10 h
      record('abc', 80, 50), // answered in 30 h
      record('abc', 60, 59), // answered in 1 h
      record('abc', 48), // open 48 h
      record('abc', 400), // open 400 h
      record('xyz', 10), // open 10 h
      record('xyz', 20, -5), // answered after now: still open
      record('def', 30, 31), // answered before it was made (clock skew): at once
    ];
    expect(summarizeChallenges(records, ['abc', 'def', 'xyz', 'quiet'], NOW)).toEqual([
      { contingent: 'abc', received: 5, answered: 3, open: 2, oldestOpenMs: 400 * H, medianAnswerMs: 10 * H },
      { contingent: 'xyz', received: 2, answered: 0, open: 2, oldestOpenMs: 20 * H },
      { contingent: 'def', received: 1, answered: 1, open: 0, medianAnswerMs: 0 },
      { contingent: 'quiet', received: 0, answered: 0, open: 0 },
    ]);
  });

  it('ties on open challenges go to the oldest open one, then contingents.yaml order', () => {
    const order = summarizeChallenges([record('b', 10), record('c', 50)], ['a', 'b', 'c'], NOW).map((s) => s.contingent);
    expect(order).toEqual(['c', 'b', 'a']);
  });

  it('works on listChallenges: a three-step thread with one challenge answered and one open', () => {
    const db = makeDb({
      contingents: ['abc', 'def', 'xyz'],
      articles: [
        { id: 'story', contingent: 'abc', published: hoursAgo(72) },
        { id: 'ch-def', contingent: 'def', published: hoursAgo(48), tags: ['challenge'], inReplyTo: ['story'] },
        { id: 'answer', contingent: 'abc', published: hoursAgo(24), inReplyTo: ['ch-def'] },
        { id: 'ch-xyz', contingent: 'xyz', published: hoursAgo(36), tags: ['Challenge'], inReplyTo: ['https://abc.example/story'] },
      ],
    });
    const [abc] = summarizeChallenges(listChallenges(db), db.contingents.map((c) => c.id), NOW);
    expect(abc).toEqual({ contingent: 'abc', received: 2, answered: 1, open: 1, oldestOpenMs: 36 * H, medianAnswerMs: 24 * H });
  });
});

describe('listChallenges, bounded', () => {
  it('keeps one challenge per article from one rating file, its newest entry, however often the file lists it', () => {
    const repeated = Array.from({ length: 5_000 }, (_, i) => ({ article: 'story', at: hoursAgo(100 - (i % 50)), note: `copy ${i}` }));
    const db = makeDb({
      contingents: ['abc', 'def'],
      articles: [
        { id: 'story', contingent: 'abc', published: hoursAgo(200) },
        { id: 'other', contingent: 'def', published: hoursAgo(200) },
      ],
      challenges: { alice: [...repeated, { article: 'other', at: hoursAgo(10), note: 'the other one' }] },
    });
    const records = listChallenges(db);
    expect(records.map((r) => [r.article, r.rater, r.note])).toEqual([
      // The newest entry is 51 h old; of the 100 entries that old, the last one listed (i = 4,999) wins.
      ['story', 'alice', 'copy 4999'],
      ['other', 'alice', 'the other one'],
    ]);
    expect(records[0]!.at).toBe(hoursAgo(51));
  });
});
