// The rating desk end to end, in Chromium: rate from article pages, retract on the desk, export JSON
// and CSV, create a key and sign; `npm run rater -- verify` accepts the signature and refuses a
// changed byte; served on loopback, `aggregate` accepts both files and the next build counts them.
// Then a fresh browser continues the published file: every earlier rating kept, `issued` later.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeContentDir } from '../helpers/contentDir.ts';
import { buildSite, makeBuildWorkDir, type BuiltSite } from '../helpers/buildSite.ts';
import { startFaultServer, type FaultServer } from '../helpers/faultServer.ts';
import { rssWithItems, serveRss } from '../helpers/feedRoutes.ts';
import { runCli } from '../helpers/runCli.ts';
import { serveDir, type ServedDir } from '../helpers/serveDir.ts';

const NOW = '2026-11-20T12:00:00Z';

let feeds: FaultServer;
let content: string;
let site: BuiltSite;
let served: ServedDir;
let browser: Browser;
let work: string;
/** Article page paths by item number (the feed's links are https://abc.example/<n>). */
const pages = new Map<number, { path: string; url: string }>();

beforeAll(async () => {
  feeds = await startFaultServer();
  serveRss(feeds, '/abc.xml', rssWithItems('abc', 3));
  content = await makeContentDir({
    contingents: [{ id: 'abc', feeds: [feeds.url('/abc.xml')] }],
    editions: { commons: { title: 'Commons' }, picks: { title: 'Picks', include: [{ scale: 'newsworthy', gte: 3.5 }] } },
  });
  expect((await runCli('aggregate.ts', ['--content', content])).code).toBe(0);
  for (const name of await readdir(join(content, 'articles', 'abc'))) {
    const article = JSON.parse(await readFile(join(content, 'articles', 'abc', name), 'utf8')) as { id: string; url: string };
    pages.set(Number(article.url.split('/').pop()), { path: `articles/${article.id}/`, url: article.url });
  }
  work = await makeBuildWorkDir('desk-');
  [site, browser] = await Promise.all([
    buildSite({ content, now: NOW }),
    chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] }),
  ]);
  served = await serveDir(site.outDir);
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await served?.close();
  await feeds?.close();
  await site?.cleanup();
});

/** A page that fails the test on any console error (a CSP violation is one). */
async function openPage(context: BrowserContext, path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(served.url + path);
  return { page, errors };
}

async function rate(page: Page, scale: string, value: string, note = ''): Promise<void> {
  await page.getByLabel('Scale').selectOption(scale);
  await page.getByLabel('Value').selectOption(value);
  await page.getByLabel(/^Note/).fill(note);
  await page.getByRole('button', { name: 'Add to my draft' }).click();
}

/** Clicks a button that downloads a file; returns its name and bytes. */
async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; body: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = join(work, download.suggestedFilename());
  await download.saveAs(path);
  return { name: download.suggestedFilename(), body: await readFile(path) };
}

