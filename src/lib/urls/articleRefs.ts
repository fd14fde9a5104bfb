import { normalizeUrl } from './normalizeUrl.ts';
import type { Article, Contingent } from '../config/schema.ts';

/** Finds the articles a reference names: a Wide Net id, or a URL matched after normalization. */
export type ArticleResolver = (ref: string) => readonly Article[];

const NONE: readonly Article[] = Object.freeze([]);
const ABSOLUTE_HTTP = /^https?:\/\//i;
// Already normal: lower-case host whose last label starts with a letter (no IP parsing), no port, no query or fragment,
// and a path of characters the URL parser keeps as they are.
const ALREADY_NORMAL = /^https?:\/\/(?:[a-z0-9-]+\.)*[a-z][a-z0-9-]*\/(?:[A-Za-z0-9\-_~!$&'()*+,;=:@/]|\.(?!\.?(?:\/|$))|%[0-9A-Fa-f]{2})*$/;

/**
 * normalizeUrl, skipping the URL parser for URLs that are already normal (most article links):
 * the index resolves tens of thousands of them, and parsing dominated its cost.
 *
 * @example normalizeRef('https://abc.example/2026/strike') // => 'https://abc.example/2026/strike'
 * @example normalizeRef('https://ABC.example/a?utm_source=x') // => 'https://abc.example/a'
 */
export function normalizeRef(url: string): string {
  return ALREADY_NORMAL.test(url) && !/%2e/i.test(url) ? url : normalizeUrl(url);
}

/**
 * Builds a resolver for article references, as used by ratings, challenges, `via` and `inReplyTo`.
 * A Wide Net id names one article; a URL names every article whose normalized `url` (or `guid`,
 * when the guid is a URL) equals it, so a rating of a URL reaches every copy of that article.
 * But a URL on a contingent's own site (under its `home`, see `siteOwners`) names only that
 * contingent's copy: another contingent that carries the URL cannot collect the ratings,
 * endorsements, replies or challenges addressed to it. Results are cached per reference, since
 * rating files repeat the same URLs.
 *
 * @example
 * const resolve = createArticleResolver(db.articles);
 * resolve('https://ABC.example/2026/strike?utm_source=x') // [the article at https://abc.example/2026/strike]
 * resolve('abc-2026-strike') // [the article with that id]
 */
export function createArticleResolver(articles: readonly Article[], contingents: readonly Pick<Contingent, 'id' | 'home'>[] = []): ArticleResolver {
  const ownersOf = siteOwners(contingents);
  const byId = new Map<string, Article>();
  const byUrl = new Map<string, Article[]>();
  const addUrl = (key: string, article: Article) => {
    const list = byUrl.get(key);
    if (!list) byUrl.set(key, [article]);
    else if (!list.includes(article)) list.push(article);
  };
  for (const article of articles) {
    byId.set(article.id, article);
    addUrl(normalizeRef(article.url), article);
    // Some feeds carry the permalink only in guid; match it too, but only when it is a URL.
    if (article.guid && ABSOLUTE_HTTP.test(article.guid)) addUrl(normalizeRef(article.guid), article);
  }
  const cache = new Map<string, readonly Article[]>();
  return (ref) => {
    let found = cache.get(ref);
    if (found) return found;
    const trimmed = ref.trim();
    const article = byId.get(trimmed);
    if (article) found = [article];
    else if (!ABSOLUTE_HTTP.test(trimmed)) found = NONE;
    else {
      const key = normalizeRef(trimmed);
      const copies = byUrl.get(key) ?? NONE;
      const owners = copies.length > 0 ? ownersOf(key) : undefined;
      found = owners ? copies.filter((a) => owners.has(a.contingent)) : copies;
    }
    cache.set(ref, found);
    return found;
  };
}

/**
 * Which contingents a URL's site belongs to: those whose `home` covers it (same host, or a
 * subdomain, ignoring "www."; under the home's path), the most specific first. Undefined when no
 * contingent's home covers the URL (a third party's site: every copy counts).
 *
 * @example siteOwners([{ id: 'abc', home: 'https://abc.example/' }])('https://news.abc.example/a') // => new Set(['abc'])
 * @example siteOwners([{ id: 'abc', home: 'https://abc.example/' }])('https://tenants.example/a') // => undefined
 */
export function siteOwners(contingents: readonly Pick<Contingent, 'id' | 'home'>[]): (url: string) => ReadonlySet<string> | undefined {
  const byHost = new Map<string, { id: string; path: string }[]>();
  for (const c of contingents) {
    const home = hostAndPath(normalizeRef(c.home));
    if (!home) continue;
    const list = byHost.get(home.host) ?? [];
    list.push({ id: c.id, path: home.path.endsWith('/') ? home.path : `${home.path}/` });
    byHost.set(home.host, list);
  }
  return (url) => {
    const target = hostAndPath(url);
    if (!target || byHost.size === 0) return undefined;
    const path = `${target.path}/`;
    // The most specific host first (news.abc.example, then abc.example), then the longest home path.
    for (let host = target.host; host; host = host.slice(host.indexOf('.') + 1 || host.length)) {
      const homes = (byHost.get(host) ?? []).filter((h) => path.startsWith(h.path));
      if (homes.length === 0) continue;
      const longest = Math.max(...homes.map((h) => h.path.length));
      return new Set(homes.filter((h) => h.path.length === longest).map((h) => h.id));
    }
    return undefined;
  };
}

// A normalized http(s) URL's host without "www." and its path, without the URL parser.
function hostAndPath(url: string): { host: string; path: string } | undefined {
  const m = /^https?:\/\/(?:www\.)?([^/?#]+)(\/[^?#]*)?/i.exec(url);
  return m ? { host: m[1]!.toLowerCase(), path: m[2] ?? '/' } : undefined;
}
