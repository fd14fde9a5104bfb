// Reads RSS 0.9x/2.0, RSS 1.0 (RDF), Atom 0.3/1.0 and JSON Feed 1.0/1.1 into one plain shape.
// rss-parser splits the XML into channel and items; the fields it gets wrong or drops are read
// from the raw xml2js nodes it hands back through `customFields` (see RAW_ITEM_KEYS).
import Parser from 'rss-parser';
import { FeedParseError } from './feedErrors.ts';
import { readJsonFeed } from './parseJsonFeed.ts';
import type { Media } from './schema.ts';
import {
  collapseWhitespace,
  escapeHtml,
  firstParagraphText,
  htmlToText,
  resolveUrl,
  sanitizeHtmlToTree,
  textToHtml,
  treeToHtml,
  truncateText,
} from './sanitizeHtml.ts';

export { FeedParseError } from './feedErrors.ts';

export interface ParsedFeed {
  format: 'rss' | 'rdf' | 'atom' | 'json';
  title: string;
  home?: string;
  items: FeedItem[];
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

/** Text as the feed gives it: `html` is markup (RSS, Atom type="html"), `text` is plain text. */
export interface TypedText {
  type: 'text' | 'html';
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

const SUMMARY_MAX = 400;

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

// ---------------------------------------------------------------- finishing (shared by XML and JSON)

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

function finishItem(raw: RawItem, home: string | undefined, feedUrl: string): FeedItem {
  const url = raw.link ? resolveUrl(raw.link, raw.xmlBase ?? home ?? feedUrl) : undefined;
  const itemBase = raw.xmlBase ?? url ?? home ?? feedUrl;
  const body = nonEmpty(raw.content) ?? nonEmpty(raw.summary);
  const tree = body ? sanitizeHtmlToTree(body.type === 'html' ? body.value : textToHtml(body.value), raw.contentBase ?? itemBase) : undefined;
  const summarySource = nonEmpty(raw.content) ? nonEmpty(raw.summary) : undefined;
  // A description that is only an image has no text; then the content's first paragraph stands in.
  const summary = typedTextToPlain(summarySource) || (tree ? firstParagraphText(tree) : '');

  const item: FeedItem = {
    ...(raw.guid ? { guid: raw.guid } : {}),
    ...(url ? { url } : {}),
    title: typedTextToPlain(raw.title),
    authors: uniqueStrings(raw.authors.map(collapseWhitespace), false),
    ...optional('published', toIsoDate(raw.published)),
    ...optional('updated', toIsoDate(raw.updated)),
    html: tree ? treeToHtml(tree).trim() : '',
    summary: truncateText(summary, SUMMARY_MAX),
    tags: uniqueStrings(raw.tags.map(collapseWhitespace), true),
    media: finishMedia(raw.media, itemBase),
  };
  const inReplyTo = uniqueStrings(
    [...raw.inReplyTo.map((ref) => ref.trim()), ...raw.inReplyToHrefs.map((href) => resolveUrl(href, itemBase) ?? '')],
    false,
  );
  if (inReplyTo.length > 0) item.inReplyTo = inReplyTo;
  const via = raw.via ? resolveUrl(raw.via, itemBase) : undefined;
  if (via) item.via = via;
  return item;
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}

function nonEmpty(text: TypedText | undefined): TypedText | undefined {
  return text && text.value.trim() !== '' ? text : undefined;
}

/**
 * Plain text of a title or summary. HTML is stripped; plain text only has its (often
 * double-escaped) character references decoded, so a literal `<table>` in a text title survives.
 */
function typedTextToPlain(text: TypedText | undefined): string {
  if (!text) return '';
  if (text.type === 'html') return collapseWhitespace(htmlToText(text.value));
  if (!text.value.includes('&')) return collapseWhitespace(text.value);
  const escaped = text.value.replace(/</g, '&lt;').replace(/&(?!#\d+;|#x[\da-f]+;|[a-z][a-z\d]*;)/gi, '&amp;');
  return collapseWhitespace(htmlToText(escaped));
}

/** Trimmed, non-empty, first spelling kept; `ignoreCase` merges "News" and "news". */
function uniqueStrings(values: string[], ignoreCase: boolean): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const value of values) {
    const clean = value.trim();
    const key = ignoreCase ? clean.toLowerCase() : clean;
    if (clean === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(clean);
  }
  return out;
}

// ---------------------------------------------------------------- media

const EXTENSION_MEDIUM: Record<string, Media['medium']> = {
  jpg: 'image', jpeg: 'image', png: 'image', gif: 'image', webp: 'image', avif: 'image', svg: 'image',
  mp3: 'audio', m4a: 'audio', ogg: 'audio', oga: 'audio', opus: 'audio', wav: 'audio', flac: 'audio', aac: 'audio',
  mp4: 'video', m4v: 'video', webm: 'video', mov: 'video', ogv: 'video',
  pdf: 'document', epub: 'document', doc: 'document', docx: 'document', odt: 'document', txt: 'document',
};
const DOCUMENT_TYPES = /^(?:application\/(?:pdf|epub\+zip|msword|rtf|vnd\.openxmlformats-officedocument\.[\w.]+|vnd\.oasis\.opendocument\.[\w.]+)|text\/(?:plain|markdown|csv))$/;

/**
 * The medium of an enclosure: from its MIME type, else Media RSS `medium`, else the file extension.
 *
 * @example mediumOf('https://abc.example/a.mp3', 'audio/mpeg') // 'audio'
 */
export function mediumOf(url: string, type?: string, declared?: string): Media['medium'] {
  const mime = type?.split(';')[0]?.trim().toLowerCase();
  if (mime) {
    const major = mime.split('/')[0];
    if (major === 'image' || major === 'audio' || major === 'video') return major;
    if (DOCUMENT_TYPES.test(mime)) return 'document';
  }
  const medium = declared?.trim().toLowerCase();
  if (medium === 'image' || medium === 'audio' || medium === 'video' || medium === 'document') return medium;
  if (medium === 'executable') return 'other';
  if (mime) return 'other';
  let path = '';
  try {
    path = new URL(url).pathname;
  } catch {
    return undefined;
  }
  const extension = path.match(/\.([a-z0-9]{2,5})$/i)?.[1]?.toLowerCase();
  return extension ? EXTENSION_MEDIUM[extension] : undefined;
}

/** Absolute http(s) URLs only, one entry per URL: later duplicates only fill in missing fields. */
function finishMedia(media: Media[], base: string): Media[] {
  const byUrl = new Map<string, Media>();
  for (const entry of media) {
    const url = resolveUrl(entry.url, base);
    if (!url) continue;
    const type = entry.type?.trim() || undefined;
    const candidate: Media = {
      url,
      ...(type ? { type } : {}),
      ...optionalMedium(mediumOf(url, type, entry.medium)),
      ...(entry.length !== undefined && Number.isFinite(entry.length) && entry.length > 0 ? { length: entry.length } : {}),
      ...(entry.title?.trim() ? { title: collapseWhitespace(entry.title) } : {}),
    };
    const existing = byUrl.get(url);
    byUrl.set(url, existing ? { ...candidate, ...existing } : candidate);
  }
  // Re-create each object so the key order is stable whatever order the fields were merged in.
  return [...byUrl.values()].map((m) => ({
    url: m.url,
    ...(m.type ? { type: m.type } : {}),
    ...(m.medium ? { medium: m.medium } : {}),
    ...(m.length !== undefined ? { length: m.length } : {}),
    ...(m.title ? { title: m.title } : {}),
  }));
}

function optionalMedium(medium: Media['medium']): { medium?: Media['medium'] } {
  return medium ? { medium } : {};
}

// ---------------------------------------------------------------- dates

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
// Zone names seen in real RFC 822 dates; JavaScript's Date only knows the North American ones.
const ZONES: Record<string, number> = {
  UT: 0, UTC: 0, GMT: 0, Z: 0, WET: 0, BST: 60, WEST: 60, CET: 60, MET: 60, CEST: 120, MEST: 120, EET: 120,
  EEST: 180, MSK: 180, IST: 330, SGT: 480, HKT: 480, JST: 540, KST: 540, AEST: 600, AEDT: 660, NZST: 720,
  NZDT: 780, EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
  AKST: -540, AKDT: -480, HST: -600, AST: -240, ADT: -180, NST: -210, NDT: -150, BRT: -180, ART: -180,
};
const ISO_DATE =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?)?)?)?$/;
const RFC822_DATE =
  /^(?:[A-Za-z]{2,9}\.?,?\s*)?(\d{1,2})[\s-]+([A-Za-z]{3,9})\.?[\s-]+(\d{2}|\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?\s*([A-Za-z]{1,5}|[+-]\d{2}:?\d{2})?\s*(?:\([^)]*\))?$/;

