// Upstream and fork on loopback: upstream aggregates the demo network and builds its site with the
// export (/data/); a fork with its own edition and one more contingent imports upstream's database
// instead of fetching the shared feeds, and falls back to fetching them itself when upstream cannot
// vouch for them (a tampered shard, an unreachable site).
import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ingestFeed } from '../../scripts/aggregator/ingestFeed.ts';
import { runAggregate } from '../../scripts/aggregator/runAggregate.ts';
import { startDemoServer, type DemoServer } from '../../scripts/cli/demoServer.ts';
import { loadConfig } from '../../scripts/cli/loadConfig.ts';
import { DbManifest } from '../../src/lib/commons/dbFormat.ts';
import { sha256Hex } from '../../src/lib/commons/shardBytes.ts';
import { buildSite, type BuiltSite } from '../helpers/buildSite.ts';
import { FEED_XML, startFaultServer, type FaultServer } from '../helpers/faultServer.ts';
import { copyConfig, runCli } from '../helpers/runCli.ts';
import { serveDir, type ServedDir } from '../helpers/serveDir.ts';

const UPSTREAM_NOW = new Date('2026-11-21T12:00:00Z');
const FORK_NOW = new Date('2026-11-22T09:30:00Z');
const SHARED = ['abc-bulletin', 'harbor', 'rivet', 'tenants'];
const RATERS = ['abc-bulletin-desk', 'alice', 'harbor-desk', 'reading-circle', 'rivet', 'tenants-desk'];
// Raters found through trust (site.yaml `discover`: Alice trusts the Dockside Readers, who trust
// Night Shift Notes) are in no raters.yaml and not in upstream's export: the fork fetches them itself.
const DISCOVERED_PATHS = ['/ratings/dockside-readers.json', '/ratings/night-shift.json'];
const DISCOVERED = DISCOVERED_PATHS.map((path) => `GET ${path} 200`);
/** The next run asks again, conditionally, and the demo server has nothing new. */
const DISCOVERED_AGAIN = DISCOVERED_PATHS.map((path) => `GET ${path} 304`);
/** The report's sources that the config names, without the raters found through trust. */
const configured = (sources: { owner: string; status: string; discovered?: unknown }[]) => sources.filter((s) => !s.discovered).map((s) => `${s.owner} ${s.status}`);

let demo: DemoServer;
const requests: string[] = [];
let extra: FaultServer;
let upstream: string;
let site: BuiltSite;
let served: ServedDir;