describe('the rating desk', () => {
  const files: Record<string, Buffer> = {};
  let publicKey = '';

  it('without JavaScript, an article page links to the desk\'s explanation', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const { page } = await openPage(context, pages.get(0)!.path);
      await expect(page.getByRole('link', { name: 'How to rate, with the rating desk' }).getAttribute('href')).resolves.toBe('/rate/#how');
      expect(await page.locator('[data-rate-form]').isVisible()).toBe(false);
      const desk = await openPage(context, 'rate/');
      expect(await desk.page.locator('#how').textContent()).toContain('Rate where you read.');
      expect(await desk.page.locator('[data-desk-app]').isVisible()).toBe(false);
    } finally {
      await context.close();
    }
  });

  it('the desk page carries a strict Content-Security-Policy and no inline script', async () => {
    const html = await site.read('rate/index.html');
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' https:; base-uri 'none'; form-action 'none'; object-src 'none'">`);
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
    expect(html.match(/<script\b[^>]*>/g)).toEqual([expect.stringMatching(/^<script type="module" src="\/_astro\/[^"]+\.js">$/)]);
    expect(html).not.toMatch(/\sstyle=|<style/);
    expect(JSON.parse(await site.read('rate/scales.json')).scales.map((s: { id: string }) => s.id)).toEqual(['newsworthy', 'endorse']);
    expect(JSON.parse(await site.read('rate/articles.json')).total).toBe(3);
  });

  it('rates three articles on two scales, retracts one, exports JSON and CSV, creates a key and signs', { timeout: 120_000 }, async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    try {
      for (const [n, newsworthy, endorse] of [[0, '5', '1'], [1, '4', '0'], [2, '5', '1']] as const) {
        const { page, errors } = await openPage(context, pages.get(n)!.path);
        await rate(page, 'newsworthy', newsworthy, n === 0 ? 'Says it plainly, with "quotes", and commas' : '');
        await rate(page, 'endorse', endorse);
        await expect(page.locator('[data-rate-status]').textContent()).resolves.toMatch(/^In your draft: newsworthy \d, endorse \d\. \d lines in your draft\.$/);
        expect(errors).toEqual([]);
        await page.close();
      }

      const { page, errors } = await openPage(context, 'rate/');
      await page.locator('[data-desk-app]').waitFor();
      await expect(page.locator('[data-desk-rows] tr').count()).resolves.toBe(6);
      await page.getByLabel('Your name, as raters.yaml will show it').fill('Jane Doe');
      await page.getByLabel('Where your file will be published').fill(`${feeds.origin}/jane/ratings.json`);
      // Retract the newsworthy rating of article 2.
      await page.getByRole('button', { name: 'Retract the newsworthy rating of Item 2 of abc' }).click();
      await expect(page.locator('[data-desk-rows] tr').count()).resolves.toBe(7);

      await page.getByRole('button', { name: 'Check', exact: true }).click();
      await expect(page.locator('[data-desk-check-result]').textContent()).resolves.toBe('[check] ratings.json: 7 ratings, 0 challenges, all valid');

      await page.getByLabel('Format').selectOption('csv');
      files.csv = (await downloaded(page, () => page.getByRole('button', { name: 'Download the file' }).click())).body;
      await page.getByLabel('Format').selectOption('json');
      const json = await downloaded(page, () => page.getByRole('button', { name: 'Download the file' }).click());
      expect(json.name).toBe('ratings.json');
      files.json = json.body;

      await page.getByRole('button', { name: 'Create a key pair' }).click();
      publicKey = (await page.locator('[data-desk-public-key]').textContent())!;
      expect(publicKey).toMatch(/^ed25519:[A-Za-z0-9+/]{43}=$/);
      files.pem = (await downloaded(page, () => page.getByRole('button', { name: 'Save the private key (.pem)' }).click())).body;
      const sig = await downloaded(page, () => page.getByRole('button', { name: 'Sign the file and download its .sig' }).click());
      expect(sig.name).toBe('ratings.json.sig');
      files.sig = sig.body;
      // The key was never stored: the box was not ticked.
      expect(await page.evaluate(() => Object.keys(localStorage))).toEqual(['widenet-desk:/']);
      await expect(page.locator('[data-desk-entry]').textContent()).resolves.toBe(
        `\n- id: jane-doe\n  name: "Jane Doe"\n  url: "${feeds.origin}/jane/ratings.json"\n  format: json\n  key: "${publicKey}"\n`,
      );
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
    const file = JSON.parse(files.json!.toString('utf8'));
    expect(file.rater).toEqual({ name: 'Jane Doe' });
    expect(file.ratings).toHaveLength(7);
    expect(file.ratings.at(-1)).toEqual({ article: pages.get(2)!.url, scale: 'newsworthy', retract: true, at: expect.stringMatching(/Z$/) });
    expect(files.csv!.toString('utf8').split('\n')[0]).toBe('article,scale,value,at,note,retract');
    expect(files.csv!.toString('utf8')).toContain(`${pages.get(0)!.url},newsworthy,5,`);
    expect(files.csv!.toString('utf8')).toContain(',"Says it plainly, with ""quotes"", and commas",');
  });

  it('npm run rater -- verify accepts the signature, refuses a one-byte change, and the key file signs with npm run rater', { timeout: 120_000 }, async () => {
    const dir = join(work, 'published');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'ratings.json'), files.json!);
    await writeFile(join(dir, 'ratings.json.sig'), files.sig!);
    const ok = await runCli('rater.ts', ['verify', join(dir, 'ratings.json'), '--key', publicKey]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('signature ok');

    const changed = Buffer.from(files.json!);
    changed[changed.indexOf('Jane')] = 'K'.charCodeAt(0);
    await writeFile(join(dir, 'changed.json'), changed);
    await writeFile(join(dir, 'changed.json.sig'), files.sig!);
    const bad = await runCli('rater.ts', ['verify', join(dir, 'changed.json'), '--key', publicKey]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('signature does NOT match');

    await writeFile(join(dir, 'key.pem'), files.pem!);
    await writeFile(join(dir, 'again.csv'), files.csv!);
    expect((await runCli('rater.ts', ['sign', join(dir, 'again.csv'), '--private-key', join(dir, 'key.pem')])).code).toBe(0);
    expect((await runCli('rater.ts', ['verify', join(dir, 'again.csv'), '--key', publicKey])).code).toBe(0);
  });

  it('served on loopback, aggregate accepts both files, and the next build counts the ratings in an edition', { timeout: 240_000 }, async () => {
    feeds.setRoute('/jane/ratings.json', (_req, res) => void res.writeHead(200, { 'content-type': 'application/json' }).end(files.json));
    feeds.setRoute('/jane/ratings.json.sig', (_req, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end(files.sig));
    feeds.setRoute('/jane/ratings.csv', (_req, res) => void res.writeHead(200, { 'content-type': 'text/csv' }).end(files.csv));
    await writeFile(
      join(content, 'raters.yaml'),
      stringify([
        { id: 'jane-doe', name: 'Jane Doe', url: `${feeds.origin}/jane/ratings.json`, format: 'json', key: publicKey },
        { id: 'jane-csv', name: 'Jane (CSV)', url: `${feeds.origin}/jane/ratings.csv`, format: 'csv' },
      ]),
    );
    const run = await runCli('aggregate.ts', ['--content', content, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { sources: { owner: string; status: string; ratings?: { accepted: number; rejected: number } }[] };
    expect(report.sources.filter((s) => s.owner.startsWith('jane')).map((s) => [s.owner, s.status, s.ratings])).toEqual([
      ['jane-doe', 'ok', { accepted: 7, rejected: 0 }],
      ['jane-csv', 'ok', { accepted: 7, rejected: 0 }],
    ]);

    const next = await buildSite({ content, now: NOW });
    try {
      const explain = JSON.parse(await next.read('picks/explain.json')) as { articles: { url: string; ratings: { rater: string; scale: string; value: number }[] }[] };
      // Articles 0 and 1 score (5+5+3)/3 and (4+4+3)/3 on newsworthy; article 2's rating was retracted.
      expect(explain.articles.map((a) => [a.url, a.ratings.filter((r) => r.scale === 'newsworthy').map((r) => `${r.rater} ${r.value}`)]).sort()).toEqual([
        [pages.get(0)!.url, ['jane-csv 5', 'jane-doe 5']],
        [pages.get(1)!.url, ['jane-csv 4', 'jane-doe 4']],
      ]);
    } finally {
      await next.cleanup();
    }
  });

  it('continuing the published file keeps every earlier rating and issues it later', { timeout: 60_000 }, async () => {
    // Published next to the site, so the desk loads it by address from its own origin.
    await mkdir(join(site.outDir, 'jane'), { recursive: true });
    await writeFile(join(site.outDir, 'jane', 'ratings.json'), files.json!);
    const context = await browser.newContext({ acceptDownloads: true });
    try {
      const article = await openPage(context, pages.get(1)!.path);
      await rate(article.page, 'endorse', '1', 'Changed my mind');
      const { page, errors } = await openPage(context, 'rate/');
      await page.locator('[data-desk-app]').waitFor();
      await page.getByLabel('Its address').fill(`${served.origin}/jane/ratings.json`);
      await page.getByRole('button', { name: 'Load', exact: true }).click();
      // Loading takes a fetch and a check: wait for the status to say it is done.
      await expect.poll(() => page.locator('[data-desk-load-status]').textContent(), { timeout: 20_000 }).toMatch(/^Loaded .*ratings\.json: 7 published ratings kept, issued \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\.$/);
      await expect(page.locator('[data-desk-rows] tr').count()).resolves.toBe(8);
      const again = JSON.parse((await downloaded(page, () => page.getByRole('button', { name: 'Download the file' }).click())).body.toString('utf8'));
      const before = JSON.parse(files.json!.toString('utf8'));
      expect(again.ratings.slice(0, 7)).toEqual(before.ratings);
      expect(again.ratings[7]).toMatchObject({ article: pages.get(1)!.url, scale: 'endorse', value: 1, note: 'Changed my mind' });
      expect(again.rater).toEqual(before.rater);
      expect(Date.parse(again.issued)).toBeGreaterThan(Date.parse(before.issued));
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