/**
 * Parses the date formats feeds use (RFC 822 with any zone name, W3C/ISO 8601, dates without a
 * zone, which are taken as UTC) into an ISO 8601 UTC string; undefined if it is not a date.
 * The result never depends on the machine's time zone.
 *
 * @example toIsoDate('Tue, 10 Jun 2003 04:00:00 CEST') // '2003-06-10T02:00:00.000Z'
 * @example toIsoDate('2003-06-10') // '2003-06-10T00:00:00.000Z'
 */
export function toIsoDate(input: string | undefined): string | undefined {
  const text = input?.trim();
  if (!text) return undefined;
  let ms: number | undefined;
  const iso = ISO_DATE.exec(text);
  if (iso) {
    const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', fraction = '', zone] = iso;
    ms = utc(+y!, +mo, +d, +h, +mi, +s, Math.round(Number(`0.${fraction || '0'}`) * 1000));
    if (ms !== undefined) ms -= zoneOffset(zone) * 60_000;
  } else {
    const rfc = RFC822_DATE.exec(text);
    if (rfc) {
      const [, d, monthName, y, h = '00', mi = '00', s = '00', zone] = rfc;
      const month = MONTHS.indexOf(monthName!.slice(0, 3).toLowerCase()) + 1;
      // Two-digit years, as RFC 2822 says: 00-49 are 2000-2049, 50-99 are 1950-1999.
      const year = y!.length === 2 ? (+y! < 50 ? 2000 + +y! : 1900 + +y!) : +y!;
      ms = month > 0 ? utc(year, month, +d!, +h, +mi, +s, 0) : undefined;
      if (ms !== undefined) ms -= zoneOffset(zone) * 60_000;
    }
  }
  if (ms === undefined || !Number.isFinite(ms)) return undefined;
  const result = new Date(ms).toISOString();
  return /^\d{4}-/.test(result) ? result : undefined;
}

