// JSON Feed 1.1 (https://jsonfeed.org/version/1.1): the frame and items of a feed.
import type { FeedItem } from './feedModel.ts';
import type { FeedWriter } from './feedWriter.ts';

/**
 * JSON Feed 1.1: `title` and `summary` plain text, `content_html`, the article page as `id` and
 * `url`, the original article as `external_url`, media as `attachments`, the feed's own URL as
 * `feed_url` and the WebSub hub in `hubs`. One item per line.
 *
 * @example JSON.parse(renderFeeds(doc).json).items[0].external_url // 'https://abc.example/2026/11/abc-01'
 */
export const jsonWriter: FeedWriter = {
  format: 'json',
  frame: (doc) => {
    const head = {
      version: 'https://jsonfeed.org/version/1.1',
      title: doc.title,
      home_page_url: doc.home,
      feed_url: doc.self.json,
      description: doc.description,
      language: doc.lang,
      ...(doc.hub && { hubs: [{ type: 'WebSub', url: doc.hub }] }),
    };
    const fields = Object.entries(head).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},`);
    return { head: `{\n${fields.join('\n')}\n  "items": [\n`, separator: ',\n', tail: '\n  ]\n}\n' };
  },
  item: (_doc, item) => `    ${JSON.stringify(jsonItem(item))}`,
};

function jsonItem(item: FeedItem) {
  return {
    id: item.id,
    url: item.id,
    ...(item.original && { external_url: item.original }),
    title: item.title,
    ...(item.summary && { summary: item.summary }),
    content_html: item.contentHtml,
    date_published: item.published,
    date_modified: item.updated,
    authors: item.authors.map((name) => ({ name })),
    ...(item.tags.length > 0 && { tags: item.tags }),
    ...(item.media.length > 0 && {
      attachments: item.media.map((m) => ({ url: m.url, mime_type: m.type, ...(m.title && { title: m.title }), ...(m.length && { size_in_bytes: m.length }) })),
    }),
  };
}
