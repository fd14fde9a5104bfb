// A publisher's unsafe link is dropped at ingest; the article page then says there is no usable
// link, instead of an "Original" link that points at the page itself.
import { describe, expect, it } from 'vitest';
import { mergeArticle } from '../../src/lib/ingest/mergeArticle.ts';
import { parseFeed } from '../../src/lib/ingest/parseFeed.ts';
import { createPaths } from '../../src/lib/site/paths.ts';
import { createSiteModel } from '../../src/lib/site/siteModel.ts';
import { NO_ORIGINAL_LINK } from '../../src/lib/site/views/articleSections.ts';
import { articleView } from '../../src/lib/site/views/articleView.ts';
import { makeDb, NOW } from '../helpers/makeDb.ts';

const rss = (link: string, enclosure = '') => `<?xml version="1.0"?>
<rss version="2.0"><channel><title>ABC</title><link>https://abc.example/</link>
<item><guid isPermaLink="false">a1</guid><title>Strike vote</title><link>${link}</link><pubDate>Tue, 17 Nov 2026 09:00:00 GMT</pubDate><description>Text.</description>${enclosure}</item>
</channel></rss>`;

describe('the Original link of an article', () => {
  it.each<[string, string, { href?: string; text: string }]>([
    ['javascript:', 'javascript:alert(1)', { text: NO_ORIGINAL_LINK }],
    ['data:', 'data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;', { text: NO_ORIGINAL_LINK }],
    ['vbscript:', 'vbscript:msgbox(1)', { text: NO_ORIGINAL_LINK }],
    ['JavaScript: in capitals, with spaces', ' JaVaScRiPt:alert(1)', { text: NO_ORIGINAL_LINK }],
    ['none at all', '', { text: NO_ORIGINAL_LINK }],
    ['a relative link, resolved', '/2026/strike', { href: 'https://abc.example/2026/strike', text: 'https://abc.example/2026/strike' }],
  ])('%s', async (_name, link, original) => {
    const feed = await parseFeed(rss(link, '<enclosure url="javascript:alert(1)" type="audio/mpeg" length="1"/>'), 'https://abc.example/feed.xml');
    const { article } = mergeArticle(undefined, feed.items[0]!, { contingent: { id: 'abc', license: 'CC0-1.0' }, now: NOW.toISOString() });
    const model = createSiteModel(makeDb({ articles: [article] }), { now: NOW, paths: createPaths({ base: '/', site: 'https://example.org' }) });
    const view = articleView(model, model.index.article(article.id)!);
    expect(view.original).toEqual(original);
    expect(view.media).toEqual([]);
    expect(view.credit.html).not.toContain('href=""');
    expect(view.credit.html).not.toMatch(/script:/i);
    if (!original.href) expect(view.credit.text).toBe('“Strike vote”, The abc contingent of Wide Net. License: CC0-1.0.');
  });
});
