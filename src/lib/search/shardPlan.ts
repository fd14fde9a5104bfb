// How an edition's search index is split into files, so the first query never waits for a big download.

export interface ShardOptions {
  /** Editions of at most this many articles get one index file. */
  threshold: number;
  /** Articles in the first shard: the edition's top articles, which the first query searches. */
  first: number;
  /** Articles in each later shard, loaded in the background after the first. */
  size: number;
}

/** One shard: the edition's articles from position `start` (0-based) up to `end` (exclusive). */
export interface ShardRange {
  start: number;
  end: number;
}

/**
 * Chosen by `npm run bench search` (10,000 articles): a first shard of 500 (about 40 KB gzip) gives
 * first results sooner than 1,000 or one file, and later shards of 1,500 finish loading sooner than 3,000.
 */
export const DEFAULT_SHARDS: ShardOptions = { threshold: 1_000, first: 500, size: 1_500 };

/**
 * Splits `count` articles, in the edition's order, into shards: one when the edition is small,
 * else a first shard of `first` articles and then shards of `size`. A last shard smaller than
 * half of `size` is merged into the one before, so no request fetches a handful of articles.
 *
 * @example planShards(800) // => [{ start: 0, end: 800 }]
 * @example planShards(5_000, { threshold: 1_000, first: 1_000, size: 2_000 }) // => [{ start: 0, end: 1000 }, { start: 1000, end: 3000 }, { start: 3000, end: 5000 }]
 */
export function planShards(count: number, options: ShardOptions = DEFAULT_SHARDS): ShardRange[] {
  const first = Math.max(1, Math.floor(options.first));
  const size = Math.max(1, Math.floor(options.size));
  if (count <= Math.max(options.threshold, first)) return [{ start: 0, end: Math.max(0, count) }];
  const shards: ShardRange[] = [{ start: 0, end: first }];
  for (let start = first; start < count; start += size) shards.push({ start, end: Math.min(count, start + size) });
  const last = shards[shards.length - 1]!;
  if (shards.length > 2 && last.end - last.start < size / 2) {
    shards.pop();
    shards[shards.length - 1]!.end = last.end;
  }
  return shards;
}
