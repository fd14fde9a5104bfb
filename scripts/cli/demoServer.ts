// The offline demo's publishers: serves demo/sources/ on loopback the way a careful real host would,
// so `npm start` exercises conditional GET, gzip and content types without the internet.
import { createHash } from 'node:crypto';
import { readdir, readFile, realpath } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const DEMO_PORT = 4319;
export const DEMO_HOST = '127.0.0.1';
export const DEMO_SOURCES_DIR = fileURLToPath(new URL('../../demo/sources/', import.meta.url));
/** Where the demo sources say they live (a rating file's trust list names other files there). */
export const DEMO_ORIGIN = `http://${DEMO_HOST}:${DEMO_PORT}`;

// File mtimes differ between clones, so every file claims the date of the newest demo item instead.
export const DEMO_LAST_MODIFIED = new Date('2026-11-20T18:00:00Z');

/** Content types by file-name suffix, longest suffix first. Files of any other kind are not served. */
export const DEMO_CONTENT_TYPES: readonly (readonly [suffix: string, type: string])[] = [
  ['.feed.json', 'application/feed+json; charset=utf-8'],
  ['.rss', 'application/rss+xml; charset=utf-8'],
  ['.atom', 'application/atom+xml; charset=utf-8'],
  ['.json', 'application/json; charset=utf-8'],
  ['.csv', 'text/csv; charset=utf-8'],
  ['.sig', 'text/plain; charset=utf-8'],
  ['.md', 'text/markdown; charset=utf-8'],
];

export interface DemoServerOptions {
  port?: number;
  host?: string;
  /** Directory to serve; default demo/sources/. */
  root?: string;
  /** Called with one line per request, such as `GET /feeds/harbor.atom 304`. */
  log?: (line: string) => void;
}

export interface DemoServer {
  /** `http://127.0.0.1:4319` (with the real port when port 0 was asked for). */
  origin: string;
  close(): Promise<void>;
}

/** The port is already bound, most often by a demo server from an earlier `npm start`. */
export class PortInUseError extends Error {
  readonly port: number;
  readonly host: string;
  constructor(host: string, port: number, options?: { cause?: unknown }) {
    super(
      `[demo] cannot listen on ${host}:${port}: the port is already in use, most likely by a demo server from an earlier \`npm start\`. ` +
        `Stop that process (\`lsof -i :${port}\` or \`ss -ltnp 'sport = :${port}'\` shows its pid), then run again. ` +
        `The demo config in content/*.yaml points at port ${port}, so the demo cannot move to another port.`,
      options,
    );
    this.name = 'PortInUseError';
    this.port = port;
    this.host = host;
  }
}

/**
 * Starts the demo server. It serves demo/sources/ with a content type per suffix, a strong ETag
 * (a digest of the bytes) and a fixed Last-Modified, answers 304 to If-None-Match/If-Modified-Since,
 * gzips when the client accepts it, and answers 404 to anything outside the directory.
 *
 * @example
 * const demo = await startDemoServer();        // http://127.0.0.1:4319
 * await fetch(`${demo.origin}/feeds/harbor.atom`);
 * await demo.close();
 */
export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  const { port = DEMO_PORT, host = DEMO_HOST, log } = options;
  const root = await realpath(options.root ?? DEMO_SOURCES_DIR);
  let origin = DEMO_ORIGIN;
  const server = createServer((req, res) => {
    serve(root, origin, req, res).then(
      () => log?.(`${req.method} ${req.url} ${res.statusCode}`),
      (error: unknown) => {
        log?.(`${req.method} ${req.url} 500 ${(error as Error).message}`);
        if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Internal error in the demo server\n');
        else res.destroy();
      },
    );
  });
  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      rejectListen(error.code === 'EADDRINUSE' ? new PortInUseError(host, port, { cause: error }) : error),
    );
    server.listen(port, host, () => resolveListen());
  });
  const address = server.address() as AddressInfo;
  const hostInUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  origin = `http://${hostInUrl}:${address.port}`;
  return {
    origin,
    close: () =>
      new Promise<void>((resolveClose, rejectClose) => {
        server.close((error) => (error ? rejectClose(error) : resolveClose()));
        // Keep-alive sockets from feed fetchers would hold close() open.
        server.closeAllConnections();
      }),
  };
}

