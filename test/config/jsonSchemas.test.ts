import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { jsonSchemas } from '../../src/lib/config/jsonSchemas.ts';

describe('JSON Schemas for the YAML config', () => {
  it.each(Object.entries(jsonSchemas()))('schemas/%s.schema.json is generated from the zod schema (run npm run schemas)', async (name, schema) => {
    const committed = JSON.parse(await readFile(`schemas/${name}.schema.json`, 'utf8'));
    expect(committed).toEqual(schema);
  });

  it.each([
    ['content/site.yaml', '../schemas/site.schema.json'],
    ['content/contingents.yaml', '../schemas/contingents.schema.json'],
    ['content/raters.yaml', '../schemas/raters.schema.json'],
    ['content/scales.yaml', '../schemas/scales.schema.json'],
    ['content/editions/commons.yaml', '../../schemas/edition.schema.json'],
  ])('%s points editors at its schema', async (file, schema) => {
    const firstLine = (await readFile(file, 'utf8')).split('\n')[0];
    expect(firstLine).toBe(`# yaml-language-server: $schema=${schema}`);
  });

  it('describes edition rules so editors can complete them', () => {
    const edition = jsonSchemas().edition as { properties: Record<string, unknown> };
    expect(Object.keys(edition.properties)).toEqual(expect.arrayContaining(['title', 'from', 'include', 'exclude', 'rank', 'limit', 'window', 'raters']));
  });
});
