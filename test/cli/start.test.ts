// The first ten minutes: a fresh clone's `npm start` leaves `git status` clean and says what exists.
import { execFile, execFileSync } from 'node:child_process';
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeBuildWorkDir } from '../helpers/buildSite.ts';
import { ROOT } from '../helpers/runCli.ts';

describe('npm start on a fresh clone', () => {
  it('aggregates the unchanged demo without writing a file, and builds', { timeout: 300_000 }, async () => {
    // The shipped content/ as a clone has it, in a git repository of its own.
    const content = join(await mkdtemp(join(tmpdir(), 'widenet-start-')), 'content');
    await cp(join(ROOT, 'content'), content, { recursive: true });
    const git = (...args: string[]) => execFileSync('git', args, { cwd: content, encoding: 'utf8' });
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
    expect(output).toMatch(/\[start\] aggregated: sources (\d+)\/\1 ok · \d+ articles, all up to date · \d+ rating files, all up to date · no file written/);
    expect(git('status', '--porcelain')).toBe('');
  });
});
