import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/config/database.ts';
import {
  EditionCycleError,
  UnknownEditionError,
  createRatingIndex,
  endorsements,
  evaluateAll,
  evaluateEdition,
  findEditionCycle,
  listChallenges,
  orderEditions,
  quorumNeeded,
  type EditionResult,
} from '../../src/lib/editions/evaluateEdition.ts';
import type { Rule } from '../../src/lib/config/schema.ts';
import { NOW, hoursAgo, makeDb, makeEdition, type DbInput, type EditionInput, type RatingInput } from '../helpers/makeDb.ts';

const ids = (result: EditionResult) => result.entries.map((e) => e.article.id);
const run = (db: Database, edition: Omit<EditionInput, 'id'>, now = NOW) => evaluateEdition(db, makeEdition({ id: 'e', ...edition }), now);

// Five articles, newest first a1…a5; newsworthy (1–5, neutral 3) scores: a1 4, a2 2.67, a3 2.5, a4 and a5 unrated.
const base: DbInput = {
  contingents: [
    { id: 'abc', rater: 'ra' },
    { id: 'xyz', rater: 'rx' },
    { id: 'def', rater: 'rd' },
  ],
  articles: [
    { id: 'a1', contingent: 'abc', published: hoursAgo(1), tags: ['Strike'] },
    { id: 'a2', contingent: 'xyz', published: hoursAgo(2), tags: ['election'] },
    { id: 'a3', contingent: 'def', published: hoursAgo(3) },
    { id: 'a4', contingent: 'abc', published: hoursAgo(4), tags: ['strike', 'labor'] },
    { id: 'a5', contingent: 'xyz', published: hoursAgo(5) },
  ],
  ratings: {
    alice: [
      ['a1', 'newsworthy', 5],
      ['https://XYZ.example/a2?utm_source=feed#top', 'newsworthy', 4],
      ['a3', 'newsworthy', 2],
      ['a5', 'spam', 1],
    ],
    bob: [
      ['a1', 'newsworthy', 4],
      ['a2', 'newsworthy', 1],
    ],
    ra: [['a3', 'endorse', 1], ['a4', 'endorse', 1]],
    rx: [['a3', 'endorse', 1]],
    rd: [['a3', 'endorse', -1]],
  },
};
const db = makeDb(base);

describe('evaluateEdition: rule kinds', () => {
  it.each<[string, Rule, string[]]>([
    ['scale gte', { scale: 'newsworthy', gte: 4 }, ['a1']],
    ['scale gte just under a score', { scale: 'newsworthy', gte: 2.6 }, ['a1', 'a2']],
    ['scale lte (unrated never holds)', { scale: 'newsworthy', lte: 2.6 }, ['a3']],
    ['scale between', { scale: 'newsworthy', gte: 2.6, lte: 3 }, ['a2']],
    ['scale with no bounds: rated at all', { scale: 'newsworthy' }, ['a1', 'a2', 'a3']],
    ['scale minRaters', { scale: 'newsworthy', gte: 1, minRaters: 2 }, ['a1', 'a2']],
    ['scale at the bound', { scale: 'spam', gte: 0.5 }, ['a5']],
    ['unknown scale never holds', { scale: 'nonexistent', gte: -100 }, []],
    ['tag, case-insensitive', { tag: 'strike' }, ['a1', 'a4']],
    ['tag written in capitals', { tag: 'STRIKE' }, ['a1', 'a4']],
    ['contingent', { contingent: 'xyz' }, ['a2', 'a5']],
    ['quorum, site default 2/3', { quorum: { scale: 'endorse' } }, ['a3']],
    ['quorum 0.667', { quorum: { scale: 'endorse', fraction: 0.667 } }, ['a3']],
    ['quorum 0.3', { quorum: { scale: 'endorse', fraction: 0.3 } }, ['a3', 'a4']],
    ['quorum 1', { quorum: { scale: 'endorse', fraction: 1 } }, []],
    ['all', { all: [{ tag: 'strike' }, { contingent: 'abc' }, { scale: 'newsworthy', gte: 4 }] }, ['a1']],
    ['any', { any: [{ tag: 'election' }, { scale: 'newsworthy', gte: 4 }] }, ['a1', 'a2']],
    ['not', { not: { contingent: 'abc' } }, ['a2', 'a3', 'a5']],
    [
      'two levels deep',
      { all: [{ any: [{ tag: 'strike' }, { tag: 'election' }] }, { not: { scale: 'newsworthy', gte: 4 } }] },
      ['a2', 'a4'],
    ],
    [
      'three levels deep',
      { not: { any: [{ all: [{ tag: 'strike' }, { not: { contingent: 'abc' } }] }, { contingent: 'abc' }] } },
      ['a2', 'a3', 'a5'],
    ],
  ])('include %s', (_name, rule, expected) => {
    expect(ids(run(db, { include: [rule] }))).toEqual(expected);
  });

  it.each<[string, Rule, string[]]>([
    ['exclude a tag', { tag: 'strike' }, ['a2', 'a3', 'a5']],
    ['exclude spam', { scale: 'spam', gte: 0.5 }, ['a1', 'a2', 'a3', 'a4']],
    ['exclude nested', { any: [{ contingent: 'xyz' }, { all: [{ tag: 'labor' }, { tag: 'strike' }] }] }, ['a1', 'a3']],
  ])('%s', (_name, rule, expected) => {
    expect(ids(run(db, { exclude: [rule] }))).toEqual(expected);
  });

  it('keeps an article when ANY include rule holds and drops it when ANY exclude rule holds', () => {
    const result = run(db, { include: [{ tag: 'strike' }, { contingent: 'xyz' }], exclude: [{ contingent: 'abc' }, { tag: 'election' }] });
    expect(ids(result)).toEqual(['a5']);
  });

  it('takes every candidate when there is no include', () => {
    expect(ids(run(db, {}))).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
    expect(ids(run(db, { include: [] }))).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
  });
});

