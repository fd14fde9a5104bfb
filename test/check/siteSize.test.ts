// The check before the deploy: a site larger than GitHub Pages serves stops the Publish workflow
// with what to do, rather than failing at the deploy. The limit is 1 GB; these tests set a small one.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatBytes, PAGES_LIMIT_BYTES, siteSizeProblem } from '../../src/lib/check/siteSize.ts';
import { runCli } from '../helpers/runCli.ts';

/** A fake built site: 3 article pages of 1,000 bytes, a 500-byte index and a 100-byte stylesheet (3,600 bytes). */
async function fakeDist(): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), 'site-size-')), 'dist');
  for (const id of ['a', 'b', 'c']) {
    await mkdir(join(dir, 'articles', id), { recursive: true });
    await writeFile(join(dir, 'articles', id, 'index.html'), 'x'.repeat(1000));
  }
  await mkdir(join(dir, '_astro'));
  await writeFile(join(dir, '_astro', 'Page.css'), 'y'.repeat(100));
  await writeFile(join(dir, 'index.html'), 'z'.repeat(500));
  return dir;
}

describe('siteSizeProblem', () => {
  it('is 1 GB for GitHub Pages, in powers of 1000', () => {
    expect(PAGES_LIMIT_BYTES).toBe(1_000_000_000);
    expect(formatBytes(1_200_000_000)).toBe('1.2 GB');
    expect(formatBytes(740_400_000)).toBe('740 MB');
    expect(formatBytes(12_500)).toBe('12.5 KB');
    expect(formatBytes(999)).toBe('999 bytes');
  });

  it('passes a site under 90 % of the limit', () => {
    expect(siteSizeProblem({ bytes: 900_000_000, files: 80_000, largest: [] }, PAGES_LIMIT_BYTES)).toBeNull();
  });

  it('warns from 90 %, and fails above the limit with the size, the largest folders and what to do', () => {
    const largest = [{ path: 'articles/', bytes: 1_000_000_000 }, { path: 'raters/', bytes: 100_000_000 }];
    expect(siteSizeProblem({ bytes: 1_200_000_000, files: 123_456, largest }, PAGES_LIMIT_BYTES)).toEqual({
      level: 'error',
      message:
        'dist/ is 1.2 GB (123,456 files); GitHub Pages serves at most 1 GB. Largest: articles/ 1 GB, raters/ 100 MB. ' +
        'Deploy to object storage behind a CDN instead: set the repository variable WIDENET_DEPLOY to s3 (Settings → Secrets and variables → Actions), ' +
        'or build one edition per site (WIDENET_EDITION); see README.md#past-github-pages-1-gb.',
    });
    expect(siteSizeProblem({ bytes: 1_000_000_000, files: 90_000, largest: [] }, PAGES_LIMIT_BYTES)).toMatchObject({
      level: 'warning',
      message: expect.stringMatching(/^dist\/ is 1 GB \(90,000 files\), 100 % of the 1 GB GitHub Pages serves\. Before it grows past: Deploy to object storage/),
    });
    expect(siteSizeProblem({ bytes: 950_000_000, files: 90_000, largest: [] }, PAGES_LIMIT_BYTES)).toMatchObject({
      level: 'warning',
      message: expect.stringMatching(/^dist\/ is 950 MB \(90,000 files\), 95 % of the 1 GB/),
    });
  });
});

describe('scripts/checkSiteSize.ts', () => {
  it('fails a built site over the limit before the deploy, with the message', async () => {
    const dist = await fakeDist();
    const over = await runCli('checkSiteSize.ts', [dist, '--limit', '3000'], { env: { GITHUB_ACTIONS: 'true' } });
    expect(over.code).toBe(1);
    expect(over.stderr).toContain(`[site-size] error: ${dist}/ is 3.6 KB (5 files); GitHub Pages serves at most 3 KB. Largest: articles/ 3 KB, index.html 500 bytes, _astro/ 100 bytes.`);
    expect(over.stderr).toContain('set the repository variable WIDENET_DEPLOY to s3');
    // Inside GitHub Actions, an annotation on the run's page too.
    expect(over.stdout).toMatch(/^::error title=Site size::.* is 3\.6 KB \(5 files\); GitHub Pages serves at most 3 KB\./);
  });

  it('passes it under the limit, warns near it, and only prints the size for object storage', async () => {
    const dist = await fakeDist();
    const under = await runCli('checkSiteSize.ts', [dist, '--limit', '10000'], { env: { GITHUB_ACTIONS: '' } });
    expect([under.code, under.stdout]).toEqual([0, '']);
    expect(under.stderr).toBe(`[site-size] ${dist}/ is 3.6 KB in 5 files, 36 % of the 10 KB GitHub Pages serves.\n`);
    const near = await runCli('checkSiteSize.ts', [dist, '--limit', '3700'], { env: { GITHUB_ACTIONS: '' } });
    expect(near.code).toBe(0);
    expect(near.stderr).toContain('[site-size] warning:');
    const s3 = await runCli('checkSiteSize.ts', [dist, '--limit', '3000', '--host', 's3'], { env: { GITHUB_ACTIONS: '' } });
    expect([s3.code, s3.stderr]).toEqual([0, `[site-size] ${dist}/ is 3.6 KB in 5 files; object storage has no limit on a site's size.\n`]);
  });

  it('refuses a host it does not know and a missing site, changing nothing', async () => {
    const dist = await fakeDist();
    const host = await runCli('checkSiteSize.ts', [dist, '--host', 'netlify'], {});
    expect([host.code, host.stderr]).toEqual([2, '[site-size] --host "netlify" (WIDENET_DEPLOY): expected pages or s3, or leave it unset for pages\n']);
    const missing = await runCli('checkSiteSize.ts', [join(dist, 'nope')], {});
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no built site there; run npm run build first');
  });
});
