// The WebSub ping after a deploy, against a loopback hub: one publish notification per feed URL, as
// each feed names itself; a hub that fails or is down gets a warning and the command still exits 0.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeContentDir } from '../helpers/contentDir.ts';
import { runCli } from '../helpers/runCli.ts';

interface Received {
  method: string;
  type: string;
  body: string;
}

let server: Server;
let hub: string;
let received: Received[] = [];
let status = 204;
const dirs: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method ?? '', type: req.headers['content-type'] ?? '', body: Buffer.concat(chunks).toString() });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hub = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hub`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});
beforeEach(() => {
  received = [];
  status = 204;
});

async function content(websub?: { hub: string }): Promise<string> {
  const dir = await makeContentDir({
    site: { url: 'https://news.example', ...(websub && { websub }) },
    contingents: [{ id: 'abc', feeds: ['https://abc.example/feed.xml'] }],
    editions: { commons: { title: 'Commons' }, digest: { title: 'Digest' } },
  });
  dirs.push(dir);
  return dir;
}

const ping = (dir: string, env: Record<string, string | undefined> = {}) =>
  runCli('websubPing.ts', ['--content', dir, '--timeout', '2'], { env: { WIDENET_BASE: undefined, WIDENET_EDITION: undefined, ...env } });

describe('node scripts/websubPing.ts', () => {
  it('POSTs hub.mode=publish&hub.url=<feed> for every feed of every edition and contingent, under the build\'s base', async () => {
    const { code, stdout } = await ping(await content({ hub }), { WIDENET_BASE: '/wide-net/' });
    expect(code).toBe(0);
    expect(received.every((r) => r.method === 'POST' && r.type === 'application/x-www-form-urlencoded')).toBe(true);
    const feeds = received.map((r) => new URLSearchParams(r.body)).map((p) => `${p.get('hub.mode')} ${p.get('hub.url')}`).sort();
    expect(feeds).toEqual(
      [
        'https://news.example/wide-net/commons/rss.xml', 'https://news.example/wide-net/commons/atom.xml', 'https://news.example/wide-net/commons/feed.json',
        'https://news.example/wide-net/digest/rss.xml', 'https://news.example/wide-net/digest/atom.xml', 'https://news.example/wide-net/digest/feed.json',
        'https://news.example/wide-net/contingents/abc/rss.xml', 'https://news.example/wide-net/contingents/abc/atom.xml', 'https://news.example/wide-net/contingents/abc/feed.json',
      ].map((u) => `publish ${u}`).sort(),
    );
    expect(received[0]!.body).toMatch(/^hub\.mode=publish&hub\.url=https%3A%2F%2Fnews\.example%2Fwide-net%2F/);
    expect(stdout).toContain(`[websub] ${hub}: notified of 9 of 9 feeds.`);
  });

  it('a single-edition build announces its feeds at the root of the base', async () => {
    await ping(await content({ hub }), { WIDENET_EDITION: 'digest' });
    const urls = received.map((r) => new URLSearchParams(r.body).get('hub.url')).sort();
    expect(urls).toEqual(['https://news.example/atom.xml', 'https://news.example/contingents/abc/atom.xml', 'https://news.example/contingents/abc/feed.json', 'https://news.example/contingents/abc/rss.xml', 'https://news.example/feed.json', 'https://news.example/rss.xml']);
  });

  it('a hub that refuses: a warning per feed, and exit 0', async () => {
    status = 500;
    const { code, stdout, stderr } = await ping(await content({ hub }));
    expect(code).toBe(0);
    expect(stderr).toContain(`[websub] ${hub}: https://news.example/commons/rss.xml: 500 Internal Server Error`);
    expect(stdout).toContain('notified of 0 of 9 feeds; 9 not notified (subscribers will see the change when they next poll).');
  });

  it('a hub that is down: a warning (a GitHub annotation inside Actions), and exit 0', async () => {
    const down = hub.replace(/:\d+\//, ':9/');
    const { code, stdout } = await ping(await content({ hub: down }), { GITHUB_ACTIONS: 'true' });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^::warning title=WebSub::\[websub\] http:\/\/127\.0\.0\.1:9\/hub: https:\/\/news\.example\/commons\/rss\.xml: /m);
    expect(stdout).toContain('notified of 0 of 9 feeds');
  });

  it('without websub.hub: says so and sends nothing', async () => {
    const { code, stdout } = await ping(await content());
    expect(code).toBe(0);
    expect(stdout).toContain('[websub] no websub.hub in content/site.yaml: no hub to notify.');
    expect(received).toEqual([]);
  });
});
