// Queries over the shards of an edition's index loaded so far: what the search page runs on each
// keystroke. Pure (no DOM, no fetch), so it runs the same in the browser and in tests.
import { periodOf, type FacetColumns, type FacetName, type PeriodUnit } from './facets.ts';
import { loadShardIndex, type ShardIndex, type ShardMatches } from './shardIndex.ts';
import { SHARD_FORMAT, type PackedShard } from './searchShard.ts';
import { suggestQuery } from './suggestQuery.ts';

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

/**
 * Every article that matched a query, as columns and in no particular order: match `i` is the
 * engine's document `docs[i]`. The page counts facets and ranks over these numbers and builds a
 * `Hit` only for the results it draws.
 */
export interface Matches {
  readonly length: number;
  /** The engine's document numbers (its facet columns' index). */
  readonly docs: Uint32Array;
  readonly scores: Float64Array;
  /** Edition positions, for ties in score. */
  readonly positions: Uint32Array;
}

export interface SearchEngine {
  /** Adds a shard fetched from the build. Throws on a file of another format. */
  add(shard: PackedShard): void;
  /**
   * Every article that matches `query`, unordered: the page ranks these (rank.ts) and builds hits
   * only for what it draws. An empty or stop-word-only query matches none.
   */
  match(query: string): Matches;
  /** Match `i` of `matches` as a result to show. */
  hit(matches: Matches, i: number): Hit;
  /** For a query that finds nothing: the same query with its unknown words replaced by the nearest the index holds ("Did you mean …?"). */
  suggest(query: string): string | undefined;
  /** The facet values of every document loaded so far, by document number. */
  readonly facets: FacetColumns;
  /** Articles searchable so far. */
  readonly size: number;
}

interface Loaded {
  index: ShardIndex;
  shard: PackedShard;
  /** The engine's number of the shard's first document: shard article `n` is document `base + n`. */
  base: number;
  /** Per article, resolved once at load so a query allocates nothing but its matches. */
  tags: string[][];
}

/** The engine's documents, as growable columns: a few shards of a few thousand each. */
function grow<T extends Uint32Array | Uint16Array>(array: T, length: number): T {
  if (array.length >= length) return array;
  const next = new (array.constructor as new (n: number) => T)(Math.max(length, array.length * 2));
  next.set(array);
  return next;
}

const EMPTY: Matches = { length: 0, docs: new Uint32Array(0), scores: new Float64Array(0), positions: new Uint32Array(0) };

/**
 * An engine over shards added one by one: the first query can run on the first shard while the
 * others load, and later queries search them all. `unit` is how the period facet splits dates.
 *
 * @example
 * const engine = createSearchEngine();
 * engine.add(firstShard);
 * engine.match('evictions').length // 3
 */
export function createSearchEngine(unit: PeriodUnit = 'day'): SearchEngine {
  const loaded: Loaded[] = [];
  // Per document (load order): its shard, edition position, and facet value ids.
  let shardOf = new Uint16Array(0);
  let position = new Uint32Array(0);
  let contingent = new Uint32Array(0);
  let period = new Uint32Array(0);
  let tagStart = new Uint32Array(1);
  let tagIds = new Uint32Array(0);
  let size = 0;
  const values: Record<FacetName, string[]> = { contingent: [], tag: [], period: [] };
  const ids: Record<FacetName, Map<string, number>> = { contingent: new Map(), tag: new Map(), period: new Map() };
  const idOf = (facet: FacetName, value: string) => {
    let id = ids[facet].get(value);
    if (id === undefined) {
      id = values[facet].push(value) - 1;
      ids[facet].set(value, id);
    }
    return id;
  };
  const facets = { contingent, period, tagStart, tagIds, values, ids } as FacetColumns;
  // Each shard's own matches, for the terms a drawn hit matched.
  const byShard = new WeakMap<Matches, ShardMatches[]>();

  const engine: SearchEngine = {
    add(shard) {
      if (shard?.format !== SHARD_FORMAT) throw new Error(`[search] expected a ${SHARD_FORMAT} index file, got ${String(shard?.format)}: rebuild the site`);
      const count = shard.ids.length;
      const base = size;
      const at = loaded.length;
      loaded.push({
        index: loadShardIndex(shard.index, count),
        shard,
        base,
        tags: shard.tags.map((ts) => ts.map((t) => shard.tagNames[t]!)),
      });
      size += count;
      shardOf = grow(shardOf, size);
      position = grow(position, size);
      contingent = grow(contingent, size);
      period = grow(period, size);
      tagStart = grow(tagStart, size + 1);
      tagIds = grow(tagIds, tagStart[base]! + shard.tags.reduce((n, ts) => n + ts.length, 0));
      const contingentIds = shard.contingents.map(([id]) => idOf('contingent', id));
      const tagNameIds = shard.tagNames.map((t) => idOf('tag', t));
      let t = tagStart[base]!;
      for (let n = 0; n < count; n++) {
        const d = base + n;
        shardOf[d] = at;
        position[d] = shard.start + n;
        contingent[d] = contingentIds[shard.contingent[n]!]!;
        period[d] = idOf('period', periodOf(shard.days[n]!, unit));
        for (const tag of shard.tags[n]!) tagIds[t++] = tagNameIds[tag]!;
        tagStart[d + 1] = t;
      }
      Object.assign(facets, { contingent, period, tagStart, tagIds });
    },
    match(query) {
      if (!query.trim()) return EMPTY;
      const found = loaded.map((l) => l.index.query(query));
      const length = found.reduce((n, m) => n + m.length, 0);
      if (length === 0) return EMPTY;
      const docs = new Uint32Array(length);
      const scores = new Float64Array(length);
      const positions = new Uint32Array(length);
      let i = 0;
      for (let s = 0; s < loaded.length; s++) {
        const { base } = loaded[s]!;
        const m = found[s]!;
        // Each shard scores with its own statistics; BM25 weighs a term by its share of the shard's
        // articles, which is about the same in every shard, so the scores stay comparable.
        scores.set(m.scores, i);
        for (let j = 0; j < m.length; j++, i++) {
          const d = base + m.docs[j]!;
          docs[i] = d;
          positions[i] = position[d]!;
        }
      }
      const result = { length, docs, scores, positions };
      byShard.set(result, found);
      return result;
    },
    hit(matches, i) {
      const d = matches.docs[i]!;
      const at = shardOf[d]!;
      const { shard, base, tags, index } = loaded[at]!;
      const n = d - base;
      const [contingentId, contingentName] = shard.contingents[shard.contingent[n]!]!;
      return {
        id: shard.ids[n]!,
        position: matches.positions[i]!,
        score: matches.scores[i]!,
        title: shard.titles[n]!,
        snippet: shard.snippets[n]!,
        day: shard.days[n]!,
        contingent: contingentId,
        contingentName,
        tags: tags[n]!,
        terms: index.termsOf(byShard.get(matches)![at]!, n),
      };
    },
    suggest(query) {
      return suggestQuery(
        query,
        loaded.map((l) => l.index),
        (q) => engine.match(q).length,
      );
    },
    facets,
    get size() {
      return size;
    },
  };
  return engine;
}
