// Reads RSS 0.9x/2.0, RSS 1.0 (RDF), Atom 0.3/1.0 and JSON Feed 1.0/1.1 into one plain shape.
// The readers (feed/xmlFeed.ts, parseJsonFeed.ts) return items as written; feed/feedItem.ts
// finishes each one the same way whatever the format.
import { FeedParseError } from './feedErrors.ts';
import { finishItem, typedTextToPlain } from './formats/feedItem.ts';
import type { FeedItem, ParsedFeed, RawFeed } from './formats/feedTypes.ts';
import { readXmlFeed } from './formats/xmlFeed.ts';
import { readJsonFeed } from './formats/jsonFeed.ts';
import { resolveUrl } from '../html/sanitizeHtml.ts';

export { FeedParseError } from './feedErrors.ts';
export { toIsoDate } from './formats/feedDates.ts';
export { mediumOf } from './formats/feedMedia.ts';
export type { FeedItem, ParsedFeed, RawFeed, RawItem, TypedText } from './formats/feedTypes.ts';

/**
 * Parses a decoded feed body (see `decodeBody`) into a `ParsedFeed`: titles as plain text,
 * HTML sanitized, URLs absolute, dates in ISO 8601 UTC, exact duplicate items dropped.
 * Throws `FeedParseError` for an empty body, an HTML page, random bytes, broken XML or JSON.
 *
 * @example
 * const feed = await parseFeed(decodeBody(bytes, contentType), 'https://abc.example/feed.xml');
 * feed.items[0].url // 'https://abc.example/2026/11/strike'
 */
export async function parseFeed(text: string, feedUrl: string): Promise<ParsedFeed> {
  const body = text.replace(/^\uFEFF/, '').trimStart();
  if (body.trim() === '') throw new FeedParseError('empty', 'not a feed: the body is empty', feedUrl);
  const first = body[0];
  let raw: RawFeed;
  if (first === '{' || first === '[') {
    let data: unknown;
    try {
      data = JSON.parse(body);
    } catch (error) {
      throw new FeedParseError('invalid-json', `invalid JSON: ${(error as Error).message}`, feedUrl, { cause: error });
    }
    raw = readJsonFeed(data, feedUrl);
  } else if (first === '<') {
    raw = await readXmlFeed(body, feedUrl);
  } else {
    throw new FeedParseError('not-a-feed', `not a feed: the body is neither XML nor JSON (it starts with ${JSON.stringify(body.slice(0, 16))})`, feedUrl);
  }
  return finishFeed(raw, feedUrl);
}

/** Resolves the feed's home and finishes every item, dropping non-articles and verbatim repeats. */
function finishFeed(raw: RawFeed, feedUrl: string): ParsedFeed {
  const home = raw.home ? resolveUrl(raw.home, raw.xmlBase ?? feedUrl) : undefined;
  const items: FeedItem[] = [];
  const seen = new Set<string>();
  for (const rawItem of raw.items) {
    const item = finishItem(rawItem, home, feedUrl);
    // Nothing to show and nothing to link to: not an article.
    if (!item.title && !item.url && !item.guid && !item.html) continue;
    // Publishers sometimes repeat an item verbatim; keep the first, as readers do.
    const key = item.guid || item.url ? `${item.guid ?? ''}\n${item.url ?? ''}` : `\n\n${item.title}\n${item.html}`;
    if (seen.has(key)) continue;
    seen.add(key);
    items.push(item);
  }
  return { format: raw.format, title: typedTextToPlain(raw.title), ...(home ? { home } : {}), items };
}
