// One aggregation at a time per content folder: a lock file created with O_EXCL, taken over when
// the process that holds it is gone.
import { hostname } from 'node:os';
import { join } from 'node:path';
import { link, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { displayPath } from '../cli/loadConfig.ts';

export const LOCK_NAME = '.aggregate.lock';
/** A lock older than this is stale whoever holds it: a run takes minutes, and pids get reused. */
export const LOCK_MAX_AGE_MS = 6 * 3_600_000;

interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
}

/** Another run holds the lock of this content folder. */
export class AggregateLockedError extends Error {
  override name = 'AggregateLockedError';
  readonly file: string;
  readonly holder: LockInfo | undefined;
  constructor(file: string, holder: LockInfo | undefined) {
    const who = holder ? `process ${holder.pid} on ${holder.host}, since ${holder.startedAt}` : 'a process that is still writing its lock file';
    super(
      `[aggregate] another aggregation is running on this content folder (${who}), so this one did not start and changed nothing. ` +
        `Wait for it to finish and run again. If no such process exists, delete ${displayPath(file)}.`,
    );
    this.file = file;
    this.holder = holder;
  }
}

export interface RunLock {
  file: string;
  release: () => Promise<void>;
}

/**
 * Takes the lock of `contentDir`, or throws AggregateLockedError naming the run that holds it.
 * A lock whose process is dead (same host), or older than LOCK_MAX_AGE_MS, is taken over.
 *
 * @example
 * const lock = await acquireRunLock('content');
 * try { … } finally { await lock.release(); }
 */
export async function acquireRunLock(contentDir: string, opts: { now?: Date; pid?: number } = {}): Promise<RunLock> {
  const file = join(contentDir, LOCK_NAME);
  const mine: LockInfo = { pid: opts.pid ?? process.pid, host: hostname(), startedAt: (opts.now ?? new Date()).toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await createExclusive(file, mine)) return { file, release: () => releaseLock(file, mine) };
    const holder = await readLock(file);
    if (holder === 'gone') continue; // released between our two calls: try again
    if (holder && !isStale(holder, opts.now ?? new Date())) throw new AggregateLockedError(file, holder);
    if (!holder && !(await olderThan(file, 10_000))) throw new AggregateLockedError(file, undefined);
    // Stale: move it aside under a name of our own. Of two runs taking over at once, one rename wins.
    const aside = `${file}.stale-${mine.pid}-${Date.now()}`;
    if (!(await rename(file, aside).then(() => true, () => false))) continue;
    const moved = await readLock(aside);
    if (moved && moved !== 'gone' && !isStale(moved, opts.now ?? new Date())) {
      // We moved a fresh lock that another run had just taken: put it back and give way.
      await link(aside, file).catch(() => {});
      await rm(aside, { force: true });
      throw new AggregateLockedError(file, moved);
    }
    await rm(aside, { force: true });
  }
  throw new AggregateLockedError(file, undefined);
}

async function createExclusive(file: string, info: LockInfo): Promise<boolean> {
  let handle;
  try {
    handle = await open(file, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(`${JSON.stringify(info)}\n`);
  } catch (error) {
    // Even a full disk must not leave an empty lock behind.
    await handle.close();
    await rm(file, { force: true });
    throw error;
  }
  await handle.close();
  return true;
}

async function readLock(file: string): Promise<LockInfo | 'gone' | undefined> {
  let text;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw error;
  }
  try {
    const data = JSON.parse(text) as Partial<LockInfo>;
    if (typeof data.pid === 'number' && typeof data.host === 'string' && typeof data.startedAt === 'string') return data as LockInfo;
  } catch {}
  return undefined;
}

function isStale(holder: LockInfo, now: Date): boolean {
  if (now.getTime() - Date.parse(holder.startedAt) > LOCK_MAX_AGE_MS || Number.isNaN(Date.parse(holder.startedAt))) return true;
  return holder.host === hostname() && !isAlive(holder.pid);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// A lock file without valid content is being written right now, or was left half-written by a crash.
async function olderThan(file: string, ms: number): Promise<boolean> {
  const info = await stat(file).catch(() => undefined);
  return !info || Date.now() - info.mtimeMs > ms;
}

async function releaseLock(file: string, mine: LockInfo): Promise<void> {
  const holder = await readLock(file);
  if (holder && holder !== 'gone' && holder.pid === mine.pid && holder.host === mine.host && holder.startedAt === mine.startedAt) await rm(file, { force: true });
}
