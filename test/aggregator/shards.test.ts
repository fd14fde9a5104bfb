// A run split across jobs: three shards in parallel processes on loopback, then a merge, leave
// content/ byte for byte as one whole run does, and each feed is fetched by one shard only.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseShardSpec, shardOf } from '../../scripts/aggregator/shardFile.ts';
import { makeContentDir, snapshotDir } from '../helpers/contentDir.ts';
import { startFaultServer, type FaultServer } from '../helpers/faultServer.ts';
import { runCli } from '../helpers/runCli.ts';

const IDS = ['abc', 'xyz', 'harbor', 'rivet', 'tenants', 'port', 'nurses', 'transit', 'docks'];
// Pinned by hand: which shard of three fetches each contingent (a digest of its id, never its position).
const SHARD_OF_3: Record<string, number> = { abc: 1, xyz: 1, nurses: 1, rivet: 2, tenants: 2, transit: 2, harbor: 3, port: 3, docks: 3 };

interface Item {
  guid: string;
  title: string;
  body: string;
  link?: string;
}

/** Every contingent's feed, changeable between runs, served with a content ETag and 304s; docks' is gone missing (404). */
function serveFeeds(server: FaultServer, feeds: Record<string, Item[]>): void {
  for (const path of Object.keys(feeds)) {
    server.setRoute(`/${path}.xml`, (req, res) => {
      if (path === 'docks') return void res.writeHead(404).end('no such feed');
      const items = feeds[path]!.map((i, n) => `<item><guid isPermaLink="false">${i.guid}</guid><title>${i.title}</title><link>${i.link ?? `https://${path}.example/${i.guid}`}</link><pubDate>${new Date(Date.UTC(2026, 10, 19, n)).toUTCString()}</pubDate><description><![CDATA[${i.body}]]></description></item>`);
      const body = `<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>${path}</title><link>https://${path}.example/</link>${items.join('\n')}</channel></rss>`;
      const etag = `"${Buffer.from(body).toString('base64').length}-${body.length}-${items.length}"`;
      if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag }).end(body);
    });
  }
}

const aggregate = (dir: string, now: string, args: string[] = []) => runCli('aggregate.ts', ['--content', dir, '--json', ...args], { env: { WIDENET_NOW: now }, timeoutMs: 300_000 });

/** Every file of a content folder with its text (times left out: copies differ in them). */
async function files(dir: string): Promise<Record<string, string>> {
  return Object.fromEntries([...(await snapshotDir(dir))].map(([path, { text }]) => [path, text]).sort(([a], [b]) => (a! < b! ? -1 : 1)));
}

