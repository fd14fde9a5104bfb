// The database survives damage: a damaged state, article or rating copy is named, never read as
// empty and never overwritten; an unchanged failure writes nothing.
import { spawn } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContentFileError } from '../../src/lib/check/contentFile.ts';
import { generateRaterKeys, signDetached } from '../../src/lib/ratings/signature.ts';
import { ingestFeed } from '../../scripts/aggregator/ingestFeed.ts';
import { runAggregate } from '../../scripts/aggregator/runAggregate.ts';
import { loadConfig } from '../../scripts/cli/loadConfig.ts';
import { makeContentDir, snapshotDir } from '../helpers/contentDir.ts';
import { startFaultServer, type FaultServer } from '../helpers/faultServer.ts';
import { rssWithItems, serveRss } from '../helpers/feedRoutes.ts';
import { ROOT } from '../helpers/runCli.ts';

const run = async (dir: string, now: string) => runAggregate({ contentDir: dir, config: await loadConfig(dir), ingestFeed, now: new Date(now), backoffMs: 1 });

function aggregateCli(dir: string): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['scripts/aggregate.ts', '--content', dir], { cwd: ROOT });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code: code ?? -1, stderr }));
  });
}

describe('damaged content files', () => {
  let server: FaultServer;
  beforeAll(async () => {
    server = await startFaultServer();
    serveRss(server, '/abc.xml', rssWithItems('abc', 3));
  });
  afterAll(() => server.close());

  it('refuses to run on a sources state with a merge conflict, naming the file, the line and the fix, and changes nothing', async () => {
    const dir = await makeContentDir({ contingents: [{ id: 'abc', feeds: [server.url('/abc.xml')] }] });
    await run(dir, '2026-11-20T10:00:00Z');
    const path = join(dir, 'state', 'sources.json');
    const good = await readFile(path, 'utf8');
    await writeFile(path, `{\n  "sources": {\n<<<<<<< HEAD\n${good.split('\n').slice(2).join('\n')}=======\n  }\n>>>>>>> upstream/main\n}\n`);
    const before = await snapshotDir(dir);

    const error = await run(dir, '2026-11-20T11:00:00Z').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentFileError);
    expect((error as Error).message).toBe(
      `[content] ${path}:3: not valid JSON: Expected property name or '}'. It holds an unresolved git merge conflict. Keep your side with \`git checkout --ours -- ${path}\` (then \`npm run aggregate\` brings it up to date), or delete it: the next \`npm run aggregate\` fetches every source afresh, forgetting validators, backoff and 410s.`,
    );
    expect(await snapshotDir(dir)).toEqual(before);

    const cli = await aggregateCli(dir);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain(`[content] ${path}:3: not valid JSON`);
    expect(cli.stderr).toContain('[aggregate] stopped before changing anything: repair that file and run again.');
    expect(cli.stderr).not.toMatch(/^\s+at /m);
    expect(await snapshotDir(dir)).toEqual(before);
  });

  it('refuses a sources state with one invalid entry, naming the field', async () => {
    const dir = await makeContentDir({ contingents: [{ id: 'abc', feeds: [server.url('/abc.xml')] }] });
    await run(dir, '2026-11-20T10:00:00Z');
    const path = join(dir, 'state', 'sources.json');
    const state = JSON.parse(await readFile(path, 'utf8'));
    state.sources[server.url('/abc.xml')].consecutiveFailures = 'two';
    await writeFile(path, JSON.stringify(state, null, 2));
    const error = (await run(dir, '2026-11-20T11:00:00Z').catch((e: unknown) => e)) as ContentFileError;
    expect(error).toBeInstanceOf(ContentFileError);
    expect(error.problem).toMatchObject({ file: path, field: `sources.${server.url('/abc.xml')}.consecutiveFailures` });
    expect(error.message).toMatch(/expected number, received string: not a valid sources state\. It was probably edited by hand or by a bad merge/);
  });

  it('leaves a truncated article file alone, names it, and ingests the rest of its feed', async () => {
    const dir = await makeContentDir({ contingents: [{ id: 'abc', feeds: [server.url('/abc.xml')] }] });
    await run(dir, '2026-11-20T10:00:00Z');
    const files = [...(await snapshotDir(dir)).keys()].filter((p) => p.startsWith('articles/abc/')).sort();
    expect(files).toHaveLength(3);
    const damaged = join(dir, files[0]!);
    const text = await readFile(damaged, 'utf8');
    const cut = text.slice(0, Math.floor(text.length / 2));
    await writeFile(damaged, cut);
    // The feed changes, so every item is merged again.
    serveRss(server, '/abc.xml', rssWithItems('abc', 4));

    const report = await run(dir, '2026-11-20T11:00:00Z');
    expect(await readFile(damaged, 'utf8')).toBe(cut);
    expect(report.damaged).toEqual([expect.stringMatching(new RegExp(`^\\[content\\] ${damaged.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+: not valid JSON: [^.]+\\. It was probably cut short .*git checkout -- `))]);
    expect(report.sources[0]).toMatchObject({ status: 'ok', articles: { new: 1, unchanged: 2 } });

    serveRss(server, '/abc.xml', rssWithItems('abc', 5));
    const cli = await aggregateCli(dir);
    expect(cli.code).toBe(0);
    expect(cli.stderr).toContain(`[content] ${damaged}:`);
    expect(cli.stderr).not.toMatch(/^\s+at /m);
    expect(await readFile(damaged, 'utf8')).toBe(cut);
  });

  it('guards against rollback with the stored copy when the sources state is gone, and never overwrites a damaged copy', async () => {
    const keys = generateRaterKeys();
    let body = '';
    const serve = (issued: string) => {
      body = JSON.stringify({ format: 'widenet-ratings/1', issued, ratings: [{ article: 'https://abc.example/0', scale: 'newsworthy', value: 4, at: issued }] });
    };
    server.setRoute('/alice.json', (_req, res) => void res.writeHead(200, { 'content-type': 'application/json' }).end(body));
    server.setRoute('/alice.json.sig', (_req, res) => void res.writeHead(200).end(signDetached(Buffer.from(body), keys.privateKeyPem)));
    const dir = await makeContentDir({ contingents: [{ id: 'abc', feeds: [server.url('/abc.xml')] }], raters: [{ id: 'alice', url: server.url('/alice.json'), key: keys.publicKey }] });
    serve('2026-11-20T09:00:00Z');
    expect((await run(dir, '2026-11-20T10:00:00Z')).sources.find((s) => s.owner === 'alice')!.status).toBe('ok');

    await rm(join(dir, 'state', 'sources.json'));
    serve('2026-11-19T09:00:00Z'); // correctly signed, but older than the stored copy
    const rolled = await run(dir, '2026-11-20T11:00:00Z');
    expect(rolled.sources.find((s) => s.owner === 'alice')).toMatchObject({ status: 'rejected', message: 'rollback: issued 2026-11-19T09:00:00Z is older than the last accepted copy (2026-11-20T09:00:00Z); keeping the last good copy' });

    const copy = join(dir, 'ratings', 'alice.json');
    await writeFile(copy, '{"rater": "alice", "url": ');
    serve('2026-11-21T09:00:00Z');
    const report = await run(dir, '2026-11-21T10:00:00Z');
    expect(report.sources.find((s) => s.owner === 'alice')).toMatchObject({ status: 'rejected', message: `${copy}, the last good copy, is damaged, so this file cannot be checked against it; nothing was replaced. Repair that file first` });
    expect(report.damaged).toEqual([expect.stringMatching(/^\[content\] .*alice\.json:1: not valid JSON: Unexpected end of JSON input\. .*or delete it: the next `npm run aggregate` fetches the rating file again/)]);
    expect(await readFile(copy, 'utf8')).toBe('{"rater": "alice", "url": ');
  });

  it('writes nothing when a source keeps failing the same way', async () => {
    const dir = await makeContentDir({ contingents: [{ id: 'abc', feeds: [server.url('/abc.xml')] }, { id: 'xyz', feeds: [server.url('/404')] }] });
    await run(dir, '2026-11-20T10:00:00Z');
    const before = await snapshotDir(dir);
    for (const hour of ['11', '12', '13']) {
      const report = await run(dir, `2026-11-20T${hour}:00:00Z`);
      expect(report.sources.find((s) => s.owner === 'xyz')!.status).toBe('failed');
      expect(report.totals.filesWritten).toBe(0);
    }
    expect(await snapshotDir(dir)).toEqual(before);
    // A day later the failure is recorded again, once.
    expect((await run(dir, '2026-11-21T10:00:00Z')).totals.filesWritten).toBe(1);
  });
});
