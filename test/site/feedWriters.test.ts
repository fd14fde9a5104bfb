// The feed writers' pure parts: XML text encoding, size bounds, and the item model's guards, for
// stored text that never went through ingest.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPaths } from '../../src/lib/site/paths.ts';
import { createSiteModel } from '../../src/lib/site/siteModel.ts';
import { fitItems, utf8Bytes } from '../../src/lib/site/writers/feedBounds.ts';
import { editionFeedDocument } from '../../src/lib/site/writers/feedModel.ts';
import { renderFeeds } from '../../src/lib/site/writers/publishFeeds.ts';
import { cdata, escapeXml, rssPlainText } from '../../src/lib/site/writers/xml.ts';
import { expat, xmllint } from '../helpers/feedReaders.ts';
import { hoursAgo, makeDb, NOW } from '../helpers/makeDb.ts';

describe('XML text: the characters XML 1.0 forbids are dropped, markup encoded', () => {
  it.each([
    [escapeXml, 'Tom & "Jerry" <3\u0007', 'Tom &amp; &quot;Jerry&quot; &lt;3'],
    [rssPlainText, 'AT&T <b>x</b>\u0000', 'AT&#x26;T &#x3C;b&#x3E;x&#x3C;/b&#x3E;'],
    [cdata, '<p>a]]>b\u0001</p>', '<![CDATA[<p>a]]]]><![CDATA[>b</p>]]>'],
  ])('%o encodes %j', (encode, input, output) => expect(encode(input)).toBe(output));
});

describe('size bounds', () => {
  it.each([
    ['ascii', 5],
    ['é', 2],
    ['€', 3],
    ['\uD83D\uDE00', 4],
    ['é€\uD83D\uDE00a', 10],
  ])('utf8Bytes(%j) is %i', (text, bytes) => expect(utf8Bytes(text)).toBe(bytes));

  const frames = [{ head: '[', separator: ',', tail: ']' }, { head: '<f>', separator: '', tail: '</f>' }];
  const render = (s: string) => [s, `<i>${s}</i>`];
  it('takes items while every format fits, and the same count in each', () => {
    // Format 2 is larger: '<f>' + 2 × '<i>aaa</i>' + '</f>' = 27 bytes; a third item makes 37.
    expect(fitItems(['aaa', 'bbb', 'ccc'], frames, render, 30)).toEqual({ count: 2, parts: [['aaa', 'bbb'], ['<i>aaa</i>', '<i>bbb</i>']] });
  });
  it('always takes the first item, however large', () => {
    expect(fitItems(['x'.repeat(100), 'y'], frames, render, 10).count).toBe(1);
  });
  it('reads lazily: stops at the first item that does not fit', () => {
    let made = 0;
    const items = (function* () {
      for (;;) {
        made++;
        yield 'item';
      }
    })();
    expect(fitItems(items, frames, render, 60).count).toBe(4);
    expect(made).toBe(5);
  });
});

describe('the item model guards what content/ holds', () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  const db = makeDb({
    articles: [
      {
        id: 'a1', published: hoursAgo(1), title: 'Title\u0007 with \uD800lone\u202E', summary: 'Sum\uDC00mary\u0000', html: '<p>Body \uDBFF\u0001</p>',
        authors: ['Au\uFFFEthor'], tags: [...Array.from({ length: 60 }, (_, i) => `tag${i}\u0002`)],
        media: [{ url: 'https://abc.example/a.mp3\u0003', type: 'audio/mpeg', medium: 'audio' }, { url: 'javascript:alert(1)', medium: 'image' }],
      },
    ],
    editions: [{ id: 'e', title: 'E\u0000' }],
  });
  const model = createSiteModel(db, { now: NOW, paths: createPaths({ base: '/', site: 'https://example.org' }) });

  it('drops XML-forbidden characters from every field (and bidi controls from text), caps tags at 50, keeps only http(s) media', () => {
    const [item] = [...editionFeedDocument(model, 'e').items];
    expect(item).toMatchObject({ title: 'Title with lone', summary: 'Summary', authors: ['Author'], media: [{ url: 'https://abc.example/a.mp3', type: 'audio/mpeg' }] });
    expect(item!.contentHtml.startsWith('<p>Body </p><hr>')).toBe(true);
    expect(item!.tags).toHaveLength(50);
    expect(item!.tags[0]).toBe('tag0');
  });

  it('the three files are well-formed for libxml2 and expat, and valid JSON without lone surrogates', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'widenet-feedwriters-'));
    dirs.push(dir);
    const feeds = renderFeeds(editionFeedDocument(model, 'e'));
    for (const format of ['rss', 'atom'] as const) {
      const file = join(dir, `${format}.xml`);
      await writeFile(file, feeds[format]);
      expect(await xmllint(file)).toBe('');
      expect(await expat(file)).toBe('');
    }
    expect(feeds.json).not.toMatch(/\\ud[89a-f]/i);
    expect(JSON.parse(feeds.json).items[0].title).toBe('Title with lone');
  });

  it('a feed is dated by its newest item, not by the build, so an unchanged feed stays byte-identical', () => {
    const later = createSiteModel(db, { now: new Date('2027-01-01T00:00:00Z'), paths: createPaths({ base: '/', site: 'https://example.org' }) });
    const [now, then] = [renderFeeds(editionFeedDocument(model, 'e')), renderFeeds(editionFeedDocument(later, 'e'))];
    expect(now.atom).toContain(`<updated>${new Date(hoursAgo(1)).toISOString()}</updated>`);
    expect(then).toEqual(now);
  });

  it('without websub.hub, no hub link; a single-edition build publishes its feeds at the base', () => {
    const single = createSiteModel(db, { now: NOW, edition: 'e', paths: createPaths({ base: '/news/', site: 'https://example.org', edition: 'e' }) });
    const feeds = renderFeeds(editionFeedDocument(single, 'e'));
    expect(feeds.rss).not.toContain('rel="hub"');
    expect(feeds.rss).toContain('<atom:link href="https://example.org/news/rss.xml" rel="self" type="application/rss+xml"/>');
    expect(feeds.atom).toContain('<link rel="self" type="application/atom+xml" href="https://example.org/news/atom.xml"/>');
    expect(JSON.parse(feeds.json)).toMatchObject({ feed_url: 'https://example.org/news/feed.json', home_page_url: 'https://example.org/news/' });
    expect(JSON.parse(feeds.json).hubs).toBeUndefined();
  });
});
