// XML feeds: the lenient reader builds the tree (repairing broken XML and saying what it
// repaired), then the root element decides which reader walks it.
import { FeedParseError } from '../feedErrors.ts';
import { readXml } from '../xml/readXml.ts';
import { readAtom } from './atomFeed.ts';
import type { RawFeed } from './feedTypes.ts';
import { readRss } from './rssFeed.ts';

// An HTML doctype after the XML declaration, processing instructions and comments.
const HTML_DOCTYPE = /^\s*(?:(?:<\?[\s\S]*?\?>|<!--[\s\S]*?-->)\s*)*<!doctype\s+html[\s>]/i;

function formatOfRoot(name: string): 'rss' | 'rdf' | 'atom' | undefined {
  const local = name.slice(name.indexOf(':') + 1);
  if (local === 'rss') return 'rss';
  if (local === 'RDF') return 'rdf';
  if (name === 'feed') return 'atom';
  return undefined;
}

/**
 * Reads an RSS, RDF or Atom document into a `RawFeed`, URLs and dates as written, with a note
 * for each kind of repair broken XML needed (`recovered`).
 * Throws `FeedParseError` for an HTML page, a document without elements, or XML that is not a feed.
 *
 * @example readXmlFeed('<rss version="2.0"><channel><title>ABC</title></channel></rss>', feedUrl).format // 'rss'
 */
export function readXmlFeed(text: string, feedUrl: string): RawFeed & { recovered: string[] } {
  const { root, rootName, recovered } = readXml(text);
  if (!root || !rootName) throw new FeedParseError('invalid-xml', 'invalid XML: no root element', feedUrl);
  const format = formatOfRoot(root.name);
  if (!format && HTML_DOCTYPE.test(text)) throw new FeedParseError('html', 'not a feed: got an HTML page (<!DOCTYPE html>)', feedUrl);
  if (!format && /^(?:html|head|body)$/i.test(rootName.slice(rootName.indexOf(':') + 1))) {
    throw new FeedParseError('html', `not a feed: got an HTML page (<${rootName}>)`, feedUrl);
  }
  if (!format) throw new FeedParseError('not-a-feed', `not a feed: the XML root element <${rootName}> is not <rss>, <rdf:RDF> or <feed>`, feedUrl);
  const feed = format === 'atom' ? readAtom(root, feedUrl) : readRss(root, format, feedUrl);
  return { ...feed, recovered };
}
