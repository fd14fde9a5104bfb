// Fetching one feed or rating file politely: conditional GET, redirects checked hop by hop, one
// timeout over headers and body, a byte cap, retries with backoff, Retry-After honoured.
import { STATUS_CODES } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { FeedFetchError } from './fetchErrors.ts';
import { discardBody, readCapped, tooBig } from './httpBody.ts';
import { backoffDelay, parseRetryAfter } from './retryTiming.ts';

export interface FetchRequest {
  url: string;
  /** ETag from the last good fetch, sent as If-None-Match. */
  etag?: string;
  /** Last-Modified from the last good fetch, sent as If-Modified-Since. */
  lastModified?: string;
}

export interface FetchOptions {
  /** Descriptive User-Agent, e.g. 'WideNet/0.1 (+https://github.com/wide-net/wide-net)'. */
  userAgent: string;
  /** Per attempt (the whole redirect chain), covering headers AND body. */
  timeoutMs: number;
  /** Body cap in bytes, counted on the decoded stream; Content-Length over it is rejected before reading. */
  maxBytes: number;
  /** Default 5. */
  maxRedirects?: number;
  /** Retries on network errors, timeouts and 5xx (not 501). Default 2. */
  retries?: number;
  /** Base of the exponential backoff with jitter. Default 500. */
  backoffMs?: number;
  /** Clock for Retry-After. Default: the system clock. */
  now?: () => Date;
  /** Default: the global fetch. */
  fetch?: typeof globalThis.fetch;
}

export type FetchResult =
  | {
      kind: 'ok';
      status: number;
      url: string;
      body: Uint8Array;
      contentType?: string;
      etag?: string;
      lastModified?: string;
      permanentRedirect?: string;
    }
  | { kind: 'not-modified'; status: 304; url: string; etag?: string; lastModified?: string; permanentRedirect?: string }
  | { kind: 'gone'; status: 410; url: string; permanentRedirect?: string }
  | { kind: 'retry-later'; status: 429 | 503; url: string; retryAfter: string };

/** Feed types first; JSON Feed; anything else last, so a misconfigured server still answers. */
export const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, ' +
  'application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.1';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const PERMANENT_STATUSES = new Set([301, 308]);
/** 429 without Retry-After: wait an hour rather than hammer a host that asked us to slow down. */
const DEFAULT_RETRY_LATER_MS = 60 * 60 * 1000;

/**
 * Fetches one feed or rating file politely: conditional GET, descriptive User-Agent, manual redirects,
 * a timeout that covers the body, a byte cap, retries with backoff, and Retry-After.
 *
 * Returns `ok`, `not-modified`, `gone` or `retry-later`; throws `FeedFetchError` for everything else
 * (4xx, 5xx after retries, timeout, body too big, redirect loop, network error).
 *
 * @example
 * const result = await fetchSource(
 *   { url: 'https://abc.example/feed.xml', etag: state.etag, lastModified: state.lastModified },
 *   { userAgent: 'WideNet/0.1 (+https://github.com/wide-net/wide-net)', timeoutMs: 20_000, maxBytes: 10 * 1024 * 1024 },
 * );
 * if (result.kind === 'ok') await parseFeed(decodeBody(result.body, result.contentType), result.url);
 */
export async function fetchSource(req: FetchRequest, opts: FetchOptions): Promise<FetchResult> {
  const retries = opts.retries ?? 2;
  const backoffMs = opts.backoffMs ?? 500;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fetchOnce(req, opts);
    } catch (error) {
      if (!(error instanceof FeedFetchError) || !error.retryable || attempt >= retries) throw error;
      await sleep(backoffDelay(backoffMs, attempt));
    }
  }
}

