// The result one shard hands to the merge: `<out>/shard.json` beside the article files it changed.
import { createHash } from 'node:crypto';
import { z } from 'astro/zod';
import { Id, SourceState } from '../../src/lib/config/schema.ts';
import { UpstreamShare } from './upstreamShare.ts';

/** The format tag of shard.json; the merge refuses any other. */
export const SHARD_FORMAT = 'widenet-shard/1';

const Counts = z.object({ new: z.number().int(), revised: z.number().int(), updated: z.number().int(), unchanged: z.number().int() });

export const ShardFile = z.object({
  format: z.literal(SHARD_FORMAT),
  shard: z.number().int().min(1),
  of: z.number().int().min(1),
  /** The contingents whose feeds this shard fetched. */
  contingents: z.array(Id),
  /** The state of each of their feeds after this shard's run, by configured URL. */
  states: z.record(z.string(), SourceState),
  /** New articles of the run with their normalized URLs, for the copy index the merge updates. */
  newUrls: z.array(z.tuple([z.string(), z.string()])),
  /** Article files the shard wrote, relative to the content folder, sorted. */
  files: z.array(z.string().regex(/^articles\/[a-z0-9][a-z0-9-]*\/[^/]+\.json$/)),
  /** One report row per feed, as `aggregate --json` gives them. */
  reports: z.array(z.looseObject({ kind: z.literal('feed'), owner: Id, url: z.string(), status: z.string(), articles: Counts })),
  damaged: z.array(z.string()),
  /** With `upstream` in site.yaml: what this shard imported from upstream for its contingents. */
  upstream: UpstreamShare.optional(),
});
export type ShardFile = z.infer<typeof ShardFile>;

/**
 * Parses `--shard 2/3` into a 1-based index and a count.
 *
 * @example parseShardSpec('2/3') // { index: 2, count: 3 }
 */
export function parseShardSpec(spec: string): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/.exec(spec.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || count > 256 || index < 1 || index > count) {
    throw new Error(`--shard "${spec}": expected i/n with 1 ≤ i ≤ n ≤ 256, such as --shard 2/3 for the second of three shards`);
  }
  return { index, count };
}

/**
 * The shard (1-based, of `count`) that fetches a contingent's feeds: from a digest of its id, so the
 * assignment never depends on the order of contingents.yaml, and adding one moves no other.
 *
 * @example shardOf('abc', 3) // 1 to 3, always the same for 'abc'
 */
export function shardOf(contingentId: string, count: number): number {
  return (createHash('sha256').update(contingentId).digest().readUInt32BE(0) % count) + 1;
}

/** Sharding's defaults: off up to this many feeds, and this many shards above it. */
export const SHARD_DEFAULTS = { above: 1000, shards: 4 } as const;

/**
 * How many shards a run of `feeds` feeds uses: 1 (one job does everything) up to `above` feeds,
 * else `shards`. Settings come from the repository variables WIDENET_SHARD_ABOVE and WIDENET_SHARDS;
 * an empty one takes the default, anything but a whole number is an error.
 *
 * @example planShards(1250, { above: '', shards: '' }) // => 4
 * @example planShards(1250, { above: '2000', shards: '' }) // => 1
 */
export function planShards(feeds: number, settings: { above?: string; shards?: string }): number {
  const read = (name: string, text: string | undefined, fallback: number, min: number, max: number) => {
    if (!text?.trim()) return fallback;
    const n = Number(text.trim());
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name}="${text}": expected a whole number from ${min} to ${max}, or leave it unset for ${fallback}`);
    return n;
  };
  const above = read('WIDENET_SHARD_ABOVE', settings.above, SHARD_DEFAULTS.above, 0, 1_000_000_000);
  const shards = read('WIDENET_SHARDS', settings.shards, SHARD_DEFAULTS.shards, 1, 256);
  return feeds > above ? shards : 1;
}
