/**
 * Typed errors of the aggregator's fetch layer.
 *
 * A `FeedFetchError` is reported for one source alone; the run goes on.
 * Its message is short and bare (`404 Not Found`), so the caller can prefix it:
 * `[aggregate] [abc] https://abc.example/feed.xml: 404 Not Found, keeping 112 earlier articles`.
 */

/** Stable category of a fetch failure, for reports and the sources-health page. */
export type FeedFetchErrorCode =
  | 'http' // an HTTP status we do not accept (404, 500 after retries, …)
  | 'timeout' // no response or a stalled body within timeoutMs
  | 'too-big' // body over maxBytes
  | 'redirect-loop'
  | 'too-many-redirects'
  | 'bad-redirect' // 3xx without Location, or to a non-http(s) URL
  | 'network' // DNS, refused, reset, TLS …
  | 'invalid-url';

export interface FeedFetchErrorInit {
  /** The URL whose request failed (the last hop of a redirect chain). */
  url: string;
  /** HTTP status, when the server answered. */
  status?: number;
  /** Whether a later attempt may succeed (network errors, timeouts, 5xx except 501). */
  retryable: boolean;
  code: FeedFetchErrorCode;
  cause?: unknown;
}

/**
 * A feed or rating file could not be fetched.
 *
 * @example
 * try {
 *   await fetchSource({ url }, opts);
 * } catch (error) {
 *   if (error instanceof FeedFetchError) console.warn(`[aggregate] ${error.url}: ${error.message}`);
 *   else throw error;
 * }
 */
export class FeedFetchError extends Error {
  readonly url: string;
  readonly status: number | undefined;
  readonly retryable: boolean;
  readonly code: FeedFetchErrorCode;

  constructor(message: string, init: FeedFetchErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'FeedFetchError';
    this.url = init.url;
    this.status = init.status;
    this.retryable = init.retryable;
    this.code = init.code;
  }
}
