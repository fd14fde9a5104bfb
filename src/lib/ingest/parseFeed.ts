// Reads RSS 0.9x/1.0/2.0 (with or without a version), RDF, Atom 0.3/1.0 and JSON Feed 1.0/1.1 into
// one plain shape. Broken feeds are read as far as a person would read them: the lenient XML reader
// (xml/readXml.ts) repairs what it must and says so in `recovered`.
import { truncateText } from '../html/htmlText.ts';
import { cleanPlainText } from '../html/textCharacters.ts';
import { MAX_HTML_DEPTH } from '../html/parseHtmlFragment.ts';
import { resolveUrl } from '../html/sanitizeHtml.ts';
import { FeedParseError } from './feedErrors.ts';
import { finishItem, TITLE_MAX, type FinishStats } from './formats/feedItem.ts';
import { titleText } from './formats/feedText.ts';
import type { FeedItem, ParsedFeed, RawFeed } from './formats/feedTypes.ts';
import { readJsonFeed } from './formats/jsonFeed.ts';
import { readXmlFeed } from './formats/xmlFeed.ts';

export { FeedParseError } from './feedErrors.ts';
export { toIsoDate } from './formats/feedDates.ts';
export { mediumOf } from './formats/feedMedia.ts';
export { SUMMARY_MAX, TITLE_MAX } from './formats/feedItem.ts';
export type { FeedItem, ParsedFeed, RawFeed, RawItem, TypedText } from './formats/feedTypes.ts';

/**
 * Parses a decoded feed body (see `decodeBody`) into a `ParsedFeed`: titles as plain text,
 * HTML sanitized, URLs absolute, dates in ISO 8601 UTC, every item kept, and in
 * `recovered` one note per kind of repair (broken XML, an odd JSON Feed version, cut titles).
 * Throws `FeedParseError` for an empty body, an HTML page, random bytes, XML without a root
 * element or that is no feed, and JSON that does not parse or is no feed.
 *
 * @example
 * const feed = await parseFeed(decodeBody(bytes, contentType), 'https://abc.example/feed.xml');
 * feed.items[0].url // 'https://abc.example/2026/11/strike'
 */
export async function parseFeed(text: string, feedUrl: string): Promise<ParsedFeed> {
  const body = text.replace(/^\uFEFF/, '').trimStart();
  if (body.trim() === '') throw new FeedParseError('empty', 'not a feed: the body is empty', feedUrl);
  const first = body[0];
  let raw: RawFeed & { recovered: string[] };
  if (first === '{' || first === '[') {
    let data: unknown;
    try {
      data = JSON.parse(body);
    } catch (error) {
      throw new FeedParseError('invalid-json', `invalid JSON: ${(error as Error).message}`, feedUrl, { cause: error });
    }
    raw = readJsonFeed(data, feedUrl);
  } else if (first === '<') {
    raw = readXmlFeed(body, feedUrl);
  } else {
    throw new FeedParseError('not-a-feed', `not a feed: the body is neither XML nor JSON (it starts with ${JSON.stringify(body.slice(0, 16))})`, feedUrl);
  }
  return finishFeed(raw, feedUrl);
}

/** Resolves the feed's home and finishes every item. */
function finishFeed(raw: RawFeed & { recovered: string[] }, feedUrl: string): ParsedFeed {
  const home = raw.home ? resolveUrl(raw.home, raw.xmlBase ?? feedUrl) : undefined;
  const stats: FinishStats = { flattened: 0, titlesCut: 0 };
  // Every item is kept, even one with neither link nor guid, or one repeated: a reader shows each
  // as an item. Repeats collapse where articles are stored, by article id.
  const items: FeedItem[] = raw.items.map((rawItem) => finishItem(rawItem, home, feedUrl, stats));
  const recovered = [...raw.recovered];
  if (stats.flattened > 0) recovered.push(`HTML nested deeper than ${MAX_HTML_DEPTH} elements flattened (${stats.flattened} elements unwrapped, their text kept)`);
  if (stats.titlesCut > 0) recovered.push(`${stats.titlesCut === 1 ? 'a title' : `${stats.titlesCut} titles`} longer than ${TITLE_MAX} characters cut`);
  const title = truncateText(cleanPlainText(titleText(raw.title)), TITLE_MAX);
  return {
    format: raw.format,
    title,
    ...(home ? { home } : {}),
    items,
    ...(recovered.length > 0 ? { recovered } : {}),
  };
}
