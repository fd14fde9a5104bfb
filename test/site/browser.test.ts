// The built fixture in Chromium: pages work for people, with no console errors, no script, and no
// serious or critical axe-core violations, in light and dark, down to 360 px wide.
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltSite } from '../helpers/buildSite.ts';
import { sharedSite } from '../helpers/sharedSite.ts';
import { serveDir, type ServedDir } from '../helpers/serveDir.ts';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
// A 1×1 transparent PNG, served for the fixture's outside images so no test touches the internet.
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

let site: BuiltSite;
let server: ServedDir;
let browser: Browser;

beforeAll(async () => {
  [site, browser] = await Promise.all([
    sharedSite('hub'),
    chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    }),
  ]);
  server = await serveDir(site.outDir);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await site?.cleanup();
});

interface Opened {
  page: Page;
  errors: string[];
  close(): Promise<void>;
}

/** Opens a page in a fresh context, collecting console errors and page errors. */
async function open(path: string, options: BrowserContextOptions = {}): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 800 }, ...options });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) =>
    route.request().resourceType() === 'image' ? route.fulfill({ status: 200, contentType: 'image/png', body: PIXEL }) : route.fulfill({ status: 204 }),
  );
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  const response = await page.goto(server.url + path.replace(/^\//, ''), { waitUntil: 'load' });
  if (path !== '/no-such-page/') expect(response?.status(), path).toBe(200);
  return { page, errors, close: () => context.close() };
}

/** axe-core's serious and critical violations on the page, as "rule: target" lines. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run();
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.targets.join(', ')}`);
}

describe('pages in Chromium', () => {
  it.each([
    ['the hub', '/', 'light'],
    ['an edition front page', '/digest/', 'light'],
    ['a later page of an edition', '/commons/page/2/', 'dark'],
    ['an article with ratings and revisions', '/articles/abc-01/', 'light'],
    ['the same article in dark mode', '/articles/abc-01/', 'dark'],
    ['a retracted rating', '/articles/abc-13/', 'dark'],
    ['a contingent', '/contingents/def/', 'light'],
    ['a rater', '/raters/bob/', 'light'],
    ['sources health', '/sources/', 'dark'],
    ['a revised article with its diff and credit line', '/articles/abc-31/', 'dark'],
    ['an adaptation', '/articles/xyz-32/', 'light'],
    ['an uncredited copy', '/articles/def-33/', 'dark'],
    ['a challenged contingent', '/contingents/abc/', 'dark'],
    ['the rating desk', '/rate/', 'light'],
    ['the rating desk in dark mode', '/rate/', 'dark'],
  ] as const)('%s (%s, %s): no console errors, no script but the search box and the Rate control, no serious axe violations', async (_, path, colorScheme) => {
    // axe is injected as an inline script, which the desk's CSP refuses (test/site/desk.test.ts runs the desk under it).
    const { page, errors, close } = await open(path, { colorScheme, bypassCSP: path === '/rate/' });
    try {
      // The hub and an edition's listing pages carry one inline module: the search box's focus listener.
      const listing = path === '/' || (/^\/[a-z0-9-]+\/(page\/\d+\/)?$/.test(path) && !/^\/(articles|contingents|raters|sources)\//.test(path));
      // Article pages carry one module file, the Rate control; the rating desk one, its own.
      const article = path.startsWith('/articles/') || path === '/rate/';
      expect(await page.evaluate(() => [...document.scripts].map((s) => `${s.type} ${s.src ? 'src' : 'inline'}`))).toEqual(article ? ['module src'] : listing ? ['module inline'] : []);
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('paginates an edition with links alone', async () => {
    const { page, errors, close } = await open('/commons/');
    try {
      const first = await page.locator('ol.entries > li').evaluateAll((items) => items.map((li) => li.id));
      expect(first).toHaveLength(5);
      await page.getByRole('link', { name: 'Older' }).click();
      expect(new URL(page.url()).pathname).toBe('/commons/page/2/');
      expect(await page.locator('h1').textContent()).toMatch(/^Commons, page 2 of \d+$/);
      expect(await page.locator('nav[aria-label="Pages"] [aria-current="page"]').textContent()).toBe('2');
      const second = await page.locator('ol.entries > li').evaluateAll((items) => items.map((li) => li.id));
      expect(second).toHaveLength(5);
      expect(second.some((id) => first.includes(id))).toBe(false);
      await page.getByRole('link', { name: 'Newer' }).click();
      expect(new URL(page.url()).pathname).toBe('/commons/');
      await page.getByRole('link', { name: first[0] ? (await page.locator(`#${first[0]} h2 a`).textContent())! : '' }).first().click();
      expect(new URL(page.url()).pathname).toBe(`/articles/${first[0]}/`);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('the article page shows ratings, editions and versions without JavaScript', async () => {
    const { page, errors, close } = await open('/articles/abc-01/', { javaScriptEnabled: false });
    try {
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Port workers vote to strike');
      const ratings = await page.locator('section[aria-labelledby="ratings"] li').allTextContents();
      expect(ratings.some((r) => r.includes('Newsworthy') && r.includes('5 (essential)') && r.includes('Names the deal'))).toBe(true);
      const versions = page.locator('section[aria-labelledby="versions"] details');
      await expect(versions.count()).resolves.toBe(2);
      await expect(versions.first().locator('.diff').isVisible()).resolves.toBe(false);
      await versions.first().locator('summary').click();
      await expect(versions.first().locator('.diff del').first().textContent()).resolves.toContain('Second version of the text');
      await expect(page.locator('section[aria-labelledby="editions"] li').count()).resolves.toBe(3);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('the diff view: a rating of an earlier version opens that version\'s diff, marked in words and not by colour alone, without JavaScript', async () => {
    const { page, errors, close } = await open('/articles/abc-31/', { javaScriptEnabled: false });
    try {
      const details = page.locator('details#rev-1');
      expect(await details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
      await page.getByRole('link', { name: 'rated an earlier version' }).click();
      expect(new URL(page.url()).hash).toBe('#rev-1-diff');
      expect(await details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
      const diff = page.locator('#rev-1-diff');
      await expect(diff.isVisible()).resolves.toBe(true);
      expect(await diff.locator('del').allTextContents()).toEqual(['[removed: 210]', '[removed: review the subsidy]']);
      expect(await diff.locator('ins').allTextContents()).toEqual(['[added: 212]', '[added: not pay for a service that cuts corners on safety]']);
      // The brackets are for screen readers; sighted readers see strike-through and underline.
      const looks = await diff.evaluate((d) => {
        const del = d.querySelector('del')!;
        const ins = d.querySelector('ins')!;
        const hidden = del.querySelector('.vh')!.getBoundingClientRect();
        return { del: getComputedStyle(del).textDecorationLine, ins: getComputedStyle(ins).textDecorationLine, hidden: hidden.width * hidden.height };
      });
      expect(looks).toEqual({ del: 'line-through', ins: 'underline', hidden: 1 });
      expect(await page.locator('section[aria-labelledby="versions"] summary').first().textContent()).toMatch(/Version 1 · seen .* to .* · 4 words removed, 11 words added/);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('adaptation notes: credit to the original across contingents, and a copy with none, linked both ways', async () => {
    const { page, errors, close } = await open('/articles/xyz-32/', { javaScriptEnabled: false });
    try {
      const note = page.locator('ul.notes li').first();
      expect((await note.textContent())?.replace(/\s+/g, ' ').trim()).toBe('Adapted from Ferry crews strike over staffing by ABC.');
      await note.getByRole('link', { name: 'Ferry crews strike over staffing' }).click();
      expect(new URL(page.url()).pathname).toBe('/articles/abc-31/');
      const adaptations = await page.locator('section[aria-labelledby="adaptations"] li a').allTextContents();
      expect(adaptations).toEqual(['Why the ferry crews are right', 'XYZ Collective']);
      const uncredited = page.locator('ul.notes li.uncredited');
      expect(await uncredited.textContent()).toMatch(/^Same story, no credit given: Ferry strike: what happened by DEF repeats this article later/);
      await uncredited.getByRole('link', { name: 'Ferry strike: what happened' }).click();
      expect(new URL(page.url()).pathname).toBe('/articles/def-33/');
      expect(await page.locator('ul.notes li.uncredited').textContent()).toMatch(/^Same story, no credit given: Ferry crews strike over staffing by ABC was published earlier/);
      // The credit line is plain text in a read-only field: select it and copy, no script needed.
      const credit = page.locator('#credit-text');
      expect(await credit.getAttribute('readonly')).not.toBeNull();
      expect(await credit.inputValue()).toBe('“Ferry strike: what happened”, The DEF contingent of Wide Net. https://def.example/2026/11/def-33. License: CC0-1.0.');
      expect(await page.getByLabel('HTML').inputValue()).toMatch(/^<p>“<a href="https:\/\/def\.example\/2026\/11\/def-33">Ferry strike: what happened<\/a>”/);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('the challenge table: contingents by unanswered challenges, linking to each contingent\'s record', async () => {
    const { page, errors, close } = await open('/', { javaScriptEnabled: false });
    try {
      const table = page.getByRole('table', { name: /Challenges received by each contingent/ });
      const headers = await table.locator('thead th').allTextContents();
      expect(headers).toEqual(['Contingent', 'Unanswered', 'Oldest unanswered', 'Answered', 'Received', 'Median time to answer']);
      const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent!.trim())));
      expect(rows[0]).toEqual(['ABC', '2', '4 days', '1', '3', 'less than a minute']);
      // Ties keep the order of the contingents.
      expect(rows.slice(1).sort()).toEqual([
        ['DEF', '0', '—', '0', '0', '—'],
        ['XYZ Collective', '0', '—', '0', '0', '—'],
      ]);
      await table.getByRole('link', { name: 'ABC' }).click();
      expect(new URL(page.url()).pathname).toBe('/contingents/abc/');
      const received = await page.getByRole('table', { name: /Challenges addressed to ABC/ }).locator('tbody tr td:last-child').allTextContents();
      expect(received.map((t) => t.replace(/\s+/g, ' ').trim().replace(/: .*/, ''))).toEqual(['unanswered for 4 days', 'answered in less than a minute', 'unanswered for 10 hours']);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it.each(['/', '/commons/', '/articles/abc-01/', '/articles/abc-31/', '/contingents/abc/', '/sources/'])('%s fits a 360 px screen without sideways scrolling', async (path) => {
    const { page, close } = await open(path, { viewport: { width: 360, height: 740 } });
    try {
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    } finally {
      await close();
    }
  });

  it('dark mode follows prefers-color-scheme', async () => {
    const background = async (colorScheme: 'light' | 'dark') => {
      const { page, close } = await open('/', { colorScheme });
      try {
        return await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      } finally {
        await close();
      }
    };
    expect(await background('light')).toBe('rgb(255, 255, 255)');
    expect(await background('dark')).toBe('rgb(19, 19, 19)');
  });

  it('an unknown address gets the 404 page with ways back in', async () => {
    const { page, close } = await open('/no-such-page/');
    try {
      expect(await page.locator('h1').textContent()).toBe('Page not found');
      const links = await page.locator('main a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(links).toEqual(expect.arrayContaining(['/', '/commons/', '/digest/', '/statements/']));
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe('what a reader sees', () => {
  const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

  it('the hub is a front page: the commons’ top stories on the first screen, each edition’s first few, and search', async () => {
    const { page, errors, close } = await open('/', PHONE);
    try {
      // The commons, newest first: abc-01 (1 hour old), xyz-02 (7), xyz-38 (10), def-03 (13), abc-04 (19), xyz-05 (25).
      const top = page.locator('section[aria-labelledby="top-stories"] h3 a');
      expect(await top.allTextContents()).toEqual(['Port workers vote to strike', 'Tenants win rent freeze', 'ABC’s account leaves out the tenants', 'Council budget cuts transit', 'Nurses picket the clinic', 'Teachers reject the deal']);
      const lead = await top.first().boundingBox();
      expect(lead!.y + lead!.height).toBeLessThanOrEqual(844);
      expect(await page.locator('section[aria-labelledby="top-stories"] .headline').first().locator('p').first().textContent()).toBe('Port workers vote to strike. A short summary of the story.');
      expect(await page.locator('section[aria-labelledby="latest-digest"] h3 a').allTextContents()).toEqual(['Port workers vote to strike', 'Tenants win rent freeze', 'Nurses picket the clinic']);
      expect(await page.locator('section[aria-labelledby="latest-statements"] h3 a').allTextContents()).toEqual(['Port workers vote to strike', 'Tenants win rent freeze']);
      // The directory follows the news.
      expect(await page.locator('main h2').allTextContents()).toEqual(expect.arrayContaining(['Editions', 'Contingents', 'Raters']));
      const form = page.getByRole('search');
      expect(await form.getAttribute('action')).toBe('/commons/search/');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('the search box on the hub searches the commons', async () => {
    const { page, errors, close } = await open('/');
    try {
      await page.getByRole('searchbox').fill('evictions');
      await page.getByRole('searchbox').press('Enter');
      await page.waitForURL(/\/commons\/search\/\?q=evictions$/);
      await page.locator('.results a.hit').first().waitFor();
      expect(await page.locator('.results a.hit').first().textContent()).toBe('Court blocks evictions');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('a joint statement carried by two contingents is listed once, saying who else carries it', { timeout: 90_000 }, async () => {
    const titles: string[] = [];
    let also: string | null = null;
    const { page, errors, close } = await open('/commons/');
    try {
      for (let n = 1; n <= 8; n++) {
        if (n > 1) await page.goto(`${server.url}commons/page/${n}/`);
        const entries = page.locator('ol.entries > li');
        titles.push(...(await entries.locator('h2').allTextContents()));
        const statement = entries.filter({ hasText: 'Joint statement: stand with the Larkspur tenants' });
        if ((await statement.count()) > 0) {
          also = await statement.locator('.also').textContent();
          expect(await statement.getAttribute('id')).toBe('abc-35');
          expect(await axeViolations(page)).toEqual([]);
        }
      }
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
    // 38 articles, 37 entries: the statement once.
    expect(titles).toHaveLength(37);
    expect(titles.filter((t) => t === 'Joint statement: stand with the Larkspur tenants')).toHaveLength(1);
    expect(also).toBe('Also carried by DEF');
  });

  it('why an article is here, in words: ratings by name and number, no rank score; nothing in the commons', async () => {
    const digest = await open('/digest/');
    try {
      // abc-01: Newsworthy alice 5, bob 4 at weight 0.7: (5 + 2.8 + 3) / 2.7 = 4; Anti-reformist (1.5 + 0.7) / 2.7 = 0.8.
      expect(await digest.page.locator('.why').first().textContent()).toBe('Why it is here: Anti-reformist 0.8 of 2, from 2 raters · Newsworthy 4 of 5, from 2 raters');
      expect(await digest.page.locator('main').textContent()).not.toMatch(/score \d|ratings counted|include rule/);
      await digest.page.getByText('How this edition chooses its articles').click();
      expect(await digest.page.locator('.rules li').allTextContents()).toContain('Highest score first: Newsworthy + Anti-reformist × 0.5, halved for every 36 hours since publication, so newer articles rise');
      expect(digest.errors).toEqual([]);
    } finally {
      await digest.close();
    }
    const commons = await open('/commons/');
    try {
      expect(await commons.page.locator('.why').count()).toBe(0);
      expect(await commons.page.locator('main').textContent()).not.toMatch(/score \d|ratings counted|include rule/);
    } finally {
      await commons.close();
    }
  });

  it('/sources/ reads on a phone: names not ids, one block per source, addresses wrapping between their parts', { timeout: 90_000 }, async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page, errors, close } = await open('/sources/', { ...PHONE, colorScheme });
      try {
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
        const owners = await page.locator('table.sources tbody th > a').allTextContents();
        expect(owners).toEqual(['ABC', 'DEF', 'DEF', 'XYZ Collective', 'ABC desk', 'Alice', 'Bob', 'XYZ desk']);
        // Stacked: the column headings are for screen readers only, each cell says what it is.
        expect(await page.locator('table.sources thead').boundingBox().then((b) => b!.height)).toBeLessThanOrEqual(1);
        expect(await page.locator('table.sources tbody tr').first().locator('td').first().evaluate((td) => getComputedStyle(td, '::before').content)).toBe('"Status: "');
        // Every part of every address sits on one line: breaks fall only between parts.
        const broken = await page.locator('.url').evaluateAll((urls) =>
          urls.flatMap((url) =>
            [...url.childNodes]
              .filter((n) => n.nodeType === Node.TEXT_NODE)
              .filter((n) => {
                const range = document.createRange();
                range.selectNodeContents(n);
                return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1;
              })
              .map((n) => n.textContent),
          ),
        );
        expect(broken).toEqual([]);
        expect(await page.locator('main p.note').first().textContent()).toBe('Addresses ending in .example are made up for this demonstration and lead nowhere.');
        expect(await axeViolations(page)).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    }
  });

  it('a link to a fictional publisher says so, on the article and the contingent', async () => {
    const { page, errors, close } = await open('/contingents/xyz/');
    try {
      expect(await page.locator('dl.credit dd').first().textContent()).toBe('https://xyz.example/ (an example address: this publisher is fictional)');
      expect(await page.locator('footer .note').textContent()).toMatch(/^This is a demonstration/);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});

