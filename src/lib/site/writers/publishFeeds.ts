// Every feed of the build in its three formats, carrying the same items within FEED_BOUNDS.
import type { FeedFormat } from '../paths.ts';
import type { SiteModel } from '../siteModel.ts';
import { atomWriter } from './atomFeed.ts';
import { FEED_BOUNDS, fitItems } from './feedBounds.ts';
import { contingentFeedDocument, editionFeedDocument, type FeedDocument } from './feedModel.ts';
import type { FeedWriter } from './feedWriter.ts';
import { jsonWriter } from './jsonFeed.ts';
import { rssWriter } from './rssFeed.ts';

/** The writers, one per format, in a fixed order. */
export const FEED_WRITERS: readonly FeedWriter[] = [rssWriter, atomWriter, jsonWriter];

export type PublishedFeeds = Record<FeedFormat, string> & {
  /** Items each format carries (the same items in each). */
  items: number;
};

/**
 * Renders a feed in every format at once. Items are taken in order while every format stays within
 * `maxBytes`, so the three files carry the same items; the first item is always carried.
 *
 * @example renderFeeds(editionFeedDocument(model, 'commons')).items // 38 (editionFeedDocument from ./feedModel.ts)
 */
export function renderFeeds(doc: FeedDocument, maxBytes: number = FEED_BOUNDS.feedBytes): PublishedFeeds {
  const frames = FEED_WRITERS.map((w) => w.frame(doc));
  const { count, parts } = fitItems(doc.items, frames, (item) => FEED_WRITERS.map((w) => w.item(doc, item)), maxBytes);
  const files = FEED_WRITERS.map((w, i) => {
    const frame = frames[i]!;
    return [w.format, `${frame.head}${parts[i]!.join(frame.separator)}${frame.tail}`] as const;
  });
  return { ...(Object.fromEntries(files) as Record<FeedFormat, string>), items: count };
}

/** A feed of the build: an edition's or a contingent's. */
export type FeedSubject = { edition: string } | { contingent: string };

const pending = new WeakMap<SiteModel, Map<string, Partial<Record<FeedFormat, string>>>>();

/**
 * One feed of the build in one format. The three formats are rendered together, whichever route
 * asks first; each is kept only until its route has taken it, so a build holds few feeds at once.
 *
 * @example publishedFeed(model, { edition: 'digest' }, 'atom').startsWith('<?xml') // => true
 */
export function publishedFeed(model: SiteModel, subject: FeedSubject, format: FeedFormat): string {
  let cache = pending.get(model);
  if (!cache) pending.set(model, (cache = new Map()));
  const key = 'edition' in subject ? `edition:${subject.edition}` : `contingent:${subject.contingent}`;
  let feeds = cache.get(key);
  if (feeds?.[format] === undefined) {
    const { items: _, ...files } = renderFeeds('edition' in subject ? editionFeedDocument(model, subject.edition) : contingentFeedDocument(model, subject.contingent));
    feeds = files;
    cache.set(key, feeds);
  }
  const text = feeds[format]!;
  delete feeds[format];
  if (Object.keys(feeds).length === 0) cache.delete(key);
  return text;
}