/** Milliseconds since the epoch, or undefined if a field is out of range (no Feb 30 rolling into March). */
function utc(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number | undefined {
  if (mo < 1 || mo > 12 || d < 1 || h > 24 || mi > 59 || s > 60) return undefined;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d > days || (h === 24 && (mi > 0 || s > 0))) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, Math.min(s, 59), ms);
  return date.getTime();
}

/** Offset in minutes east of UTC; unknown zone names count as UTC rather than losing the date. */
function zoneOffset(zone: string | undefined): number {
  if (!zone) return 0;
  const numeric = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (numeric) return (numeric[1] === '-' ? -1 : 1) * (+numeric[2]! * 60 + +(numeric[3] ?? 0));
  return ZONES[zone.toUpperCase()] ?? 0;
}

// ---------------------------------------------------------------- XML (rss-parser)

// Raw xml2js nodes we read ourselves; rss-parser copies each to `raw:<name>` as an array.
const RAW_ITEM_KEYS = [
  '$', 'title', 'link', 'atom:link', 'id', 'guid', 'content:encoded', 'content', 'description', 'summary',
  'dc:creator', 'author', 'dc:source', 'source', 'pubDate', 'dc:date', 'wn:published', 'wn:updated', 'issued',
  'modified', 'created', 'dcterms:modified', 'atom:updated', 'category', 'dc:subject', 'enclosure',
  'media:content', 'media:thumbnail', 'media:group', 'thr:in-reply-to',
] as const;
const RAW_FEED_KEYS = ['$', 'title', 'link', 'author'] as const;
type RawNodes = Record<string, unknown>;

/** What xml2js makes of an element: a string, or an object with `_` (text), `$` (attributes) and children. */
type XmlNode = string | { _?: unknown; $?: unknown; [child: string]: unknown };

