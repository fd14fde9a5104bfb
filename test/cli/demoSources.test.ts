// The offline demo: its server behaves like a careful publisher's host, and its data is valid and
// tells the stories the demo is for (credit, replies, challenges, statements of the whole network).
import { readdir, readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { DEMO_LAST_MODIFIED, DEMO_SOURCES_DIR, PortInUseError, startDemoServer, type DemoServer } from '../../scripts/cli/demoServer.ts';
import { normalizeUrl } from '../../src/lib/urls/normalizeUrl.ts';
import { parseFeed, type FeedItem } from '../../src/lib/ingest/parseFeed.ts';
import { CSV_HEADER, parseRatings } from '../../src/lib/ratings/parseRatings.ts';
import { Rating, RatingFile, ScalesFile } from '../../src/lib/config/schema.ts';

const CONTENT = join(import.meta.dirname, '..', '..', 'content');
const DEMO_ORIGIN = 'http://127.0.0.1:4319';

// Scales come from the shipped config; the rest is the demo's own (forks replace contingents.yaml and raters.yaml).
const scales = ScalesFile.parse(parseYaml(await readFile(join(CONTENT, 'scales.yaml'), 'utf8')));

/** The demo's publishers, each with its feed and the rater through which it endorses. */
const contingents = [
  { id: 'abc-bulletin', feed: '/feeds/abc-bulletin.rss', rater: 'abc-bulletin-desk' },
  { id: 'harbor', feed: '/feeds/harbor.atom', rater: 'harbor-desk' },
  { id: 'tenants', feed: '/feeds/tenants.feed.json', rater: 'tenants-desk' },
  { id: 'rivet', feed: '/feeds/rivet.rss', rater: 'rivet' },
];
/** Every demo rating file: its rater id is the file name. */
const raters = (await readdir(join(DEMO_SOURCES_DIR, 'ratings')))
  .sort()
  .map((name) => ({ id: name.replace(/\.(json|csv)$/, ''), path: `/ratings/${name}`, format: name.endsWith('.csv') ? ('csv' as const) : ('json' as const) }));

const readSource = (path: string) => readFile(join(DEMO_SOURCES_DIR, path));

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

// node:http rather than fetch: fetch would add its own Accept-Encoding and decompress silently.
function get(server: DemoServer, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.origin}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

let server: DemoServer;
beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
});
afterAll(() => server.close());

// ---------------------------------------------------------------- the server

const TYPES: [suffix: string, type: string][] = [
  ['.rss', 'application/rss+xml'],
  ['.atom', 'application/atom+xml'],
  ['.feed.json', 'application/feed+json'],
  ['.csv', 'text/csv'],
  ['.json', 'application/json'],
];
const SOURCES: [path: string, type: string][] = [...contingents.map((c) => c.feed), ...raters.map((r) => r.path)].map((path) => [
  path,
  TYPES.find(([suffix]) => path.endsWith(suffix))![1],
]);

