// The one place routes get the common database: content collections assembled into plain data.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { getCollection } from 'astro:content';
import type { Database } from '../lib/config/database.ts';
import { DiscoveredFile, type DiscoveredRater } from '../lib/config/schema.ts';

let cached: Promise<Database> | undefined;

/** Loads content/ once per build; every route shares the result. */
export function loadDatabase(): Promise<Database> {
  cached ??= (async () => {
    const [site, contingents, raters, scales, editions, articles, ratings, sources, discovered] = await Promise.all([
      getCollection('site'),
      getCollection('contingents'),
      getCollection('raters'),
      getCollection('scales'),
      getCollection('editions'),
      getCollection('articles'),
      getCollection('ratings'),
      getCollection('sources'),
      readDiscovered(),
    ]);
    const { id: _id, ...siteConfig } = site[0]!.data;
    return {
      site: siteConfig,
      contingents: contingents.map((e) => e.data),
      raters: raters.map((e) => e.data),
      scales: scales.map((e) => e.data),
      editions: editions.map((e) => ({ ...e.data, id: e.id })),
      articles: articles.map((e) => e.data),
      ratings: ratings.map((e) => e.data),
      sources: { sources: Object.fromEntries(sources.map(({ data: { id, ...state } }) => [id, state])) },
      discovered,
    };
  })();
  return cached;
}

/**
 * Raters found through trust (content/state/discovered.json), read here rather than as a content
 * collection: most networks have none, and an empty collection makes every build warn.
 */
async function readDiscovered(): Promise<DiscoveredRater[]> {
  const path = join(resolve(process.env.WIDENET_CONTENT ?? 'content'), 'state', 'discovered.json');
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (text === undefined) return [];
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    data = error;
  }
  const parsed = DiscoveredFile.safeParse(data);
  if (!parsed.success) throw new Error(`[content] ${path}: not a list of discovered raters (${data instanceof Error ? data.message : parsed.error.issues[0]?.message}). Delete it: the next \`npm run aggregate\` writes it again.`);
  return parsed.data.raters;
}
