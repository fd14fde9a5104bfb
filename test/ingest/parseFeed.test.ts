import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../src/lib/ingest/decodeBody.ts';
import { FeedParseError, mediumOf, parseFeed, toIsoDate, type ParsedFeed } from '../../src/lib/ingest/parseFeed.ts';
import { Media } from '../../src/lib/config/schema.ts';

const fixtures = new URL('../fixtures/feeds/', import.meta.url);
const read = (name: string) => new Uint8Array(readFileSync(new URL(name, fixtures)));

// Golden files: the normalized output of each captured-style feed, committed next to it.
// Regenerate on purpose with UPDATE_GOLDEN=1 and review the diff.
const goldenCases: { file: string; feedUrl: string; contentType?: string }[] = [
  { file: 'wordpress-rss2-content-encoded.xml', feedUrl: 'https://bulletin.example/feed/', contentType: 'application/rss+xml; charset=UTF-8' },
  { file: 'rss091-netscape-doctype-entities.xml', feedUrl: 'http://cafe-workers.example/rss.xml', contentType: 'text/xml' },
  { file: 'rss1-rdf-dc-date.xml', feedUrl: 'https://tenants.example/rss', contentType: 'application/rdf+xml' },
  { file: 'atom1-xml-base-relative-links-threading.xml', feedUrl: 'https://commons.example/blog/atom.xml', contentType: 'application/atom+xml' },
  { file: 'atom-invalid-published-date.xml', feedUrl: 'https://nightshift.example/feed.atom' },
  { file: 'atom03-issued-modified.xml', feedUrl: 'http://allotments.example/diary/atom.xml', contentType: 'application/atom+xml' },
  { file: 'jsonfeed-1.0-author-attachments.json', feedUrl: 'https://couriers.example/feed.json', contentType: 'application/json' },
  { file: 'jsonfeed-1.1-authors-extension.json', feedUrl: 'https://nurses.example/feed.json', contentType: 'application/feed+json' },
  { file: 'windows-1252-prolog-encoding.xml', feedUrl: 'http://gare.example/rss', contentType: 'application/xml' },
  { file: 'iso-8859-1-served-as-utf-8.xml', feedUrl: 'https://senales.example/feed', contentType: 'application/rss+xml; charset=utf-8' },
  { file: 'utf-8-bom.xml', feedUrl: 'https://golos.example/rss', contentType: 'application/rss+xml; charset=windows-1251' },
  { file: 'missing-guid-relative-links.xml', feedUrl: 'https://vendors.example/feed.xml' },
  { file: 'duplicate-items.xml', feedUrl: 'https://cleaners.example/feed' },
  { file: 'rss-no-version-odd-dates.xml', feedUrl: 'https://transit.example/rss' },
  { file: 'hostile-content.xml', feedUrl: 'https://hostile.example/feed.xml' },
  // Be liberal in what you accept: one fixture per class of broken feed (issue 9).
  { file: 'bare-ampersands-unescaped-urls.xml', feedUrl: 'https://telecom-workers.example/rss.php', contentType: 'text/xml' },
  { file: 'html-entities-undeclared.xml', feedUrl: 'https://hotel-workers.example/feed/' },
  { file: 'unclosed-tags-truncated.xml', feedUrl: 'https://farmworkers.example/rss' },
  { file: 'prolog-iso-8859-1-bytes-utf-8.xml', feedUrl: 'https://uchitelya.example/rss', contentType: 'text/xml' },
  { file: 'no-declaration-windows-1252.xml', feedUrl: 'http://cheminots.example/rss', contentType: 'text/xml' },
  { file: 'utf-16le-no-bom.xml', feedUrl: 'https://limenergates.example/rss.xml', contentType: 'application/rss+xml' },
  { file: 'utf-16be-no-bom-no-declaration.xml', feedUrl: 'https://zusteller.example/rss', contentType: 'application/xml; charset=utf-8' },
  { file: 'utf-32le-no-bom.xml', feedUrl: 'https://kaigo.example/atom.xml' },
  { file: 'utf-32be-bom.xml', feedUrl: 'https://kaigo.example/atom.xml' },
  { file: 'rss090-rdf-items-beside-channel.xml', feedUrl: 'http://printers-chapel.example/rss.rdf' },
  { file: 'rss092-versionless-items-without-channel.xml', feedUrl: 'https://dockside-radio.example/podcast.xml' },
  { file: 'rss092-enclosures-no-links.xml', feedUrl: 'http://unionhall.example/audio.xml' },
  { file: 'jsonfeed-version-not-url.json', feedUrl: 'https://drivers.example/feed.json', contentType: 'application/feed+json' },
  { file: 'control-characters.xml', feedUrl: 'https://copypaste.example/feed' },
  { file: 'jsonfeed-lone-surrogates-controls.json', feedUrl: 'https://surrogates.example/feed.json' },
  { file: 'xxe-external-entity.xml', feedUrl: 'https://xxe.example/feed' },
  { file: 'billion-laughs.xml', feedUrl: 'https://laughs.example/feed' },
  // Text that looks like markup stays text (issue 16 §3), and bidi overrides go (§4).
  { file: 'titles-that-look-like-markup-rss.xml', feedUrl: 'https://webcoop.example/rss' },
  { file: 'titles-atom-text-html-xhtml.xml', feedUrl: 'https://webcoop.example/atom' },
  { file: 'titles-jsonfeed.json', feedUrl: 'https://webcoop.example/feed.json' },
  { file: 'bidi-overrides-in-titles.xml', feedUrl: 'https://bidi.example/feed' },
];

