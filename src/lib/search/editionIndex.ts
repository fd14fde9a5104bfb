// An edition's whole search index: its documents cut into shards, each serialized as one file.
import { periodUnit, type PeriodUnit } from './facets.ts';
import type { SearchDocument } from './searchDocuments.ts';
import { createShard } from './searchShard.ts';
import { DEFAULT_SHARDS, planShards, type ShardOptions } from './shardPlan.ts';

export interface EditionIndex {
  /** Each shard's file text, in the edition's order: the first is what the first query searches. */
  shards: string[];
  count: number;
  /** How the period facet splits dates, from the span of the edition's articles. */
  unit: PeriodUnit;
}

const DAY = 86_400_000;

/**
 * Builds and serializes an edition's search index from its documents (see `searchDocuments`).
 *
 * @example buildEditionIndex(docs).shards.length // 1 for 30 articles; 4 for 10,000
 */
export function buildEditionIndex(docs: readonly SearchDocument[], options: ShardOptions = DEFAULT_SHARDS): EditionIndex {
  const days = docs.map((d) => Math.floor(Date.parse(d.published) / DAY));
  return {
    shards: planShards(docs.length, options).map(({ start, end }) => JSON.stringify(createShard(docs.slice(start, end), start))),
    count: docs.length,
    unit: days.length ? periodUnit(Math.min(...days), Math.max(...days)) : 'day',
  };
}