function nodesOf(value: unknown): XmlNode[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return list.filter((node): node is XmlNode => typeof node === 'string' || (typeof node === 'object' && node !== null));
}

function rawNodes(holder: RawNodes, key: string): XmlNode[] {
  return nodesOf(holder[`raw:${key}`]);
}

/** Text content of an element (xml2js concatenates text and CDATA into `_`). */
function textOf(node: XmlNode | undefined): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return node;
  return typeof node._ === 'string' ? node._ : '';
}

function attrsOf(node: XmlNode | undefined): Record<string, string> {
  if (node === undefined || typeof node === 'string' || typeof node.$ !== 'object' || node.$ === null) return {};
  return node.$ as Record<string, string>;
}

function attrOf(node: XmlNode | undefined, name: string): string | undefined {
  const value = attrsOf(node)[name];
  return typeof value === 'string' ? value : undefined;
}

function childrenOf(node: XmlNode | undefined, name: string): XmlNode[] {
  return node === undefined || typeof node === 'string' ? [] : nodesOf(node[name]);
}

/** All text below an element, for the rare markup rss-parser leaves as objects; order is approximate. */
function deepText(node: XmlNode | undefined): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return node;
  let text = typeof node._ === 'string' ? node._ : '';
  for (const [key, value] of Object.entries(node)) {
    if (key === '_' || key === '$') continue;
    for (const child of nodesOf(value)) text += ` ${deepText(child)}`;
  }
  return text;
}

function firstText(holder: RawNodes, ...keys: string[]): string | undefined {
  for (const key of keys) {
    for (const node of rawNodes(holder, key)) {
      const text = textOf(node).trim();
      if (text) return text;
    }
  }
  return undefined;
}

/** The name of the root element, found before parsing so that non-feeds get a useful error. */
function sniffRoot(text: string, feedUrl: string): string {
  let rest = text;
  const skipPast = (marker: string) => {
    const end = rest.indexOf(marker);
    rest = end < 0 ? '' : rest.slice(end + marker.length);
  };
  // Skip the XML declaration, processing instructions, comments and the doctype.
  for (;;) {
    rest = rest.trimStart();
    if (rest.startsWith('<?')) skipPast('?>');
    else if (rest.startsWith('<!--')) skipPast('-->');
    else if (/^<!doctype\s+html[\s>]/i.test(rest)) throw new FeedParseError('html', 'not a feed: got an HTML page (<!DOCTYPE html>)', feedUrl);
    else if (/^<!doctype/i.test(rest)) {
      // An internal subset ([...]) may contain '>' before the doctype ends.
      const bracket = rest.indexOf('[');
      const close = rest.indexOf('>');
      if (bracket >= 0 && bracket < close) skipPast(']');
      skipPast('>');
    } else break;
  }
  const root = /^<([A-Za-z_][\w.:-]*)/.exec(rest)?.[1];
  if (root === undefined) throw new FeedParseError('invalid-xml', 'invalid XML: no root element', feedUrl);
  if (/^(?:html|head|body)$/i.test(root)) throw new FeedParseError('html', `not a feed: got an HTML page (<${root}>)`, feedUrl);
  return root;
}

function formatOfRoot(root: string): 'rss' | 'rdf' | 'atom' | undefined {
  const local = root.slice(root.indexOf(':') + 1);
  if (root === 'rss') return 'rss';
  if (local === 'RDF') return 'rdf';
  if (local === 'feed') return 'atom';
  return undefined;
}

/** sax reports "Unexpected close tag\nLine: 0\nColumn: 46\nChar: >" with 0-based lines. */
function describeXmlError(message: string): string | undefined {
  const parts = message.split('\n');
  const line = /^Line: (\d+)$/.exec(parts[1] ?? '')?.[1];
  const column = /^Column: (\d+)$/.exec(parts[2] ?? '')?.[1];
  return line !== undefined && column !== undefined ? `${parts[0]} at line ${+line + 1}, column ${column}` : undefined;
}

/** Atom links must carry attributes: rss-parser reads `link.$.rel` and throws on `<link>url</link>`. */
function atomLinkValidator(xpath: string, _previous: unknown, value: unknown): unknown {
  if (!/\/(?:feed|entry|source)\/link$/.test(xpath)) return value;
  if (typeof value === 'string') return { $: { href: value.trim() } };
  if (typeof value === 'object' && value !== null && !('$' in value)) return { ...value, $: {} };
  return value;
}

