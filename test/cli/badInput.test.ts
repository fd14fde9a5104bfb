// Every command answers every class of bad input and expected fault with a file:line message or a
// plain sentence that says what to do: never a stack trace. One table: class × command → arguments.
import { execFile, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { appendFile, cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeContentDir } from '../helpers/contentDir.ts';
import { startFaultServer, type FaultServer } from '../helpers/faultServer.ts';
import { rssWithItems, serveRss } from '../helpers/feedRoutes.ts';
import { ROOT } from '../helpers/runCli.ts';

/** A JavaScript stack frame, as Node and Astro print them. */
const STACK = /^\s+at .+(\(.+:\d+:\d+\)|:\d+:\d+\)?)$/m;
const UNREACHABLE = 'http://127.0.0.1:9/feed.xml'; // the discard port: nothing listens there
const KEY = 'ed25519:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
const ALIAS_BOMB = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]', ...'bcdefghi'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`)].join('\n') + '\n';

const SCRIPTS: Record<string, string> = {
  aggregate: 'scripts/aggregate.ts',
  check: 'scripts/check.ts',
  build: 'node_modules/astro/bin/astro.mjs',
  rater: 'scripts/rater.ts',
  'add-contingent': 'scripts/addContingent.ts',
  'add-rater': 'scripts/addRater.ts',
  'new-edition': 'scripts/newEdition.ts',
  'import-opml': 'scripts/importOpml.ts',
  'check-sources': 'scripts/checkSources.ts',
  'publish:dry': 'scripts/publishDry.ts',
  start: 'scripts/start.ts',
};

/** Arguments of each command against content folder `c` (the build and start read WIDENET_CONTENT). */
const withContent = (c: string): Record<string, string[]> => ({
  aggregate: ['--content', c],
  check: ['--content', c],
  build: ['build'],
  rater: ['verify', join(c, 'missing.json'), '--key', KEY],
  'add-contingent': [UNREACHABLE, '--content', c],
  'add-rater': ['http://127.0.0.1:9/r.json', '--content', c],
  'new-edition': ['weekly', '--content', c],
  'import-opml': [join(c, 'missing.opml'), '--content', c],
  'check-sources': ['--content', c],
  'publish:dry': ['--content', c, '--out', join(c, '..', 'out'), '--no-build'],
  start: ['--no-preview'],
});

interface Outcome { command: string; code: number; output: string }

function run(command: string, args: string[], content: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const env = { ...process.env, GITHUB_ACTIONS: '', ASTRO_TELEMETRY_DISABLED: '1', WIDENET_CONTENT: content, WIDENET_OUT: join(content, '..', 'dist'), WIDENET_CACHE: join(content, '..', 'cache') };
    execFile(process.execPath, [join(ROOT, SCRIPTS[command]!), ...args], { cwd: ROOT, timeout: 180_000, maxBuffer: 16 << 20, env }, (error, stdout, stderr) =>
      resolve({ command, code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, output: `${stdout}${stderr}` }),
    );
  });
}

function canMountTmpfs(): boolean {
  if (process.getuid?.() !== 0) return false;
  return spawnSync('sh', ['-c', 'd=$(mktemp -d) && mount -t tmpfs -o size=64k tmpfs "$d" && umount "$d" && rmdir "$d"']).status === 0;
}