describe('evaluateEdition: explanations', () => {
  it.each<[Rule[] | undefined, string, string[]]>([
    [[{ scale: 'newsworthy', gte: 4 }], 'a1', ['newsworthy ≥ 4 (score 4, 2 raters)']],
    [[{ scale: 'newsworthy', gte: 2, minRaters: 2 }], 'a2', ['newsworthy ≥ 2, at least 2 raters (score 2.67, 2 raters)']],
    [[{ scale: 'newsworthy', lte: 2.5 }], 'a3', ['newsworthy ≤ 2.5 (score 2.5, 1 rater)']],
    [[{ tag: 'strike' }], 'a1', ['tag "strike"']],
    [[{ contingent: 'def' }], 'a3', ['contingent def']],
    [[{ quorum: { scale: 'endorse', fraction: 0.667 } }], 'a3', ['2 of 3 contingents endorse (≥ 67%)']],
    [[{ any: [{ tag: 'election' }, { tag: 'strike' }] }], 'a4', ['tag "strike"']],
    [[{ any: [{ tag: 'strike' }, { contingent: 'abc' }, { tag: 'x' }] }], 'a1', ['tag "strike" and contingent abc']],
    [[{ any: [{ all: [{ tag: 'strike' }, { contingent: 'abc' }] }, { tag: 'x' }] }], 'a1', ['tag "strike" and contingent abc']],
    [[{ any: [{ all: [{ tag: 'strike' }, { contingent: 'abc' }] }, { any: [{ tag: 'labor' }, { tag: 'x' }] }] }], 'a4', ['tag "strike" and contingent abc and tag "labor"']],
    [[{ not: { contingent: 'abc' } }], 'a2', ['not contingent abc']],
    [[{ not: { any: [{ tag: 'x' }, { tag: 'y' }] } }], 'a2', ['not (tag "x" or tag "y")']],
    [[{ all: [{ tag: 'strike' }, { scale: 'newsworthy', gte: 4 }] }], 'a1', ['tag "strike" and newsworthy ≥ 4 (score 4, 2 raters)']],
    [[{ tag: 'strike' }, { contingent: 'xyz' }, { contingent: 'abc' }], 'a1', ['tag "strike"', 'contingent abc']],
    [undefined, 'a1', []],
  ])('include %j explains %s as %j', (include, id, matched) => {
    const entry = run(db, include ? { include } : {}).entries.find((e) => e.article.id === id);
    expect(entry?.matched).toEqual(matched);
  });

  it.each<[Rule[], string, unknown[]]>([
    [[{ scale: 'newsworthy', gte: 4 }], 'a1', [{ kind: 'scale', scale: 'newsworthy', score: 4, raters: 2 }]],
    [[{ tag: 'strike' }], 'a1', [{ kind: 'tag', tag: 'strike' }]],
    [[{ contingent: 'def' }], 'a3', [{ kind: 'contingent', contingent: 'def' }]],
    [[{ quorum: { scale: 'endorse', fraction: 0.667 } }], 'a3', [{ kind: 'quorum', scale: 'endorse', contingents: 2, of: 3 }]],
    [[{ any: [{ tag: 'x' }, { all: [{ tag: 'strike' }, { contingent: 'abc' }] }] }], 'a1', [{ kind: 'tag', tag: 'strike' }, { kind: 'contingent', contingent: 'abc' }]],
    [[{ not: { contingent: 'abc' } }], 'a2', [{ kind: 'not', text: 'not contingent abc' }]],
    [[], 'a1', []],
  ])('include %j gives %s the reasons %j, as data', (include, id, reasons) => {
    expect(run(db, { include }).entries.find((e) => e.article.id === id)?.reasons).toEqual(reasons);
  });

  it('lists every counted rating, sorted by scale then rater, with its weight', () => {
    const entry = run(db, { raters: { bob: 0.5, alice: 1, ra: 0 } }).entries.find((e) => e.article.id === 'a1');
    expect(entry?.ratings).toEqual([
      { rater: 'alice', scale: 'newsworthy', value: 5, weight: 1, at: hoursAgo(0.5) },
      { rater: 'bob', scale: 'newsworthy', value: 4, weight: 0.5, at: hoursAgo(0.5) },
    ]);
    const a3 = run(db, {}).entries.find((e) => e.article.id === 'a3');
    expect(a3?.ratings.map((r) => `${r.scale}/${r.rater}`)).toEqual(['endorse/ra', 'endorse/rd', 'endorse/rx', 'newsworthy/alice']);
  });

  it('keeps rating notes', () => {
    const noted = makeDb({ articles: [{ id: 'n1' }], ratings: { alice: [['n1', 'newsworthy', 5, hoursAgo(1), 'Names the deal']] } });
    expect(run(noted, {}).entries[0]?.ratings[0]?.note).toBe('Names the deal');
  });
});

