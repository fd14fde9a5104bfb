// JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1), read defensively: every field is
// untrusted, so wrong types are skipped rather than trusted or thrown on.
import { FeedParseError } from '../feedErrors.ts';
import type { RawFeed, RawItem } from './feedTypes.ts';
import type { Media } from '../../config/schema.ts';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** Ids are strings, but version 1.0 feeds sometimes give numbers. */
function idOf(value: unknown): string | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : str(value)?.trim();
}

function strings(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.flatMap((entry) => (typeof entry === 'string' && entry.trim() !== '' ? [entry] : []));
}

/** 1.1 `authors` (array), else 1.0 `author` (object): names only. */
function authorNames(holder: Json): string[] {
  const list = Array.isArray(holder.authors) ? holder.authors : isObject(holder.author) ? [holder.author] : [];
  return list.flatMap((author) => (isObject(author) && typeof author.name === 'string' ? [author.name] : []));
}

function readMedia(item: Json): Media[] {
  const media: Media[] = [];
  if (Array.isArray(item.attachments)) {
    for (const attachment of item.attachments) {
      if (!isObject(attachment) || typeof attachment.url !== 'string') continue;
      const size = attachment.size_in_bytes;
      media.push({
        url: attachment.url,
        ...(typeof attachment.mime_type === 'string' ? { type: attachment.mime_type } : {}),
        ...(typeof size === 'number' && Number.isSafeInteger(size) && size > 0 ? { length: size } : {}),
        ...(typeof attachment.title === 'string' ? { title: attachment.title } : {}),
      });
    }
  }
  // The item's main image is media too, after the attachments.
  for (const key of ['image', 'banner_image'] as const) {
    const url = str(item[key]);
    if (url) media.push({ url, medium: 'image' });
  }
  return media;
}

/**
 * Reply and origin links: the `_widenet` extension ({ "inReplyTo": [...], "via": "..." }),
 * also accepted as item-level `inReplyTo` / `in_reply_to`.
 */
function readExtension(item: Json): Pick<RawItem, 'inReplyTo' | 'via'> {
  const extension = isObject(item._widenet) ? item._widenet : {};
  const inReplyTo = [
    ...strings(extension.inReplyTo),
    ...strings(extension.in_reply_to),
    ...strings(item.inReplyTo),
    ...strings(item.in_reply_to),
  ];
  // external_url is the page a link post is about: the nearest JSON Feed has to a source.
  const via = str(extension.via) ?? str(item.external_url);
  return { inReplyTo, ...(via ? { via } : {}) };
}

function readItem(item: Json, feedAuthors: string[]): RawItem {
  const id = idOf(item.id);
  const url = str(item.url);
  const title = str(item.title);
  const authors = authorNames(item);
  const html = str(item.content_html);
  const text = str(item.content_text);
  const summary = str(item.summary);
  const published = str(item.date_published);
  const updated = str(item.date_modified);
  return {
    ...(id ? { guid: id } : {}),
    ...(url ? { link: url } : {}),
    ...(title ? { title: { type: 'untyped' as const, value: title } } : {}),
    // JSON Feed 1.1: an item without authors has the feed's.
    authors: authors.length > 0 ? authors : feedAuthors,
    ...(published ? { published } : {}),
    ...(updated ? { updated } : {}),
    ...(html ? { content: { type: 'html' as const, value: html } } : text ? { content: { type: 'text' as const, value: text } } : {}),
    ...(summary ? { summary: { type: 'text' as const, value: summary } } : {}),
    tags: strings(item.tags),
    media: readMedia(item),
    inReplyToHrefs: [],
    ...readExtension(item),
  };
}

// The spec's URL, give or take http:// and a trailing slash.
const EXACT_VERSION = /^\s*https?:\/\/jsonfeed\.org\/version\/1(?:\.\d+)?\/?\s*$/;
// Versions seen in the wild: "1.1", "v1", "https://www.jsonfeed.org/version/1.1#".
const LOOSE_VERSION = /jsonfeed\.org\/version\/1|^\s*v?1(?:\.\d+)?\s*$/i;

/**
 * Reads a parsed JSON Feed 1.0 or 1.1 document into raw items for `parseFeed` to finish
 * (resolve URLs, sanitize HTML, parse dates). A `version` that is not exactly the spec's URL
 * ("1.1", "v1") or a missing one beside a `feed_url` or `home_page_url` is
 * read as JSON Feed 1.1 and noted in `recovered`. Throws `FeedParseError` for other JSON.
 *
 * @example readJsonFeed({ version: 'https://jsonfeed.org/version/1.1', title: 'ABC', items: [] }, url).format // 'json'
 */
export function readJsonFeed(data: unknown, feedUrl: string): RawFeed & { recovered: string[] } {
  const notAFeed = () => new FeedParseError('not-a-feed', 'not a feed: JSON without "version": "https://jsonfeed.org/version/1..."', feedUrl);
  if (!isObject(data)) throw notAFeed();
  const version = data.version;
  const recovered: string[] = [];
  if (typeof version !== 'string' || !EXACT_VERSION.test(version)) {
    const loose = typeof version === 'string' ? LOOSE_VERSION.test(version) : version === undefined && (str(data.feed_url) ?? str(data.home_page_url)) !== undefined;
    if (!loose || !Array.isArray(data.items)) throw notAFeed();
    recovered.push(version === undefined ? 'JSON Feed without "version", read as 1.1' : `JSON Feed "version": ${JSON.stringify(version)} is not https://jsonfeed.org/version/1.1, read as 1.1`);
  }
  if (!Array.isArray(data.items)) {
    throw new FeedParseError('not-a-feed', 'not a feed: JSON Feed without an "items" array', feedUrl);
  }
  const feedAuthors = authorNames(data);
  const title = str(data.title);
  const home = str(data.home_page_url);
  return {
    format: 'json',
    ...(title ? { title: { type: 'untyped' as const, value: title } } : {}),
    ...(home ? { home } : {}),
    items: data.items.filter(isObject).map((item) => readItem(item, feedAuthors)),
    recovered,
  };
}
