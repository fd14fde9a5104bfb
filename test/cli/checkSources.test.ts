// check-sources: a pull request's new and changed feeds and rating files, each fetched once.
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SOURCES_DIR } from '../../scripts/cli/demoServer.ts';
import { changedSources } from '../../src/lib/editor/changedSources.ts';
import type { Contingent, Rater } from '../../src/lib/config/schema.ts';
import { appendToYamlList } from '../../src/lib/editor/yamlList.ts';
import { startFaultServer, type FaultServer } from '../helpers/faultServer.ts';
import { copyConfig, runCli } from '../helpers/runCli.ts';

const git = promisify(execFile);
const contingent = (id: string, feeds: string[]): Contingent => ({ id, name: id, home: `https://${id}.example/`, feeds, license: 'CC0-1.0' });
const rater = (id: string, url: string, extra: Partial<Rater> = {}): Rater => ({ id, name: id, url, ...extra });

describe('changedSources', () => {
  const base = { contingents: [contingent('abc', ['https://abc.example/feed.xml'])], raters: [rater('alice', 'https://alice.example/r.json', { format: 'json' })] };
  it.each([
    ['nothing changed', base, []],
    ['a new contingent', { ...base, contingents: [...base.contingents, contingent('xyz', ['https://xyz.example/feed'])] }, [{ kind: 'feed', owner: 'xyz', url: 'https://xyz.example/feed', path: [1, 'feeds', 0], change: 'new' }]],
    ['a feed added to a contingent', { ...base, contingents: [contingent('abc', ['https://abc.example/feed.xml', 'https://abc.example/en/feed'])] }, [{ kind: 'feed', owner: 'abc', url: 'https://abc.example/en/feed', path: [0, 'feeds', 1], change: 'changed' }]],
    ['the same feed, spelled differently', { ...base, contingents: [contingent('abc', ['https://ABC.example/feed.xml#top'])] }, []],
    ['a rater’s new URL', { ...base, raters: [rater('alice', 'https://alice.example/v2.json', { format: 'json' })] }, [{ kind: 'ratings', owner: 'alice', url: 'https://alice.example/v2.json', path: [0, 'url'], change: 'changed', format: 'json' }]],
    ['a rater’s new format', { ...base, raters: [rater('alice', 'https://alice.example/r.json', { format: 'csv' })] }, [{ kind: 'ratings', owner: 'alice', url: 'https://alice.example/r.json', path: [0, 'url'], change: 'changed', format: 'csv' }]],
    ['a new rater', { ...base, raters: [...base.raters, rater('bob', 'https://bob.example/r.csv')] }, [{ kind: 'ratings', owner: 'bob', url: 'https://bob.example/r.csv', path: [1, 'url'], change: 'new' }]],
  ])('%s', (_, head, expected) => expect(changedSources(base, head)).toEqual(expected));

  it('reads a broken or missing base loosely: everything in head is new', () => {
    const head = { contingents: [contingent('abc', ['https://abc.example/feed.xml'])], raters: [] };
    expect(changedSources({ contingents: null, raters: 'oops' }, head)).toHaveLength(1);
    expect(changedSources({ contingents: [{ id: 'abc', feeds: 'not a list' }], raters: [] }, head)[0]).toMatchObject({ change: 'changed' });
  });
});

describe('npm run check-sources', () => {
  let server: FaultServer;
  beforeAll(async () => {
    server = await startFaultServer({ '/alice.json': async (req, res) => void res.writeHead(200, { 'content-type': 'application/json' }).end(await readFile(join(DEMO_SOURCES_DIR, 'ratings', 'alice.json'))) });
  });
  afterAll(() => server?.close());

  it('fetches only what the change adds, and reports each broken source at its file and line, as a GitHub annotation too', async () => {
    const dir = await copyConfig();
    const gitIn = (...args: string[]) => git('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', ...args], { cwd: dir });
    await gitIn('init', '-q');
    await gitIn('add', '.');
    await gitIn('commit', '-qm', 'base');

    const contingentsPath = join(dir, 'contingents.yaml');
    const contingents = appendToYamlList(await readFile(contingentsPath, 'utf8'), [contingent('good-feed', [server.url('/feed.xml')]), contingent('site-not-feed', [server.url('/html')])]);
    await writeFile(contingentsPath, contingents);
    const ratersPath = join(dir, 'raters.yaml');
    const raters = (await readFile(ratersPath, 'utf8')).replace('url: http://127.0.0.1:4319/ratings/alice.json', `url: ${server.url('/alice.json')}`);
    await writeFile(ratersPath, appendToYamlList(raters, [rater('bob', server.url('/feed.xml'), { format: 'json' })]));
    const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

    const { code, stdout, stderr } = await runCli('checkSources.ts', ['--base', 'HEAD', '--content', dir, '--github']);
    expect(code).toBe(1);
    expect(stdout).toContain(`[check-sources] ok: [good-feed] ${server.url('/feed.xml')}: RSS feed "ABC contingent", 1 items`);
    expect(stdout).toContain(`[check-sources] ok: [alice] ${server.url('/alice.json')}: JSON rating file`);
    const htmlLine = lineOf(contingents, server.url('/html'));
    expect(stderr).toContain(`[config] contingents.yaml:${htmlLine} [site-not-feed]: ${server.url('/html')}: not a feed: got an HTML page (<!DOCTYPE html>). Give the feed URL, not the site`);
    expect(stdout).toContain(`::error file=contingents.yaml,line=${htmlLine},title=[site-not-feed]::[site-not-feed]: ${server.url('/html')}: not a feed`);
    const bobLine = lineOf(await readFile(ratersPath, 'utf8'), `url: ${server.url('/feed.xml')}`);
    expect(stdout).toContain(`::error file=raters.yaml,line=${bobLine},title=[bob]::[bob]: ${server.url('/feed.xml')}: not valid JSON`);
    expect(stderr).toContain('[check-sources] 2 of 4 new or changed sources since HEAD failed.');
    // The unchanged demo sources on 127.0.0.1:4319 were not fetched (nothing listens there).
    expect(stdout + stderr).not.toContain('4319');
    expect(server.hits('/feed.xml').count).toBe(2);

    await gitIn('commit', '-qam', 'head');
    expect(await runCli('checkSources.ts', ['--base', 'HEAD', '--content', dir])).toMatchObject({ code: 0, stdout: expect.stringContaining('no new or changed feed or rating file since HEAD') });
    expect(await runCli('checkSources.ts', ['--base', 'origin/nope', '--content', dir])).toMatchObject({ code: 2, stderr: expect.stringContaining('cannot find the git ref "origin/nope"') });
  });
});
