import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dropUndefined } from '../../src/lib/config/dropUndefined.ts';
import type { Database } from '../../src/lib/config/database.ts';
import { evaluateEdition, type EditionResult } from '../../src/lib/editions/evaluateEdition.ts';
import type { Rule } from '../../src/lib/config/schema.ts';
import { DEFAULT_SCALES, NOW, hoursAgo, makeDb, makeEdition, type EditionInput, type RatingInput } from '../helpers/makeDb.ts';

const CONTINGENTS = ['abc', 'xyz', 'def'];
const RATERS = ['alice', 'bob', 'ra', 'rx'];
const SCALES = DEFAULT_SCALES.map((s) => s.id);
const TAGS = ['strike', 'Strike', 'election', 'labor'];

const half = (min: number, max: number) => fc.integer({ min: min * 2, max: max * 2 }).map((n) => n / 2);

const arbDb: fc.Arbitrary<Database> = fc
  .record({
    articles: fc.array(
      fc.record({
        contingent: fc.constantFrom(...CONTINGENTS),
        // Few distinct ages, so ties on `published` are common.
        hours: fc.integer({ min: 0, max: 12 }).map((h) => h * 6),
        tags: fc.subarray(TAGS),
      }),
      { maxLength: 12 },
    ),
    ratings: fc.array(
      fc.record({
        rater: fc.constantFrom(...RATERS),
        // Indices past the last article make pending ratings.
        article: fc.nat({ max: 13 }),
        byUrl: fc.boolean(),
        scale: fc.constantFrom(...SCALES),
        position: fc.double({ min: 0, max: 1, noNaN: true }),
        retract: fc.boolean(),
        hours: fc.integer({ min: 0, max: 4 }),
      }),
      { maxLength: 40 },
    ),
  })
  .map(({ articles, ratings }) =>
    makeDb({
      contingents: [{ id: 'abc', rater: 'ra' }, { id: 'xyz', rater: 'rx' }, 'def'],
      articles: articles.map((a, i) => ({ id: `p${i}`, contingent: a.contingent, published: hoursAgo(a.hours), tags: a.tags })),
      ratings: Object.fromEntries(
        RATERS.map((rater) => [
          rater,
          ratings
            .filter((r) => r.rater === rater)
            .map((r): RatingInput => {
              const scale = DEFAULT_SCALES.find((s) => s.id === r.scale)!;
              const ref = r.byUrl ? `https://abc.example/p${r.article}` : `p${r.article}`;
              const value = Math.round((scale.min + r.position * (scale.max - scale.min)) * 2) / 2;
              return [ref, r.scale, r.retract ? 'retract' : value, hoursAgo(r.hours)];
            }),
        ]),
      ),
    }),
  );

const arbScaleRule = fc.record(
  { scale: fc.constantFrom(...SCALES), gte: half(-2, 5), lte: half(-2, 5), minRaters: fc.integer({ min: 1, max: 3 }) },
  { requiredKeys: ['scale'] },
);

const arbRule: fc.Arbitrary<Rule> = fc.letrec<{ rule: Rule }>((tie) => ({
  rule: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    arbScaleRule,
    fc.record({ tag: fc.constantFrom(...TAGS) }),
    fc.record({ contingent: fc.constantFrom(...CONTINGENTS) }),
    fc.record({ quorum: fc.record({ scale: fc.constant('endorse'), fraction: fc.constantFrom(0.3, 0.5, 0.667, 1) }, { requiredKeys: ['scale'] }) }),
    fc.record({ all: fc.array(tie('rule'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ any: fc.array(tie('rule'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ not: tie('rule') }),
  ),
})).rule;

/** Sometimes `arb`, more often absent (weights absent:present), so editions stay broad enough to keep articles. */
const sometimes = <T,>(arb: fc.Arbitrary<T>, absent = 2): fc.Arbitrary<T | undefined> =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: absent }, { arbitrary: arb, weight: 1 });

/** Editions without `limit`: a limit lets a dropped article make room for another, which the monotonic properties exclude. */
const arbEdition: fc.Arbitrary<Omit<EditionInput, 'id'>> = fc
  .record({
    raters: sometimes(fc.dictionary(fc.constantFrom(...RATERS), fc.constantFrom(0, 0.5, 1, 2)), 1),
    window: sometimes(fc.constantFrom('6h', '2d', '30d')),
    contingents: sometimes(fc.record({ include: fc.subarray(CONTINGENTS), exclude: fc.subarray(CONTINGENTS, { maxLength: 1 }) }), 3),
    include: sometimes(fc.array(arbRule, { minLength: 1, maxLength: 3 }), 1),
    exclude: sometimes(fc.array(arbRule, { minLength: 1, maxLength: 2 })),
    rank: sometimes(
      fc.record(
        {
          sum: fc.array(fc.record({ scale: fc.constantFrom(...SCALES), w: fc.constantFrom(-1, 0.5, 1, 2) }), { minLength: 1, maxLength: 3 }),
          halfLife: fc.constantFrom('6h', '36h'),
        },
        { requiredKeys: ['sum'] },
      ),
      1,
    ),
  })
  .map(dropUndefined);

const evaluate = (db: Database, edition: Omit<EditionInput, 'id'>): EditionResult => evaluateEdition(db, makeEdition({ id: 'e', ...edition }), NOW);
const idSet = (result: EditionResult) => new Set(result.entries.map((e) => e.article.id));
const isSubset = (a: Set<string>, b: Set<string>) => [...a].every((id) => b.has(id));

describe('evaluateEdition properties', () => {
  it('adding an exclude rule never adds articles', () => {
    fc.assert(
      fc.property(arbDb, arbEdition, arbRule, (db, edition, extra) => {
        const before = idSet(evaluate(db, edition));
        const after = idSet(evaluate(db, { ...edition, exclude: [...(edition.exclude ?? []), extra] }));
        expect(isSubset(after, before)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('raising gte of an include scale rule never adds articles', () => {
    fc.assert(
      fc.property(arbDb, arbEdition, arbScaleRule, half(0, 4), (db, edition, rule, raise) => {
        const gte = rule.gte ?? -2;
        const others = edition.include ?? [];
        const low = idSet(evaluate(db, { ...edition, include: [{ ...rule, gte }, ...others] }));
        const high = idSet(evaluate(db, { ...edition, include: [{ ...rule, gte: gte + raise }, ...others] }));
        expect(isSubset(high, low)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('limit never reorders: the limited result is a prefix of the full one', () => {
    fc.assert(
      fc.property(arbDb, arbEdition, fc.integer({ min: 1, max: 15 }), (db, edition, limit) => {
        const full = evaluate(db, edition).entries;
        const limited = evaluate(db, { ...edition, limit }).entries;
        expect(limited).toEqual(full.slice(0, limit));
      }),
      { numRuns: 200 },
    );
  });

  it('the order of articles in the database does not change the result', () => {
    fc.assert(
      fc.property(
        arbDb.chain((db) => fc.tuple(fc.constant(db), fc.shuffledSubarray(db.articles, { minLength: db.articles.length }))),
        arbEdition,
        ([db, shuffled], edition) => {
          expect(evaluate({ ...db, articles: shuffled }, edition)).toEqual(evaluate(db, edition));
        },
      ),
      { numRuns: 200 },
    );
  });
});
