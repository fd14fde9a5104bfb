// Discovery on loopback: raters found through trust, two steps deep, with a hostile file and a cycle.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscoveredFile, StoredRatings } from '../../src/lib/config/schema.ts';
import { evaluateEdition } from '../../src/lib/editions/evaluateEdition.ts';
import { loadConfig } from '../../scripts/cli/loadConfig.ts';
import { ingestFeed } from '../../scripts/aggregator/ingestFeed.ts';
import { readDatabase } from '../../scripts/aggregator/readDatabase.ts';
import { runAggregate } from '../../scripts/aggregator/runAggregate.ts';
import { makeContentDir } from '../helpers/contentDir.ts';
import { startFaultServer, type FaultServer } from '../helpers/faultServer.ts';
import { runCli } from '../helpers/runCli.ts';

const ARTICLE = 'https://abc.example/2026/11/strike';

/** A rating file that rates ARTICLE and trusts the given paths on the server. */
function ratingFile(server: FaultServer, value: number, trusts: [string, number][], issued = '2026-11-20T08:00:00Z', name?: string) {
  return JSON.stringify({
    format: 'widenet-ratings/1',
    ...(name && { rater: { name } }),
    issued,
    ratings: [{ article: ARTICLE, scale: 'newsworthy', value, at: issued }],
    trust: trusts.map(([path, w]) => ({ rater: server.url(path), w })),
  });
}

