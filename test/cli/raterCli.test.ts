import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli.ts';

describe('npm run rater', () => {
  it('keygen, sign and verify round-trip; a tampered file fails verification', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'widenet-rater-'));
    const rater = (...args: string[]) => runCli('rater.ts', args, { cwd: dir });
    const keygen = await rater('keygen');
    expect(keygen.code).toBe(0);
    const key = keygen.stdout.trim();
    expect(key).toMatch(/^ed25519:[A-Za-z0-9+/]{43}=$/);
    await writeFile(join(dir, 'ratings.json'), '{"format":"widenet-ratings/1","ratings":[]}\n');
    expect((await rater('sign', 'ratings.json')).code).toBe(0);
    expect((await readFile(join(dir, 'ratings.json.sig'), 'utf8')).trim()).toMatch(/^[A-Za-z0-9+/]{86}==$/);
    const ok = await rater('verify', 'ratings.json', '--key', key);
    expect(ok).toMatchObject({ code: 0, stdout: expect.stringContaining('signature ok') });
    await writeFile(join(dir, 'ratings.json'), '{"format":"widenet-ratings/1","ratings":[ ]}\n');
    expect((await rater('verify', 'ratings.json', '--key', key)).code).toBe(1);
    expect((await rater('keygen')).code).toBe(1);
  });
});
