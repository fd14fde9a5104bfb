// A real `astro build` of the site fixture, checked from the outside: feeds parsed back with an
// independent parser, explain.json against the engine run directly, every internal link resolved.
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDatabase } from '../../scripts/aggregator/readDatabase.ts';
import type { Database } from '../../src/lib/config/database.ts';
import { evaluateAll, type EditionResult } from '../../src/lib/editions/evaluateEdition.ts';
import type { BuiltSite } from '../helpers/buildSite.ts';
import { sharedSite } from '../helpers/sharedSite.ts';
import { htmlLinks, linkTarget } from '../helpers/siteLinks.ts';
import { SITE_FIXTURE_DIR, SITE_NOW } from '../helpers/writeSiteFixture.ts';

const ORIGIN = 'https://example.org/';
let site: BuiltSite;
let db: Database;
let results: Map<string, EditionResult>;
const html = () => site.files.filter((f) => f.endsWith('.html'));
const pageUrl = (file: string) => ORIGIN + file.replace(/index\.html$/, '');

beforeAll(async () => {
  [site, db] = await Promise.all([sharedSite('hub'), readDatabase(SITE_FIXTURE_DIR)]);
  results = evaluateAll(db, new Date(SITE_NOW));
});
afterAll(() => site?.cleanup());

describe('hub build of the fixture', () => {
  it('builds every page, once per article, with one stylesheet', () => {
    const articlePages = site.files.filter((f) => /^articles\/[^/]+\/index\.html$/.test(f));
    expect(articlePages.length).toBe(db.articles.length);
    for (const e of db.editions) {
      expect(site.files).toContain(`${e.id}/index.html`);
      expect(site.files).toContain(`${e.id}/rss.xml`);
      expect(site.files).toContain(`${e.id}/explain.json`);
    }
    const pages = Math.ceil(db.articles.length / db.site.pageSize);
    for (let n = 2; n <= pages; n++) expect(site.files).toContain(`commons/page/${n}/index.html`);
    expect(site.files).not.toContain(`commons/page/${pages + 1}/index.html`);
    for (const f of ['index.html', '404.html', 'sources/index.html', 'opml.xml', 'sitemap.xml', 'contingents/abc/index.html', 'contingents/abc/rss.xml', 'raters/alice/index.html']) expect(site.files).toContain(f);
    expect(site.files.filter((f) => f.endsWith('.css'))).toHaveLength(1);
  });

  it.each(['commons', 'digest', 'statements'])('%s/rss.xml: count, engine order, permalink guids, absolute links', async (id) => {
    const xml = await site.read(`${id}/rss.xml`);
    const feed = await new Parser().parseString(xml);
    const entries = results.get(id)!.entries;
    expect(feed.items.length).toBe(entries.length);
    const expected = entries.map((e) => `${ORIGIN}articles/${e.article.id}/`);
    expect(feed.items.map((i) => i.guid)).toEqual(expected);
    expect(feed.items.map((i) => i.link)).toEqual(expected);
    expect(xml.match(/<guid isPermaLink="true">/g)?.length).toBe(entries.length);
    expect(feed.link).toBe(`${ORIGIN}${id}/`);
    feed.items.forEach((item, i) => {
      const article = entries[i]!.article;
      // The article's text, then its credit line with links to the original and to its page here.
      expect(item['content:encoded']!.startsWith(`${article.html}<hr><p>“<a href="${article.url}">`)).toBe(true);
      expect(item['content:encoded']).toContain(`<a href="${ORIGIN}articles/${article.id}/">`);
      expect(item.categories ?? []).toEqual(article.tags);
      expect(new Date(item.isoDate!).getTime()).toBe(Date.parse(article.published));
    });
  });

  it.each(['commons', 'digest', 'statements'])('%s/explain.json agrees with evaluateAll on the same database', async (id) => {
    const explain = JSON.parse(await site.read(`${id}/explain.json`));
    const entries = results.get(id)!.entries;
    expect(explain.edition).toBe(id);
    expect(explain.count).toBe(entries.length);
    expect(explain.articles.map((a: { id: string }) => a.id)).toEqual(entries.map((e) => e.article.id));
    explain.articles.forEach((a: { url: string; title: string; score: number | null; matched: string[]; ratings: unknown[] }, i: number) => {
      const entry = entries[i]!;
      expect(a.url).toBe(entry.article.url);
      expect(a.title).toBe(entry.article.title);
      expect(a.score).toBe(entry.score ?? null);
      expect(a.matched).toEqual(entry.matched);
      expect(a.ratings).toEqual(entry.ratings.map((r) => ({ rater: r.rater, scale: r.scale, value: r.value, weight: r.weight, at: r.at, ...(r.note !== undefined && { note: r.note }) })));
    });
  });

  it('every edition page links its feed as an alternate, and lists the engine order, each joint statement once', async () => {
    for (const e of db.editions) {
      // def-36 republishes abc-35 (same URL, alsoIn): listed once, under abc-35.
      const entries = results.get(e.id)!.entries.filter((x) => x.article.id !== 'def-36');
      const pages = site.files.filter((f) => f === `${e.id}/index.html` || f.startsWith(`${e.id}/page/`)).sort((a, b) => (a.length - b.length) || a.localeCompare(b));
      const listed: string[] = [];
      for (const file of pages) {
        const page = await site.read(file);
        expect(page, file).toContain(`<link rel="alternate" type="application/rss+xml" title="${e.title} (RSS)" href="/${e.id}/rss.xml">`);
        listed.push(...[...page.matchAll(/<li id="([^"]+)">\s*<article>/g)].map((m) => m[1]!));
      }
      expect(listed).toEqual(entries.map((x) => x.article.id));
    }
  });

  it('the article page: credit, text, ratings with retractions, editions and why, versions, replies', async () => {
    const page = await site.read('articles/abc-01/index.html');
    expect(page).toContain('The ABC contingent of Wide Net');
    expect(page).toContain('href="https://abc.example/2026/11/abc-01"');
    expect(page).toContain('CC0-1.0');
    expect(page).toContain(db.articles.find((a) => a.id === 'abc-01')!.html);
    expect(page).toContain('5 (essential)');
    expect(page).toContain('Names the deal for what it is');
    expect(page).toContain('<h2 id="versions">Versions</h2>');
    expect(page).toContain('Port workers may strike');
    expect(page).toContain('href="/articles/xyz-02/"');
    expect(page).toContain('Signed by a two-thirds quorum of the contingents of Wide Net');
    expect(page).toMatch(/2 of 3 contingents endorse/);
    expect(page).toContain('<img src="https://abc.example/media/picket.jpg" alt="Pickets at the port gate at dawn"');
    const retracted = await site.read('articles/abc-13/index.html');
    expect(retracted).toMatch(/<li class="retracted">.*retracted on /);
    expect(await site.read('articles/xyz-02/index.html')).toContain('In reply to');
  });

  it('transparency: versions, adaptations, copies, statements, challenges and rejected rating files on the built pages', async () => {
    const revised = await site.read('articles/abc-31/index.html');
    expect(revised).toContain('<details id="rev-1">');
    expect(revised).toContain('<del><span class="vh">[removed: </span>210<span class="vh">]</span></del><ins><span class="vh">[added: </span>212<span class="vh">]</span></ins>');
    expect(revised).toContain('<a href="/articles/abc-31/#rev-1-diff">rated an earlier version</a>');
    expect(revised).toContain('Same story, no credit given: <a href="/articles/def-33/">');
    expect(revised).toMatch(/<textarea id="credit-text" class="credit-snippet" readonly[^>]*>“Ferry crews strike over staffing”, The ABC contingent of Wide Net\. https:\/\/abc\.example\/2026\/11\/abc-31\. License: CC0-1\.0\.<\/textarea>/);
    expect(await site.read('articles/xyz-32/index.html')).toMatch(/Adapted from <a href="\/articles\/abc-31\/">Ferry crews strike over staffing<\/a> by <a href="\/contingents\/abc\/">ABC<\/a>/);
    expect(await site.read('articles/def-34/index.html')).toContain('Adapted from <a href="https://elsewhere.example/ferry-analysis" rel="external">');
    expect(await site.read('articles/def-33/index.html')).toContain('Same story, no credit given: <a href="/articles/abc-31/">');
    expect(await site.read('articles/def-36/index.html')).not.toContain('no credit given');
    // One short of the quorum: signed by its contingent only, and nowhere in the statements edition.
    const short = await site.read('articles/def-12/index.html');
    expect(short).toContain('The DEF contingent of Wide Net');
    expect(short).not.toContain('statement of the whole network of');
    expect(short).toMatch(/<strong>No\.<\/strong> 1 of 3 contingents endorse/);
    expect(await site.read('statements/index.html')).not.toContain('def-12');
    expect(await site.read('statements/rss.xml')).not.toContain('def-12');
    expect(await site.read('articles/abc-01/index.html')).toContain('A statement of the whole network of Wide Net, endorsed by 2 of 3 contingents');
    expect(await site.read('commons/index.html')).toContain('revised 2×');
    expect(await site.read('contingents/abc/index.html')).toMatch(/3 received · 1 answered · <strong class="failing">2 unanswered<\/strong>/);
    const sources = await site.read('sources/index.html');
    expect(sources.match(/<span class="rejected">rejected<\/span>/g)).toHaveLength(2);
    expect(sources).toContain('does not match the key in raters.yaml');
    expect(sources).toContain('keeping the last good copy, accepted');
  });

  it('every HTML page: lang, Open Graph, canonical, no client script but search and rating', async () => {
    // The hub carries the search box too.
    const listing = (file: string) => file === 'index.html' || db.editions.some((e) => file === `${e.id}/index.html` || file.startsWith(`${e.id}/page/`));
    for (const file of html()) {
      const page = await site.read(file);
      expect(page, file).toMatch(/^<!DOCTYPE html>\s*<html lang="en">/i);
      expect(page, file).toContain('<meta property="og:title"');
      expect(page, file).toContain(`<meta property="og:url" content="${ORIGIN}`);
      expect(page, file).toContain('<meta name="viewport"');
      // Search is the one script: the search page's module, and the search box's inline focus listener.
      // A JSON data block is data, never run: article pages carry one, the Rate control's scales.
      const all = page.match(/<script\b[^>]*>/gi) ?? [];
      const scripts = all.filter((tag) => !tag.startsWith('<script type="application/json"'));
      expect(all.filter((tag) => !scripts.includes(tag)), file).toEqual(/^articles\/[^/]+\/index\.html$/.test(file) ? ['<script type="application/json" data-rate-scales>'] : []);
      // Article pages carry the Rate control's module, and the rating desk its own: files, never inline.
      if (/^[a-z0-9-]+\/search\/index\.html$/.test(file) || /^articles\/[^/]+\/index\.html$/.test(file) || file === 'rate/index.html') expect(scripts, file).toEqual([expect.stringMatching(/^<script type="module" src="\/_astro\/[^"]+\.js">$/)]);
      else if (listing(file)) expect(scripts, file).toEqual(['<script type="module">']);
      else expect(scripts, file).toEqual([]);
      expect(page, file).not.toMatch(/\son[a-z]+=/i);
    }
  });

  it('every internal href and src lands on a file of the build', async () => {
    const files = new Set(site.files);
    const broken: string[] = [];
    const checked = new Map<string, number>();
    for (const file of html()) {
      for (const link of htmlLinks(await site.read(file))) {
        const target = linkTarget(link, pageUrl(file), ORIGIN);
        if (target === undefined) continue;
        checked.set(file, (checked.get(file) ?? 0) + 1);
        if (!files.has(target)) broken.push(`${file} → ${link}`);
      }
    }
    expect(broken).toEqual([]);
    // Every page links at least the hub, its stylesheet and the five pages of the site's navigation
    // (four editions and the sources), so a check that found fewer links missed some.
    const thin = html().filter((file) => (checked.get(file) ?? 0) < 7);
    expect(thin).toEqual([]);
    expect([...checked.values()].reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(7 * html().length);
    expect(html().length).toBeGreaterThanOrEqual(db.articles.length + db.editions.length);
  });

  it('sitemap lists every HTML page but the 404, and OPML every edition feed', async () => {
    // /sitemap.xml is the index; this small site's pages all fit in its one file.
    const index = await site.read('sitemap.xml');
    expect([...index.matchAll(/<sitemap><loc>([^<]+)<\/loc><\/sitemap>/g)].map((m) => m[1])).toEqual([`${ORIGIN}sitemap-1.xml`]);
    const sitemap = await site.read('sitemap-1.xml');
    const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!).sort();
    expect(locs).toEqual(html().filter((f) => f !== '404.html').map(pageUrl).sort());
    const opml = await site.read('opml.xml');
    for (const e of db.editions) expect(opml).toContain(`xmlUrl="${ORIGIN}${e.id}/rss.xml"`);
  });

  it('an article page weighs at most 50 KB of HTML and CSS besides its own text', async () => {
    const css = (await Promise.all(site.files.filter((f) => f.endsWith('.css')).map((f) => site.read(f)))).join('');
    let heaviest = 0;
    for (const article of db.articles) {
      const page = await site.read(`articles/${article.id}/index.html`);
      const own = [article.html, ...article.revisions.map((r) => r.html)].reduce((n, h) => n + Buffer.byteLength(h), 0);
      heaviest = Math.max(heaviest, Buffer.byteLength(page) + Buffer.byteLength(css) - own);
    }
    expect(heaviest).toBeGreaterThan(0);
    expect(heaviest).toBeLessThanOrEqual(50 * 1024);
  });
});
