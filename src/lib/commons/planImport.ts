// Which contingents and raters a fork shares with its upstream, and which of upstream's shards it
// must download to be up to date. Pure: the aggregator fetches the manifest and the shards.
import type { Contingent, Rater, Scale } from '../config/schema.ts';
import { normalizeUrl } from '../urls/normalizeUrl.ts';
import type { ArticleShard, DbManifest, RatingsShard, Shard } from './dbFormat.ts';

/** content/state/upstream.json: which upstream, and the digest of every shard imported from it. */
export interface ImportState {
  url: string;
  built?: DbManifest['built'];
  shards: Record<string, string>;
}

export interface ImportPlan {
  /** Shared contingents: their article shards, and those not yet imported at their current digest. */
  contingents: { id: string; feeds: string[]; shards: ArticleShard[]; changed: ArticleShard[] }[];
  /** Shared raters: their shard (none when upstream has no good copy yet), and whether it changed. */
  raters: { id: string; url: string; shard?: RatingsShard; changed: boolean }[];
  /** Upstream's sources state, for the shared feeds' and rating files' health. */
  sources?: Shard;
  /** Contingents and raters that look like upstream's but are not shared, and why. */
  notShared: { kind: 'contingent' | 'rater'; id: string; reason: string }[];
}

/**
 * Plans an import from `manifest`. A contingent is shared when upstream has one with the same id and
 * the same feeds (ids are made from the contingent's id, so they stay the same); a rater when the id,
 * rating-file URL, format and key are the same and every scale its ratings use has the same range here.
 * A shard is downloaded when its digest differs from the one recorded at the last import from `url`.
 *
 * @example planImport({ url, config, manifest, previous: undefined }).contingents.map((c) => c.id) // ['abc', 'harbor']
 */
export function planImport(input: { url: string; config: { contingents: Contingent[]; raters: Rater[]; scales: Scale[] }; manifest: DbManifest; previous?: ImportState; only?: string }): ImportPlan {
  const { config, manifest } = input;
  const imported = input.previous?.url === input.url ? input.previous.shards : {};
  const changed = (s: Shard) => imported[s.path] !== s.sha256;
  const plan: ImportPlan = { contingents: [], raters: [], notShared: [] };

  const upstreamContingents = new Map(manifest.contingents.map((c) => [c.id, c]));
  const byFeeds = new Map(manifest.contingents.map((c) => [feedKey(c.feeds), c.id]));
  for (const c of config.contingents) {
    if (input.only && input.only !== c.id) continue;
    const theirs = upstreamContingents.get(c.id);
    if (!theirs || feedKey(theirs.feeds) !== feedKey(c.feeds)) {
      const namesake = byFeeds.get(feedKey(c.feeds));
      if (theirs) plan.notShared.push({ kind: 'contingent', id: c.id, reason: `upstream's "${c.id}" has other feeds (${theirs.feeds.join(', ')}); fetching it here` });
      else if (namesake) plan.notShared.push({ kind: 'contingent', id: c.id, reason: `upstream carries these feeds as "${namesake}"; rename it "${namesake}" in contingents.yaml to share its articles, or keep fetching it here` });
      continue;
    }
    const shards = manifest.shards.filter((s): s is ArticleShard => s.kind === 'articles' && s.contingent === c.id);
    plan.contingents.push({ id: c.id, feeds: c.feeds, shards, changed: shards.filter(changed) });
  }

  const upstreamRaters = new Map(manifest.raters.map((r) => [r.id, r]));
  const scales = new Map(config.scales.map((s) => [s.id, s]));
  for (const r of config.raters) {
    if (input.only && input.only !== r.id) continue;
    const theirs = upstreamRaters.get(r.id);
    if (!theirs) continue;
    const reason =
      normalizeUrl(theirs.url) !== normalizeUrl(r.url)
        ? `upstream's "${r.id}" reads another rating file (${theirs.url})`
        : (theirs.format ?? 'auto') !== (r.format ?? 'auto')
          ? `upstream reads its file as ${theirs.format ?? 'auto'}, raters.yaml says ${r.format ?? 'auto'}`
          : (theirs.key ?? '') !== (r.key ?? '')
            ? 'upstream checks its signature with another key'
            : theirs.scales
                .filter((id) => {
                  const mine = scales.get(id);
                  const up = manifest.scales.find((s) => s.id === id);
                  return !mine || !up || mine.min !== up.min || mine.max !== up.max;
                })
                .map((id) => `its ratings use the scale "${id}", which scales.yaml ${scales.has(id) ? 'gives another range' : 'does not have'}`)[0];
    if (reason) {
      plan.notShared.push({ kind: 'rater', id: r.id, reason: `${reason}; fetching it here` });
      continue;
    }
    const shard = manifest.shards.find((s): s is RatingsShard => s.kind === 'ratings' && s.rater === r.id);
    plan.raters.push({ id: r.id, url: r.url, ...(shard && { shard }), changed: shard ? changed(shard) : false });
  }

  if (plan.contingents.length > 0 || plan.raters.length > 0) {
    const sources = manifest.shards.find((s) => s.kind === 'sources');
    if (sources) plan.sources = sources;
  }
  return plan;
}

/** A contingent's feeds as one comparable value: normalized, without duplicates, sorted. */
function feedKey(feeds: readonly string[]): string {
  return [...new Set(feeds.map(normalizeUrl))].sort().join('\n');
}
