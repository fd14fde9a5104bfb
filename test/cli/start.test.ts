// The first ten minutes: a fresh clone's `npm start` leaves `git status` clean and says what exists.
import { execFile, execFileSync } from 'node:child_process';
import { cp, mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeBuildWorkDir } from '../helpers/buildSite.ts';
import { ROOT } from '../helpers/runCli.ts';

describe('npm start on a fresh clone', () => {
  it('aggregates the demo into content/, builds, and leaves `git status` clean: the aggregated folders are ignored on main', { timeout: 300_000 }, async () => {
    // A clone as git makes it: main's tracked files of content/ (the config; the aggregated files
    // live on the data branch) and the top .gitignore, in a repository of its own.
    const clone = await mkdtemp(join(tmpdir(), 'widenet-start-'));
    const content = join(clone, 'content');
    const tracked = execFileSync('git', ['ls-files', '-z', '--', 'content'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
    expect(tracked.some((f) => /^content\/(articles|ratings|state)\//.test(f))).toBe(false);
    for (const file of tracked) await cp(join(ROOT, file), join(clone, file));
    await cp(join(ROOT, '.gitignore'), join(clone, '.gitignore'));
    const git = (...args: string[]) => execFileSync('git', args, { cwd: clone, encoding: 'utf8' });
    git('init', '--quiet');
    git('add', '--all');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '--quiet', '--message', 'clone');

    const work = await makeBuildWorkDir('start-');
    const output = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, [join(ROOT, 'scripts/start.ts'), '--no-preview'], { cwd: ROOT, timeout: 280_000, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', WIDENET_CONTENT: content, WIDENET_OUT: join(work, 'dist'), WIDENET_CACHE: join(work, 'cache') } }, (error, stdout, stderr) =>
        error ? reject(Object.assign(error, { message: `${error.message}\n${stdout}${stderr}` })) : resolve(stdout + stderr),
      ),
    );
    // The demo's counts change as it grows; the shape of the line is the point.
    expect(output).toMatch(/\[start\] aggregated: sources (\d+)\/\1 ok · articles \+(\d+) new \(\2 in all\) · ratings \d+ files updated/);
    expect((await readdir(join(content, 'articles'))).sort()).toEqual(['abc-bulletin', 'harbor', 'rivet', 'tenants']);
    expect(git('status', '--porcelain', '--untracked-files=all')).toBe('');
  });
});
