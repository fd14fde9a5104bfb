// Finds the feeds a web page announces, for add-contingent. Pure: the caller fetches the page.
import { parse } from 'parse5';

/** The media types of `<link rel="alternate">` that name a feed. */
// Not application/json: WordPress announces its REST API with it, and that is no feed.
export const FEED_TYPES = ['application/rss+xml', 'application/atom+xml', 'application/feed+json', 'application/rdf+xml', 'application/xml', 'text/xml'] as const;

/** Where sites usually keep their feed, tried in this order when a page announces none. */
export const COMMON_FEED_PATHS = ['/feed', '/feed/', '/rss.xml', '/atom.xml', '/feed.xml', '/index.xml', '/feed.json', '/rss', '/index.rss'] as const;

export interface FeedLink {
  url: string;
  type: string;
  title?: string;
}

/**
 * The feeds a page announces with `<link rel="alternate" type="application/rss+xml" href="…">`,
 * in page order, resolved against `<base href>` and the page URL. Comment feeds come last.
 *
 * @example
 * feedLinksFromHtml('<link rel="alternate" type="application/rss+xml" title="News" href="/feed.xml">', 'https://abc.example/')
 * // => [{ url: 'https://abc.example/feed.xml', type: 'application/rss+xml', title: 'News' }]
 */
export function feedLinksFromHtml(html: string, pageUrl: string): FeedLink[] {
  const links: { tag: string; attrs: Map<string, string> }[] = [];
  const walk = (node: { nodeName: string; attrs?: { name: string; value: string }[]; childNodes?: unknown[]; content?: unknown }) => {
    if (node.nodeName === 'link' || node.nodeName === 'base') links.push({ tag: node.nodeName, attrs: new Map((node.attrs ?? []).map((a) => [a.name, a.value])) });
    for (const child of (node.childNodes ?? []) as (typeof node)[]) walk(child);
  };
  walk(parse(html, { scriptingEnabled: false }) as unknown as Parameters<typeof walk>[0]);

  const baseHref = links.find((l) => l.tag === 'base' && l.attrs.get('href'))?.attrs.get('href');
  const base = resolve(baseHref ?? '', pageUrl) ?? pageUrl;
  const found: FeedLink[] = [];
  for (const { tag, attrs } of links) {
    if (tag !== 'link') continue;
    const rel = (attrs.get('rel') ?? '').toLowerCase().split(/\s+/);
    const type = (attrs.get('type') ?? '').toLowerCase().split(';')[0]!.trim();
    const href = attrs.get('href')?.trim();
    if (!rel.includes('alternate') || !href || !(FEED_TYPES as readonly string[]).includes(type)) continue;
    const url = resolve(href, base);
    if (!url || found.some((f) => f.url === url)) continue;
    const title = attrs.get('title')?.trim();
    found.push({ url, type, ...(title && { title }) });
  }
  // WordPress announces the comments feed next to the posts feed; the posts are what we want.
  const isComments = (f: FeedLink) => /comments?/i.test(f.title ?? '') || /\/comments\//.test(f.url);
  return [...found.filter((f) => !isComments(f)), ...found.filter(isComments)];
}

/**
 * The common feed locations of a site, on the page's origin and under its path.
 *
 * @example commonFeedUrls('https://abc.example/blog/').slice(0, 3) // => ['https://abc.example/blog/feed', 'https://abc.example/blog/feed/', 'https://abc.example/blog/rss.xml']
 * @example commonFeedUrls('https://abc.example/blog/').includes('https://abc.example/feed') // => true
 */
export function commonFeedUrls(pageUrl: string): string[] {
  const page = new URL(pageUrl);
  const dir = page.pathname.replace(/[^/]*$/, '').replace(/\/$/, '');
  const prefixes = dir ? [dir, ''] : [''];
  const urls = prefixes.flatMap((prefix) => COMMON_FEED_PATHS.map((p) => new URL(prefix + p, page.origin).href));
  return [...new Set(urls)];
}

function resolve(href: string, base: string): string | undefined {
  try {
    const url = new URL(href, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
