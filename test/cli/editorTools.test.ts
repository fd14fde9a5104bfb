// The editor tools a forker uses instead of code: add-contingent, add-rater, new-edition and
// import-opml, each run as a command against a copy of the shipped config and a loopback server.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { DEMO_SOURCES_DIR } from '../../scripts/cli/demoServer.ts';
import { ContingentsFile, RatersFile } from '../../src/lib/config/schema.ts';
import { FEED_XML, startFaultServer, type FaultServer } from '../helpers/faultServer.ts';
import { copyConfig, ROOT, runCli } from '../helpers/runCli.ts';

const html = (head: string) => `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Riverside</title>\n${head}\n</head><body><h1>Riverside Tenants’ Union</h1></body></html>\n`;
const rss = (title: string, home: string) => FEED_XML.replace('<title>ABC contingent</title>', `<title>${title}</title>`).replace('<link>https://abc.example/</link>', `<link>${home}</link>`);
const send = (type: string, body: string | Buffer) => (_req: unknown, res: import('node:http').ServerResponse) => void res.writeHead(200, { 'content-type': type }).end(body);

let server: FaultServer;
let bare: FaultServer;
beforeAll(async () => {
  server = await startFaultServer({
    '/site/': (req, res, { origin }) =>
      send('text/html; charset=utf-8', html(
        `<link rel="alternate" type="application/rss+xml" title="Riverside » Comments Feed" href="/site/comments/feed/">\n` +
          `<link rel="alternate" type="application/rss+xml" title="Riverside » Feed" href="news.xml">\n<link rel="stylesheet" href="/s.css">`,
      ))(req, res),
    '/site/news.xml': (req, res, { origin }) => send('application/rss+xml; charset=utf-8', rss('Riverside Tenants’ Union', `${origin}/site/`))(req, res),
    '/site/comments/feed/': (req, res, { origin }) => send('application/rss+xml', rss('Comments on Riverside', `${origin}/site/`))(req, res),
    '/plain/': send('text/html', html('')),
    '/plain/feed': (req, res, { origin }) => send('application/rss+xml', rss('Plain Speaking', `${origin}/plain/`))(req, res),
    '/ratings/alice.json': async (req, res) => send('application/json', await readFile(join(DEMO_SOURCES_DIR, 'ratings', 'alice.json')))(req, res),
    '/ratings/circle.csv': async (req, res) => send('text/csv', await readFile(join(DEMO_SOURCES_DIR, 'ratings', 'reading-circle.csv')))(req, res),
  });
  // A site with no feed anywhere: its page links none, and every usual place is 404.
  bare = await startFaultServer({ '/feed.xml': (req, res) => void res.writeHead(404).end(), '/nolinks/': send('text/html', html('')) });
});
afterAll(async () => {
  await server?.close();
  await bare?.close();
});

async function contingents(dir: string) {
  return ContingentsFile.parse(parseYaml(await readFile(join(dir, 'contingents.yaml'), 'utf8')));
}

