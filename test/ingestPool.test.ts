import { afterAll, describe, expect, it } from 'vitest';
import { FeedParseError } from '../src/lib/feedErrors.ts';
import { createFeedParser } from '../scripts/lib/feedParserPool.ts';

const rss = (title: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title><item><guid>g</guid><title>${title} item</title><description>&lt;p onclick="x()"&gt;hi&lt;/p&gt;</description></item></channel></rss>`;

describe('feed parser pool (worker threads)', () => {
  const parser = createFeedParser(2);
  afterAll(() => parser.close());

  it('parses and sanitizes feeds on workers, many at once', async () => {
    const feeds = await Promise.all(Array.from({ length: 10 }, (_, i) => parser.parse(rss(`Feed ${i}`), `https://c${i}.example/feed`)));
    expect(feeds.map((f) => f.title)).toEqual(Array.from({ length: 10 }, (_, i) => `Feed ${i}`));
    expect(feeds[0]!.items[0]!.html).toBe('<p>hi</p>');
  });

  it('passes FeedParseError back across the thread boundary', async () => {
    const error = await parser.parse('<!doctype html><html><body>home</body></html>', 'https://x.example/').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FeedParseError);
    expect((error as FeedParseError).message).toMatch(/not a feed/);
  });
});