describe('ratings: latest wins, retract removes', () => {
  const t1 = '2026-11-19T08:00:00Z';
  const t2 = '2026-11-19T09:00:00Z';
  const t3 = '2026-11-19T10:00:00Z';
  it.each<[string, RatingInput[], number | undefined]>([
    ['one rating', [['r1', 'newsworthy', 5, t1]], 5],
    ['retracted', [['r1', 'newsworthy', 5, t1], ['r1', 'newsworthy', 'retract', t2]], undefined],
    ['rated again after a retract', [['r1', 'newsworthy', 5, t1], ['r1', 'newsworthy', 'retract', t2], ['r1', 'newsworthy', 2, t3]], 2],
    ['a retract older than the rating does nothing', [['r1', 'newsworthy', 'retract', t1], ['r1', 'newsworthy', 5, t2]], 5],
    ['a newer retract earlier in the file still removes', [['r1', 'newsworthy', 'retract', t2], ['r1', 'newsworthy', 5, t1]], undefined],
    ['latest at wins over file order', [['r1', 'newsworthy', 5, t2], ['r1', 'newsworthy', 2, t1]], 5],
    ['a tie goes to the later entry', [['r1', 'newsworthy', 5, t1], ['r1', 'newsworthy', 2, t1]], 2],
    ['a retract wins a tie when later', [['r1', 'newsworthy', 2, t1], ['r1', 'newsworthy', 'retract', t1]], undefined],
    ['times compare across offsets', [['r1', 'newsworthy', 5, '2026-11-19T10:00:00+02:00'], ['r1', 'newsworthy', 2, '2026-11-19T07:00:00Z']], 5],
    ['by URL, then by id: one rating', [['https://abc.example/r1', 'newsworthy', 5, t1], ['r1', 'newsworthy', 2, t2]], 2],
    ['guid URL matches', [['https://ABC.example:443/guid/r1#x', 'newsworthy', 4, t1]], 4],
    ['a value outside the scale is ignored', [['r1', 'newsworthy', 4, t1], ['r1', 'newsworthy', 7, t2]], 4],
    ['an unknown scale is ignored', [['r1', 'made-up', 4, t1]], undefined],
  ])('%s', (_name, ratings, expected) => {
    const rdb = makeDb({ articles: [{ id: 'r1', guid: 'https://abc.example/guid/r1' }], ratings: { alice: ratings } });
    const index = createRatingIndex(rdb);
    expect(index.ratingsOf('r1').get('newsworthy')?.get('alice')?.value).toBe(expected);
    const entry = evaluateEdition(rdb, makeEdition({ id: 'e' }), NOW, { index }).entries[0];
    expect(entry?.ratings.find((r) => r.scale === 'newsworthy')?.value).toBe(expected);
  });

  it('ignores rating files of raters that are not in raters.yaml', () => {
    const rdb = makeDb({ articles: [{ id: 'r1' }], ratings: { alice: [['r1', 'newsworthy', 5]] } });
    expect(createRatingIndex({ ...rdb, raters: [] }).ratingsOf('r1').size).toBe(0);
  });

  it('gives a URL rating to every copy of that URL', () => {
    const rdb = makeDb({
      articles: [
        { id: 'orig', contingent: 'abc', url: 'https://news.example/x' },
        { id: 'copy', contingent: 'xyz', url: 'https://news.example/x?utm_medium=rss' },
      ],
      ratings: { alice: [['https://news.example/x', 'newsworthy', 5]] },
    });
    expect(ids(run(rdb, { include: [{ scale: 'newsworthy', gte: 4 }] })).sort()).toEqual(['copy', 'orig']);
  });
});

