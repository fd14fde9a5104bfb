import { normalizeUrl } from './normalizeUrl.ts';
import type { Article } from '../config/schema.ts';

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
 * @example normalizeRef('https://abc.example/2026/strike') // returned as is, without parsing
 * @example normalizeRef('https://ABC.example/a?utm_source=x') // 'https://abc.example/a'
 */
export function normalizeRef(url: string): string {
  return ALREADY_NORMAL.test(url) && !/%2e/i.test(url) ? url : normalizeUrl(url);
}

/**
 * Builds a resolver for article references, as used by ratings, challenges and `inReplyTo`.
 * A Wide Net id names one article; a URL names every article whose normalized `url` (or `guid`,
 * when the guid is a URL) equals it, so a rating of a URL reaches every copy of that article.
 * Results are cached per reference, since rating files repeat the same URLs.
 *
 * @example
 * const resolve = createArticleResolver(db.articles);
 * resolve('https://ABC.example/2026/strike?utm_source=x') // [the article at https://abc.example/2026/strike]
 * resolve('abc-2026-strike') // [the article with that id]
 */
export function createArticleResolver(articles: readonly Article[]): ArticleResolver {
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
    found = article ? [article] : ABSOLUTE_HTTP.test(trimmed) ? (byUrl.get(normalizeRef(trimmed)) ?? NONE) : NONE;
    cache.set(ref, found);
    return found;
  };
}
