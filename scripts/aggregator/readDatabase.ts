// Reads a content/ folder into a Database with the shared schemas, outside Astro: for tests and benches.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from '../../src/lib/config/database.ts';
import { Article, DiscoveredFile, SourcesFile, StoredRatings } from '../../src/lib/config/schema.ts';
import { displayPath, loadConfig } from '../cli/loadConfig.ts';

/** A content file that is not valid JSON or does not match its schema. */
export class ContentFileError extends Error {
  override name = 'ContentFileError';
  readonly file: string;
  constructor(file: string, message: string, options?: ErrorOptions) {
    super(`[content] ${displayPath(file)}: ${message}`, options);
    this.file = file;
  }
}

/**
 * Reads and validates everything under `contentDir` as the site build sees it: the config files
 * through `loadConfig` (file:line errors), then articles, rating files and sources state.
 * Articles come sorted by contingent then id, rating files by rater, so the result is deterministic.
 *
 * @example
 * const db = await readDatabase('test/fixtures/site-content');
 * evaluateAll(db, new Date('2026-11-20T12:00:00Z'));
 */
export async function readDatabase(contentDir: string): Promise<Database> {
  const config = await loadConfig(contentDir);
  const articlesDir = join(contentDir, 'articles');
  const articles: Article[] = [];
  for (const contingent of (await listDir(articlesDir)).sort()) {
    const names = (await listDir(join(articlesDir, contingent))).filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort();
    const parsed = await Promise.all(names.map((n) => readJson(join(articlesDir, contingent, n), Article)));
    articles.push(...parsed);
  }
  const ratingsDir = join(contentDir, 'ratings');
  const ratingNames = (await listDir(ratingsDir)).filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort();
  const ratings = await Promise.all(ratingNames.map((n) => readJson(join(ratingsDir, n), StoredRatings)));
  const sourcesPath = join(contentDir, 'state', 'sources.json');
  const sources = (await readFile(sourcesPath, 'utf8').catch(() => undefined)) === undefined ? { sources: {} } : await readJson(sourcesPath, SourcesFile);
  const discoveredPath = join(contentDir, 'state', 'discovered.json');
  const discovered = (await readFile(discoveredPath, 'utf8').catch(() => undefined)) === undefined ? { raters: [] } : await readJson(discoveredPath, DiscoveredFile);
  return { ...config, articles, ratings, sources, discovered: discovered.raters };
}

async function listDir(dir: string): Promise<string[]> {
  return readdir(dir).catch(() => []);
}

async function readJson<T>(path: string, schema: { safeParse(data: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }): Promise<T> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new ContentFileError(path, `not valid JSON (${(error as Error).message}); restore it from git or run \`npm run aggregate\` to rewrite it`, { cause: error });
  }
  const result = schema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new ContentFileError(path, `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);
  }
  return result.data;
}