describe('pending ratings', () => {
  const ratings = { alice: [['https://late.example/story', 'newsworthy', 5]] as RatingInput[] };
  const rule: Rule = { scale: 'newsworthy', gte: 4 };

  it('keeps a rating of a missing article pending, and counts it once the article arrives', () => {
    const before = makeDb({ articles: [{ id: 'other' }], ratings });
    expect(ids(run(before, { include: [rule] }))).toEqual([]);
    expect(createRatingIndex(before).pending).toHaveLength(1);

    const after = makeDb({ articles: [{ id: 'other' }, { id: 'late', contingent: 'late', url: 'https://late.example/story' }], ratings });
    expect(ids(run(after, { include: [rule] }))).toEqual(['late']);
    expect(createRatingIndex(after).pending).toHaveLength(0);
  });
});

describe('rater weights', () => {
  const wdb = makeDb({
    articles: [{ id: 'w1' }],
    ratings: { alice: [['w1', 'newsworthy', 5]], bob: [['w1', 'newsworthy', 1]], carol: [] },
  });
  it.each<[string, Record<string, number> | undefined, number, string[]]>([
    ['default: every rater at 1', undefined, (5 + 1 + 3) / 3, ['alice', 'bob']],
    ['only listed raters count', { alice: 1 }, (5 + 3) / 2, ['alice']],
    ['weight 0 does not count', { alice: 1, bob: 0 }, (5 + 3) / 2, ['alice']],
    ['weights multiply', { alice: 2, bob: 1 }, (10 + 1 + 3) / 4, ['alice', 'bob']],
    ['fractional weights', { alice: 0.5, bob: 0.5 }, (2.5 + 0.5 + 3) / 2, ['alice', 'bob']],
    ['no counted rater: neutral', { carol: 1 }, 3, []],
  ])('%s', (_name, raters, score, counted) => {
    const entry = run(wdb, { ...(raters && { raters }), rank: { sum: [{ scale: 'newsworthy', w: 1 }] } }).entries[0];
    expect(entry?.score).toBeCloseTo(score, 12);
    expect(entry?.ratings.map((r) => r.rater)).toEqual(counted);
  });

  it('never satisfies a scale rule with no counted rating, even when the neutral is in bounds', () => {
    expect(ids(run(wdb, { raters: { carol: 1 }, include: [{ scale: 'newsworthy', gte: 1 }] }))).toEqual([]);
  });

  it.each<[number, Record<string, number> | undefined, boolean]>([
    [3, undefined, true],
    [4, undefined, false],
    [3, { alice: 1, bob: 1, carol: 0 }, false],
    [2, { alice: 1, bob: 1, carol: 0 }, true],
    [2, { alice: 1, bob: 1 }, true],
  ])('minRaters %d with raters %j holds: %s', (minRaters, raters, holds) => {
    const mdb = makeDb({
      articles: [{ id: 'm1' }],
      ratings: { alice: [['m1', 'newsworthy', 5]], bob: [['m1', 'newsworthy', 5]], carol: [['m1', 'newsworthy', 5]] },
    });
    const result = run(mdb, { ...(raters && { raters }), include: [{ scale: 'newsworthy', gte: 4, minRaters }] });
    expect(ids(result)).toEqual(holds ? ['m1'] : []);
  });
});