describe('no stack traces, whatever comes in', () => {
  const limit = pLimit(3);
  let base: string;
  let server: FaultServer;
  beforeAll(async () => {
    server = await startFaultServer();
    serveRss(server, '/feed.xml', rssWithItems('abc', 30, 2000));
    base = await makeContentDir({ contingents: [{ id: 'abc', feeds: [UNREACHABLE] }], raters: [{ id: 'alice', url: 'http://127.0.0.1:9/r.json' }] });
  });
  afterAll(() => server.close());

  async function copyWith(files: Record<string, string> = {}, parent?: string): Promise<string> {
    const dir = join(parent ?? (await mkdtemp(join(tmpdir(), 'widenet-bad-'))), 'content');
    await cp(base, dir, { recursive: true });
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
    return dir;
  }

  /** Runs each command with its arguments against `content` and fails on any stack trace, showing the outputs. */
  async function expectNoStack(label: string, content: string, args: Record<string, string[]>): Promise<Record<string, Outcome>> {
    const outcomes = await Promise.all(Object.entries(args).map(([command, a]) => limit(() => run(command, a, content))));
    // BADINPUT_LOG=<file> keeps every answer, to read them as a user would.
    if (process.env.BADINPUT_LOG) for (const o of outcomes) await appendFile(process.env.BADINPUT_LOG, `=== ${label}: ${o.command} (exit ${o.code})\n${o.output}\n`);
    const traced = outcomes.filter((o) => STACK.test(o.output)).map((o) => `--- ${label}: ${o.command} (exit ${o.code})\n${o.output.slice(0, 3000)}`);
    expect(traced.join('\n'), traced.join('\n')).toBe('');
    for (const o of outcomes) expect(o.output.trim(), `${label}: ${o.command} said nothing`).not.toBe('');
    return Object.fromEntries(outcomes.map((o) => [o.command, o]));
  }

  it('a YAML alias bomb', { timeout: 600_000 }, async () => {
    const content = await copyWith({ 'contingents.yaml': ALIAS_BOMB });
    const out = await expectNoStack('alias bomb', content, withContent(content));
    const line = `[config] ${join(content, 'contingents.yaml')}:2: refused: its aliases (*name) expand into too many values`;
    for (const command of ['check', 'aggregate', 'build', 'new-edition', 'start']) {
      expect(out[command]!.output, command).toContain(line);
      expect(out[command]!.code, command).not.toBe(0);
    }
  });

  it('broken YAML', { timeout: 600_000 }, async () => {
    const content = await copyWith({ 'site.yaml': 'title: [unclosed\nurl: https://x.example\n' });
    const out = await expectNoStack('broken YAML', content, withContent(content));
    for (const command of ['check', 'aggregate', 'build', 'add-contingent', 'start']) expect(out[command]!.output, command).toMatch(/\[config\] .*site\.yaml:\d+: invalid YAML: .*Check the indentation and quoting near this line\./);
  });

  it('missing files', { timeout: 600_000 }, async () => {
    const content = join(await mkdtemp(join(tmpdir(), 'widenet-bad-')), 'no-such-content');
    const out = await expectNoStack('missing files', content, withContent(content));
    for (const command of ['check', 'aggregate', 'build', 'new-edition', 'start', 'add-contingent']) {
      expect(out[command]!.output, command).toContain(`[config] ${content}: no such folder. Give the content folder with --content <dir> (or $WIDENET_CONTENT), or run from the project's folder, where content/ is.`);
    }
    expect(out.rater!.output).toMatch(/missing\.json/);
    expect(out['import-opml']!.output).toMatch(/missing\.opml/);
  });

  it('unreachable URLs', { timeout: 600_000 }, async () => {
    // A port that was just free: connections to it are refused.
    const probe = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => probe.once('listening', r));
    const port = (probe.address() as { port: number }).port;
    await new Promise((r) => probe.close(r));
    const closed = `http://127.0.0.1:${port}`;
    const content = await copyWith({ 'contingents.yaml': `- id: abc\n  name: ABC\n  home: https://abc.example/\n  feeds: [${closed}/feed.xml]\n  license: CC0-1.0\n` });
    const out = await expectNoStack('unreachable', content, {
      aggregate: ['--content', content],
      'add-contingent': [`${closed}/other.xml`, '--content', content],
      'add-rater': [`${closed}/other.json`, '--content', content],
      rater: ['verify', `${closed}/r.json`, '--key', KEY],
    });
    expect(out.aggregate!.output).toContain(`[aggregate] [abc] ${closed}/feed.xml: network error: connect ECONNREFUSED 127.0.0.1:${port}, keeping 0 earlier articles`);
    expect(out.aggregate!.code).toBe(0);
    for (const command of ['add-contingent', 'add-rater', 'rater']) expect(out[command]!.output, command).toContain(`${closed}/`);
  });

  it('bad arguments', { timeout: 600_000 }, async () => {
    const content = await copyWith();
    const unknown = Object.fromEntries(Object.keys(SCRIPTS).filter((c) => c !== 'build').map((c) => [c, [...withContent(content)[c]!, '--no-such-flag']]));
    const out = await expectNoStack('unknown flag', content, unknown);
    for (const [command, o] of Object.entries(out)) {
      expect(o.code, command).toBe(2);
      expect(o.output, command).toMatch(/Unknown option '--no-such-flag'/);
    }
    await expectNoStack('odd arguments', content, {
      rater: ['sign', join(content, 'missing.json')],
      'add-contingent': ['not a url', '--content', content],
      'add-rater': ['ftp://x.example/r.json', '--content', content],
      'new-edition': ['Bad Id!', '--content', content],
      'import-opml': [join(ROOT, 'package.json'), '--content', content],
      'check-sources': ['--base', 'no-such-ref', '--content', content],
      check: [join(content, 'missing-ratings.csv'), '--content', content],
      aggregate: ['--only', 'nobody', '--content', content],
    });
  });

  it.skipIf(!canMountTmpfs())('a full disk', { timeout: 600_000 }, async () => {
    const mount = await mkdtemp(join(tmpdir(), 'widenet-full-'));
    expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=96k', 'tmpfs', mount]).status).toBe(0);
    try {
      const content = await copyWith({ 'contingents.yaml': `- id: abc\n  name: ABC\n  home: https://abc.example/\n  feeds: [${server.url('/feed.xml')}]\n  license: CC0-1.0\n` }, mount);
      await writeFile(join(content, 'feeds.opml'), `<?xml version="1.0"?><opml version="2.0"><body><outline text="X" type="rss" xmlUrl="https://x.example/feed.xml"/></body></opml>`);
      // Fill what is left.
      await appendFile(join(mount, 'filler'), Buffer.alloc(96 * 1024)).catch(() => {});
      const out = await expectNoStack('full disk', content, {
        aggregate: ['--content', content],
        'new-edition': ['weekly', '--content', content],
        'import-opml': [join(content, 'feeds.opml'), '--content', content],
        rater: ['keygen', '--out', join(content, 'rater-key')],
      });
      for (const [command, o] of Object.entries(out)) {
        expect(o.code, command).toBe(1);
        expect(o.output, command).toMatch(/disk is full/);
      }
    } finally {
      spawnSync('umount', [mount]);
      await rm(mount, { recursive: true, force: true });
    }
  });
});
