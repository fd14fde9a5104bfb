// npm run schemas: regenerate schemas/*.schema.json from the zod schemas in src/lib/config/schema.ts.
import { join } from 'node:path';
import { jsonSchemas } from '../src/lib/config/jsonSchemas.ts';
import { toJson, writeAtomic } from './aggregator/writeAtomic.ts';

for (const [name, schema] of Object.entries(jsonSchemas())) {
  const path = join('schemas', `${name}.schema.json`);
  if (await writeAtomic(path, toJson(schema))) console.log(`[schemas] wrote ${path}`);
}
