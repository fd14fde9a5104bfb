// Queries over the shards of an edition's index loaded so far: what the search page runs on each
// keystroke. Pure (no DOM, no fetch), so it runs the same in the browser and in tests.
import MiniSearch from 'minisearch';
import { INDEX_OPTIONS, QUERY_OPTIONS, type IndexedArticle } from './searchConfig.ts';
import { SHARD_FORMAT, unpackIndex, type PackedShard } from './searchShard.ts';

/** One article that matched a query, with what its result shows. */
export interface Hit {
  id: string;
  /** 0-based position in the edition: ties in score keep the edition's order. */
  position: number;
  score: number;
  title: string;
  snippet: string;
  /** Days since 1970-01-01 UTC. */
  day: number;
  contingent: string;
  contingentName: string;
  tags: string[];
  /** The index terms it matched, for highlighting. */
  terms: string[];
}

export interface SearchEngine {
  /** Adds a shard fetched from the build. Throws on a file of another format. */
  add(shard: PackedShard): void;
  /** Every article that matches `query`, best first. An empty or stop-word-only query matches none. */
  search(query: string): Hit[];
  /** Articles searchable so far. */
  readonly size: number;
}

interface Loaded {
  index: MiniSearch<IndexedArticle>;
  shard: PackedShard;
  /** Per article, resolved once at load so a query allocates nothing but its hits. */
  tags: string[][];
  contingents: [string, string][];
}

/**
 * An engine over shards added one by one: the first query can run on the first shard while the
 * others load, and later queries search them all.
 *
 * @example
 * const engine = createSearchEngine();
 * engine.add(firstShard);
 * engine.search('strike')[0]?.title // 'Port workers vote to strike'
 */
export function createSearchEngine(): SearchEngine {
  const loaded: Loaded[] = [];
  let size = 0;
  return {
    add(shard) {
      if (shard?.format !== SHARD_FORMAT) throw new Error(`[search] expected a ${SHARD_FORMAT} index file, got ${String(shard?.format)}: rebuild the site`);
      loaded.push({
        index: MiniSearch.loadJS<IndexedArticle>(unpackIndex(shard.index, shard.ids.length), INDEX_OPTIONS),
        shard,
        tags: shard.tags.map((ts) => ts.map((t) => shard.tagNames[t]!)),
        contingents: shard.contingent.map((c) => shard.contingents[c]!),
      });
      loaded.sort((a, b) => a.shard.start - b.shard.start);
      size += shard.ids.length;
    },
    search(query) {
      const hits: Hit[] = [];
      if (!query.trim()) return hits;
      for (const { index, shard, tags, contingents } of loaded) {
        for (const r of index.search(query, QUERY_OPTIONS)) {
          const n = r.id as number;
          const c = contingents[n]!;
          hits.push({
            id: shard.ids[n]!,
            position: shard.start + n,
            score: r.score,
            title: shard.titles[n]!,
            snippet: shard.snippets[n]!,
            day: shard.days[n]!,
            contingent: c[0],
            contingentName: c[1],
            tags: tags[n]!,
            terms: r.terms,
          });
        }
      }
      // Each shard scores with its own statistics; BM25 weighs a term by its share of the shard's
      // articles, which is about the same in every shard, so the scores stay comparable.
      return hits.sort((a, b) => b.score - a.score || a.position - b.position);
    },
    get size() {
      return size;
    },
  };
}
