// What goes into which shard of the export, and the manifest that lists them. Pure: the build
// reads content/, calls these, compresses and writes.
import type { Contingent, Rater, Scale, SourceState, StoredRatings } from '../config/schema.ts';
import { DB_FORMAT, monthOf, shardPath, type DbManifest, type Shard } from './dbFormat.ts';

/** An article as stored: the object read from its file, key order kept, so a line is the file's JSON. */
export interface StoredArticle {
  id: string;
  contingent: string;
  firstSeen: string;
  revisions?: unknown[];
}

/** Where a shard goes and what it is of. */
export type ShardPlace = ({ kind: 'articles'; contingent: string; month: string } | { kind: 'ratings'; rater: string } | { kind: 'sources' }) & { path: string };

/** A shard before compression: its place and its lines, one JSON value each, in a stable order. */
export type ShardContent = ShardPlace & { lines: string[] };

/**
 * Splits the database into shards: one per contingent and month of firstSeen (articles in order of
 * firstSeen, then id), one per rater (its stored rating file), and one of sources state (by URL).
 * Each line is the stored JSON without indentation, so the same data always makes the same bytes.
 *
 * @example planShards({ articles: [a], ratings: [], sources: {} }).map((s) => s.path) // ['articles/abc/2026-11.jsonl.gz']
 */
export function planShards(db: { articles: StoredArticle[]; ratings: StoredRatings[]; sources: Record<string, SourceState> }): ShardContent[] {
  const byShard = new Map<string, { contingent: string; month: string; articles: StoredArticle[] }>();
  for (const article of db.articles) {
    const month = monthOf(article.firstSeen);
    const path = shardPath({ kind: 'articles', contingent: article.contingent, month });
    let group = byShard.get(path);
    if (!group) byShard.set(path, (group = { contingent: article.contingent, month, articles: [] }));
    group.articles.push(article);
  }
  const shards: ShardContent[] = [];
  for (const [path, { contingent, month, articles }] of byShard) {
    articles.sort((a, b) => compare(Date.parse(a.firstSeen), Date.parse(b.firstSeen)) || compare(a.id, b.id));
    shards.push({ kind: 'articles', contingent, month, path, lines: articles.map((a) => JSON.stringify(a)) });
  }
  for (const file of db.ratings) shards.push({ kind: 'ratings', rater: file.rater, path: shardPath({ kind: 'ratings', rater: file.rater }), lines: [JSON.stringify(file)] });
  const urls = Object.keys(db.sources).sort(compare);
  if (urls.length > 0) shards.push({ kind: 'sources', path: shardPath({ kind: 'sources' }), lines: urls.map((url) => JSON.stringify(db.sources[url])) });
  return shards.sort((a, b) => compare(a.path, b.path));
}

/** A shard as written: its place, how many records it holds, its size and digest. */
export interface WrittenShard {
  place: ShardPlace;
  records: number;
  bytes: number;
  sha256: string;
}

export interface ManifestInput {
  site: { network: string; url: string; base: string };
  contingents: Contingent[];
  raters: Rater[];
  scales: Scale[];
  /** Stored rating files, for the scales each rater uses and the count of ratings. */
  ratings: StoredRatings[];
  sources: number;
  revisions: number;
  shards: WrittenShard[];
  built: DbManifest['built'];
}

/**
 * The manifest of an export: what the network is, what it holds, and every shard with its SHA-256.
 * Contingents and raters are the configured ones, with what an importer needs to tell whether it
 * shares them (feeds; rating-file URL, format, key and the scales its ratings use). Article counts
 * come from the shards, so the manifest cannot disagree with them.
 *
 * @example buildManifest({ ...input, built: { at: '2026-11-21T12:00:00.000Z' } }).counts.shards // 12
 */
export function buildManifest(input: ManifestInput): DbManifest {
  const shards = input.shards.map(({ place, records, bytes, sha256 }) => ({ ...place, records, bytes, sha256 }) as Shard);
  const perContingent = new Map<string, number>();
  for (const s of shards) if (s.kind === 'articles') perContingent.set(s.contingent, (perContingent.get(s.contingent) ?? 0) + s.records);
  const stored = new Map(input.ratings.map((r) => [r.rater, r]));
  return {
    format: DB_FORMAT,
    network: input.site.network,
    site: `${input.site.url.replace(/\/+$/, '')}${input.site.base}`,
    built: input.built,
    counts: {
      articles: [...perContingent.values()].reduce((n, c) => n + c, 0),
      revisions: input.revisions,
      contingents: input.contingents.length,
      raters: input.raters.length,
      ratings: input.ratings.reduce((n, r) => n + r.ratings.length, 0),
      sources: input.sources,
      shards: shards.length,
      bytes: shards.reduce((n, s) => n + s.bytes, 0),
    },
    contingents: input.contingents.map((c) => ({ id: c.id, name: c.name, feeds: [...c.feeds], articles: perContingent.get(c.id) ?? 0 })),
    raters: input.raters.map((r) => ({
      id: r.id,
      url: r.url,
      ...(r.format && { format: r.format }),
      ...(r.key && { key: r.key }),
      scales: [...new Set((stored.get(r.id)?.ratings ?? []).map((x) => x.scale))].sort(compare),
    })),
    scales: input.scales.map((s) => ({ id: s.id, min: s.min, max: s.max })),
    shards,
  };
}

function compare<T extends string | number>(a: T, b: T): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
