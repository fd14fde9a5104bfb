// npm run publish:dry: the publish workflow's steps, end to end, on the demo sources served on
// loopback, into a copy of the config (never the repository's content/) and a build work folder.
import { access, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../scripts/cli/demoServer.ts';
import { makeBuildWorkDir } from '../helpers/buildSite.ts';
import { copyConfig, runCli } from '../helpers/runCli.ts';

let demo: DemoServer;
beforeAll(async () => {
  demo = await startDemoServer({ port: 0 });
});
afterAll(() => demo?.close());

/** The environment of a build as `npm run publish:dry` would see it from a shell: none of Vitest's own variables. */
function buildEnv(work: string): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ASTRO_TELEMETRY_DISABLED: '1', WIDENET_CACHE: join(work, 'cache'), WIDENET_NOW: '2026-11-21T12:00:00Z', WIDENET_EDITION: undefined, WIDENET_BASE: undefined };
  for (const key of ['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'NODE_ENV', 'TEST', 'VITEST', 'WIDENET_CONTENT', 'WIDENET_OUT']) env[key] = undefined;
  for (const key of Object.keys(process.env)) if (key.startsWith('VITE')) env[key] = undefined;
  return env;
}

describe('npm run publish:dry', () => {
  it('checks, aggregates, computes the summary and commit message, and builds, in the workflow’s order', async () => {
    const content = await copyConfig({ origin: demo.origin });
    const work = await makeBuildWorkDir('publish-');
    const out = join(work, 'dist');
    const { code, stdout, stderr } = await runCli('publishDry.ts', ['--content', content, '--out', out], { env: buildEnv(work), timeoutMs: 280_000 });
    expect(stderr).not.toContain('stopped');
    expect(code).toBe(0);

    const steps = ['1. data branch', '2. check', '3. aggregate', '4. job summary and commit message', '5. build', '6. site size'].map((s) => stdout.indexOf(`[publish:dry] ${s}`));
    expect(steps.every((i) => i >= 0)).toBe(true);
    expect([...steps].sort((a, b) => a - b)).toEqual(steps);
    expect(stdout).toContain('[check] ok: 4 contingents, 6 raters');
    expect(stdout).toMatch(/^ {4}aggregate: \+\d+ articles, 8 rating files updated$/m);
    expect(stdout).toContain('is not in a git repository');
    expect(stdout).toContain('The workflow would now deploy it to GitHub Pages.');
    // The size check before the deploy: the demo is far below GitHub Pages' 1 GB.
    expect(stderr).toMatch(/\[site-size\] \S+dist\/ is [\d.]+ (KB|MB) in [\d,]+ files, 0 % of the 1 GB GitHub Pages serves\.\n/);
    expect(stderr).toMatch(/sources 12\/12 ok · articles \+\d+ new/);

    const summaryPath = /\[publish:dry\] job summary (\S+)/.exec(stdout)![1]!;
    const summary = await readFile(summaryPath, 'utf8');
    expect(summary).toMatch(/^## Aggregate: \+\d+ articles, 8 rating files updated\n/);
    expect(summary).toContain('Every source was fetched.');

    // The aggregated database went into the copy, and the site was built from it into the work folder.
    expect((await readdir(join(content, 'articles'))).sort()).toEqual(['abc-bulletin', 'harbor', 'rivet', 'tenants']);
    for (const file of ['index.html', 'commons/index.html', 'commons/rss.xml', 'sources/index.html', 'opml.xml', 'contingents.opml']) await access(join(out, file));

    // /contingents.opml lists every contingent's feed, and importing it back adds nothing.
    const opml = await readFile(join(out, 'contingents.opml'), 'utf8');
    expect(opml.match(/<outline type="rss"/g)).toHaveLength(4);
    expect(opml).toContain(`text="Harbor Notes" title="Harbor Notes" xmlUrl="${demo.origin}/feeds/harbor.atom" htmlUrl="https://harbor-notes.example/"`);
    await writeFile(join(work, 'contingents.opml'), opml);
    const roundTrip = await runCli('importOpml.ts', [join(work, 'contingents.opml'), '--content', content]);
    expect(roundTrip.stderr).toContain('4 feeds, 0 to add, 4 already there');
  }, 300_000);

  it('stops at a failing check, before aggregating anything, as the workflow does', async () => {
    const content = await copyConfig({ origin: demo.origin });
    const edition = join(content, 'editions', 'digest.yaml');
    await writeFile(edition, (await readFile(edition, 'utf8')).replace('limit: 50', 'limit: fifty'));
    const { code, stderr } = await runCli('publishDry.ts', ['--content', content], { env: { WIDENET_OUT: undefined } });
    expect(code).toBe(1);
    expect(stderr).toMatch(/digest\.yaml:\d+ limit: /);
    expect(stderr).toContain('[publish:dry] stopped: the check step failed');
    await expect(access(join(content, 'articles'))).rejects.toThrow();
  });
});