beforeAll(async () => {
  demo = await startDemoServer({ port: 0, log: (line) => requests.push(line) });
  extra = await startFaultServer({ '/feed.xml': (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(FEED_XML) });
  upstream = await copyConfig({ origin: demo.origin });
  await runAggregate({ contentDir: upstream, config: await loadConfig(upstream), ingestFeed, now: UPSTREAM_NOW });
  site = await buildSite({ content: upstream, now: UPSTREAM_NOW.toISOString() });
  served = await serveDir(site.outDir, '/', { gzip: true });
}, 300_000);

afterAll(async () => {
  await served?.close();
  await site?.cleanup();
  await extra?.close();
  await demo?.close();
});

/** A fork of the demo network: upstream in site.yaml, its own edition, and one contingent more. */
async function makeFork(upstreamUrl: string): Promise<string> {
  const fork = await copyConfig({ origin: demo.origin });
  await writeFile(join(fork, 'site.yaml'), `${await readFile(join(fork, 'site.yaml'), 'utf8')}\nupstream:\n  url: ${upstreamUrl}\n`);
  const riverside = { id: 'riverside', name: 'Riverside Tenants', home: 'https://riverside.example/', feeds: [extra.url('/feed.xml')], license: 'CC0-1.0' };
  await writeFile(join(fork, 'contingents.yaml'), `${await readFile(join(fork, 'contingents.yaml'), 'utf8')}\n${stringify([riverside])}`);
  await writeFile(join(fork, 'editions', 'riverside.yaml'), stringify({ title: 'Riverside and the harbor', contingents: { include: ['riverside', 'harbor'] } }));
  return fork;
}

async function aggregateFork(fork: string, now = FORK_NOW) {
  requests.length = 0;
  extra.reset();
  return runAggregate({ contentDir: fork, config: await loadConfig(fork), ingestFeed, now });
}

/** Every file under `dir/sub`, relative path → bytes. */
async function files(dir: string, sub: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const entry of await readdir(join(dir, sub), { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out.set(join(entry.parentPath, entry.name).slice(dir.length + 1), await readFile(join(entry.parentPath, entry.name)));
  }
  return out;
}

describe('upstream’s export', () => {
  it('is built with the site: a widenet-db/1 manifest whose shards hold every stored file’s JSON, at the digests it lists', async () => {
    expect(await site.read('sources/index.html')).toContain('<a href="/data/manifest.json">data/manifest.json</a>');
    const manifest = DbManifest.parse(JSON.parse(await site.read('data/manifest.json')));
    const articles = await files(upstream, 'articles');
    expect(manifest.counts.articles).toBe(articles.size);
    expect(manifest.built.at).toBe('2026-11-21T12:00:00.000Z');
    expect(manifest.contingents.map((c) => c.id)).toEqual(['abc-bulletin', 'harbor', 'tenants', 'rivet']);
    expect(manifest.raters.map((r) => r.id).sort()).toEqual(RATERS);
    const lines = new Map<string, string>();
    for (const shard of manifest.shards) {
      const bytes = await readFile(join(site.outDir, 'data', shard.path));
      expect(sha256Hex(bytes), shard.path).toBe(shard.sha256);
      expect(bytes.length).toBe(shard.bytes);
      const text = gunzipSync(bytes).toString('utf8');
      expect(text.endsWith('\n')).toBe(true);
      if (shard.kind === 'articles') for (const line of text.slice(0, -1).split('\n')) lines.set(JSON.parse(line).id, line);
    }
    // Each line is its article file, minus the indentation.
    for (const [path, bytes] of articles) {
      const id = path.split('/').at(-1)!.replace(/\.json$/, '');
      expect(`${JSON.stringify(JSON.parse(lines.get(id)!), null, 2)}\n`).toBe(bytes.toString('utf8'));
    }
  });
});

describe('a fork with upstream in site.yaml', () => {
  it('imports the shared contingents and raters without fetching them, fetches its own contingent, and holds upstream’s files byte for byte', async () => {
    const fork = await makeFork(served.url);
    const report = await aggregateFork(fork);

    // The request log: not one request for a shared feed or rating file; the extra feed, once.
    expect(requests).toEqual(DISCOVERED);
    expect(extra.hits('/feed.xml').count).toBe(1);
    expect(report.upstream).toMatchObject({ url: served.url, status: 'ok', contingents: [...SHARED].sort(), raters: RATERS, fallback: [], notShared: [] });
    expect(configured(report.sources)).toEqual(['riverside ok']);
    expect(report.sources.filter((s) => s.discovered).map((s) => s.status)).toEqual(['ok', 'ok']);

    // Shared articles and rating files: the same ids, revisions, firstSeen — the same bytes.
    for (const sub of ['articles', 'ratings']) {
      const theirs = await files(upstream, sub);
      const mine = await files(fork, sub);
      for (const [path, bytes] of theirs) expect(mine.get(path)?.equals(bytes), path).toBe(true);
    }
    expect((await readdir(join(fork, 'articles'))).sort()).toEqual([...SHARED, 'riverside'].sort());
    expect((await readdir(join(fork, 'articles', 'riverside'))).length).toBeGreaterThan(0);
    // The health of the shared sources is upstream's; the fork's own source is its own.
    const theirStates = JSON.parse(await readFile(join(upstream, 'state', 'sources.json'), 'utf8')).sources;
    const myStates = JSON.parse(await readFile(join(fork, 'state', 'sources.json'), 'utf8')).sources;
    expect(Object.keys(myStates).sort()).toEqual([...Object.keys(theirStates), extra.url('/feed.xml')].sort());
    for (const url of Object.keys(theirStates).filter((u) => !DISCOVERED_PATHS.some((path) => u.endsWith(path)))) expect(myStates[url]).toEqual(theirStates[url]);
    expect((await runCli('check.ts', ['--content', fork])).code).toBe(0);

    // The next run downloads nothing but the manifest, and changes no file.
    const again = await aggregateFork(fork, new Date('2026-11-22T10:30:00Z'));
    expect(requests).toEqual(DISCOVERED_AGAIN);
    expect(again.upstream?.shards).toEqual({ fetched: 0, unchanged: expect.any(Number), bytes: 0 });
    expect(again.totals.filesWritten).toBe(0);
  }, 120_000);

  it('imports in parts when the run is split across jobs: each shard job its contingents, the merge the rating files', async () => {
    const fork = await makeFork(served.url);
    const work = await mkdtemp(join(tmpdir(), 'widenet-shards-'));
    const jobs = [join(work, 'job-1'), join(work, 'job-2')];
    const outs = [join(work, 'out-1'), join(work, 'out-2')];
    for (const job of jobs) await cp(fork, job, { recursive: true });
    requests.length = 0;
    extra.reset();
    const env = { WIDENET_NOW: FORK_NOW.toISOString() };
    const shards = await Promise.all(jobs.map((job, i) => runCli('aggregate.ts', ['--shard', `${i + 1}/2`, '--out', outs[i]!, '--content', job], { env })));
    expect(shards.map((r) => r.code)).toEqual([0, 0]);
    const merge = await runCli('aggregate.ts', ['--merge', ...outs, '--json', '--content', fork], { env });
    expect(merge.code).toBe(0);
    expect(requests).toEqual(DISCOVERED);
    expect(extra.hits('/feed.xml').count).toBe(1);
    const report = JSON.parse(merge.stdout);
    expect(report.upstream).toMatchObject({ status: 'ok', contingents: [...SHARED].sort(), raters: RATERS, fallback: [] });
    expect(report.upstream.articles.new).toBe((await files(upstream, 'articles')).size);
    for (const sub of ['articles', 'ratings']) {
      const mine = await files(fork, sub);
      for (const [path, bytes] of await files(upstream, sub)) expect(mine.get(path)?.equals(bytes), path).toBe(true);
    }
    // The merge recorded every shard imported, the shard jobs' too: the next run downloads none.
    const next = await aggregateFork(fork, new Date('2026-11-22T10:30:00Z'));
    expect(next.upstream?.shards.fetched).toBe(0);
    expect(requests).toEqual(DISCOVERED_AGAIN);
  }, 180_000);

  it('refuses a tampered shard, fetches that contingent itself, says so, and imports the rest', async () => {
    const data = await mkdtemp(join(tmpdir(), 'widenet-tampered-'));
    await cp(join(site.outDir, 'data'), join(data, 'data'), { recursive: true });
    const manifest = DbManifest.parse(JSON.parse(await readFile(join(data, 'data', 'manifest.json'), 'utf8')));
    const target = manifest.shards.find((s) => s.kind === 'articles' && s.contingent === 'harbor')!;
    const path = join(data, 'data', target.path);
    // A well-formed shard with one title changed: only the digest gives it away.
    await writeFile(path, gzipSync(gunzipSync(await readFile(path)).toString('utf8').replace('"title":"', '"title":"FORGED ')));
    const tampered = await serveDir(data, '/');
    try {
      const fork = await makeFork(tampered.url);
      const report = await aggregateFork(fork);
      expect(report.upstream!.fallback).toEqual([{ kind: 'contingent', owner: 'harbor', reason: expect.stringContaining(`${tampered.url}data/${target.path}: does not match upstream's manifest`) }]);
      expect(report.upstream!.contingents).toEqual(['abc-bulletin', 'rivet', 'tenants']);
      expect(requests).toEqual(['GET /feeds/harbor.atom 200', ...DISCOVERED]);
      expect(configured(report.sources).sort()).toEqual(['harbor ok', 'riverside ok']);
      const harbor = await files(fork, 'articles/harbor');
      expect(harbor.size).toBe((await files(upstream, 'articles/harbor')).size);
      for (const bytes of harbor.values()) expect(bytes.toString()).not.toContain('FORGED');
      // Not recorded as imported: the next good export is imported in full.
      const state = JSON.parse(await readFile(join(fork, 'state', 'upstream.json'), 'utf8'));
      expect(Object.keys(state.shards).filter((p) => p.startsWith('articles/harbor/'))).toEqual([]);
      expect(Object.keys(state.shards).filter((p) => p.startsWith('articles/abc-bulletin/')).length).toBeGreaterThan(0);
      const aggregate = await runCli('aggregate.ts', ['--content', fork], { env: { WIDENET_NOW: '2026-11-22T11:00:00Z' } });
      expect(aggregate.stderr).toMatch(/\[aggregate\] \[upstream\] \[harbor\] http:\/\/127\.0\.0\.1:\d+\/data\/articles\/harbor\/\d{4}-\d{2}\.jsonl\.gz: does not match upstream's manifest .*; fetched here instead/);
    } finally {
      await tampered.close();
    }
  }, 120_000);

  it('fetches every source itself when upstream is unreachable, and says so', async () => {
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((done) => closed.close(done));
    const fork = await makeFork(`http://127.0.0.1:${port}/`);
    const report = await aggregateFork(fork);
    expect(report.upstream).toMatchObject({ status: 'failed', contingents: [], raters: [], message: expect.stringMatching(new RegExp(`^http://127\\.0\\.0\\.1:${port}/data/manifest\\.json: network error.*; fetching every source here$`)) });
    expect(requests.filter((r) => r.startsWith('GET /feeds/')).sort()).toEqual(['GET /feeds/abc-bulletin.rss 200', 'GET /feeds/harbor.atom 200', 'GET /feeds/rivet.rss 200', 'GET /feeds/tenants.feed.json 200']);
    expect(requests.filter((r) => r.startsWith('GET /ratings/'))).toHaveLength(6 + DISCOVERED.length);
    expect(report.totals).toMatchObject({ sources: 11 + DISCOVERED.length, ok: 11 + DISCOVERED.length, failed: 0 });
  }, 120_000);
});
