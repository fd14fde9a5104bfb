// "Did you mean …?": when a query finds nothing, the words the index holds that are nearest to the
// words it does not, so a reader who mistyped twice gets one click back to the articles.
import { suggestDistance } from './searchConfig.ts';
import { processTerm, tokenize } from './searchTerms.ts';
import type { NearTerm, ShardIndex } from './shardIndex.ts';

/**
 * A query like `query` with each word that matches nothing in any shard replaced by the nearest
 * index term (fewest edits, then held by the most articles, then alphabetical), or undefined when
 * every word matches something, no near term exists, or the new query still finds nothing.
 * `found` counts the articles a query finds in all shards (the engine's `match`).
 *
 * @example suggestQuery('srtkie vote', shards, count) // 'strike vote'
 * @example suggestQuery('strike', shards, count) // undefined: it matches
 */
export function suggestQuery(query: string, shards: readonly ShardIndex[], found: (query: string) => number): string | undefined {
  const words = tokenize(query);
  let changed = false;
  const suggested = words.map((word) => {
    const term = processTerm(word);
    if (term === null || shards.some((s) => s.query(term).length > 0)) return word;
    const best = nearestTerm(shards.flatMap((s) => s.near(term, suggestDistance(term))));
    if (!best) return word;
    changed = true;
    return best;
  });
  if (!changed) return undefined;
  const text = suggested.join(' ');
  return found(text) > 0 ? text : undefined;
}

/**
 * The best of the near terms found in every shard: the fewest edits, then the most articles
 * (summed over shards), then the first alphabetically.
 *
 * @example nearestTerm([{ term: 'strike', distance: 2, articles: 9 }, { term: 'stride', distance: 2, articles: 1 }]) // => 'strike'
 */
export function nearestTerm(near: readonly NearTerm[]): string | undefined {
  const byTerm = new Map<string, { distance: number; articles: number }>();
  for (const { term, distance, articles } of near) {
    const seen = byTerm.get(term);
    if (seen) seen.articles += articles;
    else byTerm.set(term, { distance, articles });
  }
  let best: string | undefined;
  let bestOf: { distance: number; articles: number } | undefined;
  for (const [term, of] of byTerm) {
    if (!bestOf || of.distance < bestOf.distance || (of.distance === bestOf.distance && (of.articles > bestOf.articles || (of.articles === bestOf.articles && term < best!)))) {
      best = term;
      bestOf = of;
    }
  }
  return best;
}
