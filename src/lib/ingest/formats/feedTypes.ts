// The shapes a feed passes through: readers (XML, JSON) produce a RawFeed as written,
// finishing turns it into the ParsedFeed that callers store.
import type { Media } from '../../config/schema.ts';

export interface ParsedFeed {
  format: 'rss' | 'rdf' | 'atom' | 'json';
  title: string;
  home?: string;
  items: FeedItem[];
  /** What was repaired to read this feed (broken XML, a JSON Feed's version, nesting cut), one note per kind. */
  recovered?: string[];
}

export interface FeedItem {
  guid?: string;
  url?: string; // absolute url (resolved)
  title: string; // plain text, entities decoded, tags stripped, whitespace collapsed; '' if none
  authors: string[];
  published?: string; // ISO 8601 UTC when parseable; no clamping here
  updated?: string;
  html: string; // sanitized html of the fullest content, relative URLs absolute
  summary: string; // plain text, at most ~400 characters
  tags: string[];
  media: Media[];
  inReplyTo?: string[];
  via?: string;
}

/**
 * Text as the feed gives it: `html` is markup (RSS descriptions, Atom type="html"), `text` is plain
 * text (Atom type="text"), `untyped` is what RSS and JSON Feed titles are: text, unless it looks
 * like HTML the way the Universal Feed Parser judges it (see titleText).
 */
export interface TypedText {
  type: 'text' | 'html' | 'untyped';
  value: string;
}

/** An item as read from XML or JSON, before URLs are resolved and HTML is sanitized. */
export interface RawItem {
  guid?: string;
  link?: string; // as written; resolved against xmlBase, then the feed's home, then the feed URL
  xmlBase?: string; // absolute in-scope xml:base of the item
  contentBase?: string; // absolute xml:base of the content element, if it has its own
  title?: TypedText;
  authors: string[];
  published?: string; // raw date strings
  updated?: string;
  content?: TypedText; // the fullest body
  summary?: TypedText; // the description or summary, if the feed gives one
  tags: string[];
  media: Media[]; // urls as written
  inReplyTo: string[]; // refs, kept as written
  inReplyToHrefs: string[]; // hrefs, resolved like links
  via?: string; // as written
}

export interface RawFeed {
  format: ParsedFeed['format'];
  title?: TypedText;
  home?: string; // as written
  xmlBase?: string; // absolute
  items: RawItem[];
}
