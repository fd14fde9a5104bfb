import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Readable, pipeline } from 'node:stream';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';

/**
 * A real HTTP server on 127.0.0.1 that serves feed fixtures and the faults a polite fetcher must survive.
 * Shared by every test that needs the network; no test talks to the internet.
 */

export interface RouteContext {
  /** 1-based count of requests to this path so far, including this one (for "fail once, then ok"). */
  hit: number;
  /** The full request URL, with its query. */
  url: URL;
  /** `http://127.0.0.1:<port>`, for absolute Location headers. */
  origin: string;
}

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, ctx: RouteContext) => void | Promise<void>;

/** Handlers by exact pathname (the query is not part of the key). */
export type Routes = Record<string, RouteHandler>;

export interface HitRecord {
  /** Requests to this path since start or the last reset(). */
  count: number;
  /** Headers of the last request to this path. */
  headers: IncomingHttpHeaders | undefined;
  /** Most requests to this path being served at once. */
  maxInFlight: number;
  /** Bytes written to the socket for this path, headers included (shows whether a client stopped reading). */
  bytesSent: number;
}

export interface FaultServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** Absolute URL of a path on this server, e.g. `url('/feed.xml')`. */
  url(path: string): string;
  /** Request count, last request headers, peak concurrency and bytes sent for one pathname. */
  hits(path: string): HitRecord;
  /** Most requests in flight at once over the whole server. */
  maxInFlight(): number;
  /** Adds or replaces the handler of one pathname. */
  setRoute(path: string, handler: RouteHandler): void;
  /** Forgets hit counts and peaks (routes stay). */
  reset(): void;
  /**
   * Resolves once no request to `path` (or, without a path, to any path) is being served,
   * so hits() has counted the bytes of a response the client dropped.
   */
  idle(path?: string): Promise<void>;
  /** Stops the server and destroys every open socket, hanging ones included. */
  close(): Promise<void>;
}

export const FEED_ETAG = '"feed-v1"';
export const FEED_LAST_MODIFIED = 'Fri, 20 Nov 2026 10:00:00 GMT';
export const FEED_XML = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0">
  <channel>
    <title>ABC contingent</title>
    <link>https://abc.example/</link>
    <description>Fixture feed of the fault server</description>
    <item>
      <title>Strike called off</title>
      <link>https://abc.example/2026/11/strike</link>
      <guid>https://abc.example/2026/11/strike</guid>
      <pubDate>Thu, 19 Nov 2026 09:00:00 GMT</pubDate>
      <description>The deal, named for what it is.</description>
    </item>
  </channel>
</rss>
`;

export const HTML_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>ABC</title>
<link rel="alternate" type="application/rss+xml" href="/feed.xml"></head>
<body><h1>Not a feed</h1><p>This is the home page.</p></body></html>
`;

/** The title of CP1252_FEED as its publisher meant it. */
export const CP1252_TITLE = 'Café “quoted” €5';
/** A feed encoded in windows-1252 while its header and XML declaration both claim UTF-8. */
export const CP1252_FEED: Uint8Array = encodeCp1252(
  `<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>${CP1252_TITLE}</title>` +
    `<item><title>${CP1252_TITLE}</title><link>https://abc.example/cafe</link></item></channel></rss>\n`,
);

/** 4 KiB of seeded pseudo-random bytes, served as if they were XML. */
export const RANDOM_BYTES: Uint8Array = seededBytes(4096, 0x5eed);

/** Size of /huge and /huge-declared: 200 MB, generated lazily, never allocated. */
export const HUGE_BYTES = 200 * 1024 * 1024;

/**
 * The routes every fault server starts with. Pass more to `startFaultServer(routes)` to add or override.
 *
 * - `/feed.xml` RSS with ETag + Last-Modified; 304 on a matching If-None-Match / If-Modified-Since
 * - `/gzip`, `/deflate`, `/br` the same feed, content-encoded
 * - `/redirect?codes=301,302&to=/feed.xml` one hop per code (relative Location), then `to`
 * - `/loop-a` ⇄ `/loop-b` (302, absolute Location), `/loop-self` (301 to itself)
 * - `/404`, `/410`, `/500`, `/501` plain statuses; any unknown path is 404 too
 * - `/429` Retry-After: 120, `/429-date` HTTP-date, `/429-none` no header
 * - `/503` no header, `/503-retry-after` 120 s, `/503-date` HTTP-date
 * - `/500-once` 500 on the first hit, then the feed; `/reset-once` drops the socket once, then the feed
 * - `/stall-headers` never answers; `/stall-body` sends headers and a few bytes, then hangs
 * - `/slow?ms=100` the feed after a delay
 * - `/huge` 200 MB chunked; `/huge-declared` 200 MB with Content-Length
 * - `/html` a home page, not a feed; `/random` random bytes labelled XML; `/cp1252` windows-1252 labelled UTF-8
 */