describe('quorum', () => {
  /** `total` contingents c0…, the first `endorsing` of them endorse q1 through their own raters. */
  function quorumDb(total: number, endorsing: number, site: DbInput['site'] = {}): Database {
    return makeDb({
      site,
      contingents: Array.from({ length: total }, (_, i) => ({ id: `c${i}`, rater: `r${i}` })),
      articles: [{ id: 'q1', contingent: 'c0' }],
      ratings: Object.fromEntries(Array.from({ length: total }, (_, i) => [`r${i}`, [['q1', 'endorse', i < endorsing ? 1 : -1]] as RatingInput[]])),
    });
  }

  it.each<[number, number, number | undefined, boolean]>([
    [3, 2, 0.667, true],
    [3, 2, 2 / 3, true],
    [3, 1, 0.667, false],
    [3, 2, undefined, true],
    [3, 1, undefined, false],
    [6, 4, 0.667, true],
    [6, 3, 0.667, false],
    [9, 6, 0.667, true],
    [9, 5, 2 / 3, false],
    [300, 200, 0.667, true],
    [300, 199, 0.667, false],
    [4, 3, 0.75, true],
    [4, 2, 0.75, false],
    [5, 5, 1, true],
    [5, 4, 1, false],
    [2000, 1999, 1, false],
    [10, 5, 0.5, true],
    [10, 4, 0.5, false],
  ])('%d contingents, %d endorse, fraction %s: holds %s', (total, endorsing, fraction, holds) => {
    const result = run(quorumDb(total, endorsing), { include: [{ quorum: { scale: 'endorse', ...(fraction !== undefined && { fraction }) } }] });
    expect(ids(result)).toEqual(holds ? ['q1'] : []);
  });

  it('uses the site quorum when the rule gives none', () => {
    const rule: Rule = { quorum: { scale: 'endorse' } };
    expect(ids(run(quorumDb(4, 2, { quorum: 0.5 }), { include: [rule] }))).toEqual(['q1']);
    expect(ids(run(quorumDb(4, 2), { include: [rule] }))).toEqual([]);
  });

  it('ignores edition rater weights: endorsements are the contingents\' own', () => {
    expect(ids(run(quorumDb(3, 2), { raters: { nobody: 1 }, include: [{ quorum: { scale: 'endorse' } }] }))).toEqual(['q1']);
  });

  it('counts a neutral rating, a retracted one and a contingent without a rater as not endorsing', () => {
    const qdb = makeDb({
      contingents: [{ id: 'c0', rater: 'r0' }, { id: 'c1', rater: 'r1' }, { id: 'c2', rater: 'r2' }, { id: 'c3' }],
      articles: [{ id: 'q1', contingent: 'c0' }],
      ratings: {
        r0: [['q1', 'endorse', 1]],
        r1: [['q1', 'endorse', 0]],
        r2: [['q1', 'endorse', 1, hoursAgo(2)], ['q1', 'endorse', 'retract', hoursAgo(1)]],
      },
    });
    expect(endorsements(createRatingIndex(qdb), 'q1', 'endorse')).toEqual({ endorsed: ['c0'], notEndorsed: ['c1', 'c2', 'c3'] });
  });

  it.each<[number, number, number]>([
    [3, 0.667, 2],
    [3, 2 / 3, 2],
    [3, 0.67, 3],
    [4, 0.75, 3],
    [1000, 0.667, 667],
    [2000, 1, 2000],
    [0, 0.5, 1],
    [10, 0.01, 1],
  ])('quorumNeeded(%d, %d) is %d', (total, fraction, needed) => {
    expect(quorumNeeded(total, fraction)).toBe(needed);
  });

  it('never holds with no contingents', () => {
    const empty = makeDb({ contingents: [], articles: [{ id: 'q1' }] });
    expect(ids(run(empty, { include: [{ quorum: { scale: 'endorse', fraction: 0.01 } }] }))).toEqual([]);
  });
});

