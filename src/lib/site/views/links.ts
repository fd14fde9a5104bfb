// Outside links as pages show them: a URL cut where a line may break, and a word on links that
// lead nowhere for a reader (the demo's fictional publishers, its feeds on this computer).
import { urlReach } from '../../urls/urlReach.ts';

/**
 * Where a page says why a link goes nowhere, or undefined for an ordinary link.
 *
 * @example linkNote('https://harbor-notes.example/') // 'an example address: this publisher is fictional'
 * @example linkNote('https://harbor.org/') // undefined
 */
export function linkNote(url: string): string | undefined {
  const reach = urlReach(url);
  if (reach === 'placeholder') return 'an example address: this publisher is fictional';
  if (reach === 'local') return 'on this computer: the demo serves it while npm start runs';
  return undefined;
}

/**
 * One sentence for a page of many outside links, saying why those that lead nowhere do, or
 * undefined when every link is ordinary.
 *
 * @example linksNote(['https://abc.example/feed.xml', 'http://127.0.0.1:4319/feeds/harbor.atom'])
 * // 'Addresses ending in .example are made up for this demonstration and lead nowhere. Addresses on 127.0.0.1 are on this computer: the demo serves them while npm start runs.'
 */
export function linksNote(urls: readonly string[]): string | undefined {
  const reaches = new Set(urls.map(urlReach));
  const parts = [
    reaches.has('placeholder') && 'Addresses ending in .example are made up for this demonstration and lead nowhere.',
    reaches.has('local') && 'Addresses on 127.0.0.1 are on this computer: the demo serves them while npm start runs.',
  ].filter((p): p is string => !!p);
  return parts.length ? parts.join(' ') : undefined;
}

/**
 * Whether a network is the demo: every contingent's home is an example address. Its pages say so once.
 *
 * @example isDemoNetwork([{ home: 'https://abc-bulletin.example/' }]) // true
 */
export function isDemoNetwork(contingents: readonly { home: string }[]): boolean {
  return contingents.length > 0 && contingents.every((c) => urlReach(c.home) === 'placeholder');
}

/**
 * A URL in pieces, each piece a place where a line may break: after the scheme's slashes and each
 * slash, and before a dot, `?`, `&`, `=`, `#`, `-` or `_`, so a long address wraps between words
 * rather than inside one.
 *
 * @example urlPieces('http://127.0.0.1:4319/feeds/abc-bulletin.rss') // ['http://', '127', '.0', '.0', '.1:4319/', 'feeds/', 'abc', '-bulletin', '.rss']
 */
export function urlPieces(url: string): string[] {
  return url
    .replace(/\/+/g, '$&\u0000')
    .replace(/[.?&=#_-]/g, '\u0000$&')
    .split('\u0000')
    .filter(Boolean);
}
