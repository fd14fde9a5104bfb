// The common database read straight from content/: the config, then every file the aggregator
// wrote, each read and validated once. The check before a build reads it and hands it to the routes.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError, type ConfigProblem } from '../lib/check/configError.ts';
import { validateConfig, type Config } from '../lib/check/validateConfig.ts';
import type { Database } from '../lib/config/database.ts';
import { DiscoveredFile, type DiscoveredRater } from '../lib/config/schema.ts';
import { readContentFiles } from '../../scripts/cli/contentProblems.ts';
import { displayPath, readConfigTexts } from '../../scripts/cli/loadConfig.ts';

/**
 * Reads `contentDir` whole: the database, or every problem that keeps it from being one (the same
 * lines `npm run check` prints) and the config when that much is valid.
 *
 * @example const { database, problems } = await readDatabase('content'); database?.articles.length // 9
 */
export async function readDatabase(contentDir: string): Promise<{ database?: Database; config?: Config; problems: ConfigProblem[] }> {
  let texts;
  try {
    texts = await readConfigTexts(contentDir);
  } catch (error) {
    if (error instanceof ConfigError) return { problems: error.problems };
    throw error;
  }
  const { config, problems } = validateConfig(texts);
  const files = await readContentFiles(contentDir);
  const discovered = await readDiscovered(contentDir);
  problems.push(...files.problems, ...(discovered.problem ? [discovered.problem] : []));
  if (!config || problems.length > 0) return { config, problems };
  // In id order, as Astro's content collections gave them: pages list scales, contingents and raters in this order.
  const database: Database = {
    site: config.site,
    contingents: byId(config.contingents, (c) => c.id),
    raters: byId(config.raters, (r) => r.id),
    scales: byId(config.scales, (s) => s.id),
    editions: byId(config.editions, (e) => e.id),
    articles: byId(files.articles, (a) => a.id),
    ratings: byId(files.ratings, (r) => r.rater),
    sources: { sources: Object.fromEntries(Object.entries(files.sources.sources).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) },
    discovered: discovered.raters,
  };
  return { database, config, problems };
}

function byId<T>(list: T[], id: (item: T) => string): T[] {
  return list.sort((a, b) => (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0));
}

/**
 * Raters found through trust (content/state/discovered.json): most networks have none, and then
 * the file is absent.
 */
async function readDiscovered(contentDir: string): Promise<{ raters: DiscoveredRater[]; problem?: ConfigProblem }> {
  const path = join(contentDir, 'state', 'discovered.json');
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (text === undefined) return { raters: [] };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    data = error;
  }
  const parsed = DiscoveredFile.safeParse(data);
  if (parsed.success) return { raters: parsed.data.raters };
  const why = data instanceof Error ? data.message : parsed.error.issues[0]?.message;
  return { raters: [], problem: { scope: 'content', file: displayPath(path), message: `not a list of discovered raters (${why}). Delete it: the next \`npm run aggregate\` writes it again.` } };
}

// The check runs in Astro's config hook and the routes render later in the same process, from a
// separately bundled copy of this code: a registered symbol on globalThis is what both can see.
const HANDED = Symbol.for('wide-net:checked-database');
type Handed = { contentDir: string; database: Database };

/** Keeps the database the check before the build read, for the routes of that build. */
export function handOver(contentDir: string, database: Database): void {
  (globalThis as Record<symbol, Handed | undefined>)[HANDED] = { contentDir, database };
}

/**
 * The database the check before this build read from `contentDir`, if it did (a build, not `astro dev`).
 *
 * @example takeOver('content')?.articles.length // 9 in a build of the demo; undefined in dev
 */
export function takeOver(contentDir: string): Database | undefined {
  const handed = (globalThis as Record<symbol, Handed | undefined>)[HANDED];
  return handed?.contentDir === contentDir ? handed.database : undefined;
}
