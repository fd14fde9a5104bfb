// Times the filter engine on a generated network: 10,000 articles, 50 contingents, 20 raters, 30,000 ratings, 5 editions.
import { createRatingIndex, evaluateAll, evaluateEdition, orderEditions, type EditionResult } from '../src/lib/editions/evaluateEdition.ts';
import { GENERATED_NOW, generateDatabase } from './generateDatabase.ts';

const SIZE = { articles: 10_000, contingents: 50, raters: 20, ratings: 30_000, seed: 1 };

/**
 * Returns milliseconds per step: `index` (resolving ratings), one `edition:<id>` per edition
 * (cold, sharing the index and upstream results), and `evaluateAll` (index included, warm).
 *
 * @example const figures = await benchEvaluate(); figures['evaluateAll'] // 120.5
 */
export async function benchEvaluate(): Promise<Record<string, number>> {
  const db = generateDatabase(SIZE);
  const figures: Record<string, number> = {};
  const time = <T>(name: string, run: () => T): T => {
    const start = performance.now();
    const result = run();
    figures[name] = round(performance.now() - start);
    return result;
  };

  const index = time('index', () => createRatingIndex(db));
  const upstream = new Map<string, EditionResult>();
  for (const edition of orderEditions(db.editions)) {
    upstream.set(edition.id, time(`edition:${edition.id}`, () => evaluateEdition(db, edition, GENERATED_NOW, { index, upstream })));
  }
  figures['index + editions (cold)'] = round(Object.values(figures).reduce((a, b) => a + b, 0));
  time('evaluateAll', () => evaluateAll(db, GENERATED_NOW));
  return figures;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

if (import.meta.main) {
  const figures = await benchEvaluate();
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  console.log(`evaluateEdition: ${SIZE.articles} articles, ${SIZE.contingents} contingents, ${SIZE.raters} raters, ${SIZE.ratings} ratings`);
  for (const [name, ms] of Object.entries(figures)) console.log(`  ${name.padEnd(width)}  ${ms.toFixed(1).padStart(8)} ms`);
}
