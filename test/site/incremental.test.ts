// Incremental builds are sound: after one rating changes, a build that reuses the last build's cache
// renders again exactly the pages whose bytes change, and its output is byte for byte a cold build's.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, makeBuildWorkDir, type BuiltSite } from '../helpers/buildSite.ts';
import { renderLog } from '../helpers/renderLog.ts';
import { SITE_FIXTURE_DIR } from '../helpers/writeSiteFixture.ts';

async function contents(site: BuiltSite): Promise<Map<string, string>> {
  return new Map(await Promise.all(site.files.map(async (f) => [f, await site.read(f)] as const)));
}

describe('incremental build after one rating changes', () => {
  let work: string;
  let before: BuiltSite;
  let after: BuiltSite;
  let cold: BuiltSite;
  beforeAll(async () => {
    work = await makeBuildWorkDir('incremental-');
    const content = join(work, 'content');
    const cache = join(work, 'cache');
    await cp(SITE_FIXTURE_DIR, content, { recursive: true });
    before = await buildSite({ content, cache });
    // Alice revises one rating: abc-01 goes from 5 to 2 on Newsworthy.
    const path = join(content, 'ratings', 'alice.json');
    const text = await readFile(path, 'utf8');
    const changed = text.replace(/("article": "https:\/\/abc\.example\/2026\/11\/abc-01",\s*"scale": "newsworthy",\s*"value": )5/, '$12');
    expect(changed).not.toBe(text);
    await writeFile(path, changed);
    after = await buildSite({ content, cache });
    cold = await buildSite({ content });
  }, 900_000);
  afterAll(async () => {
    await Promise.all([before, after, cold].map((s) => s?.cleanup()));
    await rm(work, { recursive: true, force: true });
  });

  it('gives every page of a cold build, byte for byte', async () => {
    expect(after.files).toEqual(cold.files);
    const [a, c] = [await contents(after), await contents(cold)];
    const differ = cold.files.filter((f) => a.get(f) !== c.get(f));
    expect(differ).toEqual([]);
  });

  it('the first build renders everything; the second renders again only what the rating changed', async () => {
    const first = renderLog(before.log);
    expect(first.reused.size).toBe(0);
    const { rendered, reused } = renderLog(after.log);
    // Every file the change touched was rendered again (the rest were reused or are always rendered).
    const [b, c] = [await contents(before), await contents(cold)];
    // (/data/, the database's export, is written after the pages by its own integration, from content/.)
    const changed = cold.files.filter((f) => b.get(f) !== c.get(f) && !f.startsWith('data/')).map((f) => `/${f}`);
    for (const f of changed) expect(rendered.has(f), f).toBe(true);
    expect(changed).toContain('/articles/abc-01/index.html');
    expect(changed).toContain('/raters/alice/index.html');
    // Pages with a cache key (those in Astro's manifest) were rendered again exactly when their bytes changed.
    const manifest = JSON.parse(await readFile(join(work, 'cache', 'incremental-build.json'), 'utf8')) as { routes: Record<string, { paths: Record<string, { outputFile: string }> }> };
    const keyed = new Set(Object.values(manifest.routes).flatMap((r) => Object.values(r.paths).map((p) => `/${p.outputFile}`)));
    expect(keyed.size).toBeGreaterThan(50);
    const keyedAndRendered = [...rendered].filter((f) => keyed.has(f));
    expect(keyedAndRendered.sort()).toEqual(changed.filter((f) => keyed.has(f)).sort());
    // A bounded set: most of the site was reused.
    expect(reused.size).toBeGreaterThan(40);
    expect(keyedAndRendered.length).toBeLessThan(15);
  });
});
