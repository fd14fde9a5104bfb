// Titles cannot reorder the page around them (issue 16 §4). Ingest strips bidirectional controls;
// pages isolate every article title as well (site.css: unicode-bidi: plaintext), for articles stored
// before ingest stripped them. Checked where it shows: the position of the text after a title, in Chromium.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Article } from '../../src/lib/config/schema.ts';
import { writeDatabase } from '../../scripts/aggregator/writeDatabase.ts';
import { buildSite, type BuiltSite } from '../helpers/buildSite.ts';
import { serveDir, type ServedDir } from '../helpers/serveDir.ts';
import { SITE_NOW, siteFixtureDatabase } from '../helpers/writeSiteFixture.ts';

// An unterminated right-to-left override: without isolation, everything after it on the line runs backwards.
const HOSTILE = 'Override \u202Eevil title';

let content: string;
let site: BuiltSite;
let server: ServedDir;
let browser: Browser;

beforeAll(async () => {
  const db = siteFixtureDatabase();
  db.articles.push(
    Article.parse({
      id: 'abc-90', contingent: 'abc', title: HOSTILE, url: 'https://abc.example/2026/11/abc-90', guid: 'abc-90', authors: [],
      published: SITE_NOW, firstSeen: SITE_NOW, summary: 'Stored before ingest stripped bidirectional controls.', html: '<p>Body.</p>',
      tags: ['strike'], license: 'CC0-1.0', media: [], hash: 'h-abc-90', revisions: [],
    }),
  );
  content = await mkdtemp(join(tmpdir(), 'widenet-bidi-'));
  await writeDatabase(db, content);
  [site, browser] = await Promise.all([
    buildSite({ content }),
    chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] }),
  ]);
  server = await serveDir(site.outDir);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await site?.cleanup();
  await rm(content, { recursive: true, force: true });
});

async function open(path: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.fulfill({ status: 204 }));
  const page = await context.newPage();
  await page.goto(server.url + path.replace(/^\//, ''), { waitUntil: 'load' });
  return page;
}

describe('article titles on pages', () => {
  it('the contingent page: the date after a hostile title stays after it, left to right', async () => {
    const page = await open('/contingents/abc/');
    const geometry = await page.evaluate((title) => {
      const link = [...document.querySelectorAll('li > a')].find((a) => a.textContent === title)!;
      const time = link.parentElement!.querySelector('time')!;
      return { linkLeft: link.getBoundingClientRect().left, linkRight: link.getBoundingClientRect().right, timeLeft: time.getBoundingClientRect().left };
    }, HOSTILE);
    expect(geometry.timeLeft).toBeGreaterThanOrEqual(geometry.linkRight - 1);
    await page.context().close();
  });

  it.each(['/', '/commons/', '/contingents/abc/', '/articles/abc-90/', '/articles/abc-31/', '/raters/alice/', '/commons/search/?q=ferry'])('%s isolates every article title', async (path) => {
    const page = await open(path);
    if (path.includes('search')) await page.waitForSelector('a.hit');
    const found = await page.evaluate(() => {
      const titles = [...document.querySelectorAll('main a[href*="/articles/"], main h1, main [aria-current="page"]')];
      const isolated = (el: Element) => ['isolate', 'plaintext', 'isolate-override'].includes(getComputedStyle(el).unicodeBidi);
      return { count: titles.length, notIsolated: titles.filter((el) => !isolated(el)).map((el) => el.outerHTML.slice(0, 120)) };
    });
    expect(found.count).toBeGreaterThan(0);
    expect(found.notIsolated).toEqual([]);
    await page.context().close();
  });
});
