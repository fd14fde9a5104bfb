// The one place routes get the common database: content collections assembled into plain data.
import { getCollection } from 'astro:content';
import type { Database } from '../lib/config/database.ts';

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
      getCollection('discovered'),
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
      discovered: discovered.map((e) => e.data).sort((a, b) => (a.id < b.id ? -1 : 1)),
    };
  })();
  return cached;
}