describe('open challenges', () => {
  const cdb = makeDb({
    contingents: [{ id: 'abc' }, { id: 'xyz', rater: 'rx' }, { id: 'def' }],
    articles: [
      { id: 't1', contingent: 'abc', published: hoursAgo(240) },
      { id: 't2', contingent: 'abc', published: hoursAgo(240) },
      { id: 't3', contingent: 'def', published: hoursAgo(240) },
      { id: 't4', contingent: 'def', published: hoursAgo(240) },
      // xyz challenges t1 (unanswered, 8 days old) and t3 (answered by def).
      { id: 'ch1', contingent: 'xyz', published: hoursAgo(192), tags: ['Challenge'], inReplyTo: ['https://abc.example/t1'] },
      { id: 'ch3', contingent: 'xyz', published: hoursAgo(192), tags: ['challenge'], inReplyTo: ['t3'] },
      { id: 'ans3', contingent: 'def', published: hoursAgo(100), inReplyTo: ['https://xyz.example/ch3'] },
      // A reply from a third contingent is not an answer; a self-challenge is not a challenge.
      { id: 'other', contingent: 'def', published: hoursAgo(100), inReplyTo: ['ch1'] },
      { id: 'self', contingent: 'abc', published: hoursAgo(192), tags: ['challenge'], inReplyTo: ['t2'] },
      // An answer published after now does not count yet.
      { id: 'late', contingent: 'def', published: hoursAgo(-5), inReplyTo: ['ch4'] },
      { id: 'ch4', contingent: 'xyz', published: hoursAgo(192), tags: ['challenge'], inReplyTo: ['t4'] },
    ],
    challenges: { rx: [{ article: 't2', at: hoursAgo(200), url: 'https://xyz.example/why-t2' }] },
  });

  it.each<[string, string[]]>([
    ['7d', ['t1', 't2', 't4']],
    ['8d', ['t2']],
    ['9d', []],
    ['180h', ['t1', 't2', 't4']],
  ])('olderThan %s', (olderThan, expected) => {
    const result = run(cdb, { include: [{ openChallenges: { olderThan } }] });
    expect(ids(result).sort()).toEqual(expected);
  });

  it('lists challenges with their answers', () => {
    expect(listChallenges(cdb)).toEqual([
      { challenger: 'xyz', article: 't2', challengedContingent: 'abc', at: hoursAgo(200), url: 'https://xyz.example/why-t2', rater: 'rx' },
      { challenger: 'xyz', article: 't1', challengedContingent: 'abc', at: hoursAgo(192), url: 'https://xyz.example/ch1', challengeId: 'ch1' },
      {
        challenger: 'xyz',
        article: 't3',
        challengedContingent: 'def',
        at: hoursAgo(192),
        url: 'https://xyz.example/ch3',
        challengeId: 'ch3',
        answeredAt: hoursAgo(100),
        answerId: 'ans3',
      },
      {
        challenger: 'xyz',
        article: 't4',
        challengedContingent: 'def',
        at: hoursAgo(192),
        url: 'https://xyz.example/ch4',
        challengeId: 'ch4',
        answeredAt: hoursAgo(-5),
        answerId: 'late',
      },
    ]);
  });

  it('answers a rating-file challenge by replying to its url', () => {
    const answered = makeDb({
      contingents: [{ id: 'abc' }, { id: 'xyz', rater: 'rx' }],
      articles: [
        { id: 't2', contingent: 'abc', published: hoursAgo(240) },
        { id: 'reply', contingent: 'abc', published: hoursAgo(10), inReplyTo: ['https://XYZ.example/why-t2#answer'] },
      ],
      challenges: { rx: [{ article: 'https://abc.example/t2', at: hoursAgo(200), url: 'https://xyz.example/why-t2' }] },
    });
    expect(listChallenges(answered)[0]).toMatchObject({ challenger: 'xyz', answerId: 'reply' });
    expect(ids(run(answered, { include: [{ openChallenges: { olderThan: '1d' } }] }))).toEqual([]);
  });

  it('explains an open challenge', () => {
    const entry = run(cdb, { include: [{ openChallenges: { olderThan: '7d' } }] }).entries.find((e) => e.article.id === 't1');
    expect(entry?.matched).toEqual([`a challenge unanswered for more than 7d (from xyz since ${hoursAgo(192).slice(0, 10)})`]);
  });
});

describe('candidates: contingents and window', () => {
  it.each<[string, Omit<EditionInput, 'id'>, string[]]>([
    ['contingents.include', { contingents: { include: ['abc', 'def'] } }, ['a1', 'a3', 'a4']],
    ['contingents.exclude', { contingents: { exclude: ['abc'] } }, ['a2', 'a3', 'a5']],
    ['both', { contingents: { include: ['abc', 'xyz'], exclude: ['xyz'] } }, ['a1', 'a4']],
    ['an empty include is no restriction', { contingents: { include: [], exclude: [] } }, ['a1', 'a2', 'a3', 'a4', 'a5']],
    ['window 90m', { window: '90m' }, ['a1']],
    ['window 3h keeps an article exactly 3h old', { window: '3h' }, ['a1', 'a2', 'a3']],
    ['window 1d', { window: '1d' }, ['a1', 'a2', 'a3', 'a4', 'a5']],
    ['limit', { limit: 2 }, ['a1', 'a2']],
    ['limit larger than the edition', { limit: 200 }, ['a1', 'a2', 'a3', 'a4', 'a5']],
  ])('%s', (_name, edition, expected) => {
    expect(ids(run(db, edition))).toEqual(expected);
  });

  it('keeps an article dated in the future inside a window', () => {
    const fdb = makeDb({ articles: [{ id: 'f1', published: hoursAgo(-2) }, { id: 'old', published: hoursAgo(24 * 40) }] });
    expect(ids(run(fdb, { window: '30d' }))).toEqual(['f1']);
  });
});

