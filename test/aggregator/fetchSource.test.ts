import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FeedFetchError } from '../../scripts/aggregator/fetchErrors.ts';
import { FEED_ACCEPT, fetchSource, type FetchOptions } from '../../scripts/aggregator/fetchSource.ts';
import { parseRetryAfter } from '../../scripts/aggregator/retryTiming.ts';
import { createHostLimiter } from '../../scripts/aggregator/hostLimiter.ts';
import {
  CP1252_FEED,
  FEED_ETAG,
  FEED_LAST_MODIFIED,
  FEED_XML,
  HTML_PAGE,
  RANDOM_BYTES,
  startFaultServer,
  type FaultServer,
} from '../helpers/faultServer.ts';

const UA = 'WideNet/0.1 (+https://github.com/wide-net/wide-net)';
const NOW = new Date('2026-10-21T07:00:00.000Z');
const opts: FetchOptions = { userAgent: UA, timeoutMs: 2_000, maxBytes: 1024 * 1024, backoffMs: 5, now: () => NOW };
const feedBytes = new TextEncoder().encode(FEED_XML);

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

/** Runs a fetch that must fail, and returns its FeedFetchError for field-by-field assertions. */
async function fetchError(path: string, extra: Partial<FetchOptions> = {}): Promise<FeedFetchError> {
  const result = await fetchSource({ url: server.url(path) }, { ...opts, ...extra }).then(
    (ok) => ok,
    (error: unknown) => error,
  );
  if (!(result instanceof FeedFetchError)) throw new Error(`expected a FeedFetchError, got ${JSON.stringify(result)}`);
  return result;
}

describe('request headers', () => {
  it('sends the User-Agent, Accept and Accept-Encoding, and no validators on a first fetch', async () => {
    const result = await fetchSource({ url: server.url('/feed.xml') }, opts);
    expect(result).toEqual({
      kind: 'ok',
      status: 200,
      url: server.url('/feed.xml'),
      body: feedBytes,
      contentType: 'application/rss+xml; charset=utf-8',
      etag: FEED_ETAG,
      lastModified: FEED_LAST_MODIFIED,
    });
    const { headers } = server.hits('/feed.xml');
    expect(headers?.['user-agent']).toBe(UA);
    expect(headers?.accept).toBe(FEED_ACCEPT);
    expect(headers?.accept).toMatch(/^application\/rss\+xml, application\/atom\+xml, application\/feed\+json.*\*\/\*;q=0\.1$/);
    expect(headers?.['accept-encoding']).toBe('gzip, deflate, br');
    expect(headers?.['if-none-match']).toBeUndefined();
    expect(headers?.['if-modified-since']).toBeUndefined();
  });
});

describe('conditional GET', () => {
  it('sends If-None-Match and returns not-modified on 304, with the validators of the 304', async () => {
    const result = await fetchSource({ url: server.url('/feed.xml'), etag: FEED_ETAG }, opts);
    expect(result).toEqual({ kind: 'not-modified', status: 304, url: server.url('/feed.xml'), etag: FEED_ETAG, lastModified: FEED_LAST_MODIFIED });
    expect(server.hits('/feed.xml').headers?.['if-none-match']).toBe(FEED_ETAG);
  });

  it('sends If-Modified-Since and returns not-modified on 304', async () => {
    const result = await fetchSource({ url: server.url('/feed.xml'), lastModified: FEED_LAST_MODIFIED }, opts);
    expect(result.kind).toBe('not-modified');
    expect(server.hits('/feed.xml').headers?.['if-modified-since']).toBe(FEED_LAST_MODIFIED);
  });

  it('keeps the validators it sent when the 304 carries none', async () => {
    server.setRoute('/bare-304', (req, res) => void res.writeHead(304).end());
    const result = await fetchSource({ url: server.url('/bare-304'), etag: '"mine"', lastModified: FEED_LAST_MODIFIED }, opts);
    expect(result).toEqual({ kind: 'not-modified', status: 304, url: server.url('/bare-304'), etag: '"mine"', lastModified: FEED_LAST_MODIFIED });
  });

  it('gets the full body when the ETag is stale', async () => {
    const result = await fetchSource({ url: server.url('/feed.xml'), etag: '"feed-v0"' }, opts);
    expect(result.kind).toBe('ok');
    expect(result.kind === 'ok' && result.etag).toBe(FEED_ETAG);
  });
});