/** One attempt: follows the redirect chain and reads the body, all under one timeout. */
async function fetchOnce(req: FetchRequest, opts: FetchOptions): Promise<FetchResult> {
  const fetchImpl = opts.fetch ?? globalThis.fetch;
  const maxRedirects = opts.maxRedirects ?? 5;
  const now = opts.now ?? (() => new Date());
  const headers = requestHeaders(req, opts.userAgent);

  let url = parseHttpUrl(req.url, undefined, req.url);
  const seen = new Set([url.href]);
  let hops = 0;
  let permanent = true;
  let phase: 'no response' | 'body stalled' = 'no response';
  let timedOut = false;
  const controller = new AbortController();
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, opts.timeoutMs);

  try {
    for (;;) {
      const res = await fetchImpl(url.href, { headers, redirect: 'manual', signal: controller.signal });
      const status = res.status;

      if (REDIRECT_STATUSES.has(status)) {
        await discardBody(res);
        const location = res.headers.get('location');
        if (!location) throw new FeedFetchError(`${statusLine(status)} without a Location header`, { url: url.href, status, retryable: false, code: 'bad-redirect' });
        const next = parseHttpUrl(location, url, url.href);
        if (seen.has(next.href)) throw new FeedFetchError('redirect loop', { url: next.href, status, retryable: false, code: 'redirect-loop' });
        if (++hops > maxRedirects) throw new FeedFetchError(`more than ${maxRedirects} redirects`, { url: next.href, status, retryable: false, code: 'too-many-redirects' });
        // One temporary hop anywhere means the publisher may move back: do not rewrite the stored URL.
        if (!PERMANENT_STATUSES.has(status)) permanent = false;
        seen.add(next.href);
        url = next;
        continue;
      }

      const finalUrl = url.href;
      const permanentRedirect = hops > 0 && permanent ? finalUrl : undefined;

      if (status >= 200 && status < 300) {
        const declared = Number(res.headers.get('content-length'));
        if (declared > opts.maxBytes) {
          await discardBody(res);
          throw tooBig(finalUrl, status, opts.maxBytes);
        }
        phase = 'body stalled';
        const body = await readCapped(res, opts.maxBytes, finalUrl);
        return {
          kind: 'ok',
          status,
          url: finalUrl,
          body,
          ...optional('contentType', res.headers.get('content-type')),
          ...optional('etag', res.headers.get('etag')),
          ...optional('lastModified', res.headers.get('last-modified')),
          ...optional('permanentRedirect', permanentRedirect),
        };
      }

      await discardBody(res);

      if (status === 304) {
        // A 304 may omit validators; the ones we sent are still the current ones.
        return {
          kind: 'not-modified',
          status,
          url: finalUrl,
          ...optional('etag', res.headers.get('etag') ?? req.etag),
          ...optional('lastModified', res.headers.get('last-modified') ?? req.lastModified),
          ...optional('permanentRedirect', permanentRedirect),
        };
      }
      // 410 Gone: the publisher retired this feed; stop polling, keep its articles.
      if (status === 410) return { kind: 'gone', status, url: finalUrl, ...optional('permanentRedirect', permanentRedirect) };

      if (status === 429 || status === 503) {
        const at = parseRetryAfter(res.headers.get('retry-after'), now());
        if (at) return { kind: 'retry-later', status, url: finalUrl, retryAfter: at.toISOString() };
        if (status === 429) return { kind: 'retry-later', status, url: finalUrl, retryAfter: new Date(now().getTime() + DEFAULT_RETRY_LATER_MS).toISOString() };
      }

      // 501 Not Implemented will not change on retry; other 5xx are often a passing overload.
      throw new FeedFetchError(statusLine(status), { url: finalUrl, status, retryable: status >= 500 && status !== 501, code: 'http' });
    }
  } catch (error) {
    if (timedOut) throw new FeedFetchError(`timed out after ${formatSeconds(opts.timeoutMs)} (${phase})`, { url: url.href, retryable: true, code: 'timeout', cause: error });
    if (error instanceof FeedFetchError) throw error;
    throw new FeedFetchError(`network error: ${describeCause(error)}`, { url: url.href, retryable: true, code: 'network', cause: error });
  } finally {
    clearTimeout(timer);
    // Releases the connection of any body we did not read to the end.
    controller.abort();
  }
}

function requestHeaders(req: FetchRequest, userAgent: string): Record<string, string> {
  const headers: Record<string, string> = {
    'user-agent': userAgent,
    accept: FEED_ACCEPT,
    // Node's fetch decodes these itself; the byte cap then counts decoded bytes, which stops gzip bombs.
    'accept-encoding': 'gzip, deflate, br',
  };
  if (req.etag) headers['if-none-match'] = req.etag;
  if (req.lastModified) headers['if-modified-since'] = req.lastModified;
  return headers;
}

function parseHttpUrl(href: string, base: URL | undefined, reportUrl: string): URL {
  let url: URL;
  try {
    url = new URL(href, base);
  } catch (cause) {
    throw new FeedFetchError(base ? `redirect to an invalid URL: ${href}` : 'invalid URL', { url: reportUrl, retryable: false, code: base ? 'bad-redirect' : 'invalid-url', cause });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FeedFetchError(base ? `redirect to a non-http URL: ${url.href}` : `unsupported URL scheme ${url.protocol}`, { url: reportUrl, retryable: false, code: base ? 'bad-redirect' : 'invalid-url' });
  }
  return url;
}

function statusLine(status: number): string {
  const reason = STATUS_CODES[status];
  return reason ? `${status} ${reason}` : `HTTP ${status}`;
}

function describeCause(error: unknown): string {
  // Node's fetch throws a bare "fetch failed" TypeError; the useful part (ECONNREFUSED …) is in its cause.
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  if (cause instanceof Error) return cause.message || cause.name;
  return String(cause);
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(2))} s`;
}

/** Spreads `{ [key]: value }` only when value is present, so results carry no `undefined` fields. */
function optional<K extends string>(key: K, value: string | null | undefined): { [P in K]?: string } {
  return (value == null ? {} : { [key]: value }) as { [P in K]?: string };
}
