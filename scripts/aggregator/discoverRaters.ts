// Discovery (site.yaml `discover`): after the listed raters, fetch the rating files they trust, and
// those those trust, up to `depth` steps and `max` files, as raters found through trust.
import type { DiscoveredRater, Rater, StoredRatings } from '../../src/lib/config/schema.ts';
import { ContentFileError } from '../../src/lib/check/contentFile.ts';
import { discoveredRaterId, nextToDiscover } from '../../src/lib/ratings/discovery.ts';
import { buildTrustGraph } from '../../src/lib/ratings/trust.ts';
import { normalizeRef } from '../../src/lib/urls/articleRefs.ts';
import type { SourceRef, SourceReport } from './aggregateReport.ts';
import { ratingsJob } from './ratingsJob.ts';
import type { RunContext } from './runContext.ts';

/** A source to fetch through the run's politeness limits (host limiter, progress, local faults). */
export type RunSource = (source: SourceRef, run: () => Promise<SourceReport>) => Promise<SourceReport | undefined>;

export interface Discovery {
  reports: SourceReport[];
  /** Every rating-file URL discovery fetched, so the run keeps their state. */
  urls: string[];
}

/**
 * Follows `trust` from the raters in raters.yaml, one step at a time, fetching each newly trusted
 * file as any rating file is fetched (a bad or hostile one is reported and its last good copy kept),
 * and writes content/state/discovered.json: who was found, how far from raters.yaml, and who vouches
 * for each. A discovered rater is never a seed, never a contingent's rater, and has no key: it
 * speaks only for itself. With `discover` off, an earlier list is emptied.
 */
export async function discoverRaters(ctx: RunContext, runSource: RunSource, known: (ref: string) => boolean): Promise<Discovery> {
  const discover = ctx.config.site.discover;
  const previous = await ctx.store.readDiscovered();
  if (!discover) {
    if (previous.length) await ctx.write(ctx.store.writeDiscovered([]));
    return { reports: [], urls: [] };
  }
  const listed = ctx.config.raters;
  const listedIds = new Set(listed.map((r) => r.id));
  const knownUrls = new Set(listed.map((r) => normalizeRef(r.url)));
  const before = new Map(previous.filter((d) => !listedIds.has(d.id)).map((d) => [normalizeRef(d.url), d]));
  const taken = new Set([...listedIds, ...[...before.values()].map((d) => d.id)]);

  const stored = new Map<string, StoredRatings | undefined>();
  const readStored = async (id: string) => {
    if (!stored.has(id)) {
      stored.set(id, await ctx.store.readRatings(id).catch((error: unknown) => {
        if (!(error instanceof ContentFileError)) throw error;
        ctx.damaged.push(error.message);
        return undefined;
      }));
    }
    return stored.get(id);
  };

  const found: Omit<DiscoveredRater, 'vouchedBy'>[] = [];
  // The name a file gives itself, from this run's copy, else from the last run: shown only when it borrows no one's.
  const names = new Map<string, string>();
  const reports: SourceReport[] = [];
  let frontier = await Promise.all(listed.map((r) => readStored(r.id)));
  for (let depth = 1; depth <= discover.depth && found.length < discover.max; depth++) {
    const urls = nextToDiscover(frontier.filter((f) => f !== undefined), knownUrls, discover.max - found.length);
    if (urls.length === 0) break;
    const layer = urls.map((url) => {
      knownUrls.add(url);
      // The same file keeps its id and its first sighting from run to run.
      const earlier = before.get(url);
      const id = earlier?.id ?? discoveredRaterId(url, taken);
      taken.add(id);
      if (earlier?.name !== undefined) names.set(id, earlier.name);
      return { id, url, depth, firstSeen: earlier?.firstSeen ?? ctx.now.toISOString() };
    });
    const results = await Promise.all(
      layer.map((d) => {
        const rater: Rater = { id: d.id, name: d.id, url: d.url };
        const named = (parsed: { name?: string }) => void (parsed.name === undefined ? names.delete(d.id) : names.set(d.id, parsed.name));
        return runSource({ kind: 'ratings', owner: d.id, url: d.url }, () => ratingsJob(ctx, rater, known, named));
      }),
    );
    reports.push(...results.filter((r) => r !== undefined));
    found.push(...layer);
    // The next step follows what each file trusts: this run's copy, or the last good one.
    frontier = await Promise.all(layer.map((d) => readStored(d.id)));
  }

  const files = [...listed.map((r) => r.id), ...found.map((d) => d.id)].flatMap((id) => {
    const file = stored.get(id);
    return file ? [{ rater: id, ...(file.trust && { trust: file.trust }) }] : [];
  });
  const graph = buildTrustGraph([...listed, ...found], files);
  const discovered: DiscoveredRater[] = found.map((d) => {
    const name = names.get(d.id);
    return { id: d.id, url: d.url, ...(name !== undefined && { name }), depth: d.depth, vouchedBy: graph.trustedBy(d.id).map((l) => l.id!), firstSeen: d.firstSeen };
  });
  await ctx.write(ctx.store.writeDiscovered(discovered));
  const depthOf = new Map(discovered.map((d) => [d.id, d]));
  return {
    reports: reports.map((r) => ({ ...r, discovered: { depth: depthOf.get(r.owner)!.depth, vouchedBy: depthOf.get(r.owner)!.vouchedBy } })),
    urls: found.map((d) => d.url),
  };
}
