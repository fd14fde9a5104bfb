// Search in Chromium, against a real build of the site fixture: typing, typos, deep links, facets,
// the keyboard path, screen-reader status, lazy loading, sharded indexes, and the page without JavaScript.
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateAll } from '../../src/lib/editions/evaluateEdition.ts';
import { periodLabel, type FacetName, type Filters } from '../../src/lib/search/facets.ts';
import { searchDocuments } from '../../src/lib/search/searchDocuments.ts';
import { createSearchEngine } from '../../src/lib/search/searchEngine.ts';
import { createShard } from '../../src/lib/search/searchShard.ts';
import { planShards, type ShardOptions } from '../../src/lib/search/shardPlan.ts';
import type { BuiltSite } from '../helpers/buildSite.ts';
import { ownCopy, sharedSite } from '../helpers/sharedSite.ts';
import { SHARED_SITES } from '../helpers/siteBroker.ts';
import { writeSearchVariant, type SearchVariant } from '../helpers/searchVariant.ts';
import { applyFilters, facetOptions, searchAll } from '../helpers/searchReference.ts';
import { serveDir, type ServedDir } from '../helpers/serveDir.ts';
import { SITE_NOW, siteFixtureDatabase } from '../helpers/writeSiteFixture.ts';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const BASE = SHARED_SITES.single.base;
const SHARDED: ShardOptions = { threshold: 5, first: 5, size: 12 };

// The index the build writes for the commons, rebuilt here only to cut it into shards (below).
const db = siteFixtureDatabase();
const commons = evaluateAll(db, new Date(SITE_NOW)).get('commons')!;
const docs = searchDocuments({ ...commons, entries: commons.entries.filter((e) => e.article.id !== 'def-36') }, (id) => db.contingents.find((c) => c.id === id)?.name);

// What the page must show, pinned by hand from the fixture (test/helpers/writeSiteFixture.ts), in
// the order the page ranks them. The commons' index holds 37 articles: def-36, a republication of
// abc-35 (alsoIn), is listed once, under abc-35.
const ARTICLES = 37;
// "strike" is in the titles or tags of each week's stories 1 and 4 (abc-01, abc-04; xyz-11, xyz-14;
// def-21, def-24) and of the ferry stories (abc-31, xyz-32, def-33, def-34, xyz-37).
const STRIKE = ['def-33', 'abc-31', 'abc-01', 'xyz-11', 'def-21', 'xyz-37', 'abc-04', 'xyz-14', 'def-34', 'def-24', 'xyz-32'];
const STRIKE_BY_ABC = ['abc-31', 'abc-01', 'abc-04'];
const STRIKE_TAGGED_HEALTH = ['abc-04', 'xyz-14', 'def-24'];
// The facets of "strike": contingents DEF (def-21, def-24, def-33, def-34), XYZ (xyz-11, xyz-14,
// xyz-32, xyz-37), ABC (abc-01, abc-04, abc-31); all but xyz-37 are tagged "strike".
const STRIKE_FACETS = {
  contingent: ['DEF (4)', 'XYZ Collective (4)', 'ABC (3)'],
  tag: ['strike (10)', 'ferry (5)', 'health (3)', 'labor (3)', 'challenge (1)'],
  period: ['Nov 20, 2026 (1)', 'Nov 19, 2026 (1)', 'Nov 17, 2026 (2)', 'Nov 16, 2026 (1)', 'Nov 15, 2026 (3)', 'Nov 14, 2026 (2)', 'Nov 13, 2026 (1)'],
};
// With ABC ticked: the contingent facet still offers the others; the tags count ABC's three.
const STRIKE_BY_ABC_FACETS = { contingent: ['DEF (4)', 'XYZ Collective (4)', 'ABC (3)'], tag: ['strike (3)', 'ferry (1)', 'health (1)', 'labor (1)'] };
// "Court blocks evictions" is story 8 of each week; "Tenants win rent freeze" story 2.
const EVICTIONS = ['xyz-08', 'def-18', 'abc-28'];
const RENT_FREEZE = ['xyz-02', 'def-12', 'abc-22'];
// "story" is in the summary of the 30 generated articles, none of the 8 told ones.
const STORY = ['abc-04', 'xyz-05', 'xyz-08', 'def-09', 'xyz-02', 'def-03', 'def-06', 'abc-10', 'abc-01', 'abc-07', 'xyz-14', 'def-15', 'def-18', 'abc-19', 'def-24', 'abc-25', 'abc-28', 'xyz-29', 'def-12', 'abc-13', 'abc-16', 'xyz-20', 'abc-22', 'xyz-23', 'xyz-26', 'def-30', 'xyz-11', 'xyz-17', 'def-21', 'def-27'];
const results = (n: number, q: string, before?: number) => `${n} ${n === 1 ? 'result' : 'results'} for “${q}”${before === undefined ? '' : ` (${before} before filters)`}.`;

