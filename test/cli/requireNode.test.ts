// On a Node older than 22.12, every npm command says what to do instead of ERR_UNKNOWN_FILE_EXTENSION.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/runCli.ts';

const GUARD = 'node scripts/cli/requireNode.cjs';
const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

/** A Node older than 22.12 on this machine (Debian's is 20), or undefined. */
function oldNode(): string | undefined {
  const found = spawnSync('sh', ['-c', 'which -a node nodejs; ls /usr/bin/node /usr/local/bin/node 2>/dev/null'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
  for (const path of new Set(found)) {
    const version = spawnSync(path, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim();
    const [major = 0, minor = 0] = version.split('.').map(Number);
    if (version && (major < 22 || (major === 22 && minor < 12))) return path;
  }
  return undefined;
}
const OLD = oldNode();
if (!OLD) console.warn('[requireNode.test] no Node older than 22.12 on this machine: the old-Node cases are skipped.');

describe('the Node version guard', () => {
  it('runs first in every npm script', () => {
    for (const [name, command] of Object.entries(scripts)) {
      if (name === 'preinstall') expect(command).toBe(GUARD);
      else expect(command.startsWith(`${GUARD} && `), `${name}: ${command}`).toBe(true);
    }
  });

  it('is silent on this Node', () => {
    expect(execFileSync(process.execPath, [join(ROOT, 'scripts/cli/requireNode.cjs')], { encoding: 'utf8' })).toBe('');
  });

  it.skipIf(!OLD)('says what to do on an old Node, through the guard and through npm itself', () => {
    const direct = spawnSync(OLD!, [join(ROOT, 'scripts/cli/requireNode.cjs')], { encoding: 'utf8' });
    const version = spawnSync(OLD!, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim();
    expect(direct.status).toBe(1);
    expect(direct.stderr).toBe(
      `Wide Net needs Node ≥ 22.12 (you have ${version}); see .nvmrc (it says 24).\nWith nvm: \`nvm install && nvm use\`. Otherwise install Node 24 from https://nodejs.org/ and run the command again.\n`,
    );
    // npm runs scripts with the `node` on PATH: put the old one first, as a machine with only Node 20 would.
    for (const script of ['check', 'aggregate', 'build']) {
      const run = spawnSync('sh', ['-c', `npm run ${script}`], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, PATH: `${dirname(OLD!)}:${process.env.PATH}` } });
      expect(run.status, script).not.toBe(0);
      expect(run.stderr, script).toContain(`Wide Net needs Node ≥ 22.12 (you have ${version}); see .nvmrc`);
      expect(run.stderr, script).not.toContain('ERR_UNKNOWN_FILE_EXTENSION');
    }
  });
});