describe('order', () => {
  const same = hoursAgo(3);
  const tdb = makeDb({
    articles: [
      { id: 'b', published: same },
      { id: 'c', published: same },
      { id: 'a', published: same },
      { id: 'new', published: hoursAgo(1) },
      { id: 'old', published: hoursAgo(9) },
    ],
    ratings: { alice: [['b', 'newsworthy', 5], ['new', 'newsworthy', 5], ['old', 'newsworthy', 5], ['a', 'newsworthy', 5]] },
  });

  it('is newest first, then id ascending', () => {
    expect(ids(run(tdb, {}))).toEqual(['new', 'a', 'b', 'c', 'old']);
  });

  it('breaks rank ties by newer first, then id', () => {
    const result = run(tdb, { rank: { sum: [{ scale: 'newsworthy', w: 1 }] } });
    expect(ids(result)).toEqual(['new', 'a', 'b', 'old', 'c']);
    expect(result.entries.map((e) => e.score)).toEqual([4, 4, 4, 4, 3]);
  });

  it('does not depend on the order of articles in the database', () => {
    const reversed = { ...tdb, articles: [...tdb.articles].reverse() };
    expect(ids(run(reversed, { rank: { sum: [{ scale: 'newsworthy', w: 1 }] } }))).toEqual(['new', 'a', 'b', 'old', 'c']);
  });
});

describe('rank', () => {
  const rdb = makeDb({
    articles: [
      { id: 'fresh', published: hoursAgo(0) },
      { id: 'stale', published: hoursAgo(36) },
      { id: 'spammy', published: hoursAgo(72) },
    ],
    ratings: {
      alice: [['fresh', 'newsworthy', 5], ['stale', 'newsworthy', 5], ['spammy', 'newsworthy', 5], ['spammy', 'spam', 1]],
      bob: [['stale', 'newsworthy', 5], ['spammy', 'newsworthy', 5]],
    },
  });

  it.each<[string, NonNullable<EditionInput['rank']>, [string, number][]]>([
    [
      'a weighted sum, highest first, equal scores newer first',
      { sum: [{ scale: 'newsworthy', w: 1 }] },
      [['stale', 13 / 3], ['spammy', 13 / 3], ['fresh', 4]],
    ],
    [
      'a negative weight pushes down',
      { sum: [{ scale: 'newsworthy', w: 1 }, { scale: 'spam', w: -2 }] },
      [['stale', 13 / 3], ['fresh', 4], ['spammy', 13 / 3 - 1]],
    ],
    [
      'halfLife halves the score each half-life',
      { sum: [{ scale: 'newsworthy', w: 1 }], halfLife: '36h' },
      [['fresh', 4], ['stale', 13 / 6], ['spammy', 13 / 12]],
    ],
    [
      'an unknown scale adds nothing',
      { sum: [{ scale: 'newsworthy', w: 1 }, { scale: 'unknown', w: 5 }] },
      [['stale', 13 / 3], ['spammy', 13 / 3], ['fresh', 4]],
    ],
  ])('%s', (_name, rank, expected) => {
    const result = run(rdb, { rank });
    expect(ids(result)).toEqual(expected.map(([id]) => id));
    result.entries.forEach((entry, i) => expect(entry.score).toBeCloseTo(expected[i]?.[1] ?? NaN, 12));
  });

  it('leaves score undefined without rank', () => {
    expect(run(rdb, {}).entries.every((e) => e.score === undefined && !('score' in e))).toBe(true);
  });

  it('limits after ranking', () => {
    expect(ids(run(rdb, { rank: { sum: [{ scale: 'newsworthy', w: 1 }], halfLife: '36h' }, limit: 1 }))).toEqual(['fresh']);
  });
});