async function readXmlFeed(text: string, feedUrl: string): Promise<RawFeed> {
  const root = sniffRoot(text, feedUrl);
  const format = formatOfRoot(root);
  if (!format) throw new FeedParseError('not-a-feed', `not a feed: the XML root element <${root}> is not <rss>, <rdf:RDF> or <feed>`, feedUrl);
  const prefix = root.includes(':') && format === 'atom' ? root.slice(0, root.indexOf(':') + 1) : '';
  const parser = new Parser({
    // RSS without a version attribute is read as RSS 2.0 instead of being rejected.
    defaultRSS: 2,
    customFields: {
      item: RAW_ITEM_KEYS.map((key) => [key, `raw:${key}`, { keepArray: true }]),
      feed: RAW_FEED_KEYS.map((key) => [key, `raw:${key}`, { keepArray: true }]),
    },
    xml2js: {
      ...(format === 'atom' ? { validator: atomLinkValidator } : {}),
      tagNameProcessors: [
        (name: string) => {
          const local = prefix && name.startsWith(prefix) ? name.slice(prefix.length) : name;
          if (format === 'rdf' && name === root) return 'rdf:RDF';
          // rss-parser calls `new Date(x).toISOString()` on Atom published/updated without a
          // try, so one bad date would reject the whole feed; hide them and parse them ourselves.
          return local === 'published' || local === 'updated' ? `wn:${local}` : local;
        },
      ],
    },
  } as unknown as Parser.ParserOptions<RawNodes, RawNodes>);
  let output: Parser.Output<RawNodes> & RawNodes;
  try {
    output = (await parser.parseString(text)) as Parser.Output<RawNodes> & RawNodes;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const xmlError = describeXmlError(message);
    if (xmlError) throw new FeedParseError('invalid-xml', `invalid XML: ${xmlError}`, feedUrl, { cause: error });
    // Well-formed XML that rss-parser cannot walk: in RSS and RDF, the only such case is a missing <channel>.
    const what = format !== 'atom' && /reading '0'/.test(message) ? `<${root}> has no <channel>` : `rss-parser could not read this <${root}> document (${message.replace(/\s+/g, ' ')})`;
    throw new FeedParseError('not-a-feed', `not a feed: ${what}`, feedUrl, { cause: error });
  }
  return format === 'atom' ? readAtom(output, text, feedUrl) : readRss(output, format, feedUrl);
}

// ---------------------------------------------------------------- RSS 0.9x, 1.0, 2.0

function readRss(output: Parser.Output<RawNodes> & RawNodes, format: 'rss' | 'rdf', feedUrl: string): RawFeed {
  const channelBase = resolveXmlBase(ownAttrs(output)['xml:base'], feedUrl);
  const title = firstText(output, 'title');
  const home = firstText(output, 'link');
  return {
    format,
    ...(title !== undefined ? { title: { type: 'html' as const, value: title } } : {}),
    ...(home !== undefined ? { home } : {}),
    ...(channelBase ? { xmlBase: channelBase } : {}),
    items: output.items.map((item) => readRssItem(item as RawNodes, channelBase, feedUrl)),
  };
}

