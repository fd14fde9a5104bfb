// What subscribers get, built for real from hostile content/: every published feed (RSS, Atom,
// JSON Feed) parsed by strict XML parsers and the Universal Feed Parser, rendered as a reader
// would, and held to its size bounds.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDatabase } from '../../scripts/aggregator/writeDatabase.ts';
import { sanitizeHtml } from '../../src/lib/html/sanitizeHtml.ts';
import { buildSite, type BuiltSite } from '../helpers/buildSite.ts';
import { activeMarkup, expat, feedparser, renderedText, shownText, xmllint, type FeedparserResult } from '../helpers/feedReaders.ts';
import { hoursAgo, makeDb } from '../helpers/makeDb.ts';

const ORIGIN = 'https://example.org/';
const HUB = 'https://hub.example/websub';
const EVIL_NAME = 'Evil <b>Corp</b> & "Sons"';

// Stored as ingest would store it: plain-text fields raw, HTML through the real sanitizer.
const HOSTILE_HTML = sanitizeHtml(
  '<p>Safe text <img src="x" onerror="alert(1)"> and <a href="javascript:alert(1)">a link</a>.</p><script>alert(1)</script>' +
    '<iframe src="https://evil.example/"></iframe><svg onload="alert(1)"><circle r="1"/></svg><style>body{display:none}</style>' +
    '<form action="https://evil.example/"><input name="q"></form><base href="https://evil.example/"><meta http-equiv="refresh" content="0">',
  'https://evil.example/post',
);

/** Each hostile article and what a reader must be shown for it, pinned by hand. */
const HOSTILE = [
  {
    id: 'evil-markup', hours: 1,
    title: '<img src=x onerror=alert(1)>', summary: '<script>alert("summary")</script> & <b>not bold</b>',
    html: HOSTILE_HTML, authors: ['<script>alert("author")</script>'], tags: ['<b>tag</b>', 'a&b'],
    shown: { title: '<img src=x onerror=alert(1)>', summary: '<script>alert("summary")</script> & <b>not bold</b>', body: 'Safe text and a link.', authors: ['<script>alert("author")</script>'], tags: ['<b>tag</b>', 'a&b'] },
  },
  {
    id: 'evil-about-script', hours: 2,
    title: 'Why <script> tags block rendering', summary: 'Put <script defer> in the head & load it late.',
    html: '<p>Use &lt;script defer&gt; &amp; friends.</p>', authors: [], tags: [],
    shown: { title: 'Why <script> tags block rendering', summary: 'Put <script defer> in the head & load it late.', body: 'Use <script defer> & friends.', authors: [`The ${EVIL_NAME} contingent of Wide Net`], tags: [] },
  },
  {
    // XML 1.0 forbids all of these; written straight to content/, past ingest, so only the writers stand guard.
    id: 'evil-controls', hours: 3,
    title: 'Bell\u0007 rings\u0000 twice\uFFFE\uFFFF', summary: 'Vertical\u000Btab and\u001F unit',
    html: '<p>Form\u000Cfeed and \uD800lone surrogate</p>', authors: ['Ann\u0001 Lee'], tags: ['t\u0008ag'],
    shown: { title: 'Bell rings twice', summary: 'Verticaltab and unit', body: 'Formfeed and lone surrogate', authors: ['Ann Lee'], tags: ['tag'] },
  },
  {
    // A link the aggregator would have dropped: the item says the publisher gave no usable link.
    id: 'evil-no-link', hours: 4, url: 'javascript:alert(1)',
    title: 'AT&T and A < B', summary: '"><svg/onload=alert(1)>',
    html: '<p>Compare A &lt; B.</p>', authors: [], tags: [],
    shown: { title: 'AT&T and A < B', summary: '"><svg/onload=alert(1)>', body: 'Compare A < B.', authors: [`The ${EVIL_NAME} contingent of Wide Net`], tags: [] },
  },
] as const;

