// How a page advertises the feeds of an edition or a contingent: <link rel="alternate"> in the
// head, and the visible "RSS · Atom · JSON Feed" links.
import { FEED_FORMATS, type FeedFormat, type Paths } from '../paths.ts';

/** One `<link rel="alternate">` of a page's head. */
export interface AlternateLink {
  title: string;
  type: string;
  href: string;
}

/** A feed in each format, for a visible list of links. */
export interface FeedLinkView {
  format: FeedFormat;
  /** "RSS", "Atom", "JSON Feed" */
  text: string;
  href: string;
}

/** An edition's feeds or a contingent's. */
export type FeedOwner = { edition: string } | { contingent: string };

const FORMATS = Object.keys(FEED_FORMATS) as FeedFormat[];

/**
 * The feed in each format, RSS first.
 *
 * @example feedLinks(model.paths, { edition: 'digest' }).map((l) => l.href) // => ['/digest/rss.xml', '/digest/atom.xml', '/digest/feed.json']
 */
export function feedLinks(paths: Paths, owner: FeedOwner): FeedLinkView[] {
  return FORMATS.map((format) => ({
    format,
    text: FEED_FORMATS[format].name,
    href: 'edition' in owner ? paths.editionFeed(owner.edition, format) : paths.contingentFeed(owner.contingent, format),
  }));
}

/**
 * The head links that let feed readers find a feed in every format from the page.
 *
 * @example feedAlternates(model.paths, { edition: 'digest' }, 'Digest')[1] // => { title: 'Digest (Atom)', type: 'application/atom+xml', href: '/digest/atom.xml' }
 */
export function feedAlternates(paths: Paths, owner: FeedOwner, title: string): AlternateLink[] {
  return feedLinks(paths, owner).map((l) => ({ title: `${title} (${l.text})`, type: FEED_FORMATS[l.format].mediaType, href: l.href }));
}

/**
 * The absolute URL of every feed a build publishes, in every format: each edition's, then each
 * contingent's. What the WebSub ping announces, exactly as each feed names itself (`rel="self"`).
 *
 * @example publishedFeedUrls(model.paths, ['digest'], ['abc']).at(-1) // => 'https://example.org/contingents/abc/feed.json'
 */
export function publishedFeedUrls(paths: Paths, editions: readonly string[], contingents: readonly string[]): string[] {
  const owners: FeedOwner[] = [...editions.map((edition) => ({ edition })), ...contingents.map((contingent) => ({ contingent }))];
  return owners.flatMap((owner) => feedLinks(paths, owner).map((l) => paths.absolute(l.href)));
}