function readRssItem(item: RawNodes, channelBase: string | undefined, feedUrl: string): RawItem {
  const attrs = ownAttrs(item);
  const xmlBase = resolveXmlBase(attrs['xml:base'], channelBase ?? feedUrl) ?? channelBase;
  const guidNode = rawNodes(item, 'guid')[0];
  const guid = textOf(guidNode).trim() || attrs['rdf:about']?.trim() || undefined;
  const atomLinks = rawNodes(item, 'atom:link');
  // RSS 2.0: a guid is a permalink unless isPermaLink="false".
  const permalink = guidNode && attrOf(guidNode, 'isPermaLink') !== 'false' && resolveUrl(textOf(guidNode), undefined) ? textOf(guidNode).trim() : undefined;
  const link = firstText(item, 'link') ?? alternateLink(atomLinks) ?? permalink ?? absoluteOnly(attrs['rdf:about']);
  const encoded = firstText(item, 'content:encoded');
  const description = firstText(item, 'description');
  const title = firstText(item, 'title');
  const authors = [
    ...rawNodes(item, 'dc:creator').map(textOf),
    ...rawNodes(item, 'author').map((node) => authorFromRss(textOf(node))),
  ];
  return {
    ...(guid ? { guid } : {}),
    ...(link ? { link } : {}),
    ...(xmlBase ? { xmlBase } : {}),
    ...(title !== undefined ? { title: { type: 'html' as const, value: title } } : {}),
    authors,
    ...optional('published', firstText(item, 'pubDate', 'dc:date')),
    ...optional('updated', firstText(item, 'dcterms:modified', 'atom:updated')),
    ...(encoded !== undefined ? { content: { type: 'html' as const, value: encoded } } : {}),
    ...(description !== undefined ? { summary: { type: 'html' as const, value: description } } : {}),
    tags: [...rawNodes(item, 'category'), ...rawNodes(item, 'dc:subject')].map(textOf),
    media: [
      ...rawNodes(item, 'enclosure').map((node) => ({
        url: attrOf(node, 'url') ?? '',
        ...optional('type', attrOf(node, 'type')),
        ...lengthOf(attrOf(node, 'length')),
      })),
      ...atomEnclosures(atomLinks),
      ...mediaRss(item),
    ],
    ...threading(rawNodes(item, 'thr:in-reply-to')),
    ...optional('via', viaLink(atomLinks) ?? absoluteOnly(attrOf(rawNodes(item, 'source')[0], 'url')) ?? absoluteOnly(firstText(item, 'dc:source'))),
  };
}

/** RSS 2.0 `author` is an email address, often "jo@abc.example (Jo Doe)"; keep the name. */
function authorFromRss(value: string): string {
  const text = value.trim();
  const inParens = /^\S+@\S+\s*\((.+)\)$/.exec(text)?.[1];
  if (inParens) return inParens;
  const beforeAngle = /^(.+?)\s*<\S+@\S+>$/.exec(text)?.[1];
  return beforeAngle ?? text;
}

function absoluteOnly(value: string | undefined): string | undefined {
  return value && resolveUrl(value, undefined) ? value.trim() : undefined;
}

function lengthOf(value: string | undefined): { length?: number } {
  const length = value === undefined ? NaN : Number(value.trim());
  return Number.isSafeInteger(length) && length > 0 ? { length } : {};
}

/** Media RSS: media:content, media:thumbnail, and both inside media:group. */
function mediaRss(item: RawNodes): Media[] {
  const contents = [...rawNodes(item, 'media:content')];
  const thumbnails = [...rawNodes(item, 'media:thumbnail')];
  for (const group of rawNodes(item, 'media:group')) {
    contents.push(...childrenOf(group, 'media:content'));
    thumbnails.push(...childrenOf(group, 'media:thumbnail'));
  }
  for (const content of contents) thumbnails.push(...childrenOf(content, 'media:thumbnail'));
  const media: Media[] = [];
  for (const node of contents) {
    const url = attrOf(node, 'url');
    if (!url) continue;
    const medium = attrOf(node, 'medium');
    const title = textOf(childrenOf(node, 'media:title')[0]).trim();
    media.push({
      url,
      ...optional('type', attrOf(node, 'type')),
      ...(medium === 'image' || medium === 'audio' || medium === 'video' || medium === 'document' ? { medium } : medium ? { medium: 'other' as const } : {}),
      ...lengthOf(attrOf(node, 'fileSize')),
      ...(title ? { title } : {}),
    });
  }
  for (const node of thumbnails) {
    const url = attrOf(node, 'url');
    if (url) media.push({ url, medium: 'image' });
  }
  return media;
}

function threading(nodes: XmlNode[]): { inReplyTo: string[]; inReplyToHrefs: string[] } {
  return {
    inReplyTo: nodes.map((node) => attrOf(node, 'ref') ?? '').filter((ref) => ref.trim() !== ''),
    inReplyToHrefs: nodes.map((node) => attrOf(node, 'href') ?? '').filter((href) => href.trim() !== ''),
  };
}

// ---------------------------------------------------------------- Atom 0.3 and 1.0