/** 250,000 bytes of ASCII HTML: under the item bound, but 12 of them overflow a 2 MB feed. */
const bulkHtml = (n: number) => {
  const head = `<p>Bulk ${n}: `;
  return `${head}${'x'.repeat(250_000 - head.length - 4)}</p>`;
};
const LONG_READ = `<p>${'A long read. '.repeat(25_000)}</p><p>The last paragraph of the long read.</p>`; // ≈ 325 KB

// Astro's content layer turns a lone surrogate into U+FFFD (a legal character) before the writers
// see it; test/site/feedWriters.test.ts checks that the writers drop lone surrogates themselves.
const bodyText = (html: string) => renderedText(html).replace('\uFFFD', '');

let site: BuiltSite;
let content: string;
const feedFiles = () => site.files.filter((f) => /(^|\/)(rss\.xml|atom\.xml|feed\.json)$/.test(f));
const parsed = new Map<string, FeedparserResult>();
const fp = async (file: string) => {
  if (!parsed.has(file)) parsed.set(file, await feedparser(join(site.outDir, file)));
  return parsed.get(file)!;
};

beforeAll(async () => {
  const db = makeDb({
    contingents: [
      { id: 'evil', name: EVIL_NAME },
      { id: 'bulk', name: 'Bulk' },
      { id: 'long', name: 'Long reads' },
    ],
    articles: [
      ...HOSTILE.map((h) => ({
        id: h.id, contingent: 'evil', title: h.title, summary: h.summary, html: h.html, authors: [...h.authors], tags: [...h.tags],
        published: hoursAgo(h.hours), ...('url' in h && { url: h.url }),
      })),
      { id: 'evil-long-title', contingent: 'evil', title: 'Long '.repeat(1_000).trim(), summary: 'A title of 5,000 characters.', html: '<p>Short body.</p>', published: hoursAgo(5) },
      ...Array.from({ length: 12 }, (_, i) => ({ id: `bulk-${String(i + 1).padStart(2, '0')}`, contingent: 'bulk', title: `Bulk ${i + 1}`, summary: `Bulk item ${i + 1}.`, html: bulkHtml(i + 1), published: hoursAgo(10 + i) })),
      { id: 'long-read', contingent: 'long', title: 'A long read', summary: 'A long read, summarized.', html: LONG_READ, published: hoursAgo(0.5) },
    ],
    editions: [
      { id: 'commons', title: 'Commons' },
      { id: 'hostile', title: 'Hostile <i>edition</i> & co', contingents: { include: ['evil'], exclude: [] } },
    ],
    site: { defaultEdition: 'commons', websub: { hub: HUB } },
  });
  content = await mkdtemp(join(tmpdir(), 'widenet-feeds-'));
  await writeDatabase(db, content);
  site = await buildSite({ content });
}, 300_000);
afterAll(async () => {
  await site?.cleanup();
  if (content) await rm(content, { recursive: true, force: true });
});

