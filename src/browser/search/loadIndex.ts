// The edition's index files: the first alone (so first results come early), then the rest side by
// side, each joining the engine in the edition's order as it arrives.
import type { PackedShard } from '../../lib/search/searchShard.ts';

async function fetchShard(url: string): Promise<PackedShard> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status} ${response.statusText}`);
  return (await response.json()) as PackedShard;
}

/** Fetches `urls` and hands each index file to `add` in order; rejects with the first failure in that order. */
export async function loadIndex(urls: readonly string[], add: (shard: PackedShard) => void): Promise<void> {
  const [first, ...rest] = urls;
  if (!first) return;
  add(await fetchShard(first));
  // The rest load side by side and join the results in the edition's order as each arrives.
  const pending = rest.map(fetchShard);
  // A failure is reported once, when its turn comes; until then it must not count as unhandled.
  for (const p of pending) p.catch(() => {});
  for (const next of pending) add(await next);
}