const ALTERNATE_RELS = new Set(['alternate', 'http://www.iana.org/assignments/relation/alternate']);
const HTML_TYPES = /^(?:text\/html|application\/xhtml\+xml)\b/i;

function linksWithRel(links: XmlNode[], rel: string): XmlNode[] {
  return links.filter((link) => {
    const value = (attrOf(link, 'rel') ?? 'alternate').trim();
    return rel === 'alternate' ? ALTERNATE_RELS.has(value) : value === rel || value === `http://www.iana.org/assignments/relation/${rel}`;
  });
}

/** The rel="alternate" link (rel defaults to alternate), preferring an HTML one. */
function alternateLink(links: XmlNode[]): string | undefined {
  const alternates = linksWithRel(links, 'alternate').filter((link) => attrOf(link, 'href'));
  const html = alternates.find((link) => !attrOf(link, 'type') || HTML_TYPES.test(attrOf(link, 'type')!));
  return attrOf(html ?? alternates[0], 'href')?.trim();
}

function viaLink(links: XmlNode[]): string | undefined {
  return attrOf(linksWithRel(links, 'via')[0], 'href')?.trim() || undefined;
}

function atomEnclosures(links: XmlNode[]): Media[] {
  return linksWithRel(links, 'enclosure').flatMap((link) => {
    const url = attrOf(link, 'href');
    if (!url) return [];
    return [{ url, ...optional('type', attrOf(link, 'type')), ...lengthOf(attrOf(link, 'length')), ...optional('title', attrOf(link, 'title')) }];
  });
}

/** Attributes of the element itself, which rss-parser hands over as `raw:$`. */
function ownAttrs(holder: RawNodes): Record<string, string> {
  const attrs = holder['raw:$'];
  return typeof attrs === 'object' && attrs !== null && !Array.isArray(attrs) ? (attrs as Record<string, string>) : {};
}

function resolveXmlBase(value: string | undefined, base: string | undefined): string | undefined {
  return typeof value === 'string' ? resolveUrl(value, base) : undefined;
}

function readAtom(output: Parser.Output<RawNodes> & RawNodes, text: string, feedUrl: string): RawFeed {
  const feedBase = resolveXmlBase(ownAttrs(output)['xml:base'], feedUrl);
  const feedAuthors = rawNodes(output, 'author').map(atomAuthorName);
  const home = alternateLink(rawNodes(output, 'link'));
  const title = atomText(rawNodes(output, 'title')[0], undefined);
  // xml2js loses the order of mixed content, so inline XHTML is cut from the source text instead.
  const entrySources = atomEntrySources(text);
  const sourcesMatch = entrySources.length === output.items.length;
  return {
    format: 'atom',
    ...(title ? { title } : {}),
    ...(home ? { home } : {}),
    ...(feedBase ? { xmlBase: feedBase } : {}),
    items: output.items.map((item, index) =>
      readAtomEntry(item as RawNodes, feedBase, feedUrl, feedAuthors, sourcesMatch ? entrySources[index] : undefined),
    ),
  };
}

/** Atom authors are `<author><name>…</name></author>`; a bare `<author>Name</author>` is accepted too. */
function atomAuthorName(author: XmlNode): string {
  return typeof author === 'string' ? author : textOf(childrenOf(author, 'name')[0]);
}

