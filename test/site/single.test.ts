// WIDENET_EDITION=digest under a non-root base: a standalone site of one edition, every link inside it.
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDatabase } from '../../scripts/aggregator/readDatabase.ts';
import { evaluateAll, type EditionEntry } from '../../src/lib/editions/evaluateEdition.ts';
import type { BuiltSite } from '../helpers/buildSite.ts';
import { sharedSite } from '../helpers/sharedSite.ts';
import { SHARED_SITES } from '../helpers/siteBroker.ts';
import { htmlLinks, linkTarget } from '../helpers/siteLinks.ts';
import { SITE_FIXTURE_DIR, SITE_NOW } from '../helpers/writeSiteFixture.ts';

const BASE = SHARED_SITES.single.base;
const SITE = `https://example.org${BASE}`;
let site: BuiltSite;
let entries: EditionEntry[];
let pageSize: number;

beforeAll(async () => {
  const [built, db] = await Promise.all([sharedSite('single'), readDatabase(SITE_FIXTURE_DIR)]);
  site = built;
  entries = evaluateAll(db, new Date(SITE_NOW)).get('digest')!.entries;
  pageSize = db.site.pageSize;
});
afterAll(() => site?.cleanup());

describe('single-edition build (WIDENET_EDITION=digest, base /my-edition/)', () => {
  it('has the edition at the root: front page, pages, rss.xml, explain.json', async () => {
    expect(entries.length).toBeGreaterThan(pageSize);
    for (const f of ['index.html', 'page/2/index.html', 'rss.xml', 'explain.json', 'sitemap.xml', 'opml.xml', '404.html']) expect(site.files).toContain(f);
    expect(site.files.some((f) => /^(commons|statements|digest)\//.test(f))).toBe(false);
    const front = await site.read('index.html');
    expect(front).toContain('<h1>Anti-reform digest</h1>');
    expect(front).toContain(`<link rel="alternate" type="application/rss+xml" title="Anti-reform digest (RSS)" href="${BASE}rss.xml">`);
    expect(front).toContain('The Digest contingent of Wide Net');
  });

  it('has the rating desk under the base, with its data files, and article pages that point at it', async () => {
    for (const f of ['rate/index.html', 'rate/scales.json', 'rate/articles.json']) expect(site.files).toContain(f);
    const desk = await site.read('rate/index.html');
    expect(desk).toContain(`data-draft-key="widenet-desk:${BASE}" data-scales="${BASE}rate/scales.json" data-articles="${BASE}rate/articles.json"`);
    expect(JSON.parse(await site.read('rate/articles.json')).total).toBe(entries.length);
    const article = await site.read(`articles/${entries[0]!.article.id}/index.html`);
    expect(article).toContain(`<a href="${BASE}rate/#how">How to rate, with the rating desk</a>`);
  });

  it('builds only the edition’s article pages', () => {
    const built = site.files.filter((f) => f.startsWith('articles/')).map((f) => f.split('/')[1]).sort();
    expect(built).toEqual(entries.map((e) => e.article.id).sort());
  });

  it('feed and explanation at the root, with absolute links under the base', async () => {
    const feed = await new Parser().parseString(await site.read('rss.xml'));
    expect(feed.items.map((i) => i.guid)).toEqual(entries.map((e) => `${SITE}articles/${e.article.id}/`));
    expect(feed.link).toBe(SITE);
    const explain = JSON.parse(await site.read('explain.json'));
    expect(explain.articles.map((a: { page: string }) => a.page)).toEqual(entries.map((e) => `${SITE}articles/${e.article.id}/`));
  });

  it('every internal href and src in every HTML file resolves to a file under the base', async () => {
    const files = new Set(site.files);
    const broken: string[] = [];
    let checked = 0;
    for (const file of site.files.filter((f) => f.endsWith('.html'))) {
      const page = await site.read(file);
      for (const link of htmlLinks(page)) {
        const target = linkTarget(link, SITE + file.replace(/index\.html$/, ''), SITE);
        if (target === undefined) continue;
        checked++;
        if (!files.has(target)) broken.push(`${file} → ${link}`);
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(broken).toEqual([]);
  });

  it('sitemap and OPML speak only of this edition', async () => {
    expect(await site.read('sitemap.xml')).toContain(`<sitemap><loc>${SITE}sitemap-1.xml</loc></sitemap>`);
    const sitemap = await site.read('sitemap-1.xml');
    expect(sitemap).toContain(`<loc>${SITE}</loc>`);
    expect(sitemap).toContain(`<loc>${SITE}page/2/</loc>`);
    expect(sitemap).not.toContain('/commons/');
    const opml = await site.read('opml.xml');
    expect(opml.match(/<outline /g)).toHaveLength(1);
    expect(opml).toContain(`xmlUrl="${SITE}rss.xml"`);
  });
});
