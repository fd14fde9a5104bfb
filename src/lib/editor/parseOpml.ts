// Reads an OPML subscription list (Feedly, NetNewsWire, Inoreader, Thunderbird … exports). Pure.
// fast-xml-parser is a real XML parser (well-formedness checked, entities decoded, line numbers in
// errors), already a dependency of the project, and unlike parse5 it parses XML, not HTML.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** One feed of the list, with the folders it sits in (outermost first). */
export interface OpmlFeed {
  /** The feed URL as written, with `feed:` rewritten to http(s). */
  xmlUrl: string;
  /** `title`, else `text`, trimmed; undefined when both are empty. */
  title?: string;
  htmlUrl?: string;
  folders: string[];
  /** 1-based position of the outline in the file, for messages. */
  position: number;
}

export interface Opml {
  title?: string;
  feeds: OpmlFeed[];
}

/** The file is not well-formed XML, or not OPML. */
export class OpmlError extends Error {
  readonly line: number | undefined;
  constructor(message: string, line?: number) {
    super(message);
    this.name = 'OpmlError';
    this.line = line;
  }
}

interface OutlineNode {
  '@_text'?: string;
  '@_title'?: string;
  '@_xmlurl'?: string;
  '@_htmlurl'?: string;
  outline?: OutlineNode[];
  [key: string]: unknown;
}

/**
 * Every feed outline (one with an `xmlUrl`) of an OPML file, in document order, through any depth
 * of folders. Duplicates are kept: the caller decides what a duplicate is.
 *
 * @example
 * parseOpml('<opml version="2.0"><body><outline text="News"><outline text="ABC" xmlUrl="https://abc.example/feed"/></outline></body></opml>')
 * // => { feeds: [{ xmlUrl: 'https://abc.example/feed', title: 'ABC', folders: ['News'], position: 2 }] }
 */
export function parseOpml(xml: string): Opml {
  const text = xml.replace(/^\uFEFF/, '');
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new OpmlError(`not well-formed XML: ${valid.err.msg}`, valid.err.line);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    // Attribute names vary in case between exporters (xmlUrl, xmlurl, XMLURL): read them all in lower case.
    transformAttributeName: (name) => name.toLowerCase(),
    isArray: (name) => name === 'outline',
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: true,
    processEntities: true,
    htmlEntities: true,
  });
  const doc = parser.parse(text) as { opml?: { head?: { title?: unknown }; body?: { outline?: OutlineNode[] } } };
  if (!doc.opml) throw new OpmlError('not an OPML file: the root element is not <opml>');
  const feeds: OpmlFeed[] = [];
  let position = 0;
  const walk = (nodes: OutlineNode[] | undefined, folders: string[]) => {
    for (const node of nodes ?? []) {
      position++;
      const title = str(node['@_title']) || str(node['@_text']) || undefined;
      const xmlUrl = str(node['@_xmlurl']);
      if (xmlUrl) {
        const htmlUrl = str(node['@_htmlurl']);
        feeds.push({ xmlUrl: fromFeedScheme(xmlUrl), ...(title && { title }), ...(htmlUrl && { htmlUrl }), folders, position });
      }
      // A feed outline may hold outlines too (some readers nest feeds under feeds); keep walking.
      walk(node.outline, xmlUrl ? folders : title ? [...folders, title] : folders);
    }
  };
  walk(doc.opml.body?.outline, []);
  const title = str(doc.opml.head?.title);
  return { ...(title && { title }), feeds };
}

/**
 * `feed://host/path` and `feed:https://…` are how some sites link feeds for readers; the feed itself is http(s).
 *
 * @example fromFeedScheme('feed://abc.example/rss') // => 'http://abc.example/rss'
 */
export function fromFeedScheme(url: string): string {
  if (/^feed:https?:\/\//i.test(url)) return url.slice(5);
  if (/^feed:\/\//i.test(url)) return `http://${url.slice(7)}`;
  return url;
}

function str(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value).replace(/\s+/g, ' ').trim() : '';
}
