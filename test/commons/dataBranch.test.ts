// The aggregated database lives on the `data` branch, apart from main: two clones that aggregate on
// their own never conflict when one merges the other's main, and a repository in the layout before
// the data branch moves its files there byte for byte (by command, in a conflicted merge of
// upstream, or on the publish workflow's next run).
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../scripts/cli/demoServer.ts';
import { copyConfig, demoDatabase, ROOT, runCli } from '../helpers/runCli.ts';

const GIT_ENV = { GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.org', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.org', GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
const AGGREGATED = ['content/articles', 'content/ratings', 'content/state'];

function git(cwd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, env: { ...process.env, ...GIT_ENV }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
  });
}
async function gitOk(cwd: string, args: string[]): Promise<string> {
  const r = await git(cwd, args);
  if (r.code !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}
/** A file's bytes as committed on a ref. */
function show(cwd: string, ref: string, path: string): Promise<Buffer> {
  return new Promise((resolve, reject) => execFile('git', ['show', `${ref}:${path}`], { cwd, encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 }, (e, out) => (e ? reject(e) : resolve(out))));
}
async function tempDir(name: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `widenet-${name}-`));
}
/** Every file under `dir/sub`, path relative to `dir` → bytes. */
async function files(dir: string, sub: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const e of await readdir(join(dir, sub), { recursive: true, withFileTypes: true }).catch(() => [])) {
    if (e.isFile()) out.set(join(e.parentPath, e.name).slice(dir.length + 1), await readFile(join(e.parentPath, e.name)));
  }
  return out;
}
/** .gitignore as it was before the data branch: without the aggregated folders. */
async function oldGitignore(): Promise<string> {
  return (await readFile(join(ROOT, '.gitignore'), 'utf8')).split('\n').filter((l) => !/^\/content\/(articles|ratings|state)\/$/.test(l)).join('\n');
}

/** A repository with the demo network's config on main; with `aggregated`, also the demo's aggregated files tracked on main (today's layout before the data branch). */
async function makeRepo(opts: { origin: string; aggregated?: boolean }): Promise<string> {
  const repo = await tempDir('repo');
  await gitOk(repo, ['init', '-q', '-b', 'main']);
  await writeFile(join(repo, '.gitignore'), opts.aggregated ? await oldGitignore() : await readFile(join(ROOT, '.gitignore'), 'utf8'));
  await cp(await copyConfig({ origin: opts.origin }), join(repo, 'content'), { recursive: true });
  if (opts.aggregated) for (const f of ['articles', 'ratings', 'state']) await cp(join(await demoDatabase(), f), join(repo, 'content', f), { recursive: true });
  await gitOk(repo, ['add', '-A']);
  await gitOk(repo, ['commit', '-q', '-m', 'the network']);
  return repo;
}

let demo: DemoServer;
beforeAll(async () => {
  demo = await startDemoServer({ port: 0 });
});
afterAll(() => demo?.close());