describe('parseFeed: golden files', () => {
  it.each(goldenCases)('$file', async ({ file, feedUrl, contentType }) => {
    const feed = await parseFeed(decodeBody(read(file), contentType), feedUrl);
    const goldenUrl = new URL(file.replace(/\.(xml|json)$/, '.golden.json'), fixtures);
    const json = `${JSON.stringify(feed, null, 2)}\n`;
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(goldenUrl, json);
    expect(existsSync(goldenUrl), `missing ${goldenUrl.pathname}: run UPDATE_GOLDEN=1 npx vitest run test/parseFeed.test.ts`).toBe(true);
    expect(JSON.parse(json)).toEqual(JSON.parse(readFileSync(goldenUrl, 'utf8')));
    expectInvariants(feed);
  });
});

/** What every parsed feed promises, whatever the input. */
function expectInvariants(feed: ParsedFeed): void {
  if (feed.home) expect(feed.home).toMatch(/^https?:\/\//);
  for (const item of feed.items) {
    if (item.url) expect(item.url).toMatch(/^https?:\/\//);
    if (item.via) expect(item.via).toMatch(/^https?:\/\//);
    for (const date of [item.published, item.updated]) if (date) expect(date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(item.title).not.toMatch(/\s{2}|^\s|\s$/);
    expect(item.title.length).toBeLessThanOrEqual(300);
    expect(item.summary.length).toBeLessThanOrEqual(400);
    expect(item.html).not.toMatch(/<(?:script|style|iframe|svg|form|input)\b|\son\w+=|javascript:/i);
    // Nothing XML 1.0 forbids anywhere; no bidirectional controls in plain text.
    expect(JSON.stringify(item)).not.toMatch(/\\u00(?:0[0-8bcef]|1[0-9a-f])|\\u(?:d[89a-f][0-9a-f]{2}|fffe|ffff)/i);
    for (const text of [item.title, item.summary, ...item.authors, ...item.tags]) expect(text).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    expect(() => Media.array().parse(item.media)).not.toThrow();
    expect(new Set(item.tags.map((tag) => tag.toLowerCase())).size).toBe(item.tags.length);
  }
}

describe('parseFeed: what the golden files pin down', () => {
  it('reads WordPress content:encoded, dc:creator and media, and keeps the description as summary', async () => {
    const feed = await parseFeed(decodeBody(read('wordpress-rss2-content-encoded.xml')), 'https://bulletin.example/feed/');
    const [post, podcast] = feed.items;
    expect(feed.format).toBe('rss');
    expect(post!.title).toBe('Strike extended at Santos – “we will not back down”');
    expect(post!.html).toContain('<figcaption>Pickets at the gate of terminal 3. Photo: <a href="https://bulletin.example/photographers/ana/"');
    expect(post!.html).not.toContain('youtube');
    expect(post!.summary).toMatch(/^Dockworkers at the port of Santos voted/);
    expect(post!.tags).toEqual(['Labour', 'Ports', 'Santos']);
    expect(podcast!.authors).toEqual(['Maria Alves', 'Tom Reyes']);
    expect(podcast!.media.map((m) => m.medium)).toEqual(['audio', 'image']);
  });

  it('resolves Atom links against nested xml:base and picks the alternate link, not the first', async () => {
    const feed = await parseFeed(decodeBody(read('atom1-xml-base-relative-links-threading.xml')), 'https://commons.example/blog/atom.xml');
    const [post, reply, adapted] = feed.items;
    expect(feed.home).toBe('https://commons.example/blog/');
    expect(post!.url).toBe('https://commons.example/blog/2026/11/co-op-bakeries.html');
    expect(post!.html).toContain('<img src="https://commons.example/blog/2026/11/co-op-bakeries/images/oven.jpg"');
    expect(reply!.inReplyTo).toEqual(['tag:commons.example,2026:post-88', 'https://commons.example/blog/2026/11/co-op-bakeries.html']);
    expect(reply!.via).toBe('https://othercoop.example/2026/11/bread-and-roses');
    expect(reply!.authors).toEqual(['Commons Editorial Collective']);
    expect(adapted!.title).toBe('Adapted: land trusts in practice');
    expect(adapted!.via).toBe('https://landtrust.example/weekly/');
  });

  it('survives an Atom entry whose date rss-parser would throw on', async () => {
    const feed = await parseFeed(decodeBody(read('atom-invalid-published-date.xml')), 'https://nightshift.example/feed.atom');
    expect(feed.items.map((item) => [item.published, item.updated])).toEqual([
      [undefined, undefined],
      ['2026-11-22T02:30:00.000Z', '2026-11-22T02:45:00.000Z'],
    ]);
  });

  it('reads Atom 0.3 issued/modified and escaped, base64 and xml content modes', async () => {
    const feed = await parseFeed(decodeBody(read('atom03-issued-modified.xml')), 'http://allotments.example/diary/atom.xml');
    expect(feed.title).toBe('Allotment Society <Diary>');
    expect(feed.items.map((item) => item.published)).toEqual(['2005-07-31T12:29:29.000Z', '2005-07-29T10:00:00.000Z', '2005-07-28T19:00:00.000Z']);
    expect(feed.items.map((item) => item.html)).toEqual([
      '<p>Bring seeds, take seeds. <img src="http://allotments.example/diary/img/seeds.jpg" alt="Seed packets"></p>',
      '<p>Rents stay at <strong>£12</strong> a year.</p>',
      '<p>Present: <em>seven</em> members.</p><p>Agreed: a new water butt.</p>',
    ]);
  });

  it('decodes windows-1252 from the prolog and ISO-8859-1 served as UTF-8', async () => {
    const cafe = await parseFeed(decodeBody(read('windows-1252-prolog-encoding.xml'), 'application/xml'), 'http://gare.example/rss');
    expect(cafe.items[0]!.title).toBe('“Prix à 2 €” : la pause café coûte plus cher');
    const sur = await parseFeed(decodeBody(read('iso-8859-1-served-as-utf-8.xml'), 'text/xml; charset=utf-8'), 'https://senales.example/feed');
    expect(sur.items[0]!.title).toBe('Huelga en la fábrica de Cañuelas');
  });

  it('keeps every item, repeats included, as feed readers show them (the aggregator collapses repeats by article id)', async () => {
    const feed = await parseFeed(decodeBody(read('duplicate-items.xml')), 'https://cleaners.example/feed');
    expect(feed.items.map((item) => item.title || item.summary)).toEqual([
      'Contract renewal: vote results',
      'Contract renewal: vote results',
      'Same guid, different link',
      'No guid, no link.',
      'No guid, no link.',
    ]);
  });
});

describe('parseFeed: FeedParseError', () => {
  // A fixed pseudo-random byte stream, so "random bytes" is the same on every run.
  const randomBytes = Uint8Array.from({ length: 512 }, (_, i) => (i * 2654435761 + 12345) % 251);

  it.each([
    ['an HTML page', decodeBody(read('not-a-feed-html-page.html'), 'text/html; charset=utf-8'), 'html', 'not a feed: got an HTML page (<!DOCTYPE html>)'],
    ['an HTML page without doctype', '<html><head><title>x</title></head></html>', 'html', 'not a feed: got an HTML page (<html>)'],
    ['an XHTML page with an XML declaration', '<?xml version="1.0"?>\n<!-- page --><html xmlns="http://www.w3.org/1999/xhtml"></html>', 'html', 'not a feed: got an HTML page (<html>)'],
    ['random bytes', decodeBody(randomBytes), 'not-a-feed', /^not a feed: the body is neither XML nor JSON \(it starts with ".*"\)$/],
    ['an empty body', '', 'empty', 'not a feed: the body is empty'],
    ['whitespace and a BOM', '\uFEFF \n\t ', 'empty', 'not a feed: the body is empty'],
    ['JSON that is not a JSON Feed', '{"data": []}', 'not-a-feed', 'not a feed: JSON without "version": "https://jsonfeed.org/version/1..."'],
    ['a JSON array', '[1, 2]', 'not-a-feed', 'not a feed: JSON without "version": "https://jsonfeed.org/version/1..."'],
    ['a JSON Feed without items', '{"version": "https://jsonfeed.org/version/1.1", "title": "x"}', 'not-a-feed', 'not a feed: JSON Feed without an "items" array'],
    ['truncated JSON', '{"version": "https://jsonfeed.org/version/1.1", "items": [', 'invalid-json', /^invalid JSON: /],
    ['only an XML declaration', '<?xml version="1.0"', 'invalid-xml', 'invalid XML: no root element'],
    ['only a comment', '<!-- nothing here', 'invalid-xml', 'invalid XML: no root element'],
    ['another XML document', '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>', 'not-a-feed', 'not a feed: the XML root element <svg> is not <rss>, <rdf:RDF> or <feed>'],
  ])('%s', async (_name, body, code, message) => {
    const error = await parseFeed(body, 'https://abc.example/feed.xml').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FeedParseError);
    expect(error).toMatchObject({ name: 'FeedParseError', code, url: 'https://abc.example/feed.xml', retryable: false });
    if (typeof message === 'string') expect((error as FeedParseError).message).toBe(message);
    else expect((error as FeedParseError).message).toMatch(message);
  });
});

describe('parseFeed: liberal in what it accepts (issue 9)', () => {
  const parse = (body: string) => parseFeed(body, 'https://abc.example/feed.xml');

  it.each([
    ['truncated XML', '<?xml version="1.0"?><rss version="2.0"><channel><title>Cut', 'Cut', [], ['<rss>, <channel>, <title> never closed (line 1)']],
    ['mismatched tags', '<rss version="2.0"><channel><item><title>a</b></title></item></channel></rss>', '', ['a'], ['end tag </b> without a start tag ignored (line 1)']],
    ['an undeclared entity', '<rss version="2.0"><channel><title>&bogus;</title></channel></rss>', '&bogus;', [], ['unknown entity &bogus; kept as text (line 1)']],
    ['a bare ampersand', '<rss><channel><item><title>AT&T</title></item></channel></rss>', '', ['AT&T'], ['bare "&" read as text (line 1)']],
    ['&nbsp; without a DTD', '<rss><channel><item><title>a&nbsp;b</title></item></channel></rss>', '', ['a b'], ["entity &nbsp; undefined in XML, read as HTML's (line 1)"]],
    ['a bare <', '<rss><channel><item><title>1 < 2</title></item></channel></rss>', '', ['1 < 2'], ['bare "<" read as text (line 1)']],
    ['an unquoted and a repeated attribute', '<feed xmlns="http://www.w3.org/2005/Atom"><entry><link href=https://a.example/1 href="https://a.example/2"/><title>T</title></entry></feed>', '', ['T'], ['unquoted attribute value href=https://a.example/1 (line 1)', 'duplicate attribute href ignored (line 1)']],
    ['an unclosed CDATA section', '<rss><channel><item><title><![CDATA[Cut here', '', ['Cut here'], ['unclosed CDATA section read to the end (line 1)', '<rss>, <channel>, <item>, <title> never closed (line 1)']],
    ['an item left open before the next', '<rss><channel><item><title>One</title><item><title>Two</title></item></channel></rss>', '', ['One', 'Two'], ['<item> not closed before the next <item> (line 1)']],
    ['a case-mismatched end tag', '<rss><channel><item><Title>T</title></item></channel></rss>', '', ['T'], ['end tag </title> matched <Title> ignoring case (line 1)']],
    ['RSS without a channel', '<rss version="2.0"></rss>', '', [], undefined],
    ['RSS with items and no channel', '<rss><title>F</title><item><title>I</title></item></rss>', 'F', ['I'], undefined],
    ['RDF with an item and no channel', '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><item/></rdf:RDF>', '', [''], undefined],
    ['<rss> under another prefix', '<r:rss xmlns:r="http://backend.userland.com/rss2"><r:channel><r:item><r:title>P</r:title></r:item></r:channel></r:rss>', '', ['P'], undefined],
    ['a namespace under an odd prefix', '<rss xmlns:DC="http://purl.org/dc/elements/1.1"><channel><item><DC:creator>Jo</DC:creator></item></channel></rss>', '', [''], undefined],
  ])('%s', async (_name, body, title, titles, recovered) => {
    const feed = await parse(body);
    expect(feed.title).toBe(title);
    expect(feed.items.map((item) => item.title)).toEqual(titles);
    expect(feed.recovered).toEqual(recovered);
  });

  it('reads the author under any prefix bound to Dublin Core', async () => {
    const feed = await parse('<rss xmlns:DC="http://purl.org/dc/elements/1.1"><channel><item><DC:creator>Jo</DC:creator></item></channel></rss>');
    expect(feed.items[0]!.authors).toEqual(['Jo']);
  });

  it('reads unescaped ampersands in titles, links and text', async () => {
    const feed = await parseFeed(decodeBody(read('bare-ampersands-unescaped-urls.xml')), 'https://telecom-workers.example/rss.php');
    expect(feed.items.map((item) => [item.title, item.url])).toEqual([
      ['AT&T call-center workers vote to strike', 'https://telecom-workers.example/news.php?id=812&lang=en'],
      ['Bargaining update: wages & scheduling', 'https://telecom-workers.example/news.php?id=809&lang=en'],
      ["Tom & Jerry's diner joins the boycott &c.", 'https://telecom-workers.example/news.php?id=801&lang=en'],
    ]);
    expect(feed.items[0]!.authors).toEqual(['Organizing & Research Desk']);
    expect(feed.recovered).toEqual(['bare "&" read as text (line 5, 14 times)']);
  });

  it("reads HTML's entities in XML that declares none, and keeps unknown ones as written", async () => {
    const feed = await parseFeed(decodeBody(read('html-entities-undeclared.xml')), 'https://hotel-workers.example/feed/');
    expect(feed.title).toBe('Café & Hôtel Workers');
    expect(feed.items.map((item) => item.title)).toEqual(['Grève au Grand Hôtel : jour 3', 'Salaire minimum : 12€ de l’heure']);
    expect(feed.items[0]!.summary).toBe('Les femmes de chambre tiennent le piquet… « On ne lâche rien ».');
    expect(feed.recovered).toEqual(["entity &eacute; undefined in XML, read as HTML's (line 4, 19 times)", 'unknown entity &notanentity; kept as text (line 17)']);
  });

  it('keeps every item of a feed with unclosed tags that was cut off mid-item', async () => {
    const feed = await parseFeed(decodeBody(read('unclosed-tags-truncated.xml')), 'https://farmworkers.example/rss');
    expect(feed.items.map((item) => item.title)).toEqual(['Heat rules: what changed', 'Harvest crews unionize', 'Stray end tags are ignored', 'Cut off in the middle of the last item']);
    expect(feed.items[0]!.html).toBe('Shade, water and rest<br>every two hours.<p>Report violations.</p>');
    expect(feed.items[3]!.summary).toBe('The connection dropped after this sent');
    expect(feed.recovered).toEqual([
      '<p> closed by </description> (line 10, 2 times)',
      '<item> not closed before the next <item> (line 16)',
      'end tag </b> without a start tag ignored (line 17)',
      '<rss>, <channel>, <item>, <description> never closed (line 24)',
    ]);
  });

  it.each([
    ['prolog-iso-8859-1-bytes-utf-8.xml', 'text/xml', 'Учителя требуют повышения зарплаты'],
    ['no-declaration-windows-1252.xml', 'text/xml', 'L’assemblée générale a voté la grève – 72 %'],
    ['utf-16le-no-bom.xml', 'application/rss+xml', 'Απεργία στον Πειραιά: 48 ώρες'],
    ['utf-16be-no-bom-no-declaration.xml', 'application/xml; charset=utf-8', 'Tarifrunde: Zusteller fordern 8 % mehr'],
    ['utf-32le-no-bom.xml', undefined, '夜勤手当の引き上げを要求 🗾'],
    ['utf-32be-bom.xml', undefined, '夜勤手当の引き上げを要求 🗾'],
  ])('decodes %s (served as %s)', async (file, contentType, title) => {
    const feed = await parseFeed(decodeBody(read(file), contentType), 'https://enc.example/feed');
    expect(feed.items.map((item) => item.title)).toEqual([title]);
  });

  it('reads RSS 0.90 with items beside the channel, and <rss> without version or channel', async () => {
    const rss090 = await parseFeed(decodeBody(read('rss090-rdf-items-beside-channel.xml')), 'http://printers-chapel.example/rss.rdf');
    expect(rss090).toMatchObject({ format: 'rdf', title: "Printers' Chapel Newsletter", home: 'http://printers-chapel.example/' });
    expect(rss090.items.map((item) => item.url)).toEqual(['http://printers-chapel.example/news/meeting.html', 'http://printers-chapel.example/news/night-rates.html']);
    const bare = await parseFeed(decodeBody(read('rss092-versionless-items-without-channel.xml')), 'https://dockside-radio.example/podcast.xml');
    expect(bare.items.map((item) => [item.title, item.media[0]?.url])).toEqual([
      ['Episode 41: the night shift', 'https://dockside-radio.example/audio/41.mp3'],
      ['Episode 40: container cranes', 'https://dockside-radio.example/audio/40.mp3'],
    ]);
  });

  it('keeps items with neither link nor guid', async () => {
    const feed = await parseFeed(decodeBody(read('rss092-enclosures-no-links.xml')), 'http://unionhall.example/audio.xml');
    expect(feed.items.map((item) => [item.title, item.summary, item.media.map((m) => m.url)])).toEqual([
      ['', "Recording of Tuesday's general meeting (52 minutes).", ['http://unionhall.example/audio/2026-11-17.mp3']],
      ['Statement on the closure of the Eastside depot', 'We will fight every job loss.', []],
      ['', '', ['http://unionhall.example/audio/2026-11-10.mp3']],
      ['A title, and nothing else', '', []],
    ]);
    expect(feed.items.every((item) => item.url === undefined && item.guid === undefined)).toBe(true);
  });

  it('reads a JSON Feed whose version is not the URL, and says so', async () => {
    const feed = await parseFeed(decodeBody(read('jsonfeed-version-not-url.json')), 'https://drivers.example/feed.json');
    expect(feed.items.map((item) => item.title)).toEqual(['Deactivations up 40% since the new app update', 'An item with neither id nor url']);
    expect(feed.recovered).toEqual(['JSON Feed "version": "1.1" is not https://jsonfeed.org/version/1.1, read as 1.1']);
    const versionless = await parse('{"feed_url": "https://x.example/feed.json", "items": [{"id": "1", "title": "T"}]}');
    expect(versionless.recovered).toEqual(['JSON Feed without "version", read as 1.1']);
  });
});

describe('parseFeed: small cases', () => {
  it('reads a prefixed Atom feed (<atom:feed>)', async () => {
    const feed = await parseFeed(
      '<atom:feed xmlns:atom="http://www.w3.org/2005/Atom"><atom:title>P</atom:title><atom:entry><atom:title>E</atom:title><atom:link href="https://p.example/e"/><atom:published>2026-01-02T03:04:05Z</atom:published></atom:entry></atom:feed>',
      'https://p.example/feed',
    );
    expect(feed).toEqual({
      format: 'atom',
      title: 'P',
      items: [{ url: 'https://p.example/e', title: 'E', authors: [], published: '2026-01-02T03:04:05.000Z', html: '', summary: '', tags: [], media: [] }],
    });
  });

  it('reads Atom links and authors written as plain text, which rss-parser throws on', async () => {
    const feed = await parseFeed(
      '<feed xmlns="http://www.w3.org/2005/Atom"><link>https://a.example/</link><entry><title>E</title><link>https://a.example/e</link><author>Jane Roe</author></entry></feed>',
      'https://a.example/feed',
    );
    expect(feed).toMatchObject({ home: 'https://a.example/', items: [{ url: 'https://a.example/e', authors: ['Jane Roe'] }] });
  });

  it('skips a doctype with an internal subset and reads RSS without a version as RSS 2.0', async () => {
    const feed = await parseFeed(
      '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY foo "bar"> <!ELEMENT rss ANY>]><rss><channel><title>T</title><item><title>No version</title><link>https://nv.example/a</link></item></channel></rss>',
      'https://nv.example/feed',
    );
    expect(feed).toMatchObject({ format: 'rss', title: 'T', items: [{ url: 'https://nv.example/a', title: 'No version' }] });
  });

  it('reads Atom out-of-line content (src) as no body and falls back to the summary', async () => {
    const feed = await parseFeed(
      '<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>T</title><summary>Sum</summary><content type="video/mp4" src="https://v.example/a.mp4"/></entry></feed>',
      'https://v.example/feed',
    );
    expect(feed.items[0]).toMatchObject({ html: '<p>Sum</p>', summary: 'Sum' });
  });

  it('cuts a long summary at a word boundary', async () => {
    const words = Array.from({ length: 120 }, (_, i) => `word${i}`).join(' ');
    const feed = await parseFeed(`<rss version="2.0"><channel><item><description>${words}</description></item></channel></rss>`, 'https://l.example/');
    const summary = feed.items[0]!.summary;
    expect(summary.length).toBeLessThanOrEqual(400);
    expect(summary).toMatch(/ word\d+…$/);
  });
});

describe('toIsoDate', () => {
  it.each([
    ['Tue, 10 Jun 2003 04:00:00 GMT', '2003-06-10T04:00:00.000Z'],
    ['Tue, 10 Jun 2003 04:00:00 +0200', '2003-06-10T02:00:00.000Z'],
    ['Tue, 10 Jun 2003 04:00:00 CEST', '2003-06-10T02:00:00.000Z'],
    ['Tue, 10 Jun 2003 04:00:00 EDT', '2003-06-10T08:00:00.000Z'],
    ['Tue, 10 Jun 2003 04:00:00', '2003-06-10T04:00:00.000Z'],
    ['Tues, 10 June 2003 04:00 PST', '2003-06-10T12:00:00.000Z'],
    ['10 Jun 03 04:00:00 Z', '2003-06-10T04:00:00.000Z'],
    ['10 Jun 99 04:00:00 Z', '1999-06-10T04:00:00.000Z'],
    ['Tue, 10 Jun 2003 04:00:00 XYZ', '2003-06-10T04:00:00.000Z'],
    ['2003-06-10T04:00:00Z', '2003-06-10T04:00:00.000Z'],
    ['2003-06-10T04:00:00.5+01:00', '2003-06-10T03:00:00.500Z'],
    ['2003-06-10T04:00:00-0330', '2003-06-10T07:30:00.000Z'],
    ['2003-06-10 04:00:00', '2003-06-10T04:00:00.000Z'],
    ['2003-06-10T04:00', '2003-06-10T04:00:00.000Z'],
    ['2003-06-10', '2003-06-10T00:00:00.000Z'],
    ['2003-06', '2003-06-01T00:00:00.000Z'],
    ['2003', '2003-01-01T00:00:00.000Z'],
    ['2024-02-29T12:00:00Z', '2024-02-29T12:00:00.000Z'],
    ['2023-02-29T12:00:00Z', undefined],
    ['2003-13-01', undefined],
    ['Sun, 30 Feb 2026 10:00:00 GMT', undefined],
    ['Coming soon!', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%j → %j', (input, expected) => {
    expect(toIsoDate(input)).toBe(expected);
  });
});

describe('mediumOf', () => {
  it.each([
    ['https://a.example/x', 'audio/mpeg', undefined, 'audio'],
    ['https://a.example/x', 'video/mp4; codecs="avc1"', undefined, 'video'],
    ['https://a.example/x', 'image/webp', undefined, 'image'],
    ['https://a.example/x', 'application/pdf', undefined, 'document'],
    ['https://a.example/x', 'application/zip', undefined, 'other'],
    ['https://a.example/x', undefined, 'video', 'video'],
    ['https://a.example/x', undefined, 'executable', 'other'],
    ['https://a.example/x.JPG', undefined, undefined, 'image'],
    ['https://a.example/x.mp3?dl=1', undefined, undefined, 'audio'],
    ['https://a.example/x', undefined, undefined, undefined],
  ])('%s %s %s → %s', (url, type, declared, expected) => {
    expect(mediumOf(url, type, declared)).toBe(expected);
  });
});

describe('decodeBody', () => {
  const bytes = (...parts: (string | number[])[]) =>
    Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? [...new TextEncoder().encode(part)] : part)));
  const utf32 = (text: string, bigEndian: boolean) =>
    [...text].flatMap((c) => {
      const cp = c.codePointAt(0)!;
      const be = [cp >>> 24, (cp >>> 16) & 0xff, (cp >>> 8) & 0xff, cp & 0xff];
      return bigEndian ? be : be.reverse();
    });
  const utf16 = (text: string, bigEndian: boolean) =>
    [...text].flatMap((c) => (bigEndian ? [c.charCodeAt(0) >> 8, c.charCodeAt(0) & 0xff] : [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8]));

  it.each([
    ['UTF-8 without any declaration', bytes('caf\u00e9'), undefined, 'café'],
    ['UTF-8 declared in the header', bytes('caf\u00e9'), 'text/xml; charset=utf-8', 'café'],
    ['a quoted, upper-case charset', bytes('caf\u00e9'), 'text/xml; charset="UTF-8"', 'café'],
    ['header says UTF-8, bytes are Latin-1 (wrong charset)', bytes('caf', [0xe9]), 'application/rss+xml; charset=utf-8', 'café'],
    ['no declaration, bytes are windows-1252', bytes([0x93], 'hi', [0x94, 0x20, 0x80]), undefined, '“hi” €'],
    ['header says ISO-8859-1, bytes are Latin-1', bytes('caf', [0xe9]), 'text/xml; charset=ISO-8859-1', 'café'],
    ['header says ISO-8859-1, bytes are valid UTF-8 (reverse mislabel)', bytes('caf\u00e9'), 'text/xml; charset=ISO-8859-1', 'café'],
    ['prolog says windows-1252', bytes('<?xml version="1.0" encoding="windows-1252"?><t>', [0x80], '</t>'), 'application/xml', '<?xml version="1.0" encoding="windows-1252"?><t>€</t>'],
    ['prolog says ISO-8859-15 (euro at 0xA4)', bytes("<?xml version='1.0' encoding='ISO-8859-15'?><t>", [0xa4], '</t>'), undefined, "<?xml version='1.0' encoding='ISO-8859-15'?><t>€</t>"],
    ['header wins over the prolog', bytes('<?xml version="1.0" encoding="iso-8859-1"?><t>', [0xc0], '</t>'), 'text/xml; charset=windows-1251', '<?xml version="1.0" encoding="iso-8859-1"?><t>А</t>'],
    ['header says UTF-8, bytes are not: the prolog picks the fallback', bytes('<?xml version="1.0" encoding="iso-8859-7"?><t>', [0xe1], '</t>'), 'text/xml; charset=utf-8', '<?xml version="1.0" encoding="iso-8859-7"?><t>α</t>'],
    ['unknown header label falls through to the prolog', bytes('<?xml version="1.0" encoding="windows-1252"?>', [0x80]), 'text/xml; charset=x-unknown-9', '<?xml version="1.0" encoding="windows-1252"?>€'],
    ['unknown labels everywhere fall back to validated UTF-8', bytes('<?xml version="1.0" encoding="klingon"?>caf\u00e9'), 'text/xml; charset=bogus', '<?xml version="1.0" encoding="klingon"?>café'],
    ['a prolog claiming UTF-16 in ASCII bytes is ignored', bytes('<?xml version="1.0" encoding="UTF-16"?>caf\u00e9'), undefined, '<?xml version="1.0" encoding="UTF-16"?>café'],
    ['Shift_JIS from the header', bytes([0x93, 0xfa, 0x96, 0x7b]), 'text/xml; charset=Shift_JIS', '日本'],
    ['UTF-8 BOM is stripped', bytes([0xef, 0xbb, 0xbf], '<rss/>'), undefined, '<rss/>'],
    ['UTF-8 BOM wins over a header', bytes([0xef, 0xbb, 0xbf], 'caf\u00e9'), 'text/xml; charset=iso-8859-1', 'café'],
    ['UTF-8 BOM on invalid UTF-8 still falls back', bytes([0xef, 0xbb, 0xbf], 'caf', [0xe9]), undefined, 'café'],
    ['UTF-16LE BOM', Uint8Array.from([0xff, 0xfe, ...utf16('<rss>é</rss>', false)]), 'text/xml; charset=utf-8', '<rss>é</rss>'],
    ['UTF-16BE BOM', Uint8Array.from([0xfe, 0xff, ...utf16('<rss>é</rss>', true)]), undefined, '<rss>é</rss>'],
    ['UTF-16LE without BOM, detected from "<?"', Uint8Array.from(utf16('<?xml version="1.0"?><a>é</a>', false)), undefined, '<?xml version="1.0"?><a>é</a>'],
    ['JSON is UTF-8', bytes('{"title":"Nurses\u2019 Voice"}'), 'application/feed+json', '{"title":"Nurses’ Voice"}'],
    ['UTF-16BE without BOM or declaration, detected from its zero bytes', Uint8Array.from(utf16('<rss>é</rss>', true)), 'text/xml; charset=utf-8', '<rss>é</rss>'],
    ['UTF-16LE without BOM after white space', Uint8Array.from(utf16('\n<rss/>', false)), undefined, '\n<rss/>'],
    ['UTF-32LE without BOM', Uint8Array.from(utf32('<a>😀</a>', false)), undefined, '<a>😀</a>'],
    ['UTF-32BE without BOM', Uint8Array.from(utf32('<a>é</a>', true)), 'text/xml', '<a>é</a>'],
    ['UTF-32LE BOM (not UTF-16LE followed by NUL)', Uint8Array.from([0xff, 0xfe, 0, 0, ...utf32('<a/>', false)]), undefined, '<a/>'],
    ['UTF-32BE BOM', Uint8Array.from([0, 0, 0xfe, 0xff, ...utf32('<a/>', true)]), undefined, '<a/>'],
    ['a header claiming UTF-16 over ASCII-readable bytes is ignored', bytes('<rss>caf\u00e9</rss>'), 'text/xml; charset=utf-16', '<rss>café</rss>'],
    ['a header claiming UTF-32 over ASCII-readable bytes is ignored', bytes('<rss>caf\u00e9</rss>'), 'text/xml; charset=UTF-32', '<rss>café</rss>'],
    ['header says Shift_JIS, bytes are valid UTF-8', bytes('<t>\u65e5\u672c</t>'), 'text/xml; charset=Shift_JIS', '<t>日本</t>'],
    ['a charset browsers refuse (HZ) falls through', bytes('<t>caf\u00e9</t>'), 'text/xml; charset=hz-gb-2312', '<t>café</t>'],
    ['ISO-2022-JP (7-bit, so valid UTF-8) is trusted', bytes([0x1b, 0x24, 0x42, 0x46, 0x7c, 0x4b, 0x5c, 0x1b, 0x28, 0x42]), 'text/xml; charset=iso-2022-jp', '日本'],
    ['an empty body', new Uint8Array(0), 'text/xml', ''],
  ])('%s', (_name, input, contentType, expected) => {
    expect(decodeBody(input, contentType)).toBe(expected);
  });
});
