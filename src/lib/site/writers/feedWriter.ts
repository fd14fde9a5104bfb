// What a feed format's writer provides: the file's frame and one item, so the size bound is shared.
import type { FeedFormat } from '../paths.ts';
import type { FeedFrame } from './feedBounds.ts';
import type { FeedDocument, FeedItem } from './feedModel.ts';

export interface FeedWriter {
  format: FeedFormat;
  /** The file around the items; it depends on the document only, never on the items. */
  frame(doc: FeedDocument): FeedFrame;
  item(doc: FeedDocument, item: FeedItem): string;
}
