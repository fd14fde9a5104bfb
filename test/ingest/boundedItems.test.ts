// What one item may cost everyone else is bounded at ingest (issue 16 §2 and §4).
import { describe, expect, it } from 'vitest';
import { MAX_HTML_DEPTH } from '../../src/lib/html/parseHtmlFragment.ts';
import { parseFeed } from '../../src/lib/ingest/parseFeed.ts';

const rss = (...items: string[]) => `<?xml version="1.0"?><rss version="2.0"><channel><title>Bounds</title>${items.join('')}</channel></rss>`;

describe('nesting', () => {
  it('flattens an HTML body nesting 100,000 elements, keeps its text and the other items, and says so', async () => {
    const depth = 100_000;
    const body = `${'<div>'.repeat(depth)}the bottom${'</div>'.repeat(depth)}`;
    const feed = await parseFeed(
      rss(
        '<item><title>Before</title><link>https://b.example/1</link></item>',
        `<item><title>Deep</title><link>https://b.example/2</link><description><![CDATA[<p>Top text.</p>${body}]]></description></item>`,
        '<item><title>After</title><link>https://b.example/3</link></item>',
      ),
      'https://b.example/feed',
    );
    expect(feed.items.map((item) => item.title)).toEqual(['Before', 'Deep', 'After']);
    const deep = feed.items[1]!;
    expect(deep.summary).toBe('Top text.');
    expect(deep.html).toBe(`<p>Top text.</p>${'<div>'.repeat(MAX_HTML_DEPTH)}the bottom${'</div>'.repeat(MAX_HTML_DEPTH)}`);
    expect(feed.recovered).toEqual([`HTML nested deeper than ${MAX_HTML_DEPTH} elements flattened (${depth - MAX_HTML_DEPTH} elements unwrapped, their text kept)`]);
  });
});

describe('titles and summaries', () => {
  it('cuts a 100,000-character title to at most 300 characters on a word boundary, with an ellipsis, and says so', async () => {
    const words = Array.from({ length: 20_000 }, (_, i) => `w${i % 10}xyz`).join(' ');
    const feed = await parseFeed(rss(`<item><title>${words}</title><link>https://b.example/long</link></item>`), 'https://b.example/feed');
    const title = feed.items[0]!.title;
    expect(title.length).toBeLessThanOrEqual(300);
    expect(title.length).toBeGreaterThan(280);
    expect(title).toMatch(/^w0xyz w1xyz w2xyz .* w\dxyz…$/);
    expect(feed.recovered).toEqual(['a title longer than 300 characters cut']);
  });

  it('cuts a long summary to at most 400 characters', async () => {
    const text = Array.from({ length: 5_000 }, () => 'word').join(' ');
    const feed = await parseFeed(rss(`<item><title>S</title><description>${text}</description></item>`), 'https://b.example/feed');
    expect(feed.items[0]!.summary.length).toBeLessThanOrEqual(400);
    expect(feed.items[0]!.summary).toMatch(/^word word .* word…$/);
  });

  it('bounds authors and tags: 20 names of at most 200 characters, 50 tags of at most 100', async () => {
    const authors = Array.from({ length: 30 }, (_, i) => `<dc:creator>Author ${i} ${'x'.repeat(300)}</dc:creator>`).join('');
    const tags = Array.from({ length: 80 }, (_, i) => `<category>tag ${i} ${'y'.repeat(150)}</category>`).join('');
    const feed = await parseFeed(rss(`<item xmlns:dc="http://purl.org/dc/elements/1.1/"><title>T</title>${authors}${tags}</item>`), 'https://b.example/feed');
    const [item] = feed.items;
    expect(item!.authors).toHaveLength(20);
    expect(item!.tags).toHaveLength(50);
    expect(Math.max(...item!.authors.map((a) => a.length))).toBeLessThanOrEqual(200);
    expect(Math.max(...item!.tags.map((t) => t.length))).toBeLessThanOrEqual(100);
    expect(item!.authors[0]).toMatch(/^Author 0 x+…$/);
  });
});

describe('bidirectional controls', () => {
  it.each([
    ['an override', 'Price is \u202Efree\u202C today', 'Price is free today'],
    ['an unterminated override', 'Unterminated \u202E tail', 'Unterminated tail'],
    ['isolates and embeddings', '\u2066a\u2069 \u2067b\u2069 \u2068c\u2069 \u202Ad\u202C \u202Be\u202C \u202Df\u202C', 'a b c d e f'],
    ['marks, which cannot reorder their neighbours, and RTL letters', 'שלום \u200Fa\u200E', 'שלום \u200Fa\u200E'],
  ])('are stripped from titles, authors and tags: %s', async (_name, written, stored) => {
    const feed = await parseFeed(
      rss(`<item><title>${written}</title><author>x@b.example (${written})</author><category>${written}</category><description>${written}</description></item>`),
      'https://b.example/feed',
    );
    const [item] = feed.items;
    expect([item!.title, item!.authors[0], item!.tags[0]]).toEqual([stored, stored, stored]);
    expect(item!.summary).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
  });
});
