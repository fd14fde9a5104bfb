// The public export of the database, format widenet-db/1: /data/manifest.json and its shards.
// One schema for the build that writes it and the aggregator that imports it.
import { z } from 'astro/zod';
import { Id } from '../config/schema.ts';

export const DB_FORMAT = 'widenet-db/1';

const Count = z.number().int().min(0);
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 in 64 hex digits');
/** A calendar month in UTC, such as 2026-11. */
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month such as "2026-11"');

const shardFields = { path: z.string(), records: Count, bytes: Count, sha256: Sha256 };

/** The articles one contingent first carried in one month, with their revisions. */
export const ArticleShard = z.object({ kind: z.literal('articles'), contingent: Id, month: Month, ...shardFields });
/** One rater's last good rating file, normalized (a rating file is replaced as a whole). */
export const RatingsShard = z.object({ kind: z.literal('ratings'), rater: Id, ...shardFields });
/** The fetch state and health of every feed and rating file. */
export const SourcesShard = z.object({ kind: z.literal('sources'), ...shardFields });

export const Shard = z
  .discriminatedUnion('kind', [ArticleShard, RatingsShard, SourcesShard])
  // A reader never follows a path it did not derive itself: the path must be the one the format names.
  .refine((s) => s.path === shardPath(s), { message: 'path does not match its kind, owner and month', path: ['path'] });
export type Shard = z.infer<typeof Shard>;
export type ArticleShard = z.infer<typeof ArticleShard>;
export type RatingsShard = z.infer<typeof RatingsShard>;

/** /data/manifest.json. Objects are read loosely, so later widenet-db/1 writers may add fields. */
export const DbManifest = z.object({
  format: z.literal(DB_FORMAT),
  network: z.string(),
  /** The site's address (origin and base) as configured in its site.yaml. */
  site: z.string(),
  built: z.object({
    at: z.iso.datetime({ offset: true }),
    /** The code's commit, and the data branch's commit the database was read from, when known. */
    commit: z.string().optional(),
    data: z.string().optional(),
  }),
  counts: z.object({ articles: Count, revisions: Count, contingents: Count, raters: Count, ratings: Count, sources: Count, shards: Count, bytes: Count }),
  contingents: z.array(z.object({ id: Id, name: z.string(), feeds: z.array(z.string()), articles: Count })),
  raters: z.array(
    z.object({
      id: Id,
      url: z.string(),
      format: z.enum(['json', 'csv']).optional(),
      key: z.string().optional(),
      /** The scales its stored ratings use. */
      scales: z.array(Id),
    }),
  ),
  scales: z.array(z.object({ id: Id, min: z.number(), max: z.number() })),
  shards: z.array(Shard),
});
export type DbManifest = z.infer<typeof DbManifest>;

/**
 * Where a shard lives under /data/.
 *
 * @example shardPath({ kind: 'articles', contingent: 'abc', month: '2026-11' }) // 'articles/abc/2026-11.jsonl.gz'
 * @example shardPath({ kind: 'ratings', rater: 'alice' }) // 'ratings/alice.jsonl.gz'
 */
export function shardPath(shard: { kind: 'articles'; contingent: string; month: string } | { kind: 'ratings'; rater: string } | { kind: 'sources' }): string {
  switch (shard.kind) {
    case 'articles':
      return `articles/${shard.contingent}/${shard.month}.jsonl.gz`;
    case 'ratings':
      return `ratings/${shard.rater}.jsonl.gz`;
    case 'sources':
      return 'sources.jsonl.gz';
  }
}

/**
 * The month (UTC) an article belongs to: that of its firstSeen, which never changes, so an
 * article never moves from one shard to another.
 *
 * @example monthOf('2026-11-30T23:30:00-02:00') // '2026-12'
 */
export function monthOf(firstSeen: string): string {
  return new Date(firstSeen).toISOString().slice(0, 7);
}
