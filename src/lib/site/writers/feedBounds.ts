// What one item may cost everyone who receives a feed: every bound a published feed keeps.

/** The bounds every published feed (RSS, Atom, JSON Feed) keeps, stated in the README. */
export const FEED_BOUNDS = {
  /** UTF-8 bytes of an item's article HTML; past it the item carries the summary and "Continue reading". */
  itemContentBytes: 256 * 1024,
  /** UTF-8 bytes of one feed file: fewer items when items are large, always at least the first. */
  feedBytes: 2 * 1024 * 1024,
  /** Guards on stored text that ingest already bounds: longer titles and summaries are cut with "…". */
  titleChars: 1_000,
  summaryChars: 4_000,
  /** Authors and tags per item, and characters per name or tag. */
  authors: 20,
  tags: 50,
  nameChars: 200,
} as const;

export type FeedBounds = typeof FEED_BOUNDS;

/**
 * The UTF-8 length of a string, without encoding it.
 *
 * @example
 * // 2 + 3 + 4 bytes
 * utf8Bytes('é€😀') // => 9
 */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c < 0xdc00 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      // A surrogate pair: one code point of 4 bytes.
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** One format's frame around its items: the parts of a file that do not depend on the items. */
export interface FeedFrame {
  head: string;
  separator: string;
  tail: string;
}

/**
 * How many of `items` fit in every format at once: items are taken in order while each format's
 * file (head, items, separators, tail) stays within `maxBytes`; the first item is always taken.
 * `render(item)` gives the item in each format, in the order of `frames`.
 *
 * @example
 * fitItems(['a', 'b', 'c'], [{ head: '[', separator: ',', tail: ']' }], (s) => [s], 5) // => { count: 2, parts: [['a', 'b']] }
 */
export function fitItems<T>(items: Iterable<T>, frames: readonly FeedFrame[], render: (item: T) => readonly string[], maxBytes: number): { count: number; parts: string[][] } {
  const sizes = frames.map((f) => utf8Bytes(f.head) + utf8Bytes(f.tail));
  const separators = frames.map((f) => utf8Bytes(f.separator));
  const parts: string[][] = frames.map(() => []);
  let count = 0;
  for (const item of items) {
    const rendered = render(item);
    const next = rendered.map((text, f) => sizes[f]! + utf8Bytes(text) + (count > 0 ? separators[f]! : 0));
    if (count > 0 && next.some((size) => size > maxBytes)) break;
    next.forEach((size, f) => {
      sizes[f] = size;
      parts[f]!.push(rendered[f]!);
    });
    count++;
  }
  return { count, parts };
}