describe('composition', () => {
  const editions: EditionInput[] = [
    { id: 'top', from: 'worthy', include: [{ tag: 'strike' }], limit: 1 },
    { id: 'worthy', from: 'recent', include: [{ scale: 'newsworthy', gte: 2.5 }] },
    { id: 'recent', window: '4h' },
  ];
  const cdb = makeDb({ ...base, editions });

  it('evaluates every edition in dependency order, two levels deep', () => {
    const results = evaluateAll(cdb, NOW);
    expect([...results.keys()]).toEqual(['recent', 'worthy', 'top']);
    expect(ids(results.get('recent') as EditionResult)).toEqual(['a1', 'a2', 'a3', 'a4']);
    expect(ids(results.get('worthy') as EditionResult)).toEqual(['a1', 'a2', 'a3']);
    expect(ids(results.get('top') as EditionResult)).toEqual(['a1']);
  });

  it('evaluates missing upstream editions on the way', () => {
    const top = cdb.editions.find((e) => e.id === 'top');
    expect(top && ids(evaluateEdition(cdb, top, NOW))).toEqual(['a1']);
  });

  it('uses the given upstream result and re-sorts it', () => {
    const worthy = cdb.editions.find((e) => e.id === 'worthy');
    const article = (id: string) => cdb.articles.find((a) => a.id === id);
    const upstream = new Map<string, EditionResult>([
      ['recent', { edition: 'recent', entries: ['a3', 'a5', 'a1'].map((id) => ({ article: article(id)!, matched: [], reasons: [], ratings: [] })) }],
    ]);
    expect(worthy && ids(evaluateEdition(cdb, worthy, NOW, { upstream }))).toEqual(['a1', 'a3']);
    expect([...upstream.keys()]).toEqual(['recent']);
  });

  it('throws UnknownEditionError for a missing upstream', () => {
    const lost = makeDb({ ...base, editions: [{ id: 'lost', from: 'nowhere' }] });
    expect(() => evaluateAll(lost, NOW)).toThrow(UnknownEditionError);
    expect(() => evaluateAll(lost, NOW)).toThrow('"from: nowhere" names no edition');
  });
});

describe('cycles', () => {
  it.each<[string, { id: string; from: string }[], string[] | undefined]>([
    ['none', [], undefined],
    ['from all', [{ id: 'a', from: 'all' }], undefined],
    ['a chain', [{ id: 'c', from: 'b' }, { id: 'b', from: 'a' }, { id: 'a', from: 'all' }], undefined],
    ['an unknown upstream', [{ id: 'a', from: 'ghost' }], undefined],
    ['itself', [{ id: 'a', from: 'a' }], ['a', 'a']],
    ['two', [{ id: 'a', from: 'b' }, { id: 'b', from: 'a' }], ['a', 'b', 'a']],
    ['three, after a good one', [{ id: 'x', from: 'all' }, { id: 'a', from: 'b' }, { id: 'b', from: 'c' }, { id: 'c', from: 'a' }], ['a', 'b', 'c', 'a']],
    ['a tail into a loop', [{ id: 'a', from: 'b' }, { id: 'b', from: 'c' }, { id: 'c', from: 'b' }], ['b', 'c', 'b']],
  ])('%s', (_name, editions, cycle) => {
    expect(findEditionCycle(editions)).toEqual(cycle);
  });

  it('orders editions so each comes after its upstream', () => {
    expect(orderEditions([{ id: 'c', from: 'b' }, { id: 'b', from: 'a' }, { id: 'x', from: 'all' }, { id: 'a', from: 'all' }]).map((e) => e.id)).toEqual([
      'a',
      'b',
      'c',
      'x',
    ]);
  });

  it('throws EditionCycleError with the path from evaluateAll and evaluateEdition', () => {
    const looped = makeDb({ ...base, editions: [{ id: 'a', from: 'b' }, { id: 'b', from: 'a' }] });
    expect(() => evaluateAll(looped, NOW)).toThrow(EditionCycleError);
    expect(() => evaluateAll(looped, NOW)).toThrow('a → b → a');
    const a = looped.editions[0]!;
    try {
      evaluateEdition(looped, a, NOW);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EditionCycleError);
      expect((error as EditionCycleError).cycle).toEqual(['a', 'b', 'a']);
    }
  });
});

describe('an empty database', () => {
  const empty = makeDb();
  it.each<[string, Omit<EditionInput, 'id'>]>([
    ['no rules', {}],
    ['every kind of rule', {
      include: [{ scale: 'newsworthy', gte: 1 }, { tag: 'x' }, { contingent: 'abc' }, { quorum: { scale: 'endorse' } }, { openChallenges: { olderThan: '1d' } }],
      exclude: [{ not: { tag: 'x' } }],
      rank: { sum: [{ scale: 'newsworthy', w: 1 }], halfLife: '1d' },
      window: '1d',
      limit: 5,
    }],
  ])('%s gives no entries', (_name, edition) => {
    expect(run(empty, edition)).toEqual({ edition: 'e', entries: [] });
  });

  it('evaluateAll gives an empty map with no editions', () => {
    expect(evaluateAll(empty, NOW).size).toBe(0);
  });
});

describe('purity', () => {
  it('gives the same result twice and does not touch the database', () => {
    const before = JSON.stringify(db);
    const edition = { include: [{ scale: 'newsworthy', gte: 2 } as Rule], rank: { sum: [{ scale: 'newsworthy', w: 1 }] } };
    expect(run(db, edition)).toEqual(run(db, edition));
    expect(JSON.stringify(db)).toBe(before);
  });
});
