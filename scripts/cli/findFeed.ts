// Finds and checks the feed behind a URL, for add-contingent: the URL itself, the feeds its page
// announces with <link rel="alternate">, then the usual places (/feed, /rss.xml …).
import { commonFeedUrls, feedLinksFromHtml } from '../../src/lib/editor/feedLinks.ts';
import { decodeBody } from '../../src/lib/ingest/decodeBody.ts';
import { FeedParseError, parseFeed, type ParsedFeed } from '../../src/lib/ingest/parseFeed.ts';
import { FeedFetchError } from '../aggregator/fetchErrors.ts';
import { fetchSource, type FetchOptions } from '../aggregator/fetchSource.ts';

export interface DiscoveredFeed {
  /** The feed's URL to store: the one given, or the one a permanent redirect moved it to. */
  feedUrl: string;
  feed: ParsedFeed;
  /** The HTML page the feed was found through, when the URL given was a page. */
  pageUrl?: string;
  /** How it was found: 'given', 'link' (announced by the page), or 'common-path'. */
  via: 'given' | 'link' | 'common-path';
}

/** No feed behind the URL. `tried` lists every URL fetched, with why it was not a feed. */
export class FeedDiscoveryError extends Error {
  readonly url: string;
  readonly tried: { url: string; why: string }[];
  constructor(url: string, message: string, tried: { url: string; why: string }[]) {
    super(message);
    this.name = 'FeedDiscoveryError';
    this.url = url;
    this.tried = tried;
  }
}

type Attempt = { ok: true; feedUrl: string; feed: ParsedFeed } | { ok: false; why: string; html?: { text: string; url: string } };

/**
 * Fetches `url` once; if it is a feed, checks it with parseFeed; if it is an HTML page, tries the
 * feeds it announces, then the common feed paths of the site, and returns the first real feed.
 *
 * @example
 * const { feedUrl, feed } = await discoverFeed('https://abc.example/', fetchOptions);
 * // feedUrl 'https://abc.example/feed.xml', feed.title 'ABC Bulletin'
 */
export async function discoverFeed(url: string, options: FetchOptions): Promise<DiscoveredFeed> {
  const tried: { url: string; why: string }[] = [];
  const first = await tryFeed(url, options);
  if (first.ok) return { feedUrl: first.feedUrl, feed: first.feed, via: 'given' };
  tried.push({ url, why: first.why });
  if (!first.html) throw new FeedDiscoveryError(url, `${url} is not a feed: ${first.why}.`, tried);

  const page = first.html;
  const announced = feedLinksFromHtml(page.text, page.url).map((l) => l.url);
  const common = commonFeedUrls(page.url).filter((u) => !announced.includes(u));
  for (const [candidates, via] of [[announced, 'link'], [common, 'common-path']] as const) {
    for (const candidate of candidates) {
      if (tried.some((t) => t.url === candidate)) continue;
      const attempt = await tryFeed(candidate, { ...options, retries: 0 });
      if (attempt.ok) return { feedUrl: attempt.feedUrl, feed: attempt.feed, pageUrl: page.url, via };
      tried.push({ url: candidate, why: attempt.why });
    }
  }
  const links = announced.length > 0 ? `It announces ${announced.length} feed${announced.length === 1 ? '' : 's'}, but none could be read` : 'It announces no feed (<link rel="alternate" type="application/rss+xml" href="…">)';
  throw new FeedDiscoveryError(
    url,
    `${url} is an HTML page, not a feed. ${links}, and none of the usual places (/feed, /rss.xml, /atom.xml, /feed.xml, /index.xml, /feed.json) has one. Give the feed's own URL.`,
    tried,
  );
}

async function tryFeed(url: string, options: FetchOptions): Promise<Attempt> {
  let result;
  try {
    result = await fetchSource({ url }, options);
  } catch (error) {
    if (error instanceof FeedFetchError) return { ok: false, why: error.message };
    throw error;
  }
  if (result.kind !== 'ok') return { ok: false, why: result.kind === 'gone' ? '410 Gone' : `${result.status}, asked to retry later` };
  const text = decodeBody(result.body, result.contentType);
  try {
    const feed = await parseFeed(text, result.url);
    return { ok: true, feedUrl: result.permanentRedirect ?? url, feed };
  } catch (error) {
    if (!(error instanceof FeedParseError)) throw error;
    const isHtml = error.code === 'html' || /^text\/html\b/i.test(result.contentType ?? '');
    return { ok: false, why: error.message, ...(isHtml && { html: { text, url: result.url } }) };
  }
}
