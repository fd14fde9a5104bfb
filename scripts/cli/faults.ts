// Expected faults of a command, as one plain sentence each: what happened and what to do.
import { FeedParseError } from '../../src/lib/ingest/feedErrors.ts';
import { LocalFaultError } from '../aggregator/diskErrors.ts';
import { FeedFetchError } from '../aggregator/fetchErrors.ts';
import { AggregateLockedError } from '../aggregator/runLock.ts';
import { displayPath } from './loadConfig.ts';

const SYSTEM: Record<string, (path: string | undefined) => string> = {
  ENOENT: (p) => `${p ?? 'a file'} does not exist. Check the path.`,
  EACCES: (p = 'a file') => `permission denied on ${p}. Make it readable and writable by this user, or run from a copy you own.`,
  EPERM: (p = 'a file') => `operation not permitted on ${p}. Make it writable by this user, or run from a copy you own.`,
  EISDIR: (p = 'a path') => `${p} is a folder where a file was expected. Check the path.`,
  ENOTDIR: (p = 'a path') => `${p} is not a folder (a file stands where a folder was expected). Check the path.`,
  ENOSPC: (p) => `the disk is full${p ? ` (writing ${p})` : ''}. Free some space and run again; files already in place are unharmed.`,
  EDQUOT: (p) => `the disk quota is used up${p ? ` (writing ${p})` : ''}. Free some space and run again.`,
  EROFS: (p = 'the folder') => `${p} is on a read-only file system. Run where you can write.`,
  EMFILE: () => 'too many open files. Raise the limit (ulimit -n 4096) and run again.',
  ENFILE: () => 'too many open files. Raise the limit (ulimit -n 4096) and run again.',
};

/**
 * A command's expected fault as a message and exit code, or undefined for a bug (which keeps its stack).
 *
 * @example describeFault(Object.assign(new Error('x'), { code: 'ENOENT', path: '/tmp/missing.opml' }))
 * // { message: '/tmp/missing.opml does not exist. Check the path.', exitCode: 1 }
 */
export function describeFault(error: unknown): { message: string; exitCode: number } | undefined {
  if (error instanceof AggregateLockedError) return { message: error.message.replace(/^\[aggregate\] /, ''), exitCode: 2 };
  if (error instanceof LocalFaultError) return { message: error.message, exitCode: 1 };
  if (error instanceof FeedFetchError) return { message: `${error.url}: ${error.message}. Check the URL, and that its server is up and reachable from here.`, exitCode: 1 };
  if (error instanceof FeedParseError) return { message: `${error.url}: ${error.message}. Check that the URL is the feed itself, not a page about it.`, exitCode: 1 };
  if (error instanceof Error && error.name === 'PortInUseError') return { message: error.message.replace(/^\[demo\] /, ''), exitCode: 1 };
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (error instanceof Error && code && code in SYSTEM) {
    const path = (error as NodeJS.ErrnoException).path;
    return { message: SYSTEM[code]!(path ? displayPath(path) : undefined), exitCode: 1 };
  }
  return undefined;
}
