import { describe, expect, it } from 'vitest';
import { GENERATED_NOW, generateDatabase, mulberry32 } from '../../bench/generateDatabase.ts';
import { evaluateAll, findEditionCycle } from '../../src/lib/editions/evaluateEdition.ts';
import { Article, Contingent, Edition, Rater, Scale, StoredRatings } from '../../src/lib/config/schema.ts';

describe('generateDatabase', () => {
  const options = { articles: 400, contingents: 8, raters: 5, ratings: 1200, seed: 7 };
  const db = generateDatabase(options);

  it('is deterministic for a seed, and differs across seeds', () => {
    expect(generateDatabase(options)).toEqual(db);
    expect(generateDatabase({ ...options, seed: 8 }).articles[0]?.id).not.toBe(db.articles[0]?.id);
    expect(mulberry32(1)()).toBe(mulberry32(1)());
  });

  it('has the requested sizes', () => {
    expect(db.articles).toHaveLength(400);
    expect(db.contingents).toHaveLength(8);
    expect(db.raters).toHaveLength(5);
    expect(db.ratings.reduce((n, f) => n + f.ratings.length, 0)).toBe(1200);
    expect(db.editions.map((e) => e.id)).toEqual(['latest', 'newsworthy', 'digest', 'statements', 'challenges']);
    expect(findEditionCycle(db.editions)).toBeUndefined();
  });

  it('passes the shared schemas', () => {
    for (const a of db.articles) expect(() => Article.parse(a)).not.toThrow();
    for (const c of db.contingents) Contingent.parse(c);
    for (const r of db.raters) Rater.parse(r);
    for (const s of db.scales) Scale.parse(s);
    for (const f of db.ratings) StoredRatings.parse(f);
    for (const { id: _id, ...e } of db.editions) Edition.parse(e);
    expect(new Set(db.articles.map((a) => a.id)).size).toBe(db.articles.length);
  });

  it('exercises every part of the engine', () => {
    const results = evaluateAll(db, GENERATED_NOW);
    for (const id of ['latest', 'newsworthy', 'digest', 'statements', 'challenges']) expect(results.get(id)?.entries.length, id).toBeGreaterThan(0);
    const ratings = db.ratings.flatMap((f) => f.ratings);
    expect(ratings.some((r) => r.retract)).toBe(true);
    expect(ratings.some((r) => r.article.includes('utm_source'))).toBe(true);
  });
});
