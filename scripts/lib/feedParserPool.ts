import { parseFeed } from '../../src/lib/parseFeed.ts';
import type { FeedParser } from './runAggregate.ts';

/** Parses and sanitizes feeds. In-process for now; the benchmark decides whether workers pay off. */
export function createFeedParser(): { parse: FeedParser; close: () => Promise<void> } {
  return { parse: parseFeed, close: async () => {} };
}
