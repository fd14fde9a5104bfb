// The pure steps of discovery (site.yaml `discover`): which trusted rating files to fetch next,
// and what to call a rater found that way.
import { normalizeRef } from '../urls/articleRefs.ts';
import type { TrustEntry } from '../config/schema.ts';

/**
 * The rating files the next step of discovery fetches: every URL trusted (w > 0) by the frontier's
 * files that is not already known, most trusted first (the sum of its vouchers' shares,
 * `w / max(1, Σ w)`, so a file trusting thousands lends each little), then by URL; at most `budget`.
 *
 * @example nextToDiscover([{ trust: [{ rater: 'https://c.example/r.json', w: 1 }] }], new Set(), 10) // ['https://c.example/r.json']
 */
export function nextToDiscover(frontier: readonly { trust?: readonly TrustEntry[] }[], known: ReadonlySet<string>, budget: number): string[] {
  const score = new Map<string, number>();
  for (const file of frontier) {
    const live = new Map<string, number>();
    for (const t of file.trust ?? []) live.set(normalizeRef(t.rater), t.w);
    let total = 0;
    for (const w of live.values()) if (w > 0) total += Math.min(1, w);
    for (const [url, w] of live) {
      if (!(w > 0) || known.has(url)) continue;
      score.set(url, (score.get(url) ?? 0) + Math.min(1, w) / Math.max(1, total));
    }
  }
  return [...score]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, Math.max(0, budget))
    .map(([url]) => url);
}

/**
 * A stable id for a discovered rater: its host and file name as a slug, and a digest of its URL, so
 * the same file keeps its id run after run and never takes the id of a rater in raters.yaml.
 *
 * @example discoveredRaterId('https://Carol.example/ratings.json', new Set()) // 'carol-example-ratings-' + 8 hex digits
 */
export function discoveredRaterId(url: string, taken: ReadonlySet<string>): string {
  const normalized = normalizeRef(url);
  let words = 'rater';
  try {
    const { hostname, pathname } = new URL(normalized);
    const file = pathname.split('/').filter(Boolean).pop()?.replace(/\.[a-z0-9]+$/i, '') ?? '';
    words = `${hostname.replace(/^www\./, '')} ${file}`;
  } catch {}
  const slug = words.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 48).replace(/-+$/, '') || 'rater';
  for (let salt = 0; ; salt++) {
    const id = `${slug}-${fnv1a(salt ? `${salt}:${normalized}` : normalized)}`;
    if (!taken.has(id)) return id;
  }
}

// FNV-1a, 32 bits, as 8 hex digits: small, pure, and the same in every runtime.
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