describe('aggregate --shard i/n and --merge', () => {
  let server: FaultServer;
  let work: string;
  const feeds: Record<string, Item[]> = Object.fromEntries(IDS.map((id) => [id, [{ guid: `${id}-1`, title: `First from ${id}`, body: `<p>${id} one.</p>` }]]));
  feeds['port-extra'] = [{ guid: 'px-1', title: 'Port, second feed', body: '<p>Second feed.</p>' }];
  let ratings = { format: 'widenet-ratings/1', issued: '2026-11-20T09:00:00Z', ratings: [{ article: 'https://abc.example/abc-1', scale: 'newsworthy', value: 4, at: '2026-11-20T09:00:00Z' }] };

  beforeAll(async () => {
    server = await startFaultServer();
    serveFeeds(server, feeds);
    server.setRoute('/alice.json', (_req, res) => void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(ratings)));
    work = await mkdtemp(join(tmpdir(), 'widenet-shards-'));
  });
  afterAll(async () => {
    await server.close();
    await rm(work, { recursive: true, force: true });
  });

  it('assigns contingents by id, stably', () => {
    expect(Object.fromEntries(IDS.map((id) => [id, shardOf(id, 3)]))).toEqual(SHARD_OF_3);
    expect(IDS.map((id) => shardOf(id, 1))).toEqual(IDS.map(() => 1));
    expect(parseShardSpec('2/3')).toEqual({ index: 2, count: 3 });
    for (const bad of ['0/3', '4/3', '2', 'a/b', '1/0']) expect(() => parseShardSpec(bad)).toThrow(/expected i\/n/);
  });

  it('three shards in parallel and a merge give the content/ of one run', { timeout: 900_000 }, async () => {
    const single = await makeContentDir({
      contingents: IDS.map((id) => ({ id, feeds: [server.url(`/${id}.xml`), ...(id === 'port' ? [server.url('/port-extra.xml')] : [])] })),
      raters: [{ id: 'alice', url: server.url('/alice.json') }],
    });
    // The first hour: one whole run; its result is what every job of the next hour checks out.
    expect((await aggregate(single, '2026-11-20T10:00:00Z')).code).toBe(0);
    const merged = join(work, 'merged');
    await cp(single, merged, { recursive: true });
    const copies = await Promise.all([1, 2, 3].map(async (i) => (await cp(single, join(work, `job-${i}`), { recursive: true }), join(work, `job-${i}`))));

    // The next hour: new articles, a revision, one URL carried by two contingents of different shards, a rating of a new article.
    feeds.abc!.push({ guid: 'abc-2', title: 'Second from abc', body: '<p>abc two.</p>' });
    feeds.rivet![0] = { guid: 'rivet-1', title: 'First from rivet', body: '<p>rivet one, corrected.</p>' };
    feeds.xyz!.push({ guid: 'joint', title: 'Joint statement', body: '<p>Together.</p>', link: 'https://joint.example/statement' });
    feeds.harbor!.push({ guid: 'joint-h', title: 'Joint statement', body: '<p>Together.</p>', link: 'https://joint.example/statement' });
    feeds.tenants!.push({ guid: 'tenants-2', title: 'Rent strike', body: '<p>Tenants.</p>' });
    ratings = { ...ratings, issued: '2026-11-20T10:30:00Z', ratings: [...ratings.ratings, { article: 'https://tenants.example/tenants-2', scale: 'newsworthy', value: 5, at: '2026-11-20T10:30:00Z' }] };
    const now = '2026-11-20T11:00:00Z';

    const whole = await aggregate(single, now);
    expect(whole.code, whole.stderr).toBe(0);

    server.reset();
    const outs = [1, 2, 3].map((i) => join(work, `out-${i}`));
    const shards = await Promise.all([1, 2, 3].map((i) => aggregate(copies[i - 1]!, now, ['--shard', `${i}/3`, '--out', outs[i - 1]!])));
    for (const s of shards) expect(s.code, s.stderr).toBe(0);
    // Each feed fetched once, by its own shard; no rating file yet.
    for (const path of Object.keys(feeds)) expect(server.hits(`/${path}.xml`).count, path).toBe(1);
    expect(server.hits('/alice.json').count).toBe(0);
    const shard1 = JSON.parse(await readFile(join(outs[0]!, 'shard.json'), 'utf8'));
    expect(shard1).toMatchObject({ format: 'widenet-shard/1', shard: 1, of: 3, contingents: ['abc', 'nurses', 'xyz'] });
    // Only what changed: abc's new article and xyz's joint statement (nurses' feed is as it was).
    expect(shard1.files.map((f: string) => f.split('/')[1])).toEqual(['abc', 'xyz']);
    expect(JSON.parse(shards[1]!.stdout).sources.map((s: { owner: string }) => s.owner).sort()).toEqual(['rivet', 'tenants', 'transit']);

    const merge = await aggregate(merged, now, ['--merge', ...outs]);
    expect(merge.code, merge.stderr).toBe(0);
    expect(merge.stderr).toContain('[aggregate] merged 3 shards (1/3, 2/3, 3/3)');
    expect(server.hits('/alice.json').count).toBe(1);

    // Byte for byte the same content/ as the whole run: articles, alsoIn across shards, ratings, sources state, URL index.
    const [a, b] = [await files(single), await files(merged)];
    expect(Object.keys(b)).toEqual(Object.keys(a));
    for (const path of Object.keys(a)) expect(b[path], path).toBe(a[path]);
    expect(a['state/urls.json']).toContain('joint.example/statement');
    expect(Object.values(a).filter((t) => t.includes('"alsoIn"'))).toHaveLength(2);
    // And the merged report reads like the whole run's.
    const [r1, r2] = [JSON.parse(whole.stdout), JSON.parse(merge.stdout)];
    expect(r2.sources.map((s: { owner: string; status: string }) => `${s.owner} ${s.status}`)).toEqual(r1.sources.map((s: { owner: string; status: string }) => `${s.owner} ${s.status}`));
    expect(r2.totals.articles).toEqual(r1.totals.articles);
  });

  it('leaves out a missing or tampered shard, whose feeds keep their state', { timeout: 600_000 }, async () => {
    const base = await makeContentDir({ contingents: IDS.slice(0, 4).map((id) => ({ id, feeds: [server.url(`/${id}.xml`)] })) });
    const job = join(work, 'job-t');
    await cp(base, job, { recursive: true });
    const out1 = join(work, 'out-t1');
    const out3 = join(work, 'out-t3');
    expect((await aggregate(job, '2026-11-21T10:00:00Z', ['--shard', '1/3', '--out', out1])).code).toBe(0);
    expect((await aggregate(job, '2026-11-21T10:00:00Z', ['--shard', '3/3', '--out', out3])).code).toBe(0);
    // Shard 3's result now carries an article of abc, which is shard 1's.
    const shard3 = JSON.parse(await readFile(join(out3, 'shard.json'), 'utf8'));
    const shard1 = JSON.parse(await readFile(join(out1, 'shard.json'), 'utf8'));
    await cp(join(out1, shard1.files[0]), join(out3, 'articles/abc/stolen.json'));
    await writeFile(join(out3, 'shard.json'), JSON.stringify({ ...shard3, files: [...shard3.files, 'articles/abc/stolen.json'] }));

    const merge = await aggregate(base, '2026-11-21T10:00:00Z', ['--merge', out1, out3]);
    expect(merge.code, merge.stderr).toBe(0);
    expect(merge.stderr).toContain(`[aggregate] --merge ${out3}: articles/abc/stolen.json is not one of its contingents' articles; its contingents keep their earlier state and are fetched again on the next run`);
    expect(merge.stderr).toContain('[aggregate] --merge: shard 2/3 is missing; its contingents keep their earlier state and are fetched again on the next run');
    const state = JSON.parse(await readFile(join(base, 'state/sources.json'), 'utf8')).sources;
    expect(Object.keys(state).sort()).toEqual([server.url('/abc.xml'), server.url('/xyz.xml')].sort());
    expect(await readFile(join(base, 'articles/abc', 'stolen.json'), 'utf8').catch(() => 'absent')).toBe('absent');

    // Wrong use stops before anything changes.
    const both = await aggregate(base, '2026-11-21T10:00:00Z', ['--shard', '1/3', '--merge', out1]);
    expect([both.code, both.stderr]).toEqual([2, expect.stringContaining('--shard and --merge are separate steps')]);
    const none = await aggregate(base, '2026-11-21T10:00:00Z', ['--merge', join(work, 'nowhere')]);
    expect([none.code, none.stderr]).toEqual([2, expect.stringContaining('no readable shard.json')]);
  });
});