let hub: BuiltSite;
let single: BuiltSite;
let hubServer: ServedDir;
let singleServer: ServedDir;
let browser: Browser;
let sharded: SearchVariant;

beforeAll(async () => {
  [hub, single, browser] = await Promise.all([
    // The shared hub build, copied: the sharded variant below adds files to it.
    sharedSite('hub').then(ownCopy),
    sharedSite('single'),
    chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    }),
  ]);
  // The fixture is one shard; the same edition cut in shards of 5 and 12 exercises progressive loading.
  sharded = await writeSearchVariant(hub.outDir, 'commons/search/', '/commons/search/', docs, 'sharded', SHARDED);
  [hubServer, singleServer] = await Promise.all([serveDir(hub.outDir), serveDir(single.outDir, BASE)]);
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([hubServer?.close(), singleServer?.close()]);
  await Promise.all([hub?.cleanup(), single?.cleanup()]);
});

interface Opened {
  page: Page;
  errors: string[];
  /** Every URL the page requested, in order. */
  requests: string[];
  close(): Promise<void>;
}

async function open(server: ServedDir, path: string, options: BrowserContextOptions = {}): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 800 }, ...options });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.fulfill({ status: 204 }));
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  const response = await page.goto(server.url + path.replace(/^\//, ''), { waitUntil: 'load' });
  expect(response?.status(), path).toBe(200);
  return { page, errors, requests, close: () => context.close() };
}

const status = (page: Page) => page.locator('#search-status');
const resultIds = (page: Page) => page.locator('.results a.hit').evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname.split('/').at(-2)));
/** Waits for the status line to read `text`; a mismatch fails with the text it had. */
const waitForStatus = (page: Page, text: RegExp | string) =>
  typeof text === 'string'
    ? expect.poll(() => status(page).textContent(), { timeout: 8_000 }).toBe(text)
    : expect.poll(() => status(page).textContent(), { timeout: 8_000 }).toMatch(text);

