// A full disk mid-run: every file in content/ stays valid, the message says what to do, and the
// next run with space completes. On a real tmpfs when this runs as root; skipped, saying so, if not.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Article } from '../../src/lib/config/schema.ts';
import { makeContentDir, snapshotDir } from '../helpers/contentDir.ts';
import { startFaultServer, type FaultServer } from '../helpers/faultServer.ts';
import { rssWithItems, serveRss } from '../helpers/feedRoutes.ts';
import { ROOT } from '../helpers/runCli.ts';
import { cp } from 'node:fs/promises';

const FEEDS = 12;
const ITEMS = 20;

function canMountTmpfs(): boolean {
  if (process.getuid?.() !== 0) return false;
  const probe = spawnSync('sh', ['-c', 'd=$(mktemp -d) && mount -t tmpfs -o size=64k tmpfs "$d" && umount "$d" && rmdir "$d"']);
  return probe.status === 0;
}
const REAL = canMountTmpfs();
if (!REAL) console.warn('[diskFull.test] skipped: mounting a small tmpfs needs root (and a kernel that allows it); run the suite as root to test a real full disk.');

function aggregate(dir: string): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['scripts/aggregate.ts', '--content', dir], { cwd: ROOT });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code: code ?? -1, stderr }));
  });
}

describe.skipIf(!REAL)('a full disk (real tmpfs)', () => {
  let server: FaultServer;
  let mount: string;
  beforeAll(async () => {
    server = await startFaultServer();
    for (let f = 0; f < FEEDS; f++) serveRss(server, `/f${f}.xml`, rssWithItems(`c${f}`, ITEMS, 3000));
    mount = await mkdtemp(join(tmpdir(), 'widenet-tmpfs-'));
    // About a third of what the run needs: ~12 × 20 articles of ~3.5 KB each.
    expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=320k', 'tmpfs', mount]).status).toBe(0);
  });
  afterAll(async () => {
    await server.close();
    spawnSync('umount', [mount]);
    await rm(mount, { recursive: true, force: true });
  });

  it('stops with a plain message, leaves every file valid, and the next run with space completes', { timeout: 120_000 }, async () => {
    const config = await makeContentDir({ contingents: Array.from({ length: FEEDS }, (_, f) => ({ id: `c${f}`, feeds: [server.url(`/f${f}.xml`)] })) });
    const dir = join(mount, 'content');
    await cp(config, dir, { recursive: true });

    const full = await aggregate(dir);
    expect(full.code).toBe(1);
    expect(full.stderr).toMatch(/^\[aggregate\] the disk is full \(ENOSPC( while writing [^)]+)?\)\. The run stopped; every file in content\/ is still valid, as each is written whole or not at all\. Free some space and run again: the next run completes what this one began\.$/m);
    expect(full.stderr).not.toMatch(/^\s+at /m);
    const after = await snapshotDir(dir);
    const json = [...after.entries()].filter(([p]) => p.endsWith('.json'));
    expect(json.length).toBeGreaterThan(0);
    for (const [path, { text }] of json) expect(() => JSON.parse(text), path).not.toThrow();
    expect([...after.keys()].filter((p) => p.endsWith('.tmp') || p.endsWith('.lock'))).toEqual([]);

    expect(spawnSync('mount', ['-o', 'remount,size=16m', mount]).status).toBe(0);
    const next = await aggregate(dir);
    expect(next.stderr).toMatch(new RegExp(`sources ${FEEDS}/${FEEDS} ok`));
    expect(next.code).toBe(0);
    let articles = 0;
    for (const c of await readdir(join(dir, 'articles'))) {
      for (const f of await readdir(join(dir, 'articles', c))) {
        Article.parse(JSON.parse(await readFile(join(dir, 'articles', c, f), 'utf8')));
        articles++;
      }
    }
    expect(articles).toBe(FEEDS * ITEMS);
  });
});