describe('npm run add-contingent', () => {
  it('discovers the feed from a site page’s <link rel="alternate">, checks it, and appends it keeping the comments', async () => {
    const dir = await copyConfig();
    const before = await readFile(join(dir, 'contingents.yaml'), 'utf8');
    const { code, stdout, stderr } = await runCli('addContingent.ts', [server.url('/site/'), '--content', dir]);
    expect(stderr).toContain(`found the feed ${server.url('/site/news.xml')} (announced by the page)`);
    expect(code).toBe(0);
    expect(stdout).toContain('- id: riverside-tenants-union');
    expect(stderr).toContain('warning: the licence is "unknown — ask the publisher"');
    const after = await readFile(join(dir, 'contingents.yaml'), 'utf8');
    expect(after.startsWith(before.trimEnd())).toBe(true); // every comment and line kept, byte for byte
    expect(after.slice(before.trimEnd().length)).toBe(
      `\n\n# Added with npm run add-contingent -- ${server.url('/site/')}\n- id: riverside-tenants-union\n  name: Riverside Tenants’ Union\n  home: ${server.url('/site/')}\n  feeds:\n    - ${server.url('/site/news.xml')}\n  license: unknown — ask the publisher\n`,
    );
    expect((await contingents(dir)).at(-1)).toMatchObject({ id: 'riverside-tenants-union', feeds: [server.url('/site/news.xml')] });
    expect((await runCli('check.ts', ['--content', dir])).code).toBe(0);
    // The feed URL itself, a second time, is refused: it is already there.
    const again = await runCli('addContingent.ts', [server.url('/site/news.xml'), '--content', dir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`${server.url('/site/news.xml')} is already a feed of the contingent "riverside-tenants-union"`);
    // So is the site page, once its feed is found.
    const page = await runCli('addContingent.ts', [server.url('/site/'), '--content', dir]);
    expect(page.code).toBe(1);
    expect(page.stderr).toContain('is already a feed of the contingent "riverside-tenants-union"');
  });

  it('finds a feed at a usual place when the page announces none; --id, --name and --license are used as given', async () => {
    const dir = await copyConfig();
    const { code, stderr } = await runCli('addContingent.ts', [server.url('/plain/'), '--id', 'plain', '--name', 'Plain Speaking Collective', '--license', 'CC0-1.0', '--content', dir]);
    expect(stderr).toContain(`found the feed ${server.url('/plain/feed')} (at a usual place)`);
    expect(code).toBe(0);
    expect(stderr).not.toContain('warning');
    expect((await contingents(dir)).at(-1)).toEqual({ id: 'plain', name: 'Plain Speaking Collective', home: server.url('/plain/'), feeds: [server.url('/plain/feed')], license: 'CC0-1.0' });
  });

  it('--dry-run shows the entry and writes nothing', async () => {
    const dir = await copyConfig();
    const before = await readFile(join(dir, 'contingents.yaml'), 'utf8');
    const { code, stdout, stderr } = await runCli('addContingent.ts', [server.url('/feed.xml'), '--dry-run', '--content', dir]);
    expect(code).toBe(0);
    expect(stdout).toContain('- id: abc-contingent\n  name: ABC contingent\n  home: https://abc.example/\n');
    expect(stderr).toContain('dry run');
    expect(await readFile(join(dir, 'contingents.yaml'), 'utf8')).toBe(before);
  });

  it.each([
    ['an id that already exists', () => [server.url('/feed.xml'), '--id', 'harbor'], () => 'a contingent with the id "harbor" already exists. Choose another with --id.'],
    ['an invalid id', () => [server.url('/feed.xml'), '--id', 'Harbor Notes'], () => '"Harbor Notes" is not a valid id'],
    ['a URL that is already a feed', () => ['http://127.0.0.1:4319/feeds/harbor.atom'], () => 'http://127.0.0.1:4319/feeds/harbor.atom is already a feed of the contingent "harbor"'],
    ['a URL that is not a feed', () => [server.url('/random')], () => `${server.url('/random')} is not a feed: not a feed: the body is neither XML nor JSON`],
    ['a 404', () => [server.url('/404')], () => `${server.url('/404')} is not a feed: 404 Not Found.`],
    ['a page with no feed anywhere', () => [bare.url('/nolinks/')], () => `${bare.url('/nolinks/')} is an HTML page, not a feed. It announces no feed (<link rel="alternate" type="application/rss+xml" href="…">), and none of the usual places`],
    ['a page whose announced feed is broken', () => [bare.url('/html')], () => `${bare.url('/html')} is an HTML page, not a feed. It announces 1 feed, but none could be read`],
    ['not a URL', () => ['abc.example'], () => 'abc.example is not an http:// or https:// URL.'],
  ])('refuses %s, with a clear message, and changes nothing', async (_, args, message) => {
    const dir = await copyConfig();
    const before = await readFile(join(dir, 'contingents.yaml'), 'utf8');
    const { code, stderr } = await runCli('addContingent.ts', [...args(), '--content', dir]);
    expect(code).toBe(1);
    expect(stderr).toContain(`[add-contingent] ${message()}`);
    expect(await readFile(join(dir, 'contingents.yaml'), 'utf8')).toBe(before);
  });

  it('--help says what it does', async () => {
    const { code, stdout } = await runCli('addContingent.ts', ['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: npm run add-contingent -- <site or feed URL>/);
  });
});

describe('npm run add-rater', () => {
  it('checks a JSON rating file against scales.yaml, counts the ratings that match articles, and appends the rater', async () => {
    const dir = await copyConfig({ articles: true });
    const before = await readFile(join(dir, 'raters.yaml'), 'utf8');
    const url = server.url('/ratings/alice.json');
    const alice = JSON.parse(await readFile(join(DEMO_SOURCES_DIR, 'ratings', 'alice.json'), 'utf8')) as { ratings: { article: string; retract?: boolean }[] };
    const { code, stderr } = await runCli('addRater.ts', [url, '--id', 'alice-mirror', '--content', dir]);
    expect(code).toBe(0);
    const live = alice.ratings.filter((r) => !r.retract).length;
    expect(stderr).toMatch(new RegExp(`JSON rating file: ${alice.ratings.length} ratings valid, 0 skipped; \\d+ of ${live} rate articles already in the database`));
    const matched = Number(/; (\d+) of \d+ rate articles/.exec(stderr)![1]);
    expect(matched).toBeGreaterThan(0);
    const after = await readFile(join(dir, 'raters.yaml'), 'utf8');
    expect(after.startsWith(before.trimEnd())).toBe(true);
    // A second rater cannot be shown under Alice's name: the proposal says where its file is.
    expect(stderr).toContain('[add-rater] warning: the file calls its rater "Alice", a name already shown here for a contingent or rater; proposing "Alice (127.0.0.1)". Give another with --name.');
    expect(RatersFile.parse(parseYaml(after)).at(-1)).toEqual({ id: 'alice-mirror', name: 'Alice (127.0.0.1)', url, format: 'json' });
    expect((await runCli('check.ts', ['--content', dir])).code).toBe(0);
  });

  it('takes a CSV file’s format from its URL, and refuses a URL that is already a rater’s or not a rating file', async () => {
    const dir = await copyConfig();
    const csv = await runCli('addRater.ts', [server.url('/ratings/circle.csv'), '--dry-run', '--content', dir]);
    expect(csv.code).toBe(0);
    expect(csv.stdout).toContain('format: csv');
    expect(csv.stderr).toContain('CSV rating file');
    const taken = await runCli('addRater.ts', ['http://127.0.0.1:4319/ratings/alice.json', '--content', dir]);
    expect(taken).toMatchObject({ code: 1, stderr: expect.stringContaining('is already the rating file of the rater "alice"') });
    const feed = await runCli('addRater.ts', [server.url('/feed.xml'), '--content', dir]);
    expect(feed).toMatchObject({ code: 1, stderr: expect.stringContaining('is not a usable rating file: not valid JSON') });
    const id = await runCli('addRater.ts', [server.url('/ratings/circle.csv'), '--id', 'alice', '--content', dir]);
    expect(id).toMatchObject({ code: 1, stderr: expect.stringContaining('a rater with the id "alice" already exists') });
  });
});

describe('npm run new-edition', () => {
  it('writes a commented edition that passes npm run check, and whose commented examples are valid too', async () => {
    const dir = await copyConfig();
    const { code, stderr } = await runCli('newEdition.ts', ['weekly-digest', '--title', 'Weekly digest', '--content', dir]);
    expect(code).toBe(0);
    expect(stderr).toContain('wrote');
    const text = await readFile(join(dir, 'editions', 'weekly-digest.yaml'), 'utf8');
    expect(text).toMatch(/^# yaml-language-server: \$schema=\.\.\/\.\.\/schemas\/edition\.schema\.json\n/);
    expect(text).toContain('title: Weekly digest\n');
    const check = await runCli('check.ts', ['--content', dir]);
    expect(check.stderr).toBe('');
    expect(check).toMatchObject({ code: 0, stdout: expect.stringContaining('5 editions') });

    // Uncommenting every example line gives an edition that passes check as well.
    const uncommented = text.replace(/^# (?=[a-z]+:|  )/gm, '');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(dir, 'editions', 'weekly-digest.yaml'), uncommented);
    expect(parseYaml(uncommented)).toMatchObject({ include: expect.any(Array), exclude: expect.any(Array), rank: expect.any(Object), raters: expect.any(Object), window: '30d', limit: 200 });
    const full = await runCli('check.ts', ['--content', dir]);
    expect(full.stderr).toBe('');
    expect(full.code).toBe(0);
  });

  it.each([
    ['an existing edition', 'digest', 'editions/digest.yaml already exists'],
    ['a site path', 'sources', '"sources" is a path the site itself uses'],
    ['an invalid id', 'Weekly Digest', '"Weekly Digest" is not a valid edition id'],
  ])('refuses %s', async (_, id, message) => {
    const dir = await copyConfig();
    const { code, stderr } = await runCli('newEdition.ts', [id, '--content', dir]);
    expect(code).toBe(1);
    expect(stderr).toContain(message);
    expect((await readdir(join(dir, 'editions'))).sort()).toEqual(['commons.yaml', 'digest.yaml', 'statements.yaml', 'trusted.yaml']);
  });
});

describe('npm run import-opml', () => {
  const fixture = join(ROOT, 'test', 'fixtures', 'opml', 'feedly-export.opml');

  it('adds every feed of a real-world export (nested folders), skipping duplicates, feeds already there and non-http URLs', async () => {
    const dir = await copyConfig();
    const before = await readFile(join(dir, 'contingents.yaml'), 'utf8');
    const { code, stderr } = await runCli('importOpml.ts', [fixture, '--content', dir]);
    expect(code).toBe(0);
    expect(stderr).toContain('skipped outline 2 "Harbor Notes": already a feed of "harbor"');
    expect(stderr).toContain('skipped outline 9 "Picket Line Daily (again)": the same feed as outline 6 (in Labour / Strikes)');
    expect(stderr).toContain('skipped outline 11 "Old newsletter": mailto:news@old.example is not an http(s) URL');
    expect(stderr).toContain('skipped outline 13 "Riverside Tenants & Neighbours": the same feed as outline 3 (in Labour)');
    expect(stderr).toContain('10 feeds, 6 to add, 1 already there, 2 duplicates in the file, 1 not http(s): added 6');
    const after = await readFile(join(dir, 'contingents.yaml'), 'utf8');
    expect(after.startsWith(before.trimEnd())).toBe(true);
    expect(after).toContain('# Imported from feedly-export.opml, folder "Labour / Strikes"\n- id: picket-line-daily');
    const added = (await contingents(dir)).slice(-6);
    expect(added.map((c) => [c.id, c.name, c.feeds[0], c.home])).toEqual([
      ['riverside-tenants-and-neighbours', 'Riverside Tenants & Neighbours', 'https://riverside-tenants.example/feed/', 'https://riverside-tenants.example'],
      ['cafe-ouvrier-nouvelles', 'Café Ouvrier — Nouvelles', 'https://cafe-ouvrier.example/fr/rss.xml', 'https://cafe-ouvrier.example/fr/'],
      ['picket-line-daily', 'Picket Line Daily', 'https://picketline.example/atom.xml?utm_source=feedly', 'https://picketline.example/'],
      ['dockers-bulletin', "Dockers' Bulletin", 'http://dockers.example/index.xml', 'http://dockers.example/'],
      ['eastside-gazette', 'Eastside Gazette', 'https://www.eastside-gazette.example/feed.json', 'https://www.eastside-gazette.example/'],
      ['rivet-2', 'Rivet (rivet-zine.example)', 'https://rivet-zine.example/rss.xml', 'https://rivet-zine.example/'],
    ]);
    expect((await runCli('check.ts', ['--content', dir])).code).toBe(0);

    // Importing the same list again adds nothing.
    const again = await runCli('importOpml.ts', [fixture, '--content', dir]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('0 to add, 7 already there');
    expect(await readFile(join(dir, 'contingents.yaml'), 'utf8')).toBe(after);
  });

  it('refuses a file that is not OPML, with its line', async () => {
    const dir = await copyConfig();
    const { writeFile } = await import('node:fs/promises');
    const bad = join(dir, 'broken.opml');
    await writeFile(bad, '<?xml version="1.0"?>\n<opml version="2.0">\n<body>\n<outline text="x" xmlUrl="https://x.example/feed">\n</body></opml>\n');
    const { code, stderr } = await runCli('importOpml.ts', [bad, '--content', dir]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/broken\.opml:5: not well-formed XML: .*Export the list again/);
  });
});
