// npm run bench: every benchmark in turn, or `npm run bench -- <name>` one of them. Prints figures;
// never fails on a number.
import { benchAggregate } from './aggregate.bench.ts';
import { benchEvaluate } from './evaluateEdition.bench.ts';
import { benchBuild, benchSizes } from './build.bench.ts';
import { benchSearch } from './search.bench.ts';
import { benchCopies } from './copies.bench.ts';
import { printTrust } from './trust.bench.ts';
import { benchCommons } from './commons.bench.ts';
import { benchDist } from './dist.bench.ts';
import { benchScale } from './scale.bench.ts';
import { benchHourly } from './hourly.bench.ts';
import { benchShards } from './shards.bench.ts';

const only = process.argv[2];
const benches: Record<string, () => Promise<unknown>> = {
  aggregate: benchAggregate,
  evaluate: benchEvaluate,
  build: benchBuild,
  search: benchSearch,
  copies: benchCopies,
  trust: printTrust,
  commons: benchCommons,
  // Only by name: `build` prints the same figures as `sizes`; `dist` is one more hub build, where
  // dist/'s bytes go per article. Scale and hourly (by name or `all`) take minutes each: hub builds
  // of up to 100,000 articles.
  sizes: benchSizes,
  dist: benchDist,
  scale: benchScale,
  hourly: benchHourly,
  shards: benchShards,
};
const ALONE = new Set(['sizes', 'dist', 'scale', 'hourly']);
if (only && only !== 'all' && !(only in benches)) {
  console.log(`bench: no benchmark named "${only}". Use one of: ${Object.keys(benches).join(', ')}, or all.`);
  process.exit(1);
}
for (const [name, bench] of Object.entries(benches)) {
  if (only === 'all' ? name === 'sizes' || name === 'dist' : only ? only !== name : ALONE.has(name)) continue;
  try {
    await bench();
  } catch (error) {
    console.log(`${name}: could not run: ${(error as Error).message}`);
  }
  console.log('');
}
