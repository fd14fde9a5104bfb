// A single-edition build with a base path previews under that base with a plain `npm run preview`.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, type BuiltSite } from '../helpers/buildSite.ts';
import { ROOT } from '../helpers/runCli.ts';

async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await new Promise((r) => probe.once('listening', r));
  const { port } = probe.address() as { port: number };
  await new Promise((r) => probe.close(r));
  return port;
}

describe('npm run preview after a build with a base', () => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildSite({ edition: 'digest', base: '/my-edition/' });
  }, 300_000);
  afterAll(() => site?.cleanup());

  it('serves the build under /my-edition/, where its links point', { timeout: 120_000 }, async () => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', WIDENET_OUT: site.outDir };
    for (const key of ['WIDENET_BASE', 'WIDENET_EDITION', 'BASE_URL', 'NODE_ENV']) delete env[key];
    const child = spawn(process.execPath, [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'preview', '--port', String(port), '--host', '127.0.0.1'], { cwd: ROOT, env });
    try {
      let log = '';
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`preview did not start:\n${log}`)), 60_000);
        const onData = (d: Buffer) => {
          log += d.toString();
          if (/Local\s+http/.test(stripVTControlCharacters(log))) { // CI may force colours between the words
            clearTimeout(timer);
            resolve();
          }
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
      });
      expect(stripVTControlCharacters(log)).toContain(`serving ${site.outDir}/ under /my-edition/, the base it was built with (edition digest)`);
      const origin = `http://127.0.0.1:${port}`;
      const home = await fetch(`${origin}/my-edition/`);
      expect(home.status).toBe(200);
      const links = [...(await home.text()).matchAll(/href="(\/my-edition\/[^"#?]*)"/g)].map((m) => m[1]!);
      expect(links.length).toBeGreaterThan(3);
      for (const link of [...new Set(links)].slice(0, 10)) expect((await fetch(`${origin}${link}`)).status, link).toBe(200);
      expect((await fetch(`${origin}/`)).status).toBe(404);
    } finally {
      child.kill();
    }
  });
});
