import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';

/** 2-space JSON with a trailing newline: the one format of every file in content/. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

const madeDirs = new Set<string>();

/**
 * Writes a file atomically (temp file in the same folder, then rename), and not at all when the
 * content is already there. A run killed at any point leaves either the old or the new file.
 * Returns whether the file changed.
 */
export async function writeAtomic(path: string, content: string, opts: { current?: string | null } = {}): Promise<boolean> {
  // `current: null` says the caller knows the file is absent, which saves a read per new article.
  const current = opts.current === undefined ? await readFile(path, 'utf8').catch(() => undefined) : opts.current;
  if (current === content) return false;
  if (!madeDirs.has(dirname(path))) {
    await mkdir(dirname(path), { recursive: true });
    madeDirs.add(dirname(path));
  }
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, content);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return true;
}

/**
 * writeAtomic for worker threads: synchronous calls run on the worker itself instead of queueing
 * behind every other file operation on libuv's four shared threads.
 */
export function writeAtomicSync(path: string, content: string, opts: { current?: string | null } = {}): boolean {
  const current = opts.current === undefined ? readTextSync(path) : opts.current;
  if (current === content) return false;
  if (!madeDirs.has(dirname(path))) {
    mkdirSync(dirname(path), { recursive: true });
    madeDirs.add(dirname(path));
  }
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, content);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  return true;
}

export function readTextSync(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