describe('content encoding', () => {
  it.each(['/gzip', '/deflate', '/br'])('decodes %s to the original feed bytes', async (path) => {
    const result = await fetchSource({ url: server.url(path) }, opts);
    expect(result.kind === 'ok' && result.body).toEqual(feedBytes);
  });
});

describe('bodies are returned as bytes, never judged or decoded here', () => {
  it.each([
    ['/html', new TextEncoder().encode(HTML_PAGE), 'text/html; charset=utf-8'],
    ['/random', RANDOM_BYTES, 'application/xml'],
    ['/cp1252', CP1252_FEED, 'application/rss+xml; charset=utf-8'],
  ])('%s', async (path, bytes, contentType) => {
    const result = await fetchSource({ url: server.url(path) }, opts);
    expect(result).toMatchObject({ kind: 'ok', status: 200, contentType });
    expect(result.kind === 'ok' && result.body).toEqual(bytes);
  });
});

describe('redirects', () => {
  it.each([
    ['301,301,301', true],
    ['308', true],
    ['301,308,301,308,301', true],
    ['302', false],
    ['307', false],
    ['301,302,301', false],
    ['303', false],
  ])('codes %s → permanent: %s', async (codes, permanent) => {
    const result = await fetchSource({ url: server.url(`/redirect?codes=${codes}`) }, opts);
    expect(result).toMatchObject({ kind: 'ok', url: server.url('/feed.xml'), body: feedBytes });
    expect(result.kind === 'ok' && result.permanentRedirect).toBe(permanent ? server.url('/feed.xml') : undefined);
    expect(server.hits('/redirect').count).toBe(codes.split(',').length);
  });

  it('records a permanent redirect on 304 and 410 too', async () => {
    const moved = await fetchSource({ url: server.url('/redirect?codes=301&to=/feed.xml'), etag: FEED_ETAG }, opts);
    expect(moved).toMatchObject({ kind: 'not-modified', permanentRedirect: server.url('/feed.xml') });
    const gone = await fetchSource({ url: server.url('/redirect?codes=308&to=/410') }, opts);
    expect(gone).toEqual({ kind: 'gone', status: 410, url: server.url('/410'), permanentRedirect: server.url('/410') });
  });

  it.each(['/loop-a', '/loop-self'])('%s is a redirect loop, not retried', async (path) => {
    const error = await fetchError(path);
    expect(error).toMatchObject({ message: 'redirect loop', code: 'redirect-loop', retryable: false });
    expect(server.hits(path).count).toBe(1);
  });

  it('follows exactly 5 redirects and refuses a 6th', async () => {
    const five = await fetchSource({ url: server.url('/redirect?codes=302,302,302,302,302') }, opts);
    expect(five.kind).toBe('ok');
    server.reset();
    const error = await fetchError('/redirect?codes=302,302,302,302,302,302');
    expect(error).toMatchObject({ message: 'more than 5 redirects', code: 'too-many-redirects', retryable: false });
    expect(server.hits('/redirect').count).toBe(6);
    expect(server.hits('/feed.xml').count).toBe(0);
  });

  it('honours maxRedirects', async () => {
    const error = await fetchError('/redirect?codes=301,301', { maxRedirects: 1 });
    expect(error.message).toBe('more than 1 redirects');
  });
});

