import { z } from 'astro/zod';
import { ContingentsFile, Edition, PublishedRatingFile, RatersFile, ScalesFile, SiteConfig } from './schema.ts';

const FILES = {
  site: SiteConfig,
  contingents: ContingentsFile,
  raters: RatersFile,
  scales: ScalesFile,
  edition: Edition,
  ratings: PublishedRatingFile,
} as const;

/**
 * JSON Schemas for the YAML config files and for JSON rating files, generated from the same zod schemas that validate them,
 * so editors autocomplete and flag mistakes as you type.
 *
 * @example jsonSchemas().edition.properties.limit // => { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER }
 */
export function jsonSchemas(): Record<keyof typeof FILES, Record<string, unknown>> {
  return Object.fromEntries(
    Object.entries(FILES).map(([name, schema]) => [
      name,
      {
        ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }),
        $id: `https://wide-net.github.io/schemas/${name}.schema.json`,
        title: `Wide Net ${name} file`,
      },
    ]),
  ) as unknown as Record<keyof typeof FILES, Record<string, unknown>>;
}