describe('the search page', { timeout: 30_000 }, () => {
  it('typing a word from an article finds it first, highlighted, and puts the query in the URL', async () => {
    const { page, errors, close } = await open(hubServer, '/commons/search/');
    try {
      await waitForStatus(page, `Type to search ${ARTICLES} articles.`);
      await page.locator('#q').pressSequentially('evictions');
      await waitForStatus(page, results(EVICTIONS.length, 'evictions'));
      const ids = await resultIds(page);
      expect(ids[0]).toBe('xyz-08');
      expect(ids).toEqual(EVICTIONS);
      const first = page.locator('.results li').first();
      expect(await first.locator('a.hit').innerHTML()).toBe('Court blocks <mark>evictions</mark>');
      expect(await first.locator('.meta').textContent()).toBe('XYZ Collective · Nov 18, 2026');
      expect(await first.locator('.snippet mark').allTextContents()).toEqual(['evictions']);
      expect(new URL(page.url()).search).toBe('?q=evictions');
      expect(await status(page).getAttribute('aria-live')).toBe('polite');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('a word one typo away still finds it', async () => {
    const { page, errors, close } = await open(hubServer, '/commons/search/');
    try {
      await page.locator('#q').fill('evictons');
      await waitForStatus(page, results(EVICTIONS.length, 'evictons'));
      expect((await resultIds(page))[0]).toBe('xyz-08');
      expect(await page.locator('.results li').first().locator('a.hit mark').textContent()).toBe('evictions');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it.each([
    ['two letters swapped', 'evcitions'],
    ['two swaps in a long word', 'evcitinos'],
  ])('%s still finds the article', async (_, q) => {
    const { page, errors, close } = await open(hubServer, '/commons/search/');
    try {
      await page.locator('#q').fill(q);
      // "evictions" is in the titles of xyz-08, def-18 and abc-28; the shortest title first.
      await waitForStatus(page, results(3, q));
      expect(await resultIds(page)).toEqual(['xyz-08', 'def-18', 'abc-28']);
      expect(await page.locator('.results li').first().locator('a.hit').innerHTML()).toBe('Court blocks <mark>evictions</mark>');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('a miss offers "Did you mean …?" from the index’s own words, and the suggestion searches', async () => {
    const { page, errors, close } = await open(hubServer, '/commons/search/?q=srtkie%20vote');
    try {
      await waitForStatus(page, 'No results for “srtkie vote”. Did you mean strike vote?');
      expect(await page.locator('.results li').count()).toBe(0);
      const link = status(page).getByRole('link', { name: 'strike vote' });
      expect(await link.getAttribute('href')).toBe('?q=strike+vote');
      await page.addScriptTag({ path: AXE });
      const violations = await page.evaluate(async () => {
        const result = await (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string }[] }> } }).axe.run();
        return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
      });
      expect(violations).toEqual([]);
      await link.click();
      // "Port workers vote to strike": abc-01, xyz-11, def-21.
      await waitForStatus(page, results(3, 'strike vote'));
      expect(await resultIds(page)).toEqual(['abc-01', 'xyz-11', 'def-21']);
      expect(await page.locator('#q').inputValue()).toBe('strike vote');
      expect(new URL(page.url()).search).toBe('?q=strike+vote');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('q');
      // No suggestion where nothing is near.
      await page.locator('#q').fill('zzzzqqq');
      await waitForStatus(page, 'No results for “zzzzqqq”.');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('on a phone the first result is on the first screen and the filters wait behind one control', async () => {
    const { page, errors, close } = await open(hubServer, '/commons/search/?q=strike', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    try {
      await waitForStatus(page, results(STRIKE.length, 'strike'));
      const first = await page.locator('.results a.hit').first().boundingBox();
      expect(first!.y + first!.height).toBeLessThanOrEqual(844);
      const control = page.locator('.facet-panel > summary');
      expect(await control.textContent()).toBe('Filter results');
      expect(await page.locator('.facets input').first().isVisible()).toBe(false);
      await control.click();
      expect(await page.locator('.facets input').first().isVisible()).toBe(true);
      await page.getByRole('checkbox', { name: /^ABC \(/ }).check();
      await waitForStatus(page, results(STRIKE_BY_ABC.length, 'strike', STRIKE.length));
      expect(await control.textContent()).toBe('Filter results · 1 chosen');
      await page.addScriptTag({ path: AXE });
      const violations = await page.evaluate(async () => {
        const result = await (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string }[] }> } }).axe.run();
        return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
      });
      expect(violations).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('a joint statement carried by two contingents is one result', async () => {
    const { page, errors, close } = await open(hubServer, '/commons/search/?q=larkspur');
    try {
      await waitForStatus(page, results(1, 'larkspur'));
      expect(await resultIds(page)).toEqual(['abc-35']);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('on a wide screen the filters stand open beside the results, with no control', async () => {
    const { page, close } = await open(hubServer, '/commons/search/?q=strike', { viewport: { width: 1280, height: 900 } });
    try {
      await waitForStatus(page, results(STRIKE.length, 'strike'));
      expect(await page.locator('.facet-panel > summary').isVisible()).toBe(false);
      expect(await page.locator('.facets input').first().isVisible()).toBe(true);
      const facets = await page.locator('.facets').boundingBox();
      const results_ = await page.locator('.results').boundingBox();
      expect(facets!.x + facets!.width).toBeLessThanOrEqual(results_!.x);
    } finally {
      await close();
    }
  });

  it('?q= runs the query on load, and marks the first results for timing', async () => {
    const { page, errors, close } = await open(hubServer, '/commons/search/?q=rent%20freeze');
    try {
      await waitForStatus(page, results(RENT_FREEZE.length, 'rent freeze'));
      expect(await page.locator('#q').inputValue()).toBe('rent freeze');
      expect(await resultIds(page)).toEqual(RENT_FREEZE);
      expect(await resultIds(page)).toContain('xyz-02');
      expect(await page.evaluate(() => performance.getEntriesByName('widenet:first-results').length)).toBe(1);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('facets narrow the results, with counts, and live in the URL', async () => {
    const all = STRIKE.length;
    const abc = { contingent: new Set(['abc']) };
    const { page, errors, close } = await open(hubServer, '/commons/search/?q=strike');
    try {
      await waitForStatus(page, results(all, 'strike'));
      const facet = (legend: string) => page.locator('.facets fieldset', { has: page.locator(`legend:text-is("${legend}")`) });
      const labels = (legend: string) => facet(legend).locator('label').allTextContents();
      expect(await labels('Contingent')).toEqual(STRIKE_FACETS.contingent);
      expect(await labels('Tag')).toEqual(STRIKE_FACETS.tag);
      expect(await labels('Date')).toEqual(STRIKE_FACETS.period);

      await facet('Contingent').getByLabel('ABC').check();
      await waitForStatus(page, results(STRIKE_BY_ABC.length, 'strike', all));
      // The redraw keeps the box just ticked, and the reader's focus on it.
      expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe('abc');
      expect(await resultIds(page)).toEqual(STRIKE_BY_ABC);
      expect((await resultIds(page)).every((id) => id!.startsWith('abc-'))).toBe(true);
      expect(new URL(page.url()).searchParams.getAll('contingent')).toEqual(['abc']);
      // The contingent facet still offers the others; the tag facet counts only ABC's.
      expect(await labels('Contingent')).toEqual(STRIKE_BY_ABC_FACETS.contingent);
      expect(await labels('Tag')).toEqual(STRIKE_BY_ABC_FACETS.tag);

      await facet('Tag').getByLabel('health').check();
      await waitForStatus(page, results(1, 'strike', all));
      expect(await resultIds(page)).toEqual(['abc-04']);

      await facet('Contingent').getByLabel('ABC').uncheck();
      await facet('Tag').getByLabel('health').uncheck();
      await waitForStatus(page, results(all, 'strike'));
      await facet('Date').getByLabel('Nov 20, 2026').check();
      await waitForStatus(page, results(1, 'strike', all));
      expect(await resultIds(page)).toEqual(['abc-01']);
      expect(new URL(page.url()).searchParams.getAll('period')).toEqual(['2026-11-20']);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('draws the first 20 results; "show more" draws the rest and moves focus to the first new one', async () => {
    const all = STORY;
    expect(all.length).toBeGreaterThan(20);
    const { page, errors, close } = await open(hubServer, '/commons/search/?q=story');
    try {
      await waitForStatus(page, results(all.length, 'story'));
      expect(await resultIds(page)).toEqual(all.slice(0, 20));
      const more = page.locator('button.more');
      expect(await more.textContent()).toBe(`Show ${all.length - 20} more results`);
      await more.click();
      await expect.poll(() => resultIds(page)).toEqual(all);
      expect(await more.isHidden()).toBe(true);
      expect(await page.evaluate(() => (document.activeElement as HTMLAnchorElement | null)?.getAttribute('href'))).toBe(`/articles/${all[20]}/`);
      // A narrower query refills the same rows: exactly its results, highlighted afresh.
      await page.locator('#q').fill('evictions');
      await waitForStatus(page, results(EVICTIONS.length, 'evictions'));
      expect(await resultIds(page)).toEqual(EVICTIONS);
      expect(await page.locator('.results li').first().locator('a.hit').innerHTML()).toBe('Court blocks <mark>evictions</mark>');
      expect(await page.locator('.results .snippet').count()).toBe(3);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('a deep link with facets restores them', async () => {
    const { page, close } = await open(hubServer, '/commons/search/?q=strike&tag=health');
    try {
      await waitForStatus(page, results(STRIKE_TAGGED_HEALTH.length, 'strike', STRIKE.length));
      expect(await page.locator('.facets input[name="tag"][value="health"]').isChecked()).toBe(true);
    } finally {
      await close();
    }
  });

  it('keyboard: "/" focuses the box, arrows move through the results, Enter opens one', async () => {
    const [first, second] = EVICTIONS;
    const { page, errors, close } = await open(hubServer, '/commons/search/');
    try {
      await waitForStatus(page, `Type to search ${ARTICLES} articles.`);
      await page.locator('h1').click();
      await page.keyboard.press('/');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('q');
      await page.keyboard.type('evictions');
      await waitForStatus(page, results(EVICTIONS.length, 'evictions'));
      const focused = () => page.evaluate(() => (document.activeElement as HTMLAnchorElement | null)?.getAttribute('href') ?? document.activeElement?.id);
      await page.keyboard.press('ArrowDown');
      expect(await focused()).toBe(`/articles/${first}/`);
      await page.keyboard.press('ArrowDown');
      expect(await focused()).toBe(`/articles/${second}/`);
      await page.keyboard.press('ArrowUp');
      expect(await focused()).toBe(`/articles/${first}/`);
      await page.keyboard.press('ArrowUp');
      expect(await focused()).toBe('q');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await Promise.all([page.waitForURL(`**/articles/${second}/`), page.keyboard.press('Enter')]);
      expect(await page.locator('h1').textContent()).toBe('Court blocks evictions (week two)');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('says when nothing matches, and has no serious axe violations with results', async () => {
    const { page, errors, close } = await open(hubServer, '/commons/search/?q=strike');
    try {
      await waitForStatus(page, results(STRIKE.length, 'strike'));
      await page.addScriptTag({ path: AXE });
      const violations = await page.evaluate(async () => {
        const result = await (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string }[] }> } }).axe.run();
        return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
      });
      expect(violations).toEqual([]);
      await page.locator('#q').fill('zzzzqqq');
      await waitForStatus(page, 'No results for “zzzzqqq”.');
      expect(await page.locator('.results li').count()).toBe(0);
      expect(await page.locator('.facets').isHidden()).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('fits a 360 px screen, and fetches the preloaded first index file once', async () => {
    const { page, errors, requests, close } = await open(hubServer, '/commons/search/?q=strike', { viewport: { width: 360, height: 740 } });
    try {
      await waitForStatus(page, results(STRIKE.length, 'strike'));
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      expect(requests.filter((r) => r.endsWith('.json'))).toEqual([expect.stringMatching(/^\/commons\/search\/index\.[0-9a-f]{10}\.json$/)]);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('a sharded index: the first shard answers, the others join as they load', async () => {
    const plan = planShards(docs.length, SHARDED);
    const { page, errors, requests, close } = await open(hubServer, `/${sharded.path}?q=strike`);
    try {
      expect(plan.length).toBeGreaterThanOrEqual(3);
      expect(sharded.bytes).toHaveLength(plan.length);
      await waitForStatus(page, results(STRIKE.length, 'strike'));
      const ids = await resultIds(page);
      expect(new Set(ids)).toEqual(new Set(STRIKE));
      // Hits come from every shard.
      const positions = ids.map((id) => docs.findIndex((d) => d.id === id));
      for (const { start, end } of plan) expect(positions.some((p) => p >= start && p < end), `a hit in ${start}–${end}`).toBe(true);
      expect(requests.filter((r) => r.endsWith('.json'))).toHaveLength(plan.length);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe('the search box on edition pages', { timeout: 30_000 }, () => {
  it('loads nothing until focused, then prefetches the search page and the index', async () => {
    const { page, errors, requests, close } = await open(hubServer, '/digest/');
    try {
      expect(requests.some((r) => r.includes('/search/'))).toBe(false);
      await page.keyboard.press('/');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('q');
      const prefetched = await page.locator('link[rel="prefetch"]').evaluateAll((ls) => ls.map((l) => new URL((l as HTMLLinkElement).href).pathname));
      expect(prefetched).toEqual(['/digest/search/', expect.stringMatching(/^\/digest\/search\/index\.[0-9a-f]{10}\.json$/)]);
      await page.keyboard.type('strike');
      await Promise.all([page.waitForURL('**/digest/search/?q=strike'), page.keyboard.press('Enter')]);
      await waitForStatus(page, /^\d+ results? for “strike”\.$/);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('without JavaScript the form still leads to the search page, which says why and links the feed', async () => {
    const { page, errors, close } = await open(hubServer, '/commons/page/2/', { javaScriptEnabled: false });
    try {
      await page.getByLabel('Search Commons').fill('strike');
      await Promise.all([page.waitForURL('**/commons/search/?q=strike'), page.getByRole('button', { name: 'Search' }).click()]);
      const note = page.locator('main p.note');
      expect(await note.isVisible()).toBe(true);
      expect(await note.textContent()).toContain('Search runs in your browser and needs JavaScript');
      expect(await note.getByRole('link', { name: 'RSS feed' }).getAttribute('href')).toBe('/commons/rss.xml');
      expect(await page.locator('[data-search]').isHidden()).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe('single-edition build under a base', { timeout: 30_000 }, () => {
  it('search lives at <base>search/ and links articles under the base', async () => {
    const { page, errors, requests, close } = await open(singleServer, '/search/?q=strike');
    try {
      await waitForStatus(page, /^\d+ results? for “strike”\.$/);
      const hrefs = await page.locator('.results a.hit').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(hrefs.length).toBeGreaterThan(0);
      for (const href of hrefs) expect(href).toMatch(/^\/my-edition\/articles\/[a-z0-9-]+\/$/);
      expect(requests.filter((r) => r.endsWith('.json'))).toEqual([expect.stringMatching(/^\/my-edition\/search\/index\.[0-9a-f]{10}\.json$/)]);
      expect(single.files.some((f) => /^search\/index\.[0-9a-f]{10}\.json$/.test(f))).toBe(true);
      await page.goto(singleServer.url);
      expect(await page.locator('form[role="search"]').getAttribute('action')).toBe('/my-edition/search/');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
