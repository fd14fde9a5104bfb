// Sitemaps that scale: /sitemap.xml is an index of files of at most 50,000 pages each, so a network
// past 50,000 pages still has a valid sitemap. Pure: the route lists of a 50,100-article model.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPaths } from '../../src/lib/site/paths.ts';
import { sitemapFiles } from '../../src/lib/site/routes.ts';
import { createSiteModel } from '../../src/lib/site/siteModel.ts';
import { sitemapIndexXml, sitemapParts, sitemapXml } from '../../src/lib/site/writers/sitemap.ts';
import { xmllint } from '../helpers/feedReaders.ts';
import { makeDb, NOW } from '../helpers/makeDb.ts';

const ARTICLES = 50_100;

describe('sitemap past 50,000 pages', () => {
  const db = makeDb({
    articles: Array.from({ length: ARTICLES }, (_, i) => ({ id: `abc-${String(i).padStart(12, '0')}`, contingent: 'abc' })),
    editions: [{ id: 'top', limit: 20 }],
  });
  const model = createSiteModel(db, { now: NOW, paths: createPaths({ base: '/net/', site: 'https://example.org' }) });

  it('splits the pages into files of at most 50,000, in order, each page once', () => {
    const files = sitemapFiles(model);
    // hub, the edition's one page, its search page, 50,100 articles, contingent abc, /sources/, the rating desk /rate/: 50,106 pages.
    expect(files.map((f) => [f.part, f.urls.length])).toEqual([
      [1, 50_000],
      [2, 106],
    ]);
    expect(files[0]!.urls.slice(0, 4)).toEqual(['https://example.org/net/', 'https://example.org/net/top/', 'https://example.org/net/top/search/', 'https://example.org/net/articles/abc-000000000000/']);
    // Page 50,001 is the 49,998th article (three pages come before the articles).
    expect(files[1]!.urls[0]).toBe('https://example.org/net/articles/abc-000000049997/');
    expect(files[1]!.urls.slice(-4)).toEqual(['https://example.org/net/articles/abc-000000050099/', 'https://example.org/net/contingents/abc/', 'https://example.org/net/sources/', 'https://example.org/net/rate/']);
    expect(new Set(files.flatMap((f) => f.urls)).size).toBe(50_106);
  });

  it('writes well-formed files and an index that names them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sitemap-'));
    try {
      const files = sitemapFiles(model);
      const index = sitemapIndexXml(files.map((f) => model.paths.absolute(model.paths.sitemapPart(f.part))));
      expect([...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1])).toEqual(['https://example.org/net/sitemap-1.xml', 'https://example.org/net/sitemap-2.xml']);
      await writeFile(join(dir, 'sitemap.xml'), index);
      expect(await xmllint(join(dir, 'sitemap.xml'))).toBe('');
      for (const f of files) {
        const xml = sitemapXml(f.urls);
        expect(xml.match(/<url>/g)?.length).toBe(f.urls.length);
        await writeFile(join(dir, `sitemap-${f.part}.xml`), xml);
        expect(await xmllint(join(dir, `sitemap-${f.part}.xml`))).toBe('');
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('never writes one file past the protocol’s limit', () => {
    const urls = Array.from({ length: 120_001 }, (_, i) => `https://x.org/${i}/`);
    expect(sitemapParts(urls).map((p) => p.length)).toEqual([50_000, 50_000, 20_001]);
    expect(sitemapParts([])).toEqual([[]]);
    expect(() => sitemapXml(urls.slice(0, 50_001))).toThrow(/50001 URLs is more than the 50000/);
    expect(sitemapXml(urls.slice(0, 50_000)).match(/<url>/g)?.length).toBe(50_000);
  });
});
