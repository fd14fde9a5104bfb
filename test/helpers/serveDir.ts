// A tiny static file server for built sites: real HTTP on 127.0.0.1, an ephemeral port, no deps.
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};

export interface ServedDir {
  /** Origin plus `base`, such as http://127.0.0.1:43121/my-edition/ */
  url: string;
  origin: string;
  close(): Promise<void>;
}

export interface ServeOptions {
  /** Gzip text responses when the client accepts it, as static hosts such as GitHub Pages do. */
  gzip?: boolean;
}

/**
 * Serves `dir` under `base` like a static host: `/x/` serves `x/index.html`, and a missing file
 * gets `404.html` with status 404.
 *
 * @example const site = await serveDir('dist'); await page.goto(site.url); await site.close();
 */
export async function serveDir(dir: string, base = '/', options: ServeOptions = {}): Promise<ServedDir> {
  const root = normalize(dir);
  const prefix = `/${base.replace(/^\/+|\/+$/g, '')}/`.replace('//', '/');
  const server = createServer(async (req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const inBase = pathname.startsWith(prefix) ? pathname.slice(prefix.length) : undefined;
    const file = inBase === undefined ? undefined : normalize(join(root, inBase.endsWith('/') || inBase === '' ? join(inBase, 'index.html') : inBase));
    const found = file && (file === root || file.startsWith(root.endsWith(sep) ? root : root + sep)) && (await stat(file).catch(() => undefined))?.isFile();
    if (!found) {
      const notFound = await readFile(join(root, '404.html')).catch(() => Buffer.from('Not found'));
      res.writeHead(404, { 'content-type': TYPES['.html']! }).end(notFound);
      return;
    }
    const type = TYPES[extname(file!)] ?? 'application/octet-stream';
    const body = await readFile(file!);
    if (options.gzip && type !== 'application/octet-stream' && /\bgzip\b/.test(String(req.headers['accept-encoding']))) {
      res.writeHead(200, { 'content-type': type, 'content-encoding': 'gzip', vary: 'accept-encoding' }).end(gzipSync(body));
      return;
    }
    res.writeHead(200, { 'content-type': type }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}${prefix}`,
    origin,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
