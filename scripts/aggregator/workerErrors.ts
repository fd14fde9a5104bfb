// Errors cross the worker-thread boundary as plain data, keeping their type, context and cause.
import { FeedParseError, type FeedParseErrorCode } from '../../src/lib/ingest/feedErrors.ts';

/** An error as plain data: what postMessage carries from an ingest worker to the main thread. */
export interface ErrorData {
  name: string;
  message: string;
  stack?: string;
  /** Context fields, named the same on every typed error: `code`, `url`, `file`, and Node's `path`, `syscall`, `errno`. */
  context: Record<string, string | number>;
  cause?: ErrorData | { value: string };
}

const CONTEXT_KEYS = ['code', 'url', 'file', 'path', 'syscall', 'errno'] as const;
// A cause chain deeper than this is cut: it is a cycle or noise.
const MAX_DEPTH = 8;

/**
 * Turns any thrown value into plain data that survives postMessage, cause chain included.
 *
 * @example errorToData(new FeedParseError('html', 'not a feed', 'https://x.example/')).context // { code: 'html', url: 'https://x.example/' }
 */
export function errorToData(error: unknown, depth = 0): ErrorData {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), context: {} };
  const context: Record<string, string | number> = {};
  const bag = error as unknown as Record<string, unknown>;
  for (const key of CONTEXT_KEYS) if (typeof bag[key] === 'string' || typeof bag[key] === 'number') context[key] = bag[key] as string | number;
  const data: ErrorData = { name: error.name, message: error.message, stack: error.stack, context };
  if (error.cause !== undefined && depth < MAX_DEPTH) data.cause = error.cause instanceof Error ? errorToData(error.cause, depth + 1) : { value: String(error.cause) };
  return data;
}

/**
 * Rebuilds the error on the main thread: a FeedParseError stays one (with its `code` and `url`), any
 * other error keeps its name, message, context fields and cause.
 *
 * @example errorFromData(errorToData(new FeedParseError('html', 'not a feed', 'https://x.example/'))) instanceof FeedParseError // true
 */
export function errorFromData(data: ErrorData): Error {
  const cause = data.cause === undefined ? undefined : 'value' in data.cause ? data.cause.value : errorFromData(data.cause);
  const options = cause === undefined ? undefined : { cause };
  const error =
    data.name === 'FeedParseError'
      ? new FeedParseError(String(data.context.code) as FeedParseErrorCode, data.message, String(data.context.url ?? ''), options)
      : Object.assign(new Error(data.message, options), data.context);
  if (data.name !== 'FeedParseError') error.name = data.name;
  if (data.stack) error.stack = data.stack;
  return error;
}