describe('status codes', () => {
  it('410 is gone', async () => {
    expect(await fetchSource({ url: server.url('/410') }, opts)).toEqual({ kind: 'gone', status: 410, url: server.url('/410') });
  });

  it('404 is an error and is not retried', async () => {
    const error = await fetchError('/404');
    expect(error).toMatchObject({ name: 'FeedFetchError', message: '404 Not Found', status: 404, retryable: false, code: 'http', url: server.url('/404') });
    expect(server.hits('/404').count).toBe(1);
  });

  it('501 is an error and is not retried', async () => {
    const error = await fetchError('/501');
    expect(error).toMatchObject({ message: '501 Not Implemented', retryable: false });
    expect(server.hits('/501').count).toBe(1);
  });

  it.each([0, 1, 3])('500 is retried %i times, then an error', async (retries) => {
    const error = await fetchError('/500', { retries });
    expect(error).toMatchObject({ message: '500 Internal Server Error', status: 500, retryable: true });
    expect(server.hits('/500').count).toBe(retries + 1);
  });

  it('500 is retried twice by default', async () => {
    await fetchError('/500');
    expect(server.hits('/500').count).toBe(3);
  });

  it('succeeds when a 500 is followed by a 200', async () => {
    const result = await fetchSource({ url: server.url('/500-once') }, opts);
    expect(result).toMatchObject({ kind: 'ok', body: feedBytes });
    expect(server.hits('/500-once').count).toBe(2);
  });

  it('succeeds when a dropped connection is followed by a 200', async () => {
    const result = await fetchSource({ url: server.url('/reset-once') }, opts);
    expect(result).toMatchObject({ kind: 'ok', body: feedBytes });
    expect(server.hits('/reset-once').count).toBe(2);
  });

  it('reports a refused connection as a retryable network error', async () => {
    const closed = await startFaultServer();
    const url = closed.url('/feed.xml');
    await closed.close();
    const error = await fetchSource({ url }, { ...opts, retries: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FeedFetchError);
    expect(error).toMatchObject({ code: 'network', retryable: true, url });
    expect((error as FeedFetchError).message).toMatch(/^network error: .*ECONNREFUSED/);
  });

  it.each(['not a url', 'ftp://abc.example/feed.xml'])('rejects %s without a request', async (url) => {
    await expect(fetchSource({ url }, opts)).rejects.toMatchObject({ code: 'invalid-url', retryable: false });
  });
});

describe('Retry-After', () => {
  it.each([
    ['/429', 429, '2026-10-21T07:02:00.000Z'],
    ['/429-date', 429, '2026-10-21T07:28:00.000Z'],
    ['/429-none', 429, '2026-10-21T08:00:00.000Z'],
    ['/503-retry-after', 503, '2026-10-21T07:02:00.000Z'],
    ['/503-date', 503, '2026-10-21T07:28:00.000Z'],
  ])('%s → retry-later at %s, without retrying', async (path, status, retryAfter) => {
    const result = await fetchSource({ url: server.url(path) }, opts);
    expect(result).toEqual({ kind: 'retry-later', status, url: server.url(path), retryAfter });
    expect(server.hits(path).count).toBe(1);
  });

  it('503 without Retry-After is retried like a 500', async () => {
    const error = await fetchError('/503');
    expect(error).toMatchObject({ message: '503 Service Unavailable', retryable: true });
    expect(server.hits('/503').count).toBe(3);
  });

  it.each([
    ['0', '2026-10-21T07:00:00.000Z'],
    ['Wed, 21 Oct 2026 06:00:00 GMT', '2026-10-21T07:00:00.000Z'], // past date → now
    ['99999999999', '2026-10-28T07:00:00.000Z'], // capped at 7 days
    ['  60 ', '2026-10-21T07:01:00.000Z'],
    ['Wednesday, 21-Oct-26 07:30:00 GMT', '2026-10-21T07:30:00.000Z'], // RFC 850, obsolete but allowed
    ['Wed Oct 21 07:30:00 2026', '2026-10-21T07:30:00.000Z'], // asctime, read as UTC by HTTP
  ])('parseRetryAfter(%j)', (value, expected) => {
    expect(parseRetryAfter(value, NOW)?.toISOString()).toBe(expected);
  });

  it.each([null, '', 'soon', '-5', '2026-10-21', 'Wed, 21 Oct 2026'])('parseRetryAfter(%j) is undefined', (value) => {
    expect(parseRetryAfter(value, NOW)).toBeUndefined();
  });
});

describe('timeouts', () => {
  it('times out a body that stalls after the headers', async () => {
    const started = performance.now();
    const error = await fetchError('/stall-body', { timeoutMs: 300, retries: 0 });
    expect(error).toMatchObject({ message: 'timed out after 0.3 s (body stalled)', code: 'timeout', retryable: true });
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it('times out a server that never answers, and retries it', async () => {
    const error = await fetchError('/stall-headers', { timeoutMs: 300, retries: 1 });
    expect(error.message).toBe('timed out after 0.3 s (no response)');
    expect(server.hits('/stall-headers').count).toBe(2);
  });
});

describe('body cap', () => {
  it('aborts a 200 MB chunked body at the cap, without reading the rest', async () => {
    const started = performance.now();
    const error = await fetchError('/huge', { maxBytes: 1024 * 1024 });
    expect(error).toMatchObject({ message: 'body over 1 MB limit', code: 'too-big', retryable: false, status: 200 });
    expect(performance.now() - started).toBeLessThan(5_000);
    await server.idle('/huge');
    const { count, bytesSent } = server.hits('/huge');
    expect(count).toBe(1);
    expect(bytesSent).toBeGreaterThan(1024 * 1024);
    expect(bytesSent).toBeLessThan(32 * 1024 * 1024);
  });

  it('rejects a declared Content-Length over the cap before reading the body', async () => {
    // A cap of 150 MB: reading the stream would pull 150 MB; the header check pulls next to nothing.
    const error = await fetchError('/huge-declared', { maxBytes: 150 * 1024 * 1024 });
    expect(error).toMatchObject({ message: 'body over 150 MB limit', code: 'too-big' });
    await server.idle('/huge-declared');
    expect(server.hits('/huge-declared').count).toBe(1);
    expect(server.hits('/huge-declared').bytesSent).toBeLessThan(32 * 1024 * 1024);
  });

  it('accepts a body exactly at the cap', async () => {
    const result = await fetchSource({ url: server.url('/feed.xml') }, { ...opts, maxBytes: feedBytes.byteLength });
    expect(result.kind).toBe('ok');
    await expect(fetchSource({ url: server.url('/feed.xml') }, { ...opts, maxBytes: feedBytes.byteLength - 1 })).rejects.toMatchObject({ code: 'too-big' });
  });
});

describe('injected fetch', () => {
  it('uses opts.fetch, with manual redirects and an abort signal', async () => {
    const seen: Array<{ url: string; redirect: RequestRedirect | undefined; signal: boolean }> = [];
    const spy: typeof globalThis.fetch = (input, init) => {
      seen.push({ url: String(input), redirect: init?.redirect, signal: init?.signal instanceof AbortSignal });
      return globalThis.fetch(input, init);
    };
    await fetchSource({ url: server.url('/redirect?codes=301') }, { ...opts, fetch: spy });
    expect(seen).toEqual([
      { url: server.url('/redirect?codes=301'), redirect: 'manual', signal: true },
      { url: server.url('/feed.xml'), redirect: 'manual', signal: true },
    ]);
  });
});

describe('createHostLimiter', () => {
  const slowFetches = (limiter: ReturnType<typeof createHostLimiter>, n: number) =>
    Promise.all(Array.from({ length: n }, () => limiter.run(server.url('/slow?ms=60'), () => fetchSource({ url: server.url('/slow?ms=60') }, opts))));

  it('never runs more than perHost requests at once against one host', async () => {
    const results = await slowFetches(createHostLimiter({ concurrency: 10, perHost: 2 }), 8);
    expect(results.map((r) => r.kind)).toEqual(Array(8).fill('ok'));
    expect(server.hits('/slow').count).toBe(8);
    expect(server.hits('/slow').maxInFlight).toBe(2);
  });

  it('never runs more than concurrency requests at once overall', async () => {
    await slowFetches(createHostLimiter({ concurrency: 3, perHost: 10 }), 8);
    expect(server.hits('/slow').maxInFlight).toBe(3);
  });

  it('lets other hosts go ahead while one host is busy', async () => {
    const limiter = createHostLimiter({ concurrency: 2, perHost: 1 });
    const events: string[] = [];
    const task = (name: string) => async () => {
      events.push(`start ${name}`);
      await new Promise((resolve) => setTimeout(resolve, 30));
      events.push(`end ${name}`);
    };
    await Promise.all([
      limiter.run('https://a.example/1', task('a1')),
      limiter.run('https://A.example:8080/2', task('a2')),
      limiter.run('https://b.example/1', task('b1')),
    ]);
    // a2 waits for a1 (same host name, any port, any case) but does not hold an overall slot, so b1 starts at once.
    expect(events.slice(0, 2)).toEqual(['start a1', 'start b1']);
    expect(events.indexOf('start a2')).toBeGreaterThan(events.indexOf('end a1'));
  });

  it('passes results and errors through', async () => {
    const limiter = createHostLimiter({ concurrency: 1, perHost: 1 });
    await expect(limiter.run('https://a.example/', () => 42)).resolves.toBe(42);
    await expect(limiter.run('not a url', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
  });
});

describe('startFaultServer', () => {
  it('close() ends hanging requests instead of waiting for them', async () => {
    const own = await startFaultServer();
    const pending = fetch(own.url('/stall-headers')).then(
      () => 'answered',
      () => 'dropped',
    );
    while (own.hits('/stall-headers').count === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const started = performance.now();
    await own.close();
    expect(await pending).toBe('dropped');
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