export const defaultRoutes: Routes = {
  '/feed.xml': (req, res) => serveFeed(req, res),
  '/gzip': (req, res) => sendEncoded(res, 'gzip', gzipSync(FEED_XML)),
  '/deflate': (req, res) => sendEncoded(res, 'deflate', deflateSync(FEED_XML)),
  '/br': (req, res) => sendEncoded(res, 'br', brotliCompressSync(FEED_XML)),

  '/redirect': (req, res, { url }) => {
    const [code = '301', ...rest] = (url.searchParams.get('codes') ?? '301').split(',');
    const to = url.searchParams.get('to') ?? '/feed.xml';
    const location = rest.length > 0 ? `/redirect?codes=${rest.join(',')}&to=${encodeURIComponent(to)}` : to;
    res.writeHead(Number(code), { location }).end();
  },
  '/loop-a': (req, res, { origin }) => void res.writeHead(302, { location: `${origin}/loop-b` }).end(),
  '/loop-b': (req, res, { origin }) => void res.writeHead(302, { location: `${origin}/loop-a` }).end(),
  '/loop-self': (req, res) => void res.writeHead(301, { location: '/loop-self' }).end(),

  '/404': (req, res) => sendStatus(res, 404),
  '/410': (req, res) => sendStatus(res, 410),
  '/500': (req, res) => sendStatus(res, 500),
  '/501': (req, res) => sendStatus(res, 501),
  '/429': (req, res) => sendStatus(res, 429, { 'retry-after': '120' }),
  '/429-date': (req, res) => sendStatus(res, 429, { 'retry-after': 'Wed, 21 Oct 2026 07:28:00 GMT' }),
  '/429-none': (req, res) => sendStatus(res, 429),
  '/503': (req, res) => sendStatus(res, 503),
  '/503-retry-after': (req, res) => sendStatus(res, 503, { 'retry-after': '120' }),
  '/503-date': (req, res) => sendStatus(res, 503, { 'retry-after': 'Wed, 21 Oct 2026 07:28:00 GMT' }),

  '/500-once': (req, res, { hit }) => (hit === 1 ? sendStatus(res, 500) : serveFeed(req, res)),
  '/reset-once': (req, res, { hit }) => (hit === 1 ? void req.socket.destroy() : serveFeed(req, res)),

  // Never answers: close() destroys the socket.
  '/stall-headers': () => {},
  '/stall-body': (req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.write('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>');
  },
  '/slow': (req, res, { url }) => {
    const timer = setTimeout(() => serveFeed(req, res), Number(url.searchParams.get('ms') ?? 100));
    res.on('close', () => clearTimeout(timer));
  },

  '/huge': (req, res) => streamHuge(res, false),
  '/huge-declared': (req, res) => streamHuge(res, true),

  '/html': (req, res) => send(res, 200, { 'content-type': 'text/html; charset=utf-8' }, HTML_PAGE),
  '/random': (req, res) => send(res, 200, { 'content-type': 'application/xml' }, RANDOM_BYTES),
  '/cp1252': (req, res) => send(res, 200, { 'content-type': 'application/rss+xml; charset=utf-8' }, CP1252_FEED),
};

/**
 * Starts a fault server on 127.0.0.1 on a free port, with `defaultRoutes` plus `routes`.
 *
 * @example
 * const server = await startFaultServer({ '/custom': (req, res) => res.end('hi') });
 * afterAll(() => server.close());
 * await fetch(server.url('/feed.xml'));
 * expect(server.hits('/feed.xml').count).toBe(1);
 */
