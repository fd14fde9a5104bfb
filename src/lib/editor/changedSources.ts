// Which feeds and rating files a change to contingents.yaml / raters.yaml adds or changes, so a
// pull request check fetches only those, once. Pure: the caller reads both versions of the files.
import { normalizeUrl } from '../urls/normalizeUrl.ts';
import type { Contingent, Rater } from '../config/schema.ts';

export interface ChangedSource {
  kind: 'feed' | 'ratings';
  owner: string;
  url: string;
  /** Path of the URL in its file, for the line number: `[2, 'feeds', 0]` or `[4, 'url']`. */
  path: (string | number)[];
  /** `new`: a contingent or rater that was not there; `changed`: one that was, with a new URL, format or key. */
  change: 'new' | 'changed';
  format?: 'json' | 'csv';
  key?: string;
}

/**
 * The sources of `head` that are not in `base`: every feed URL no contingent of base had, and
 * every rater whose URL, format or key differs from base. `base` is read loosely (it is whatever
 * the base branch holds, valid or not); `head` has passed validation.
 *
 * @example
 * const abc = { id: 'abc', name: 'ABC', home: 'https://abc.example/', feeds: ['https://abc.example/feed.xml'], license: 'CC0-1.0' };
 * changedSources({ contingents: [], raters: [] }, { contingents: [abc], raters: [] })
 * // => [{ kind: 'feed', owner: 'abc', url: 'https://abc.example/feed.xml', path: [0, 'feeds', 0], change: 'new' }]
 */
export function changedSources(base: { contingents: unknown; raters: unknown }, head: { contingents: readonly Contingent[]; raters: readonly Rater[] }): ChangedSource[] {
  const baseContingents = listOf(base.contingents);
  const baseFeeds = new Set(baseContingents.flatMap((c) => (Array.isArray(c.feeds) ? (c.feeds as unknown[]) : [])).filter((u): u is string => typeof u === 'string').map(normalizeUrl));
  const baseContingentIds = new Set(baseContingents.map((c) => c.id));
  const out: ChangedSource[] = [];
  head.contingents.forEach((c, i) => {
    c.feeds.forEach((url, j) => {
      if (baseFeeds.has(normalizeUrl(url))) return;
      out.push({ kind: 'feed', owner: c.id, url, path: [i, 'feeds', j], change: baseContingentIds.has(c.id) ? 'changed' : 'new' });
    });
  });

  const baseRaters = new Map(listOf(base.raters).map((r) => [r.id, r]));
  head.raters.forEach((r, i) => {
    const before = baseRaters.get(r.id);
    const same =
      before && typeof before.url === 'string' && normalizeUrl(before.url) === normalizeUrl(r.url) && before.format === r.format && before.key === r.key;
    if (same) return;
    out.push({ kind: 'ratings', owner: r.id, url: r.url, path: [i, 'url'], change: before ? 'changed' : 'new', ...(r.format && { format: r.format }), ...(r.key && { key: r.key }) });
  });
  return out;
}

function listOf(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null) : [];
}