function readAtomEntry(entry: RawNodes, feedBase: string | undefined, feedUrl: string, feedAuthors: string[], chunk: string | undefined): RawItem {
  // Only trust the cut-out source text if it is this entry's (its id appears in it).
  const id = firstText(entry, 'id');
  const source = chunk !== undefined && (!id || chunk.includes(id) || chunk.includes(escapeHtml(id))) ? chunk : undefined;
  const xmlBase = resolveXmlBase(ownAttrs(entry)['xml:base'], feedBase ?? feedUrl) ?? feedBase;
  const links = rawNodes(entry, 'link');
  const link = alternateLink(links);
  const contentNode = rawNodes(entry, 'content')[0];
  const summaryNode = rawNodes(entry, 'summary')[0];
  // Out-of-line content (src="…") has no body here; the summary stands in for it.
  const content = contentNode && !attrOf(contentNode, 'src') ? atomText(contentNode, source && xhtmlSource(source, 'content')) : undefined;
  const summary = atomText(summaryNode, source && xhtmlSource(source, 'summary'));
  const title = atomText(rawNodes(entry, 'title')[0], source && xhtmlSource(source, 'title'));
  const contentBase = resolveXmlBase(attrOf(contentNode, 'xml:base'), xmlBase ?? feedUrl);
  const authors = rawNodes(entry, 'author').map(atomAuthorName);
  const guid = id;
  const sourceNode = rawNodes(entry, 'source')[0];
  const sourceLink = alternateLink(childrenOf(sourceNode, 'link')) ?? absoluteOnly(textOf(childrenOf(sourceNode, 'id')[0]));
  return {
    ...(guid ? { guid } : {}),
    ...(link ? { link } : {}),
    ...(xmlBase ? { xmlBase } : {}),
    ...(contentBase ? { contentBase } : {}),
    ...(title ? { title } : {}),
    // Atom: an entry without authors inherits the feed's.
    authors: authors.some((name) => name.trim()) ? authors : feedAuthors,
    ...optional('published', firstText(entry, 'wn:published', 'issued', 'created')),
    ...optional('updated', firstText(entry, 'wn:updated', 'modified')),
    ...(content ? { content } : {}),
    ...(summary ? { summary } : {}),
    tags: rawNodes(entry, 'category').map((node) => attrOf(node, 'term') ?? attrOf(node, 'label') ?? textOf(node)),
    media: atomEnclosures(links),
    ...threading(rawNodes(entry, 'thr:in-reply-to')),
    ...optional('via', viaLink(links) ?? sourceLink),
  };
}

/**
 * An Atom text construct: type text (default), html or xhtml (Atom 1.0), or a MIME type with
 * mode escaped, base64 or xml (Atom 0.3). `xhtml` is the element's inner source, when found.
 */
function atomText(node: XmlNode | undefined, xhtml: string | undefined): TypedText | undefined {
  if (node === undefined) return undefined;
  const type = (attrOf(node, 'type') ?? '').trim().toLowerCase();
  const mode = (attrOf(node, 'mode') ?? '').trim().toLowerCase();
  if (type === 'xhtml' || (mode === 'xml' && HTML_TYPES.test(type))) {
    return { type: 'html', value: xhtml ?? escapeHtml(deepText(node)) };
  }
  let value = textOf(node);
  if (mode === 'base64') {
    // Atom 0.3 only; bodies in other media types (images…) are not text.
    if (type && !type.startsWith('text/') && !HTML_TYPES.test(type)) return undefined;
    value = Buffer.from(value, 'base64').toString('utf8');
  }
  if (type === 'html' || HTML_TYPES.test(type)) return { type: 'html', value };
  if (type === '' || type === 'text' || type.startsWith('text/')) return { type: 'text', value };
  return undefined;
}

/** The source text of each <entry>, in document order (prefixed entries included). */
function atomEntrySources(text: string): string[] {
  return [...text.matchAll(/<((?:[\w.-]+:)?entry)[\s>][\s\S]*?<\/\1\s*>/g)].map((match) => match[0]);
}

/**
 * The inner markup of an xhtml text construct, without the wrapping xhtml `<div>`:
 * the XHTML namespace prefix is dropped and CDATA sections are escaped for the HTML parser.
 */
function xhtmlSource(entry: string, element: string): string | undefined {
  const match = new RegExp(`<((?:[\\w.-]+:)?${element})(\\s[^>]*)?>([\\s\\S]*?)</\\1\\s*>`).exec(entry);
  if (!match || !/\b(?:type\s*=\s*["']xhtml["']|mode\s*=\s*["']xml["'])/.test(match[2] ?? '')) return undefined;
  let inner = match[3]!;
  const wrapper = /^\s*<((?:([\w.-]+):)?div)\b[^>]*>([\s\S]*)<\/\1\s*>\s*$/.exec(inner);
  if (wrapper) {
    inner = wrapper[3]!;
    if (wrapper[2]) inner = inner.replace(new RegExp(`<(/?)${wrapper[2]}:`, 'g'), '<$1');
  }
  return inner.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_, data: string) => data.replace(/&/g, '&amp;').replace(/</g, '&lt;'));
}
