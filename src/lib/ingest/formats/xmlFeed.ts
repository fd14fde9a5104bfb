// XML feeds through rss-parser: the root is sniffed first so non-feeds get a useful error, then
// rss-parser splits the XML into channel and items. The fields it gets wrong or drops are read
// from the raw xml2js nodes it hands back through `customFields` (see RAW_ITEM_KEYS).
import Parser from 'rss-parser';
import { FeedParseError } from '../feedErrors.ts';
import { readAtom } from './atomFeed.ts';
import type { RawFeed } from './feedTypes.ts';
import { readRss } from './rssFeed.ts';
import type { RawNodes } from './xmlNodes.ts';

// Raw xml2js nodes we read ourselves; rss-parser copies each to `raw:<name>` as an array.
const RAW_ITEM_KEYS = [
  '$', 'title', 'link', 'atom:link', 'id', 'guid', 'content:encoded', 'content', 'description', 'summary',
  'dc:creator', 'author', 'dc:source', 'source', 'pubDate', 'dc:date', 'wn:published', 'wn:updated', 'issued',
  'modified', 'created', 'dcterms:modified', 'atom:updated', 'category', 'dc:subject', 'enclosure',
  'media:content', 'media:thumbnail', 'media:group', 'thr:in-reply-to',
] as const;
const RAW_FEED_KEYS = ['$', 'title', 'link', 'author'] as const;

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

/**
 * Reads an RSS, RDF or Atom document into a `RawFeed`, URLs and dates as written.
 * Throws `FeedParseError` for an HTML page, broken XML, or XML that is not a feed.
 *
 * @example (await readXmlFeed('<rss version="2.0"><channel><title>ABC</title></channel></rss>', feedUrl)).format // 'rss'
 */
export async function readXmlFeed(text: string, feedUrl: string): Promise<RawFeed> {
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
