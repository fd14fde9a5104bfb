// A bad config never builds: `astro build` (npm run build, npm start, the tests' builds) stops with
// the very lines `npm run check` prints, and names a damaged content file.
import { spawn } from 'node:child_process';
import { appendFile, cp, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outDirProblem } from '../../src/astro/checkBeforeBuild.ts';
import { makeBuildWorkDir } from '../helpers/buildSite.ts';
import { runCli, ROOT } from '../helpers/runCli.ts';
import { SITE_FIXTURE_DIR } from '../helpers/writeSiteFixture.ts';

function astroBuild(content: string, env: Record<string, string> = {}): Promise<{ code: number; output: string }> {
  // WIDENET_OUT in `env` overrides the fresh work folder.
  return new Promise(async (resolve) => {
    const work = await makeBuildWorkDir('refuse-');
    const child = spawn(process.execPath, [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ASTRO_TELEMETRY_DISABLED: '1', WIDENET_CONTENT: content, WIDENET_OUT: join(work, 'dist'), WIDENET_CACHE: join(work, 'cache'), ...env },
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('exit', (code) => resolve({ code: code ?? -1, output }));
  });
}

async function fixtureCopy(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'widenet-refuse-'));
  await cp(SITE_FIXTURE_DIR, dir, { recursive: true });
  return dir;
}

describe('the build refuses what check refuses', () => {
  it('stops on an edition that names an unknown scale and a typo in site.yaml, with check’s own lines', { timeout: 120_000 }, async () => {
    const dir = await fixtureCopy();
    await writeFile(join(dir, 'editions', 'quiet.yaml'), 'title: Quiet\nexclude:\n  - { scale: spma, gte: 1 }\n');
    await appendFile(join(dir, 'site.yaml'), 'titel: Oops\n');
    const check = await runCli('check.ts', ['--content', dir]);
    expect(check.code).toBe(1);
    const lines = check.stderr.split('\n').filter((l) => l.startsWith('[config]'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/site\.yaml:\d+ titel: unknown field "titel"/);
    expect(lines[1]).toMatch(/quiet\.yaml:3 exclude\[0\]\.scale: unknown scale "spma"/);

    const build = await astroBuild(dir);
    expect(build.code).toBe(1);
    for (const line of lines) expect(build.output).toContain(line);
    expect(build.output).toContain('[build] 2 problems (the same as `npm run check` reports); nothing was built. Fix them and build again.');
    expect(build.output).not.toMatch(/^\s+at /m);
  });

  it('names a truncated article file and an unknown WIDENET_EDITION', { timeout: 120_000 }, async () => {
    const dir = await fixtureCopy();
    const contingent = (await readdir(join(dir, 'articles')))[0]!;
    const name = (await readdir(join(dir, 'articles', contingent)))[0]!;
    await writeFile(join(dir, 'articles', contingent, name), '{\n  "id": "x",\n  "title": "cut sh');
    const build = await astroBuild(dir, { WIDENET_EDITION: 'digets' });
    expect(build.code).toBe(1);
    expect(build.output).toContain('[config] WIDENET_EDITION: "digets" names no edition. Use one of: commons, digest, open-challenges, statements, or unset it to build the hub.');
    expect(build.output).toContain(`[content] ${join(dir, 'articles', contingent, name)}:3: not valid JSON: Unterminated string. It was probably cut short by an interrupted copy or a bad merge. Restore it from git`);
    expect(build.output).not.toMatch(/^\s+at /m);
  });
});

describe('an output folder whose path begins with the project\'s', () => {
  it.each([
    ['/home/j/wide-net-site', '/home/j/wide-net', true],
    ['/home/j/wide-net2/dist', '/home/j/wide-net', true],
    ['/home/j/wide-net/dist', '/home/j/wide-net', false],
    ['/home/j/wide-net', '/home/j/wide-net', false],
    ['/home/j/site', '/home/j/wide-net', false],
    ['/tmp/out', '/home/j/wide-net', false],
  ])('%s from %s is refused: %s', (out, cwd, refused) => {
    expect(outDirProblem(out, cwd) !== undefined).toBe(refused);
  });

  it('is refused by the build with a clear message, before anything is written', { timeout: 120_000 }, async () => {
    const out = `${ROOT.replace(/\/$/, '')}-site-${process.pid}`;
    const build = await astroBuild(SITE_FIXTURE_DIR, { WIDENET_OUT: out });
    expect(build.code).toBe(1);
    expect(build.output).toContain(`[build] the output folder ${out} is outside the project, but its path begins with the project's (${ROOT.replace(/\/$/, '')}); Astro takes it for a folder inside the project and the build would fail ("Cannot find package …"). Nothing was built.`);
    expect(build.output).not.toMatch(/^\s+at /m);
    expect(await readdir(out).catch(() => 'absent')).toBe('absent');
  });
});