describe('every published feed is well-formed', () => {
  it('publishes RSS, Atom and JSON Feed for every edition and contingent', () => {
    const expected = ['commons', 'hostile', 'contingents/evil', 'contingents/bulk', 'contingents/long'].flatMap((d) => ['rss.xml', 'atom.xml', 'feed.json'].map((f) => `${d}/${f}`));
    expect(feedFiles().sort()).toEqual(expected.sort());
  });

  it('passes libxml2 and expat, strict XML parsers, with no forbidden character', async () => {
    const xml = [...feedFiles().filter((f) => f.endsWith('.xml')), 'opml.xml', 'atom.opml', 'json.opml', 'contingents.opml', 'sitemap.xml', 'sitemap-1.xml'];
    for (const file of xml) {
      expect(await xmllint(join(site.outDir, file)), file).toBe('');
      expect(await expat(join(site.outDir, file)), file).toBe('');
    }
    for (const file of feedFiles()) expect(await site.read(file), file).not.toMatch(/[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });

  it('parses cleanly in the Universal Feed Parser (no bozo), as RSS 2.0 and Atom 1.0', async () => {
    for (const file of feedFiles().filter((f) => f.endsWith('.xml'))) {
      const feed = await fp(file);
      expect(feed.bozoException, file).toBe('');
      expect(feed.version, file).toBe(file.endsWith('rss.xml') ? 'rss20' : 'atom10');
    }
  });

  it('JSON Feeds are JSON Feed 1.1: version, title, feed_url, and every item an id, a url and content_html', async () => {
    for (const file of feedFiles().filter((f) => f.endsWith('.json'))) {
      const feed = JSON.parse(await site.read(file));
      expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
      expect(feed.feed_url).toBe(ORIGIN + file);
      expect(feed.title).toEqual(expect.any(String));
      for (const item of feed.items) {
        expect(item).toMatchObject({ id: expect.stringMatching(/^https:\/\/example\.org\/articles\/[a-z0-9-]+\/$/), content_html: expect.any(String), date_published: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) });
        expect(item.url).toBe(item.id);
      }
    }
  });
});

describe('plain text stays text, and nothing a reader renders is active', () => {
  const hostileFeeds = ['hostile/rss.xml', 'hostile/atom.xml', 'contingents/evil/rss.xml', 'contingents/evil/atom.xml'];

  it.each(hostileFeeds)('%s: every title, summary and content the feed parser gives as HTML is inert', async (file) => {
    const feed = await fp(file);
    expect(feed.entries.length).toBe(5);
    for (const e of feed.entries) {
      for (const field of [e.title, e.summary, ...e.content].filter((f) => f !== undefined)) {
        if (/html/.test(field!.type)) expect(activeMarkup(field!.value), `${e.id}: ${field!.value}`).toEqual([]);
      }
    }
  });

  it.each(hostileFeeds)('%s: the raw description and content, rendered as HTML as readers do, are inert', async (file) => {
    const xml = await site.read(file);
    const feed = await new Parser<Record<string, unknown>, { 'content:encoded'?: string; id?: string }>().parseString(xml);
    for (const item of feed.items) {
      const fields = file.endsWith('rss.xml') ? [item.content ?? '', item['content:encoded'] ?? ''] : [item.content ?? ''];
      for (const html of fields) expect(activeMarkup(html), `${item.guid ?? item.id}: ${html}`).toEqual([]);
    }
  });

  it.each(hostileFeeds)('%s: what a reader shows is the article text: titles, summaries, bodies, authors, tags', async (file) => {
    const feed = await fp(file);
    for (const h of HOSTILE) {
      const e = feed.entries.find((x) => x.id === `${ORIGIN}articles/${h.id}/`)!;
      // Titles are plain text in every format (RSS by the RSS Board's profile): the parser says so.
      expect(e.title!.type, h.id).toBe('text/plain');
      expect(e.title!.value, h.id).toBe(h.shown.title);
      expect(shownText(e.summary!), h.id).toBe(h.shown.summary);
      expect(bodyText(e.content[0]!.value), h.id).toContain(h.shown.body);
      expect(e.authors, h.id).toEqual(h.shown.authors);
      expect(e.tags, h.id).toEqual(h.shown.tags);
    }
  });

  it('JSON Feed: titles and summaries are the text, content_html is inert and shows the text', async () => {
    for (const file of ['hostile/feed.json', 'contingents/evil/feed.json']) {
      const feed = JSON.parse(await site.read(file));
      for (const h of HOSTILE) {
        const item = feed.items.find((x: { id: string }) => x.id === `${ORIGIN}articles/${h.id}/`);
        expect(item.title).toBe(h.shown.title);
        expect(item.summary).toBe(h.shown.summary);
        expect(activeMarkup(item.content_html)).toEqual([]);
        expect(bodyText(item.content_html)).toContain(h.shown.body);
        expect(item.authors.map((a: { name: string }) => a.name)).toEqual(h.shown.authors);
        expect(item.tags ?? []).toEqual(h.shown.tags);
      }
    }
  });

  it('feed titles and descriptions are text too, and a long stored title is cut with an ellipsis', async () => {
    const rss = await fp('hostile/rss.xml');
    const atom = JSON.parse(await site.read('hostile/feed.json'));
    expect(atom.title).toBe('Hostile <i>edition</i> & co · Test network');
    expect(await site.read('hostile/rss.xml')).toContain('<title>Hostile &#x3C;i&#x3E;edition&#x3C;/i&#x3E; &#x26; co · Test network</title>');
    const long = rss.entries.find((e) => e.id.endsWith('/evil-long-title/'))!.title!.value;
    expect(long.length).toBeLessThanOrEqual(1_000);
    expect(long).toMatch(/^Long Long .* Long…$/);
  });
});

describe('each item links to the original and to its page here, with credit', () => {
  it('Atom rel="related", JSON Feed external_url and the content\'s credit line name the original', async () => {
    const atom = await fp('hostile/atom.xml');
    const json = JSON.parse(await site.read('hostile/feed.json'));
    const id = `${ORIGIN}articles/evil-markup/`;
    const original = 'https://evil.example/evil-markup';
    expect(atom.entries.find((e) => e.id === id)!.links).toEqual(expect.arrayContaining([{ rel: 'alternate', href: id }, { rel: 'related', href: original }]));
    const item = json.items.find((x: { id: string }) => x.id === id);
    expect(item.external_url).toBe(original);
    expect(item.content_html).toContain(`<a href="${original}">&lt;img src=x onerror=alert(1)&gt;</a>`);
    expect(item.content_html).toContain(`<a href="${id}">Ratings, versions and replies on Test network</a>`);
    expect(renderedText(item.content_html)).toContain(`“<img src=x onerror=alert(1)>”, The ${EVIL_NAME} contingent of Wide Net. License: CC0-1.0.`);
  });

  it('an article without a usable link says so, and links no javascript: URL', async () => {
    const json = JSON.parse(await site.read('hostile/feed.json'));
    const item = json.items.find((x: { id: string }) => x.id.endsWith('/evil-no-link/'));
    expect(item.external_url).toBeUndefined();
    expect(renderedText(item.content_html)).toContain('The publisher gave no usable link to the original.');
    expect(await site.read('hostile/atom.xml')).not.toContain('javascript:');
  });

  it('the three formats carry the same items, ids, dates and credit', async () => {
    for (const dir of ['commons', 'hostile', 'contingents/evil', 'contingents/bulk']) {
      const [rss, atom] = [await fp(`${dir}/rss.xml`), await fp(`${dir}/atom.xml`)];
      const json = JSON.parse(await site.read(`${dir}/feed.json`));
      const ids = json.items.map((i: { id: string }) => i.id);
      expect(rss.entries.map((e) => e.id), dir).toEqual(ids);
      expect(atom.entries.map((e) => e.id), dir).toEqual(ids);
      expect(rss.entries.map((e) => e.authors), dir).toEqual(json.items.map((i: { authors: { name: string }[] }) => i.authors.map((a) => a.name)));
      expect(atom.entries.map((e) => e.authors), dir).toEqual(rss.entries.map((e) => e.authors));
    }
  });
});

describe('bounds: no item swamps a feed', () => {
  it('every feed file stays within 2 MiB', async () => {
    for (const file of feedFiles()) expect((await stat(join(site.outDir, file))).size, file).toBeLessThanOrEqual(2 * 1024 * 1024);
  });

  it('a contingent whose items are large gets fewer of them, newest first: 8 items of 250 KB fit in 2 MiB, not 12', async () => {
    for (const file of ['contingents/bulk/rss.xml', 'contingents/bulk/atom.xml']) {
      expect((await fp(file)).entries.map((e) => e.id.replace(/.*\/articles\/|\/$/g, ''))).toEqual(['bulk-01', 'bulk-02', 'bulk-03', 'bulk-04', 'bulk-05', 'bulk-06', 'bulk-07', 'bulk-08']);
    }
    expect(JSON.parse(await site.read('contingents/bulk/feed.json')).items).toHaveLength(8);
  });

  it('the commons feed keeps the newest first and cuts the rest at 2 MiB', async () => {
    const ids = (await fp('commons/atom.xml')).entries.map((e) => e.id.replace(/.*\/articles\/|\/$/g, ''));
    expect(ids.slice(0, 6)).toEqual(['long-read', 'evil-markup', 'evil-about-script', 'evil-controls', 'evil-no-link', 'evil-long-title']);
    expect(ids.length).toBeLessThan(6 + 12);
  });

  it('an item over 256 KB carries its summary and "Continue reading"; its page keeps the full text', async () => {
    const page = `${ORIGIN}articles/long-read/`;
    for (const file of ['contingents/long/rss.xml', 'contingents/long/atom.xml']) {
      const html = (await fp(file)).entries[0]!.content[0]!.value;
      expect(html).not.toContain('The last paragraph');
      expect(renderedText(html)).toMatch(/^A long read, summarized\. Continue reading: the full text is longer than a feed item carries\./);
    }
    const item = JSON.parse(await site.read('contingents/long/feed.json')).items[0];
    expect(item.content_html).toContain(`<a href="${page}">Continue reading</a>`);
    expect(item.content_html.length).toBeLessThan(2_000);
    expect(await site.read('articles/long-read/index.html')).toContain('The last paragraph of the long read.');
  });
});

describe('subscribing', () => {
  it('with websub.hub, every feed names its hub and itself', async () => {
    for (const file of feedFiles()) {
      if (file.endsWith('.json')) {
        const feed = JSON.parse(await site.read(file));
        expect(feed.hubs, file).toEqual([{ type: 'WebSub', url: HUB }]);
        expect(feed.feed_url, file).toBe(ORIGIN + file);
      } else {
        const links = (await fp(file)).links;
        expect(links, file).toEqual(expect.arrayContaining([{ rel: 'hub', href: HUB }, { rel: 'self', href: ORIGIN + file }]));
      }
    }
  });

  it('pages advertise the feeds in every format; every page without its own, the default edition\'s', async () => {
    const alternates = (page: string) => [...page.matchAll(/<link rel="alternate" type="([^"]+)" title="([^"]+)" href="([^"]+)">/g)].map((m) => `${m[1]} ${m[2]} ${m[3]}`);
    expect(alternates(await site.read('hostile/index.html'))).toEqual([
      'application/rss+xml Hostile <i>edition</i> &amp; co (RSS) /hostile/rss.xml',
      'application/atom+xml Hostile <i>edition</i> &amp; co (Atom) /hostile/atom.xml',
      'application/feed+json Hostile <i>edition</i> &amp; co (JSON Feed) /hostile/feed.json',
    ]);
    expect(alternates(await site.read('contingents/bulk/index.html'))).toEqual(['application/rss+xml Bulk (RSS) /contingents/bulk/rss.xml', 'application/atom+xml Bulk (Atom) /contingents/bulk/atom.xml', 'application/feed+json Bulk (JSON Feed) /contingents/bulk/feed.json']);
    expect(alternates(await site.read('articles/bulk-01/index.html'))).toEqual(['application/rss+xml Commons (RSS) /commons/rss.xml', 'application/atom+xml Commons (Atom) /commons/atom.xml', 'application/feed+json Commons (JSON Feed) /commons/feed.json']);
    expect(alternates(await site.read('index.html'))).toHaveLength(6);
  });

  it('the OPML lists every edition feed, one file per format', async () => {
    expect(await site.read('opml.xml')).toContain(`xmlUrl="${ORIGIN}hostile/rss.xml"`);
    expect(await site.read('atom.opml')).toContain(`version="Atom" text="Hostile &lt;i&gt;edition&lt;/i&gt; &amp; co" title="Hostile &lt;i&gt;edition&lt;/i&gt; &amp; co" xmlUrl="${ORIGIN}hostile/atom.xml"`);
    expect(await site.read('json.opml')).toContain(`xmlUrl="${ORIGIN}commons/feed.json"`);
  });
});