export async function startFaultServer(routes: Routes = {}): Promise<FaultServer> {
  const table = new Map<string, RouteHandler>(Object.entries({ ...defaultRoutes, ...routes }));
  const hitTable = new Map<string, HitRecord & { inFlight: number }>();
  const sockets = new Set<Socket>();
  let inFlight = 0;
  let maxInFlight = 0;
  let idleWaiters: Array<{ path: string | undefined; wake: () => void }> = [];
  const isIdle = (path: string | undefined) => (path === undefined ? inFlight === 0 : (hitTable.get(path)?.inFlight ?? 0) === 0);
  let origin = '';

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const record = hitTable.get(url.pathname) ?? { count: 0, headers: undefined, maxInFlight: 0, bytesSent: 0, inFlight: 0 };
    hitTable.set(url.pathname, record);
    record.count += 1;
    record.headers = req.headers;
    record.inFlight += 1;
    record.maxInFlight = Math.max(record.maxInFlight, record.inFlight);
    maxInFlight = Math.max(maxInFlight, ++inFlight);
    const bytesBefore = req.socket.bytesWritten;
    res.on('close', () => {
      record.inFlight -= 1;
      inFlight -= 1;
      record.bytesSent += req.socket.bytesWritten - bytesBefore;
      idleWaiters = idleWaiters.filter(({ path, wake }) => (isIdle(path) ? void wake() : true));
    });

    const handler = table.get(url.pathname) ?? ((_req: IncomingMessage, r: ServerResponse) => sendStatus(r, 404));
    Promise.resolve()
      .then(() => handler(req, res, { hit: record.count, url, origin }))
      .catch((error: unknown) => {
        // A broken test route should fail loudly, not hang the client.
        if (res.headersSent) res.destroy(error instanceof Error ? error : undefined);
        else send(res, 500, { 'content-type': 'text/plain' }, `fault server route ${url.pathname} threw: ${String(error)}`);
      });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    url: (path) => new URL(path, origin).href,
    hits(path) {
      const record = hitTable.get(path);
      return record
        ? { count: record.count, headers: record.headers, maxInFlight: record.maxInFlight, bytesSent: record.bytesSent }
        : { count: 0, headers: undefined, maxInFlight: 0, bytesSent: 0 };
    },
    maxInFlight: () => maxInFlight,
    setRoute(path, handler) {
      table.set(path, handler);
    },
    reset() {
      hitTable.clear();
      maxInFlight = inFlight;
    },
    idle(path) {
      return isIdle(path) ? Promise.resolve() : new Promise<void>((wake) => idleWaiters.push({ path, wake }));
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Stalled and keep-alive sockets would otherwise keep close() (and the test run) waiting forever.
        for (const socket of sockets) socket.destroy();
        for (const { wake } of idleWaiters) wake();
        idleWaiters = [];
      });
    },
  };
}

function serveFeed(req: IncomingMessage, res: ServerResponse): void {
  const validators = { etag: FEED_ETAG, 'last-modified': FEED_LAST_MODIFIED };
  if (isNotModified(req)) {
    res.writeHead(304, validators).end();
    return;
  }
  send(res, 200, { 'content-type': 'application/rss+xml; charset=utf-8', ...validators }, FEED_XML);
}

/** RFC 9110: If-None-Match wins over If-Modified-Since when both are sent. */
function isNotModified(req: IncomingMessage): boolean {
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    const tags = ifNoneMatch.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
    return tags.includes('*') || tags.includes(FEED_ETAG);
  }
  const since = Date.parse(req.headers['if-modified-since'] ?? '');
  return !Number.isNaN(since) && since >= Date.parse(FEED_LAST_MODIFIED);
}

function sendEncoded(res: ServerResponse, encoding: string, body: Buffer): void {
  send(res, 200, { 'content-type': 'application/rss+xml; charset=utf-8', 'content-encoding': encoding, vary: 'accept-encoding' }, body);
}

function sendStatus(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  send(res, status, { 'content-type': 'text/plain; charset=utf-8', ...headers }, `${status}\n`);
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string | Uint8Array): void {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  res.writeHead(status, { ...headers, 'content-length': String(bytes.byteLength) }).end(bytes);
}

function streamHuge(res: ServerResponse, declareLength: boolean): void {
  res.writeHead(200, {
    'content-type': 'application/rss+xml',
    ...(declareLength ? { 'content-length': String(HUGE_BYTES) } : {}),
  });
  // pipeline destroys the generator when the client hangs up, so nothing past the socket buffers is made.
  pipeline(Readable.from(fillerChunks(HUGE_BYTES)), res, () => {});
}

function* fillerChunks(total: number): Generator<Buffer> {
  const chunk = Buffer.alloc(64 * 1024, ' ');
  for (let sent = 0; sent < total; sent += chunk.byteLength) {
    yield total - sent >= chunk.byteLength ? chunk : chunk.subarray(0, total - sent);
  }
}

function encodeCp1252(text: string): Uint8Array {
  const extra: Record<string, number> = { '€': 0x80, '“': 0x93, '”': 0x94 };
  return Uint8Array.from(text, (char) => extra[char] ?? char.charCodeAt(0));
}

/** mulberry32: deterministic, so a failing test sees the same bytes every run. */
function seededBytes(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    bytes[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return bytes;
}
