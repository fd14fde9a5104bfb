// One run at a time: two real aggregate processes on one content folder, and stale locks.
import { spawn } from 'node:child_process';
import { access, readFile, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireRunLock, AggregateLockedError } from '../../scripts/aggregator/runLock.ts';
import { makeContentDir } from '../helpers/contentDir.ts';
import { startFaultServer, type FaultServer } from '../helpers/faultServer.ts';
import { rssWithItems, serveRss } from '../helpers/feedRoutes.ts';
import { ROOT } from '../helpers/runCli.ts';

function startAggregate(dir: string) {
  const child = spawn(process.execPath, ['scripts/aggregate.ts', '--content', dir], { cwd: ROOT });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number; stderr: string }>((resolve) => child.on('exit', (code) => resolve({ code: code ?? -1, stderr })));
  return { pid: child.pid!, done };
}

const exists = (path: string) => access(path).then(() => true, () => false);

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((r) => child.on('exit', r));
  return child.pid!;
}

let releaseSlowFeed: () => void = () => {};
const slowFeedReleased = new Promise<void>((resolve) => (releaseSlowFeed = resolve));

describe('one aggregation at a time', () => {
  let server: FaultServer;
  beforeAll(async () => {
    server = await startFaultServer();
    serveRss(server, '/fast.xml', rssWithItems('fast', 2));
    // The slow feed answers only when the test says so, so the first run is still running when the
    // second process starts, however long a loaded machine takes to start it.
    server.setRoute('/slow.xml', (_req, res) => void slowFeedReleased.then(() => res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(rssWithItems('slow', 2))));
  });
  afterAll(() => server.close());

  it('refuses a second process while the first runs, then lets the next one in', { timeout: 60_000 }, async () => {
    // A timeout longer than the test: the first run must still hold the lock when the second starts.
    const site = { network: 'Wide Net', title: 'Test', url: 'https://example.org', aggregator: { timeoutSeconds: 300, retries: 0 } };
    const dir = await makeContentDir({ site, contingents: [{ id: 'slow', feeds: [server.url('/slow.xml')] }] });
    const lock = join(dir, '.aggregate.lock');
    const first = startAggregate(dir);
    // The lock is created empty (O_EXCL), then written: wait until it reads whole.
    const readLock = () =>
      readFile(lock, 'utf8').then(
        (text) => {
          try {
            return JSON.parse(text) as unknown;
          } catch {
            return undefined; // created, not yet written
          }
        },
        () => undefined,
      );
    while ((await readLock()) === undefined) await new Promise((r) => setTimeout(r, 20));
    expect(await readLock()).toMatchObject({ pid: first.pid, host: hostname(), startedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });

    const second = await startAggregate(dir).done;
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(new RegExp(`^\\[aggregate\\] another aggregation is running on this content folder \\(process ${first.pid} on ${hostname()}, since [^)]+\\), so this one did not start and changed nothing\\. Wait for it to finish and run again\\. If no such process exists, delete ${lock.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.\\n$`));

    releaseSlowFeed();
    expect((await first.done).code).toBe(0);
    expect(await exists(lock)).toBe(false);
    const third = await startAggregate(dir).done;
    expect(third.code).toBe(0);
  });

  it('takes over the lock of a process that died', { timeout: 30_000 }, async () => {
    const dir = await makeContentDir({ contingents: [{ id: 'fast', feeds: [server.url('/fast.xml')] }] });
    await writeFile(join(dir, '.aggregate.lock'), JSON.stringify({ pid: await deadPid(), host: hostname(), startedAt: new Date().toISOString() }));
    const run = await startAggregate(dir).done;
    expect(run.stderr).toMatch(/sources 1\/1 ok/);
    expect(run.code).toBe(0);
    expect(await exists(join(dir, '.aggregate.lock'))).toBe(false);
  });

  it('honours a fresh lock from another host, takes over one older than six hours, and waits for a half-written one', async () => {
    const dir = await makeContentDir({ contingents: [] });
    const lock = join(dir, '.aggregate.lock');
    const now = new Date();
    await writeFile(lock, JSON.stringify({ pid: 1, host: 'elsewhere.example', startedAt: new Date(now.getTime() - 5 * 3_600_000).toISOString() }));
    const refused = await acquireRunLock(dir, { now }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AggregateLockedError);
    expect((refused as AggregateLockedError).holder).toMatchObject({ pid: 1, host: 'elsewhere.example' });

    await writeFile(lock, JSON.stringify({ pid: 1, host: 'elsewhere.example', startedAt: new Date(now.getTime() - 7 * 3_600_000).toISOString() }));
    const taken = await acquireRunLock(dir, { now });
    expect(JSON.parse(await readFile(lock, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    // In the same process, a second run is refused too.
    await expect(acquireRunLock(dir)).rejects.toBeInstanceOf(AggregateLockedError);
    await taken.release();
    expect(await exists(lock)).toBe(false);

    await writeFile(lock, '');
    await expect(acquireRunLock(dir)).rejects.toThrow(/a process that is still writing its lock file/);
    const old = new Date(Date.now() - 60_000);
    await utimes(lock, old, old);
    await (await acquireRunLock(dir)).release();
  });
});
