// The content collections read content/ with the same zod schemas the aggregator writes with.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { parse } from 'yaml';
import { Article, Contingent, Edition, Rater, Scale, SiteConfig, SourceState, StoredRatings } from './lib/config/schema.ts';

const contentDir = resolve(process.env.WIDENET_CONTENT ?? 'content');
const at = (path: string) => join(contentDir, path);

export const collections = {
  site: defineCollection({
    loader: async () => [{ id: 'site', ...parse(await readFile(at('site.yaml'), 'utf8')) }],
    schema: SiteConfig.extend({ id: z.string() }),
  }),
  contingents: defineCollection({ loader: file(at('contingents.yaml')), schema: Contingent }),
  raters: defineCollection({ loader: file(at('raters.yaml')), schema: Rater }),
  scales: defineCollection({ loader: file(at('scales.yaml')), schema: Scale }),
  editions: defineCollection({ loader: glob({ pattern: '*.{yaml,yml}', base: at('editions') }), schema: Edition }),
  articles: defineCollection({
    loader: glob({ pattern: '*/*.json', base: at('articles'), generateId: ({ data }) => String(data.id) }),
    schema: Article,
  }),
  ratings: defineCollection({
    loader: glob({ pattern: '*.json', base: at('ratings'), generateId: ({ data }) => String(data.rater) }),
    schema: StoredRatings,
  }),
  sources: defineCollection({
    loader: async () => {
      const text = await readFile(at('state/sources.json'), 'utf8').catch(() => '{"sources":{}}');
      const { sources } = JSON.parse(text) as { sources: Record<string, unknown> };
      return Object.entries(sources).map(([id, state]) => ({ ...(state as object), id }));
    },
    schema: SourceState.extend({ id: z.string() }),
  }),
};