describe('demo server', () => {
  it('serves four feeds and eight rating files (two found only through trust)', () => {
    expect(SOURCES.map(([path]) => path).sort()).toEqual([
      '/feeds/abc-bulletin.rss',
      '/feeds/harbor.atom',
      '/feeds/rivet.rss',
      '/feeds/tenants.feed.json',
      '/ratings/abc-bulletin-desk.json',
      '/ratings/alice.json',
      '/ratings/dockside-readers.json',
      '/ratings/harbor-desk.csv',
      '/ratings/night-shift.json',
      '/ratings/reading-circle.csv',
      '/ratings/rivet.csv',
      '/ratings/tenants-desk.json',
    ]);
  });

  it.each(SOURCES)('%s is served as %s with a strong ETag and a fixed Last-Modified', async (path, type) => {
    const res = await get(server, path);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(`${type}; charset=utf-8`);
    expect(res.headers['etag']).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(res.headers['last-modified']).toBe('Fri, 20 Nov 2026 18:00:00 GMT');
    expect(res.headers['content-encoding']).toBeUndefined();
    // Links between the sources name where they are served: this server's port, not 4319.
    expect(res.body.toString('utf8')).toBe((await readSource(path)).toString('utf8').replaceAll('http://127.0.0.1:4319/', `${server.origin}/`));
  });

  it("serves a trust list that names the trusted file at the server's own port", async () => {
    const alice = JSON.parse((await get(server, '/ratings/alice.json')).body.toString('utf8'));
    expect(alice.trust.map((t: { rater: string }) => t.rater)).toEqual([`${server.origin}/ratings/dockside-readers.json`]);
    expect(server.origin).not.toBe('http://127.0.0.1:4319');
    expect((await get(server, new URL(alice.trust[0].rater).pathname)).status).toBe(200);
  });

  it('answers 304 to a matching If-None-Match, and 200 when the tag differs', async () => {
    const first = await get(server, '/feeds/harbor.atom');
    const etag = String(first.headers['etag']);
    const again = await get(server, '/feeds/harbor.atom', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers['etag']).toBe(etag);
    expect((await get(server, '/feeds/harbor.atom', { 'if-none-match': `W/${etag}, "other"` })).status).toBe(304);
    expect((await get(server, '/feeds/harbor.atom', { 'if-none-match': '"stale"' })).status).toBe(200);
  });

  it('answers 304 to If-Modified-Since at or after Last-Modified, and If-None-Match wins over it', async () => {
    const lastModified = DEMO_LAST_MODIFIED.toUTCString();
    expect((await get(server, '/ratings/alice.json', { 'if-modified-since': lastModified })).status).toBe(304);
    expect((await get(server, '/ratings/alice.json', { 'if-modified-since': 'Sat, 21 Nov 2026 00:00:00 GMT' })).status).toBe(304);
    expect((await get(server, '/ratings/alice.json', { 'if-modified-since': 'Thu, 19 Nov 2026 00:00:00 GMT' })).status).toBe(200);
    expect((await get(server, '/ratings/alice.json', { 'if-modified-since': 'not a date' })).status).toBe(200);
    const stale = { 'if-none-match': '"stale"', 'if-modified-since': lastModified };
    expect((await get(server, '/ratings/alice.json', stale)).status).toBe(200);
  });

  it('gzips when the client accepts it, under its own ETag, and honours q=0', async () => {
    const plain = await get(server, '/feeds/tenants.feed.json');
    const zipped = await get(server, '/feeds/tenants.feed.json', { 'accept-encoding': 'br;q=1, gzip;q=0.8' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers['vary']).toBe('Accept-Encoding');
    expect(zipped.headers['etag']).not.toBe(plain.headers['etag']);
    expect(gunzipSync(zipped.body)).toEqual(plain.body);
    const revalidated = await get(server, '/feeds/tenants.feed.json', { 'accept-encoding': 'gzip', 'if-none-match': String(zipped.headers['etag']) });
    expect(revalidated.status).toBe(304);
    const refused = await get(server, '/feeds/tenants.feed.json', { 'accept-encoding': 'gzip;q=0, identity' });
    expect(refused.headers['content-encoding']).toBeUndefined();
  });

  it('answers HEAD without a body, and refuses other methods', async () => {
    const head = await get(server, '/feeds/rivet.rss', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(Number(head.headers['content-length'])).toBe((await readSource('/feeds/rivet.rss')).length);
    const post = await get(server, '/feeds/rivet.rss', {}, 'POST');
    expect(post.status).toBe(405);
    expect(post.headers['allow']).toBe('GET, HEAD');
  });

  it.each([
    '/../package.json',
    '/%2e%2e/package.json',
    '/feeds/..%2f..%2fpackage.json',
    '/..%2f..%2fpackage.json',
    '/feeds/%2e%2e%2f%2e%2e%2fscripts%2fdemoServer.ts',
    '/feeds/..%5c..%5cpackage.json',
    '/feeds/%00.rss',
    '/%E0%A4%A.json',
    '/feeds/',
    '/feeds/missing.rss',
    '/feeds/harbor.atom.bak',
  ])('refuses %s with 404', async (path) => {
    const res = await get(server, path);
    expect(res.status).toBe(404);
    expect(res.body.toString()).not.toContain('"name": "wide-net"');
  });

  it('lists the sources at /', async () => {
    const res = await get(server, '/');
    expect(res.status).toBe(200);
    expect(res.body.toString()).toContain('/feeds/harbor.atom');
  });

  it('fails with a message naming the port when it is already taken', async () => {
    const port = Number(new URL(server.origin).port);
    const error = await startDemoServer({ port }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PortInUseError);
    expect((error as Error).message).toContain(`127.0.0.1:${port}`);
    expect((error as Error).message).toContain(`lsof -i :${port}`);
  });
});

// ---------------------------------------------------------------- the rating files

/** Every rating row of a demo rating file, as published (before normalization). */
async function rawRatings(path: string): Promise<{ row: string; value: Record<string, unknown> }[]> {
  const text = (await readSource(path)).toString('utf8');
  if (path.endsWith('.csv')) {
    const [header, ...rows] = parseCsv(text, { skip_empty_lines: true }) as string[][];
    expect(header).toEqual([...CSV_HEADER]);
    return rows.map((cells, i) => {
      const cell = (name: string) => cells[header!.indexOf(name)] || undefined;
      const value = cell('value');
      return {
        row: `${path}:${i + 2}`,
        value: {
          article: cell('article'),
          scale: cell('scale'),
          at: cell('at'),
          ...(value !== undefined && { value: Number(value) }),
          ...(cell('note') !== undefined && { note: cell('note') }),
          ...(cell('retract') !== undefined && { retract: cell('retract') === 'true' }),
        },
      };
    });
  }
  const file = RatingFile.parse(JSON.parse(text));
  return file.ratings.map((value, i) => ({ row: `${path} ratings[${i}]`, value: value as Record<string, unknown> }));
}

describe('demo rating files', () => {
  const scaleById = new Map(scales.map((s) => [s.id, s]));

  it.each(raters.map((r) => [r.id, r.path, r.format] as const))(
    '%s: every rating fits the Rating schema and a scale in scales.yaml',
    async (id, path, format) => {
      const rows = await rawRatings(path);
      expect(rows.length).toBeGreaterThan(0);
      for (const { row, value } of rows) {
        const rating = Rating.safeParse(value);
        expect(rating.success, `${row}: ${rating.error?.message}`).toBe(true);
        const scale = scaleById.get(rating.data!.scale);
        expect(scale, `${row}: scale ${rating.data!.scale} is not in scales.yaml`).toBeDefined();
        if (!rating.data!.retract) {
          expect(rating.data!.value, row).toBeGreaterThanOrEqual(scale!.min);
          expect(rating.data!.value, row).toBeLessThanOrEqual(scale!.max);
        }
      }
      // The aggregator's own reader agrees: nothing reported, nothing skipped.
      const text = (await readSource(path)).toString('utf8');
      const parsed = parseRatings(text, { rater: id, contingent: contingents.find((c) => c.rater === id)?.id, url: `${DEMO_ORIGIN}${path}`, format, scales, sha256: 'x' });
      expect(parsed.problems).toEqual([]);
      expect(parsed.stored.ratings).toHaveLength(rows.length);
    },
  );
});

// ---------------------------------------------------------------- the stories the demo tells

describe('demo data', () => {
  const items = new Map<string, FeedItem[]>();
  let all: FeedItem[] = [];
  beforeAll(async () => {
    for (const c of contingents) {
      const feed = await parseFeed((await readSource(c.feed)).toString('utf8'), `${DEMO_ORIGIN}${c.feed}`);
      items.set(c.id, feed.items);
    }
    all = [...items.values()].flat();
  });
  const byUrl = (url: string) => all.filter((i) => i.url && normalizeUrl(i.url) === normalizeUrl(url));
  const ratingsOf = async (rater: string) => {
    const r = raters.find((x) => x.id === rater)!;
    return parseRatings((await readSource(r.path)).toString('utf8'), { rater, contingent: contingents.find((c) => c.rater === rater)?.id, url: `${DEMO_ORIGIN}${r.path}`, format: r.format, scales, sha256: 'x' }).stored.ratings;
  };

  it('has enough articles to paginate, all dated 2026-10-01 to 2026-11-20, on canonical https URLs', () => {
    expect(all.length).toBeGreaterThanOrEqual(34);
    for (const item of all) {
      expect(item.published! >= '2026-10-01T00:00:00Z' && item.published! <= '2026-11-20T23:59:59Z', `${item.url} ${item.published}`).toBe(true);
      expect(item.url).toMatch(/^https:\/\/(abc-bulletin|harbor-notes|tenants-united|rivet)\.example\//);
    }
  });

  it('carries one article in two contingents under the same URL', () => {
    const shared = [...new Set(all.map((i) => normalizeUrl(i.url!)))].filter((url) => byUrl(url).length > 1);
    expect(shared).toEqual(['https://tenants-united.example/statements/2026/11/hands-off-terminal-9']);
  });

  it('has a three-step thread across contingents: harbor publishes, rivet challenges, harbor answers', () => {
    const challenge = items.get('rivet')!.find((i) => i.tags.includes('challenge'))!;
    expect(challenge.inReplyTo).toContain('https://harbor-notes.example/2026/10/whats-in-the-automation-framework');
    expect(byUrl(challenge.inReplyTo![0]!)).toHaveLength(1);
    const answer = items.get('harbor')!.find((i) => i.inReplyTo?.includes(challenge.url!));
    expect(answer?.url).toBe('https://harbor-notes.example/2026/10/answering-rivet-job-guarantee');
  });

  it('credits adapted articles: harbor via abc, rivet from a tenants source', () => {
    expect(items.get('harbor')!.find((i) => i.via)?.via).toBe('https://abc-bulletin.example/2026/11/route-9-drivers-refuse-to-cross-picket/');
    expect(items.get('rivet')!.find((i) => i.via)?.via).toBe('https://tenants-united.example/news/2026/10/larkspur-votes-to-withhold-rent');
    for (const via of all.flatMap((i) => (i.via ? [i.via] : []))) expect(byUrl(via), via).toHaveLength(1);
  });

  it('has a JSON Feed reply, and a rivet item without a guid', () => {
    expect(items.get('tenants')!.find((i) => i.inReplyTo)?.inReplyTo).toEqual(['https://abc-bulletin.example/2026/10/the-rent-cap-is-a-step-forward/']);
    expect(items.get('rivet')!.filter((i) => !i.guid)).toHaveLength(1);
  });

  it('rates only articles in the feeds, except one that is not in any feed yet', async () => {
    const missing = new Set<string>();
    for (const r of raters) for (const rating of await ratingsOf(r.id)) if (byUrl(rating.article).length === 0) missing.add(rating.article);
    expect([...missing]).toEqual(['https://calder-ledger.example/2026/11/19/port-authority-budget-hearing']);
  });

  it('has raters reached only through trust: Alice trusts the Dockside Readers, who trust Night Shift Notes; neither is in raters.yaml', async () => {
    const raterUrls = (parseYaml(await readFile(join(CONTENT, 'raters.yaml'), 'utf8')) as { url: string }[]).map((r) => r.url);
    const trustOf = async (name: string) => (JSON.parse((await readSource(`/ratings/${name}`)).toString('utf8')) as { trust?: { rater: string; w: number }[] }).trust;
    expect(await trustOf('alice.json')).toEqual([expect.objectContaining({ rater: `${DEMO_ORIGIN}/ratings/dockside-readers.json`, w: 1 })]);
    expect(await trustOf('dockside-readers.json')).toEqual([expect.objectContaining({ rater: `${DEMO_ORIGIN}/ratings/night-shift.json`, w: 0.5 })]);
    for (const name of ['dockside-readers.json', 'night-shift.json']) expect(raterUrls).not.toContain(`${DEMO_ORIGIN}/ratings/${name}`);
    const site = parseYaml(await readFile(join(CONTENT, 'site.yaml'), 'utf8')) as { discover?: { depth: number } };
    expect(site.discover?.depth).toBe(2);
  });

  it('endorses one statement by 3 of 4 contingents (a 2/3 quorum) and one by 2 of 4 (short of it)', async () => {
    const endorsedBy = new Map<string, string[]>();
    for (const c of contingents) {
      for (const rating of await ratingsOf(c.rater)) {
        if (rating.scale === 'endorse' && rating.value === 1) endorsedBy.set(rating.article, [...(endorsedBy.get(rating.article) ?? []), c.id]);
      }
    }
    expect(Object.fromEntries(endorsedBy)).toEqual({
      'https://tenants-united.example/statements/2026/11/hands-off-terminal-9': ['abc-bulletin', 'harbor', 'tenants'],
      'https://abc-bulletin.example/2026/11/statement-no-fare-hike/': ['abc-bulletin', 'rivet'],
    });
  });
});