describe('discovery', () => {
  let server: FaultServer;
  const bodies = new Map<string, string>();
  const serve = (path: string, body: string) => {
    bodies.set(path, body);
    server.setRoute(path, (_req, res) => void res.writeHead(200, { 'content-type': 'application/json' }).end(bodies.get(path)));
  };
  beforeAll(async () => {
    server = await startFaultServer();
    // alice (listed) → carol → dave → frank; carol → alice and dave → carol are cycles; alice → erin is hostile.
    serve('/alice.json', ratingFile(server, 5, [['/carol.json', 1], ['/erin.json', 1]]));
    serve('/carol.json', ratingFile(server, 4, [['/dave.json', 1], ['/alice.json', 1]], undefined, 'Carol\n  Reyes'));
    serve('/dave.json', ratingFile(server, 5, [['/carol.json', 1], ['/frank.json', 1]]));
    serve('/erin.json', '{"format": "widenet-ratings/1", "ratings": [ <script>alert(1)</script>');
    serve('/frank.json', ratingFile(server, 1, []));
  });
  afterAll(() => server.close());

  const setup = (discover: Record<string, number> | undefined) =>
    makeContentDir({
      contingents: [],
      site: discover ? { discover } : {},
      raters: [{ id: 'alice', url: server.url('/alice.json'), format: 'json' }],
      editions: {
        trusted: { title: 'Trusted', raters: { trust: { seeds: { alice: 1 }, depth: 3, cap: 1 } } },
        commons: { title: 'Commons' },
      },
    });
  const run = async (dir: string, now: string) => runAggregate({ contentDir: dir, config: await loadConfig(dir), ingestFeed, now: new Date(now), backoffMs: 1 });
  const discovered = async (dir: string) => DiscoveredFile.parse(JSON.parse(await readFile(join(dir, 'state', 'discovered.json'), 'utf8'))).raters;

  it('follows trust two steps from raters.yaml, reports a hostile file, and goes round a cycle once', async () => {
    const dir = await setup({ depth: 2, max: 10 });
    server.reset();
    const report = await run(dir, '2026-11-20T10:00:00Z');

    const byUrl = new Map((await discovered(dir)).map((d) => [d.url, d]));
    const idOf = (path: string) => byUrl.get(server.url(path))!.id;
    expect([...byUrl.keys()].sort()).toEqual(['/carol.json', '/dave.json', '/erin.json'].map((p) => server.url(p)));
    // The name a file gives itself is kept as plain text (pages show it only when it borrows no one's).
    expect(byUrl.get(server.url('/carol.json'))).toMatchObject({ name: 'Carol Reyes', depth: 1, vouchedBy: ['alice', idOf('/dave.json')].sort(), firstSeen: '2026-11-20T10:00:00.000Z' });
    expect(byUrl.get(server.url('/dave.json'))!.name).toBeUndefined();
    expect(byUrl.get(server.url('/dave.json'))).toMatchObject({ depth: 2, vouchedBy: [idOf('/carol.json')] });
    expect(byUrl.get(server.url('/erin.json'))).toMatchObject({ depth: 1, vouchedBy: ['alice'] });
    for (const [url, d] of byUrl) expect(d.id).toMatch(new RegExp(`^127-0-0-1-${url.split('/').pop()!.replace('.json', '')}-[0-9a-f]{8}$`));

    // Each file fetched once: alice is listed (the cycle back to it fetches nothing), frank is 3 steps away.
    expect(['/alice.json', '/carol.json', '/dave.json', '/erin.json', '/frank.json'].map((p) => server.hits(p).count)).toEqual([1, 1, 1, 1, 0]);

    const erin = report.sources.find((s) => s.url === server.url('/erin.json'))!;
    expect(erin).toMatchObject({ kind: 'ratings', status: 'rejected', discovered: { depth: 1, vouchedBy: ['alice'] } });
    expect(erin.message).toMatch(/^not valid JSON: .*; keeping the last good copy$/);
    expect(report.sources.find((s) => s.url === server.url('/dave.json'))).toMatchObject({ status: 'ok', ratings: { accepted: 1, rejected: 0 } });

    // The next build counts dave through alice → carol → dave in the trust edition, and only alice elsewhere.
    const db = await readDatabase(dir);
    const now = new Date('2026-11-20T12:00:00Z');
    db.articles.push({ id: 'abc-1', contingent: 'abc', title: 'Strike', url: ARTICLE, authors: [], published: '2026-11-19T00:00:00Z', firstSeen: '2026-11-19T00:00:00Z', summary: '', html: '', tags: [], license: 'CC0-1.0', media: [], hash: 'x', revisions: [] });
    const trusted = evaluateEdition(db, db.editions.find((e) => e.id === 'trusted')!, now);
    // Each of alice, carol and dave trusts two files. dave: 0.25 · 0.5 · 1/2 = 0.0625 (step 2);
    // carol: 0.5 · 1/2 = 0.25 (step 1), + 0.0625 · 0.5 · 1/2 = 0.015625 back from dave (step 3) = 0.265625.
    expect(trusted.entries[0]!.ratings.map((r) => [r.rater, r.weight, r.trustPath])).toEqual(
      [
        ['alice', 1, ['alice']],
        [idOf('/carol.json'), 0.265625, ['alice', idOf('/carol.json')]],
        [idOf('/dave.json'), 0.0625, ['alice', idOf('/carol.json'), idOf('/dave.json')]],
      ].sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1)),
    );
    const commons = evaluateEdition(db, db.editions.find((e) => e.id === 'commons')!, now);
    expect(commons.entries[0]!.ratings.map((r) => r.rater)).toEqual(['alice']);
  });

  it('keeps a discovered rater’s last good copy when its file turns bad, and still follows its trust', async () => {
    const dir = await setup({ depth: 2, max: 10 });
    await run(dir, '2026-11-20T10:00:00Z');
    const carolId = (await discovered(dir)).find((d) => d.url === server.url('/carol.json'))!.id;
    const good = await readFile(join(dir, 'ratings', `${carolId}.json`), 'utf8');

    const before = bodies.get('/carol.json')!;
    serve('/carol.json', ratingFile(server, 1, [], '2026-11-01T00:00:00Z')); // a rollback: older than the copy kept
    try {
      const report = await run(dir, '2026-11-20T11:00:00Z');
      const carol = report.sources.find((s) => s.owner === carolId)!;
      expect(carol.status).toBe('rejected');
      expect(carol.message).toMatch(/^rollback: issued 2026-11-01T00:00:00Z is older than the last accepted copy/);
      expect(await readFile(join(dir, 'ratings', `${carolId}.json`), 'utf8')).toBe(good);
      expect(StoredRatings.parse(JSON.parse(good)).trust?.map((t) => t.rater)).toEqual([server.url('/dave.json'), server.url('/alice.json')]);
      // dave is still found, through the copy kept.
      expect((await discovered(dir)).map((d) => d.url).sort()).toEqual(['/carol.json', '/dave.json', '/erin.json'].map((p) => server.url(p)));
    } finally {
      serve('/carol.json', before);
    }
  });

  it('fetches at most `max` files, the most trusted first, and forgets them all when discovery is turned off', async () => {
    const dir = await setup({ depth: 2, max: 1 });
    server.reset();
    await run(dir, '2026-11-20T10:00:00Z');
    // alice trusts carol and erin equally; a tie goes to the first URL.
    expect((await discovered(dir)).map((d) => d.url)).toEqual([server.url('/carol.json')]);
    expect(server.hits('/erin.json').count).toBe(0);

    const off = await setup(undefined);
    await run(off, '2026-11-20T10:00:00Z');
    await expect(readFile(join(off, 'state', 'discovered.json'), 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('is idempotent: a second run with nothing changed writes no file', async () => {
    const dir = await setup({ depth: 2, max: 10 });
    await run(dir, '2026-11-20T10:00:00Z');
    const second = await run(dir, '2026-11-20T10:30:00Z');
    expect(second.totals.filesWritten).toBe(0);
  });

  it('the command names a discovered rater with those who vouch for it', async () => {
    const dir = await setup({ depth: 1, max: 10 });
    const { code, stderr } = await runCli('aggregate.ts', ['--content', dir]);
    expect(code, stderr).toBe(0);
    expect(stderr).toMatch(/\[aggregate\] \[127-0-0-1-erin-[0-9a-f]{8}, found through trust from alice\] http:\/\/127\.0\.0\.1:\d+\/erin\.json: not valid JSON/);
  });
});
