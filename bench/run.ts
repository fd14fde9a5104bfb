// npm run bench: every benchmark in turn. Prints figures; never fails on a number.
import { benchAggregate } from './aggregate.bench.ts';
import { benchEvaluate } from './evaluateEdition.bench.ts';
import { benchBuild, benchSizes } from './build.bench.ts';
import { benchSearch } from './search.bench.ts';
import { benchCopies } from './copies.bench.ts';
import { printTrust } from './trust.bench.ts';
import { benchCommons } from './commons.bench.ts';
import { benchDist } from './dist.bench.ts';

const only = process.argv[2];
const benches: Record<string, () => Promise<unknown>> = {
  aggregate: benchAggregate,
  evaluate: benchEvaluate,
  build: benchBuild,
  search: benchSearch,
  copies: benchCopies,
  trust: printTrust,
  commons: benchCommons,
  // Only on its own: `build` prints the same figures.
  sizes: benchSizes,
  // Only on its own (one more hub build): where dist/'s bytes go, per article.
  dist: benchDist,
};
for (const [name, bench] of Object.entries(benches)) {
  if (only ? only !== name : name === 'sizes' || name === 'dist') continue;
  try {
    await bench();
  } catch (error) {
    console.log(`${name}: could not run: ${(error as Error).message}`);
  }
  console.log('');
}
