// Element and attribute names by namespace, not by the prefix a publisher happened to write:
// `<dcterms:creator>`, `<DC:creator xmlns:DC="http://purl.org/dc/elements/1.1">` and
// `<atom10:link>` are read as `dc:creator`, `dc:creator` and `atom:link`.

// Keys are normalized (see normalizeUri): lower case, no trailing '/' or '#'.
const CANONICAL: Record<string, string> = {
  'http://purl.org/dc/elements/1.1': 'dc',
  'http://purl.org/dc/terms': 'dcterms',
  'http://purl.org/rss/1.0/modules/content': 'content',
  'http://search.yahoo.com/mrss': 'media',
  'http://tools.search.yahoo.com/mrss': 'media',
  'http://purl.org/syndication/thread/1.0': 'thr',
  'http://www.w3.org/1999/02/22-rdf-syntax-ns': 'rdf',
  'http://www.itunes.com/dtds/podcast-1.0.dtd': 'itunes',
  'http://www.w3.org/1999/xhtml': 'xhtml',
  'http://wellformedweb.org/commentapi': 'wfw',
  'http://purl.org/rss/1.0/modules/slash': 'slash',
  'http://www.w3.org/xml/1998/namespace': 'xml',
};
const ATOM = new Set(['http://www.w3.org/2005/atom', 'http://purl.org/atom/ns']);
// The vocabularies of RSS itself: read as unprefixed names, as RSS 2.0 (which has no namespace) is.
const RSS = new Set([
  'http://purl.org/rss/1.0',
  'http://my.netscape.com/rdf/simple/0.9',
  'http://backend.userland.com/rss2',
  'http://backend.userland.com/rss',
  'http://blogs.law.harvard.edu/tech/rss',
  'http://purl.org/net/rss1.1',
]);

// Feed vocabulary by its spelling in the specs, so that `<PubDate>` and `<Title>` still read.
const SPELLING = new Map(
  ['rss', 'channel', 'item', 'title', 'link', 'description', 'guid', 'pubDate', 'author', 'category', 'enclosure', 'source', 'feed', 'entry', 'id', 'updated', 'published', 'summary', 'content', 'name', 'issued', 'modified', 'created', 'RDF', 'encoded', 'creator', 'date', 'subject'].map((name) => [name.toLowerCase(), name]),
);

function spelled(local: string): string {
  return SPELLING.get(local.toLowerCase()) ?? local;
}

function normalizeUri(uri: string): string {
  return uri.trim().toLowerCase().replace(/[/#]+$/, '');
}

/** In-scope prefix → namespace URI bindings, one scope per element that declares any. */
export type NamespaceScope = ReadonlyMap<string, string>;

export const XML_SCOPE: NamespaceScope = new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]);

/** The scope inside an element, given its attributes (unchanged if it declares nothing). */
export function scopeWith(parent: NamespaceScope, attrs: Record<string, string>): NamespaceScope {
  let scope: Map<string, string> | undefined;
  for (const [name, value] of Object.entries(attrs)) {
    if (name !== 'xmlns' && !name.startsWith('xmlns:')) continue;
    scope ??= new Map(parent);
    scope.set(name === 'xmlns' ? '' : name.slice(6), value);
  }
  return scope ?? parent;
}

/**
 * The name we read an element or attribute by. A known namespace gets its usual prefix; Atom's
 * gets none in an Atom document and `atom:` elsewhere; RSS's vocabularies get none; an unknown or
 * undeclared prefix stays as written. Attributes without a prefix have no namespace.
 *
 * @example canonicalName('dcterms:created', new Map([['dcterms', 'http://purl.org/dc/terms/']]), false, false) // => 'dcterms:created'
 * @example canonicalName('a10:link', new Map([['a10', 'http://www.w3.org/2005/Atom']]), false, false) // => 'atom:link'
 */
export function canonicalName(name: string, scope: NamespaceScope, isAttribute: boolean, atomDocument: boolean): string {
  const colon = name.indexOf(':');
  const prefix = colon < 0 ? '' : name.slice(0, colon);
  const local = colon < 0 ? name : name.slice(colon + 1);
  if (prefix === 'xmlns' || (isAttribute && prefix === '')) return name;
  const localName = isAttribute ? local : spelled(local);
  const uri = scope.get(prefix);
  if (uri === undefined || uri === '') return prefix ? `${prefix}:${localName}` : localName;
  const key = normalizeUri(uri);
  if (ATOM.has(key)) return atomDocument ? localName : `atom:${localName}`;
  if (RSS.has(key)) return localName;
  const canonical = CANONICAL[key];
  return `${canonical ?? prefix}:${localName}`;
}

/**
 * Whether a root element in this namespace starts an Atom document.
 *
 * @example isAtomNamespace('http://www.w3.org/2005/Atom') // => true
 */
export function isAtomNamespace(uri: string | undefined): boolean {
  return uri !== undefined && ATOM.has(normalizeUri(uri));
}
