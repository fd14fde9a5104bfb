// npm run schemas: regenerate schemas/*.schema.json from the zod schemas in src/lib/schema.ts.
import { join } from 'node:path';
import { jsonSchemas } from '../src/lib/jsonSchemas.ts';
import { toJson, writeAtomic } from './lib/writeAtomic.ts';

for (const [name, schema] of Object.entries(jsonSchemas())) {
  const path = join('schemas', `${name}.schema.json`);
  if (await writeAtomic(path, toJson(schema))) console.log(`[schemas] wrote ${path}`);
}