describe('two clones that aggregate on their own', () => {
  it('each commit only to their data branch, keep main and `git status` clean, and merge each other’s main without a conflict', async () => {
    const origin = await tempDir('origin');
    await gitOk(origin, ['init', '-q', '--bare', '-b', 'main']);
    const seed = await makeRepo({ origin: demo.origin });
    await gitOk(seed, ['push', '-q', origin, 'main']);
    const [a, b] = [await tempDir('clone-a'), await tempDir('clone-b')];
    await gitOk(a, ['clone', '-q', origin, '.']);
    await gitOk(b, ['clone', '-q', origin, '.']);

    for (const [clone, now] of [[a, '2026-11-21T12:00:00Z'], [b, '2026-11-22T08:15:00Z']] as const) {
      const run = await runCli('publishDry.ts', ['--content', join(clone, 'content'), '--commit', '--no-build'], { env: { ...GIT_ENV, WIDENET_NOW: now }, timeoutMs: 120_000 });
      expect(run.stderr).not.toContain('stopped');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`origin has no data branch yet.`);
      expect(run.stdout).toMatch(/committed \d+ changed files to the data branch \([0-9a-f]{7}\); the workflow would push it\./);
      expect(await gitOk(clone, ['status', '--porcelain', '--untracked-files=all'])).toBe('');
      expect(await gitOk(clone, ['ls-files', '--', ...AGGREGATED])).toBe('');
      expect(await gitOk(clone, ['rev-list', '--count', 'main'])).toBe('1\n');
      // The data branch holds exactly the aggregated folders, as written.
      const committed = (await gitOk(clone, ['ls-tree', '-r', '--name-only', 'data'])).split('\n').filter(Boolean);
      const written = await files(clone, 'content/articles');
      expect(committed.filter((p) => p.startsWith('content/articles/')).sort()).toEqual([...written.keys()].sort());
      expect(committed.every((p) => AGGREGATED.some((d) => p.startsWith(`${d}/`)))).toBe(true);
    }
    // Independent runs: the same articles, seen first at different times.
    const path = (await gitOk(a, ['ls-tree', '-r', '--name-only', 'data', 'content/articles/harbor'])).split('\n')[0]!;
    expect(JSON.parse((await show(a, 'data', path)).toString()).firstSeen).toBe('2026-11-21T12:00:00.000Z');
    expect(JSON.parse((await show(b, 'data', path)).toString()).firstSeen).toBe('2026-11-22T08:15:00.000Z');

    // Each edits its own YAML on main; one merges the other's main.
    await writeFile(join(a, 'content', 'editions', 'digest.yaml'), `${await readFile(join(a, 'content', 'editions', 'digest.yaml'), 'utf8')}# edited in a\n`);
    await gitOk(a, ['commit', '-q', '-am', 'a: digest']);
    await writeFile(join(b, 'content', 'site.yaml'), (await readFile(join(b, 'content', 'site.yaml'), 'utf8')).replace('pageSize: 25', 'pageSize: 30'));
    await gitOk(b, ['commit', '-q', '-am', 'b: page size']);
    const before = await files(a, 'content/articles');
    const merged = await git(a, ['pull', '--no-rebase', '--no-edit', '-q', b, 'main']);
    expect(merged.stderr).not.toMatch(/CONFLICT/);
    expect(merged.code).toBe(0);
    expect(await readFile(join(a, 'content', 'site.yaml'), 'utf8')).toContain('pageSize: 30');
    expect(await gitOk(a, ['status', '--porcelain', '--untracked-files=all'])).toBe('');
    // The merge touched no aggregated file.
    expect(await files(a, 'content/articles')).toEqual(before);
  }, 300_000);
});

