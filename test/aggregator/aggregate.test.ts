import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Article, SourcesFile, StoredRatings } from '../../src/lib/config/schema.ts';
import { generateRaterKeys, signDetached } from '../../src/lib/ratings/signature.ts';
import { sourceRows } from '../../src/lib/site/views/sourcesView.ts';
import { loadConfig } from '../../scripts/cli/loadConfig.ts';
import { ingestFeed } from '../../scripts/aggregator/ingestFeed.ts';
import type { AggregateReport } from '../../scripts/aggregator/aggregateReport.ts';
import { runAggregate } from '../../scripts/aggregator/runAggregate.ts';
import { makeContentDir, snapshotDir } from '../helpers/contentDir.ts';
import { startFaultServer, type FaultServer } from '../helpers/faultServer.ts';
import { runCli } from '../helpers/runCli.ts';

/** A feed whose items the test can change between runs, served with a content ETag and 304s. */
function mutableFeed(server: FaultServer, path: string) {
  const feed = { title: 'ABC', items: [] as { guid: string; title: string; body: string; date: string; link?: string }[] };
  const xml = () => `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>${feed.title}</title><link>https://abc.example/</link>
${feed.items.map((i) => `<item><guid isPermaLink="false">${i.guid}</guid><title>${i.title}</title><link>${i.link ?? `https://abc.example/${i.guid}`}</link><pubDate>${i.date}</pubDate><description><![CDATA[${i.body}]]></description></item>`).join('\n')}
</channel></rss>`;
  server.setRoute(path, (req, res) => {
    const body = xml();
    const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag }).end(body);
  });
  return feed;
}