async function serve(root: string, origin: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return send(res, 405, 'text/plain; charset=utf-8', 'Only GET and HEAD are served\n');
  }
  const pathname = new URL(req.url ?? '/', 'http://demo').pathname;
  if (pathname === '/') return send(res, 200, 'text/plain; charset=utf-8', await listing(root), req.method === 'HEAD');

  const file = await resolveFile(root, pathname);
  const type = file && contentTypeOf(file);
  if (!file || !type) return send(res, 404, 'text/plain; charset=utf-8', `Not found: ${pathname}\n`);
  const stored = await readFile(file).catch(() => undefined);
  if (!stored) return send(res, 404, 'text/plain; charset=utf-8', `Not found: ${pathname}\n`);
  // On another port (a test's port 0), links between the sources point where they are served.
  const bytes = origin === DEMO_ORIGIN ? stored : Buffer.from(stored.toString('utf8').split(DEMO_ORIGIN).join(origin));

  const tag = createHash('sha256').update(bytes).digest('base64url').slice(0, 27);
  const gzip = acceptsGzip(req.headers['accept-encoding']);
  // Each encoding is a different representation, so each gets its own strong ETag.
  const etags = { identity: `"${tag}"`, gzip: `"${tag}-gz"` };
  res.setHeader('ETag', gzip ? etags.gzip : etags.identity);
  res.setHeader('Last-Modified', DEMO_LAST_MODIFIED.toUTCString());
  res.setHeader('Cache-Control', 'no-cache');
  res.setHeader('Vary', 'Accept-Encoding');

  if (notModified(req, [etags.identity, etags.gzip])) {
    res.statusCode = 304;
    return void res.end();
  }
  const body = gzip ? gzipSync(bytes) : bytes;
  if (gzip) res.setHeader('Content-Encoding', 'gzip');
  send(res, 200, type, body, req.method === 'HEAD');
}

/** The file under `root` that `pathname` names, or undefined if it is outside root, hidden or missing. */
async function resolveFile(root: string, pathname: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const segments = decoded.split('/').filter(Boolean);
  if (segments.some((s) => s.startsWith('.'))) return undefined; // no "..", no dotfiles
  const candidate = resolve(root, ...segments);
  if (!isInside(root, candidate)) return undefined;
  // A symlink could still point outside the directory.
  const real = await realpath(candidate).catch(() => undefined);
  return real && isInside(root, real) ? real : undefined;
}

function isInside(root: string, path: string): boolean {
  return path.startsWith(root.endsWith(sep) ? root : root + sep);
}

function contentTypeOf(file: string): string | undefined {
  const name = file.toLowerCase();
  return DEMO_CONTENT_TYPES.find(([suffix]) => name.endsWith(suffix))?.[1];
}

// RFC 9110 §13.1.2: If-None-Match uses weak comparison and wins over If-Modified-Since.
function notModified(req: IncomingMessage, etags: string[]): boolean {
  const inm = req.headers['if-none-match'];
  if (inm !== undefined) {
    const wanted = inm.split(',').map((t) => t.trim().replace(/^W\//, ''));
    return wanted.includes('*') || wanted.some((t) => etags.includes(t));
  }
  const ims = req.headers['if-modified-since'];
  if (ims === undefined) return false;
  const since = Date.parse(ims);
  // Last-Modified has one-second precision.
  return !Number.isNaN(since) && Math.floor(DEMO_LAST_MODIFIED.getTime() / 1000) <= Math.floor(since / 1000);
}

/** True when Accept-Encoding lists gzip (or *) with a q-value above zero. */
function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  const codings = new Map(
    header.split(',').map((part) => {
      const [name = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return [name.trim(), q ? Number(q.slice(2)) : 1] as const;
    }),
  );
  const q = codings.get('gzip') ?? codings.get('x-gzip') ?? codings.get('*') ?? 0;
  return q > 0;
}

function send(res: ServerResponse, status: number, type: string, body: string | Uint8Array, headOnly = false): void {
  res.statusCode = status;
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Length', typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength);
  res.end(headOnly ? undefined : body);
}

/** A plain-text index of the served files, for a person who opens the origin in a browser. */
async function listing(root: string): Promise<string> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile() && contentTypeOf(e.name))
    .map((e) => '/' + relative(root, join(e.parentPath, e.name)).split(sep).join('/'))
    .filter((p) => !p.split('/').some((s) => s.startsWith('.')))
    .sort();
  return `Wide Net demo sources (fictional publishers, served offline)\n\n${files.join('\n')}\n`;
}

// Standalone: `node scripts/cli/demoServer.ts` serves until Ctrl-C.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const demo = await startDemoServer({ log: (line) => console.log(`[demo] ${line}`) });
    console.log(`[demo] serving ${relative(process.cwd(), DEMO_SOURCES_DIR) || '.'} at ${demo.origin}/ (Ctrl-C to stop)`);
    const stop = () => void demo.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (error) {
    console.error(error instanceof PortInUseError ? error.message : error);
    process.exit(1);
  }
}