describe('migration from the layout before the data branch', () => {
  it('npm run migrate-data moves every aggregated file to the data branch byte for byte, and main stops tracking them', async () => {
    const repo = await makeRepo({ origin: demo.origin, aggregated: true });
    const before = new Map([...(await files(repo, 'content/articles')), ...(await files(repo, 'content/ratings')), ...(await files(repo, 'content/state'))]);
    expect(before.size).toBeGreaterThan(40);

    const run = await runCli('data.ts', ['migrate', '--content', join(repo, 'content')], { env: GIT_ENV });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`[data] moved ${before.size} files of content/articles, content/ratings, content/state to the data branch`);
    for (const [path, bytes] of before) {
      expect((await show(repo, 'data', path)).equals(bytes), path).toBe(true);
      expect((await readFile(join(repo, path))).equals(bytes), path).toBe(true);
    }
    expect((await gitOk(repo, ['ls-tree', '-r', '--name-only', 'data'])).split('\n').filter(Boolean)).toHaveLength(before.size);
    expect(await gitOk(repo, ['ls-files', '--', ...AGGREGATED])).toBe('');
    expect(await gitOk(repo, ['status', '--porcelain', '--untracked-files=all'])).toBe('');
    expect(await readFile(join(repo, '.gitignore'), 'utf8')).toContain('/content/articles/\n/content/ratings/\n/content/state/\n');
    // Nothing left to commit; a second migration finds nothing to move.
    expect((await runCli('data.ts', ['commit', '--message', 'x', '--content', join(repo, 'content')], { env: GIT_ENV })).stdout).toContain('nothing to commit');
    expect((await runCli('data.ts', ['migrate', '--content', join(repo, 'content')], { env: GIT_ENV })).stdout).toContain('nothing to move');
  }, 120_000);

  it('resolves a merge of upstream’s main that conflicts on them: the fork’s files go to the data branch and the merge concludes', async () => {
    // Upstream moves its aggregated files off main; the fork, still in the old layout, keeps aggregating.
    const upstream = await makeRepo({ origin: demo.origin, aggregated: true });
    const fork = await tempDir('fork');
    await gitOk(fork, ['clone', '-q', upstream, '.']);
    await gitOk(upstream, ['rm', '-r', '-q', '--cached', '--', ...AGGREGATED]);
    await writeFile(join(upstream, '.gitignore'), await readFile(join(ROOT, '.gitignore'), 'utf8'));
    await gitOk(upstream, ['commit', '-q', '-am', 'upstream: the aggregated files live on the data branch']);
    const sources = join(fork, 'content', 'state', 'sources.json');
    await writeFile(sources, (await readFile(sources, 'utf8')).replace(/"lastAttempt": "[^"]+"/, '"lastAttempt": "2026-11-30T00:00:00.000Z"'));
    await cp(join(fork, 'content', 'articles', 'harbor'), join(fork, 'content', 'articles', 'harbor-copy'), { recursive: true });
    await gitOk(fork, ['add', '-A']);
    await gitOk(fork, ['commit', '-q', '-m', 'fork: aggregate']);
    const before = new Map([...(await files(fork, 'content/articles')), ...(await files(fork, 'content/state'))]);

    await gitOk(fork, ['fetch', '-q', 'origin']);
    const conflicted = await git(fork, ['merge', '--no-edit', 'origin/main']);
    expect(conflicted.code).not.toBe(0);
    expect(conflicted.stdout).toMatch(/CONFLICT \(modify\/delete\): content\/state\/sources\.json/);

    const run = await runCli('data.ts', ['migrate', '--content', join(fork, 'content')], { env: GIT_ENV });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Concluded the merge.');
    expect((await gitOk(fork, ['log', '-1', '--format=%P'])).trim().split(' ')).toHaveLength(2);
    for (const [path, bytes] of before) expect((await show(fork, 'data', path)).equals(bytes), path).toBe(true);
    expect(await gitOk(fork, ['ls-files', '--', ...AGGREGATED])).toBe('');
    expect(await gitOk(fork, ['status', '--porcelain', '--untracked-files=all'])).toBe('');
  }, 120_000);

  it('happens on the publish workflow’s next run: its data checkout moves the files and pushes main and data together', async () => {
    const seed = await makeRepo({ origin: demo.origin, aggregated: true });
    const origin = await tempDir('origin');
    await gitOk(origin, ['init', '-q', '--bare', '-b', 'main']);
    await gitOk(seed, ['push', '-q', origin, 'main']);
    const runner = await tempDir('runner');
    await gitOk(runner, ['clone', '-q', '--depth', '1', `file://${origin}`, '.']);
    const before = await files(runner, 'content/articles');

    const run = await runCli('data.ts', ['checkout', '--migrate', '--push', '--content', join(runner, 'content')], { env: GIT_ENV });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Pushed data and main to origin.');
    expect(await gitOk(origin, ['ls-tree', '-r', '--name-only', 'main', 'content/articles'])).toBe('');
    for (const [path, bytes] of before) expect((await show(origin, 'data', path)).equals(bytes), path).toBe(true);

    // The next run, on a fresh clone, checks the data branch out into content/.
    const next = await tempDir('runner');
    await gitOk(next, ['clone', '-q', '--depth', '1', `file://${origin}`, '.']);
    const checkout = await runCli('data.ts', ['checkout', '--migrate', '--push', '--content', join(next, 'content')], { env: GIT_ENV });
    expect(checkout.stdout).toMatch(/checked out the data branch \([0-9a-f]{7}\) into content\/articles, content\/ratings, content\/state: \d+ files written\./);
    expect(await files(next, 'content/articles')).toEqual(before);
    expect(await gitOk(next, ['status', '--porcelain', '--untracked-files=all'])).toBe('');
  }, 120_000);

  it('works with web pages only: a data branch made from main, the folders deleted on main, then Sync fork merges without a conflict', async () => {
    // Upstream's main moves its aggregated files off main; the fork, in the old layout, has kept aggregating.
    const origin = await tempDir('origin');
    await gitOk(origin, ['init', '-q', '--bare', '-b', 'main']);
    const seed = await makeRepo({ origin: demo.origin, aggregated: true });
    await gitOk(seed, ['push', '-q', origin, 'main']);
    const upstream = await tempDir('upstream');
    await gitOk(upstream, ['clone', '-q', origin, '.']);
    await gitOk(upstream, ['rm', '-r', '-q', '--cached', '--', ...AGGREGATED]);
    await writeFile(join(upstream, '.gitignore'), await readFile(join(ROOT, '.gitignore'), 'utf8'));
    await gitOk(upstream, ['commit', '-q', '-am', 'upstream: the aggregated files live on the data branch']);
    const web = await tempDir('web');
    await gitOk(web, ['clone', '-q', origin, '.']);
    const sources = join(web, 'content', 'state', 'sources.json');
    await writeFile(sources, (await readFile(sources, 'utf8')).replace(/"lastAttempt": "[^"]+"/, '"lastAttempt": "2026-11-30T00:00:00.000Z"'));
    await gitOk(web, ['commit', '-q', '-am', 'aggregate: the old workflow']);
    await gitOk(web, ['push', '-q', 'origin', 'main']);
    const before = new Map([...(await files(web, 'content/articles')), ...(await files(web, 'content/state')), ...(await files(web, 'content/ratings'))]);

    // 1. Branches → New branch "data" from main.  2. On main, delete the three folders.
    await gitOk(web, ['push', '-q', 'origin', 'main:refs/heads/data']);
    await gitOk(web, ['rm', '-r', '-q', '--', ...AGGREGATED]);
    await gitOk(web, ['commit', '-q', '-m', 'Delete the aggregated folders [skip ci]']);
    // 3. Sync fork: upstream deleted them too, so the merge is clean.
    await gitOk(web, ['pull', '-q', '--no-rebase', '--no-edit', upstream, 'main']);
    await gitOk(web, ['push', '-q', 'origin', 'main']);

    // 4. The next Publish run checks out the data branch: only its aggregated folders, byte for byte.
    const runner = await tempDir('runner');
    await gitOk(runner, ['clone', '-q', '--depth', '1', `file://${origin}`, '.']);
    const run = await runCli('data.ts', ['checkout', '--migrate', '--push', '--content', join(runner, 'content')], { env: GIT_ENV });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/the data branch was made from main: kept its content\/articles, content\/ratings, content\/state \(\d+ other files dropped\)/);
    for (const [path, bytes] of before) {
      expect((await readFile(join(runner, path))).equals(bytes), path).toBe(true);
      expect((await show(origin, 'data', path)).equals(bytes), path).toBe(true);
    }
    expect((await gitOk(origin, ['ls-tree', '-r', '--name-only', 'data'])).split('\n').filter(Boolean)).toHaveLength(before.size);
    expect(await gitOk(runner, ['status', '--porcelain', '--untracked-files=all'])).toBe('');
  }, 120_000);
});

