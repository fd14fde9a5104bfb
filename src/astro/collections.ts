// The one place routes get the common database: content/ as plain data, read once per build.
import { resolve } from 'node:path';
import { formatProblem } from '../lib/check/configError.ts';
import type { Database } from '../lib/config/database.ts';
import { readDatabase, takeOver } from './readDatabase.ts';

let cached: Promise<Database> | undefined;

/**
 * The database every route shares. A build takes what its check read (checkBeforeBuild), so
 * content/ is read and validated once; `astro dev` reads it afresh on every page, so edits show.
 */
export function loadDatabase(): Promise<Database> {
  const contentDir = resolve(process.env.WIDENET_CONTENT ?? 'content');
  if (import.meta.env.DEV) return read(contentDir);
  cached ??= (async () => takeOver(contentDir) ?? (await read(contentDir)))();
  return cached;
}

async function read(contentDir: string): Promise<Database> {
  const { database, problems } = await readDatabase(contentDir);
  if (!database) throw new Error(problems.map(formatProblem).join('\n'));
  return database;
}