async function articlesIn(dir: string): Promise<Article[]> {
  const out: Article[] = [];
  for (const c of await readdir(join(dir, 'articles')).catch(() => [] as string[])) {
    for (const f of await readdir(join(dir, 'articles', c))) out.push(Article.parse(JSON.parse(await readFile(join(dir, 'articles', c, f), 'utf8'))));
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

async function run(dir: string, now: string, extra: Partial<Parameters<typeof runAggregate>[0]> = {}): Promise<AggregateReport> {
  return runAggregate({ contentDir: dir, config: await loadConfig(dir), ingestFeed, now: new Date(now), backoffMs: 1, ...extra });
}

describe('aggregate run', () => {
  let server: FaultServer;
  beforeAll(async () => {
    server = await startFaultServer();
  });
  afterAll(() => server.close());

  it('is idempotent, keeps revisions, and keeps articles that leave the feed', async () => {
    const feed = mutableFeed(server, '/abc.xml');
    feed.items = [
      { guid: 'a1', title: 'Strike begins', body: '<p>Day one.</p>', date: 'Mon, 16 Nov 2026 09:00:00 GMT' },
      { guid: 'a2', title: 'Rent board meets', body: '<p>Agenda.</p>', date: 'Tue, 17 Nov 2026 09:00:00 GMT' },
      { guid: 'a2', title: 'Rent board meets (dup)', body: '<p>Agenda.</p>', date: 'Tue, 17 Nov 2026 09:00:00 GMT' },
    ];
    const dir = await makeContentDir({ contingents: [{ id: 'abc', feeds: [server.url('/abc.xml')] }] });

    const first = await run(dir, '2026-11-20T10:00:00Z');
    expect(first.totals.articles.new).toBe(2);
    expect((await articlesIn(dir)).map((a) => a.title)).toEqual(expect.arrayContaining(['Strike begins', 'Rent board meets']));

    // Second run: 304, and not one byte or mtime changes, even an hour later.
    const before = await snapshotDir(dir);
    const second = await run(dir, '2026-11-20T11:00:00Z');
    expect(second.sources[0]!.status).toBe('unchanged');
    expect(second.totals.filesWritten).toBe(0);
    expect(await snapshotDir(dir)).toEqual(before);

    // The publisher edits the text of a1 and drops a2 from the feed.
    feed.items = [{ guid: 'a1', title: 'Strike begins', body: '<p>Day one. Updated: talks resume.</p>', date: 'Mon, 16 Nov 2026 09:00:00 GMT' }];
    const third = await run(dir, '2026-11-20T12:00:00Z');
    expect(third.sources[0]!.articles).toMatchObject({ revised: 1, new: 0 });
    const articles = await articlesIn(dir);
    expect(articles).toHaveLength(2);
    const a1 = articles.find((a) => a.title === 'Strike begins')!;
    expect(a1.html).toBe('<p>Day one. Updated: talks resume.</p>');
    expect(a1.revisions).toEqual([{ at: '2026-11-20T12:00:00.000Z', hash: expect.any(String), title: 'Strike begins', summary: 'Day one.', html: '<p>Day one.</p>' }]);
    expect(a1.firstSeen).toBe('2026-11-20T10:00:00.000Z');
    expect(articles.find((a) => a.title === 'Rent board meets')).toBeDefined();
  });

  it('keeps ids stable when title and date change, clamps future dates, falls back to firstSeen', async () => {
    const feed = mutableFeed(server, '/ids.xml');
    feed.items = [
      { guid: 'x', title: 'Old title', body: '<p>x</p>', date: 'Mon, 16 Nov 2026 09:00:00 GMT' },
      { guid: 'future', title: 'From the future', body: '<p>f</p>', date: 'Mon, 01 Jan 2029 00:00:00 GMT' },
      { guid: 'nodate', title: 'No date', body: '<p>n</p>', date: 'not a date' },
    ];
    const dir = await makeContentDir({ contingents: [{ id: 'abc', feeds: [server.url('/ids.xml')] }] });
    await run(dir, '2026-11-20T10:00:00Z');
    const ids = (await articlesIn(dir)).map((a) => a.id);
    feed.items[0] = { ...feed.items[0]!, title: 'New title', date: 'Tue, 17 Nov 2026 09:00:00 GMT' };
    await run(dir, '2026-11-20T11:00:00Z');
    const after = await articlesIn(dir);
    expect(after.map((a) => a.id)).toEqual(ids);
    expect(after.find((a) => a.guid === 'future')!.published).toBe('2026-11-20T10:00:00.000Z');
    expect(after.find((a) => a.guid === 'nodate')!.published).toBe('2026-11-20T10:00:00.000Z');
  });

  it('marks a new contingent’s old items as backlog', async () => {
    const feed = mutableFeed(server, '/backlog.xml');
    feed.items = [
      { guid: 'old', title: 'Old', body: '<p>o</p>', date: 'Thu, 01 Jan 2026 09:00:00 GMT' },
      { guid: 'new', title: 'New', body: '<p>n</p>', date: 'Thu, 19 Nov 2026 09:00:00 GMT' },
    ];
    const dir = await makeContentDir({ contingents: [{ id: 'abc', feeds: [server.url('/backlog.xml')] }] });
    await run(dir, '2026-11-20T10:00:00Z');
    const articles = await articlesIn(dir);
    expect(articles.find((a) => a.guid === 'old')!.backlog).toBe(true);
    expect(articles.find((a) => a.guid === 'new')!.backlog).toBeUndefined();
  });

  it('keeps both copies of a URL carried by two contingents, each recording the other', async () => {
    const a = mutableFeed(server, '/copy-a.xml');
    const b = mutableFeed(server, '/copy-b.xml');
    a.items = [{ guid: 'joint', title: 'Joint statement', body: '<p>j</p>', date: 'Mon, 16 Nov 2026 09:00:00 GMT', link: 'https://joint.example/statement?utm_source=abc' }];
    b.items = [{ guid: 'js', title: 'Joint statement', body: '<p>j</p>', date: 'Mon, 16 Nov 2026 09:00:00 GMT', link: 'https://JOINT.example/statement#top' }];
    const dir = await makeContentDir({ contingents: [{ id: 'abc', feeds: [server.url('/copy-a.xml')] }, { id: 'xyz', feeds: [server.url('/copy-b.xml')] }] });
    await run(dir, '2026-11-20T10:00:00Z');
    const [x, y] = await articlesIn(dir);
    expect(x!.alsoIn).toEqual([y!.id]);
    expect(y!.alsoIn).toEqual([x!.id]);
  });

  it('drops a removed feed from the sources state but keeps its articles', async () => {
    const feed = mutableFeed(server, '/removed.xml');
    feed.items = [{ guid: 'r', title: 'Kept', body: '<p>r</p>', date: 'Mon, 16 Nov 2026 09:00:00 GMT' }];
    const dir = await makeContentDir({ contingents: [{ id: 'abc', feeds: [server.url('/removed.xml'), server.url('/feed.xml')] }] });
    await run(dir, '2026-11-20T10:00:00Z');
    const contingents = (await readFile(join(dir, 'contingents.yaml'), 'utf8')).replace(`- ${server.url('/removed.xml')}\n`, '');
    await writeFile(join(dir, 'contingents.yaml'), contingents);
    await run(dir, '2026-11-20T11:00:00Z');
    const { sources } = SourcesFile.parse(JSON.parse(await readFile(join(dir, 'state', 'sources.json'), 'utf8')));
    expect(Object.keys(sources)).toEqual([server.url('/feed.xml')]);
    expect((await articlesIn(dir)).map((a) => a.title)).toContain('Kept');
  });

  it('reports each failing source alone, keeps going, and records state', async () => {
    const feed = mutableFeed(server, '/good.xml');
    feed.items = [{ guid: 'g', title: 'Good', body: '<p>g</p>', date: 'Mon, 16 Nov 2026 09:00:00 GMT' }];
    const dir = await makeContentDir({
      contingents: [
        { id: 'good', feeds: [server.url('/good.xml')] },
        { id: 'missing', feeds: [server.url('/404')] },
        { id: 'html', feeds: [server.url('/html')] },
        { id: 'random', feeds: [server.url('/random')] },
        { id: 'gone', feeds: [server.url('/410')] },
        { id: 'busy', feeds: [server.url('/429')] },
        { id: 'moved', feeds: [server.url('/redirect?codes=301&to=/feed.xml')] },
        { id: 'loop', feeds: [server.url('/loop-a')] },
      ],
    });
    const report = await run(dir, '2026-11-20T10:00:00Z');
    const status = Object.fromEntries(report.sources.map((s) => [s.owner, s.status]));
    expect(status).toEqual({ good: 'ok', missing: 'failed', html: 'failed', random: 'failed', gone: 'gone', busy: 'retry-later', moved: 'ok', loop: 'failed' });
    expect(report.sources.find((s) => s.owner === 'html')!.message).toMatch(/not a feed/);

    const { sources } = SourcesFile.parse(JSON.parse(await readFile(join(dir, 'state', 'sources.json'), 'utf8')));
    expect(sources[server.url('/404')]).toMatchObject({ status: 404, consecutiveFailures: 1, error: '404 Not Found' });
    expect(sources[server.url('/410')]).toMatchObject({ gone: true, status: 410 });
    expect(sources[server.url('/429')]).toMatchObject({ retryAfter: '2026-11-20T10:02:00.000Z' });
    expect(sources[server.url('/redirect?codes=301&to=/feed.xml')]!.redirect).toBe(server.url('/feed.xml'));

    // Next run: the moved feed is fetched at its new URL; 410 and Retry-After are not polled.
    server.reset();
    const next = await run(dir, '2026-11-20T10:01:00Z');
    expect(server.hits('/redirect').count).toBe(0);
    expect(server.hits('/feed.xml').count).toBe(1);
    expect(server.hits('/410').count).toBe(0);
    expect(server.hits('/429').count).toBe(0);
    expect(next.sources.find((s) => s.owner === 'missing')!.status).toBe('failed');
    // The same 404 a minute later is no news: recorded at most once a day, so the count stays.
    const again = SourcesFile.parse(JSON.parse(await readFile(join(dir, 'state', 'sources.json'), 'utf8')));
    expect(again.sources[server.url('/404')]).toMatchObject({ consecutiveFailures: 1, lastAttempt: '2026-11-20T10:00:00.000Z' });
  });

  it('accepts signed rating files, rejects tampered and rolled-back ones, keeping the last good copy', async () => {
    const keys = generateRaterKeys();
    const file = (issued: string, value: number) =>
      JSON.stringify({ format: 'widenet-ratings/1', issued, ratings: [{ article: 'https://abc.example/a1', scale: 'newsworthy', value, at: issued }, { article: 'https://abc.example/a1', scale: 'nope', value: 1, at: issued }] });
    let body = file('2026-11-20T09:00:00Z', 4);
    let sig = signDetached(Buffer.from(body), keys.privateKeyPem);
    server.setRoute('/alice.json', (_req, res) => void res.writeHead(200, { 'content-type': 'application/json' }).end(body));
    server.setRoute('/alice.json.sig', (_req, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end(sig));
    server.setRoute('/bob.csv', (_req, res) => void res.writeHead(200, { 'content-type': 'text/csv' }).end('article,scale,value,at,note,retract\nhttps://abc.example/a1,newsworthy,5,2026-11-20T09:00:00Z,"great, really",\nhttps://abc.example/a1,newsworthy,99,2026-11-20T09:00:00Z,,\n'));
    const dir = await makeContentDir({
      contingents: [{ id: 'abc', feeds: [server.url('/feed.xml')] }],
      raters: [{ id: 'alice', url: server.url('/alice.json'), key: keys.publicKey }, { id: 'bob', url: server.url('/bob.csv') }],
    });
    const first = await run(dir, '2026-11-20T10:00:00Z');
    const alice = first.sources.find((s) => s.owner === 'alice')!;
    expect(alice).toMatchObject({ status: 'ok', ratings: { accepted: 1, rejected: 1 } });
    expect(alice.problems).toEqual(['ratings[1]: unknown scale "nope"; known scales: endorse, newsworthy']);
    expect(first.sources.find((s) => s.owner === 'bob')).toMatchObject({ status: 'ok', ratings: { accepted: 1, rejected: 1 }, problems: ['line 3: value 99 is outside scale newsworthy (1 to 5)'] });
    const stored = () => readFile(join(dir, 'ratings', 'alice.json'), 'utf8').then((t) => StoredRatings.parse(JSON.parse(t)));
    expect((await stored()).ratings[0]!.value).toBe(4);

    body = file('2026-11-20T11:00:00Z', 1); // tampered: signature is for the old body
    const tampered = await run(dir, '2026-11-20T11:00:00Z');
    expect(tampered.sources.find((s) => s.owner === 'alice')).toMatchObject({ status: 'rejected', message: expect.stringMatching(/does not match the key/) });
    expect((await stored()).ratings[0]!.value).toBe(4);

    body = file('2026-11-19T00:00:00Z', 2); // correctly signed, but older than the accepted copy
    sig = signDetached(Buffer.from(body), keys.privateKeyPem);
    const rollback = await run(dir, '2026-11-20T12:00:00Z');
    expect(rollback.sources.find((s) => s.owner === 'alice')).toMatchObject({ status: 'rejected', message: expect.stringMatching(/^rollback/) });
    expect((await stored()).ratings[0]!.value).toBe(4);

    // /sources/ reads the same state: rejected, the reason, and the copy still counting.
    const state = async () => SourcesFile.parse(JSON.parse(await readFile(join(dir, 'state', 'sources.json'), 'utf8')));
    const aliceRow = async () => sourceRows(await state()).find((r) => r.owner === 'alice')!;
    expect(await aliceRow()).toMatchObject({ health: 'rejected', error: expect.stringMatching(/^rollback: issued 2026-11-19T00:00:00Z is older/), kept: expect.stringMatching(/^keeping the last good copy, accepted /) });
    expect(tampered.sources.find((s) => s.owner === 'alice')!.message).toMatch(/; keeping the last good copy$/);

    body = file('2026-11-20T13:00:00Z', 5); // a newer, correctly signed copy is accepted again
    sig = signDetached(Buffer.from(body), keys.privateKeyPem);
    const recovered = await run(dir, '2026-11-20T13:00:00Z');
    expect(recovered.sources.find((s) => s.owner === 'alice')).toMatchObject({ status: 'ok' });
    expect((await state()).sources[server.url('/alice.json')]).not.toHaveProperty('rejected');
    expect((await aliceRow()).health).toBe('ok');
  });
});

describe('aggregate command', () => {
  let server: FaultServer;
  beforeAll(async () => {
    server = await startFaultServer();
  });
  afterAll(() => server.close());

  it('survives kill -9 mid-run: every file stays valid and the next run completes', { timeout: 60_000 }, async () => {
    const FEEDS = 40;
    const ITEMS = 40;
    for (let f = 0; f < FEEDS; f++) {
      const items = Array.from({ length: ITEMS }, (_, i) => `<item><guid>f${f}-i${i}</guid><title>Item ${i} of feed ${f}</title><link>https://c${f}.example/${i}</link><description><![CDATA[<p>${'Body text. '.repeat(200)}</p>]]></description></item>`).join('');
      const xml = `<?xml version="1.0"?><rss version="2.0"><channel><title>F${f}</title>${items}</channel></rss>`;
      // Slow responses spread the run out so the kill lands in the middle.
      server.setRoute(`/k${f}.xml`, (_req, res) => void setTimeout(() => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(xml), 30));
    }
    const dir = await makeContentDir({
      site: { aggregator: { concurrency: 2, perHost: 2, timeoutSeconds: 10 } },
      contingents: Array.from({ length: FEEDS }, (_, f) => ({ id: `c${f}`, feeds: [server.url(`/k${f}.xml`)] })),
    });
    const child = spawn(process.execPath, ['scripts/aggregate.ts', '--content', dir], { stdio: 'ignore' });
    const countFiles = async () => (await readdir(join(dir, 'articles')).catch(() => [])).length;
    while ((await countFiles()) < 5) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    const partial = await countFiles();
    expect(partial).toBeLessThan(FEEDS);

    for (const [path, { text }] of await snapshotDir(dir)) {
      if (path.endsWith('.json')) expect(() => JSON.parse(text), path).not.toThrow();
    }
    const code = await new Promise((r) => spawn(process.execPath, ['scripts/aggregate.ts', '--content', dir], { stdio: 'ignore' }).on('exit', r));
    expect(code).toBe(0);
    expect(await articlesIn(dir)).toHaveLength(FEEDS * ITEMS);
    const leftovers = [...(await snapshotDir(dir)).keys()].filter((p) => p.endsWith('.tmp'));
    expect(leftovers).toEqual([]);
  });

  it('exits 2 with file:line on a config error and writes nothing', async () => {
    const dir = await makeContentDir({ contingents: [{ id: 'abc', feeds: ['ftp://abc.example/feed'] }] });
    const { code, stderr } = await runCli('aggregate.ts', ['--content', dir]);
    expect(code).toBe(2);
    expect(stderr).toContain(`[config] ${join(dir, 'contingents.yaml')}:6 [0].feeds[0]: expected an http:// or https:// URL`);
    expect(await readdir(dir)).not.toContain('state');
  });

  it('prints a --json report and aggregates --only one source', async () => {
    const dir = await makeContentDir({ contingents: [{ id: 'abc', feeds: [server.url('/feed.xml')] }, { id: 'xyz', feeds: [server.url('/404')] }] });
    const { code, stdout } = await runCli('aggregate.ts', ['--content', dir, '--json', '--only', 'abc']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as AggregateReport;
    expect(report.sources.map((s) => [s.owner, s.status])).toEqual([['abc', 'ok']]);
    expect(report.totals.articles.new).toBeGreaterThan(0);
  });
});

