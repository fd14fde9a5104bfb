import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const script = resolve('scripts/rater.ts');

describe('npm run rater', () => {
  it('keygen, sign and verify round-trip; a tampered file fails verification', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'widenet-rater-'));
    const { stdout } = await run(process.execPath, [script, 'keygen'], { cwd: dir });
    const key = stdout.trim();
    expect(key).toMatch(/^ed25519:[A-Za-z0-9+/]{43}=$/);
    await writeFile(join(dir, 'ratings.json'), '{"format":"widenet-ratings/1","ratings":[]}\n');
    await run(process.execPath, [script, 'sign', 'ratings.json'], { cwd: dir });
    expect((await readFile(join(dir, 'ratings.json.sig'), 'utf8')).trim()).toMatch(/^[A-Za-z0-9+/]{86}==$/);
    const ok = await run(process.execPath, [script, 'verify', 'ratings.json', '--key', key], { cwd: dir });
    expect(ok.stdout).toContain('signature ok');
    await writeFile(join(dir, 'ratings.json'), '{"format":"widenet-ratings/1","ratings":[ ]}\n');
    await expect(run(process.execPath, [script, 'verify', 'ratings.json', '--key', key], { cwd: dir })).rejects.toMatchObject({ code: 1 });
    await expect(run(process.execPath, [script, 'keygen'], { cwd: dir })).rejects.toMatchObject({ code: 1 });
  });
});
