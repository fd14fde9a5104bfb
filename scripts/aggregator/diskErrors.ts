// Faults of this machine, not of a source: a full disk, a read-only or forbidden folder.
import { displayPath } from '../cli/loadConfig.ts';

const LOCAL_CODES: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
};

/**
 * Whether `error` (or its cause) is a local file-system fault that would fail every source alike.
 *
 * @example isLocalFault(Object.assign(new Error('no space'), { code: 'ENOSPC' })) // true
 */
export function isLocalFault(error: unknown): error is NodeJS.ErrnoException {
  for (let e = error, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code && code in LOCAL_CODES) return true;
  }
  return false;
}

/** The run stopped on a local fault; every file in content/ is still valid (writes are atomic). */
export class LocalFaultError extends Error {
  override name = 'LocalFaultError';
  readonly code: string;
  readonly path: string | undefined;
  constructor(error: NodeJS.ErrnoException) {
    let e: NodeJS.ErrnoException = error;
    while (!(e.code && e.code in LOCAL_CODES) && e.cause instanceof Error) e = e.cause as NodeJS.ErrnoException;
    const code = e.code ?? 'EIO';
    const where = e.path ? ` while writing ${displayPath(e.path)}` : '';
    const what = code === 'ENOSPC' || code === 'EDQUOT' ? 'Free some space' : code === 'EMFILE' || code === 'ENFILE' ? 'Raise the open-file limit (ulimit -n)' : 'Make the content folder writable';
    super(`${LOCAL_CODES[code] ?? code} (${code}${where}). The run stopped; every file in content/ is still valid, as each is written whole or not at all. ${what} and run again: the next run completes what this one began.`, { cause: error });
    this.code = code;
    this.path = e.path;
  }
}
