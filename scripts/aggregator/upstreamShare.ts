// A run split across jobs (`--shard i/n`, then `--merge`) imports from upstream in parts: each shard
// job imports its own contingents, the merge job the rating files. A shard's part of the import
// travels to the merge in shard.json, so the merge's report and content/state/upstream.json tell
// the whole run.
import { z } from 'astro/zod';
import { Id } from '../../src/lib/config/schema.ts';
import type { RunContext } from './runContext.ts';

const Count = z.number().int().min(0);
const Owned = z.object({ kind: z.enum(['contingent', 'rater']), owner: Id, reason: z.string() });

/** What one job imported from upstream, for the contingents it was responsible for. */
export const UpstreamShare = z.object({
  status: z.enum(['ok', 'failed']),
  message: z.string().optional(),
  /** The contingents this job was responsible for, shared or not. */
  owners: z.array(Id),
  /** Shards imported, by path, at the digest imported. */
  shards: z.record(z.string(), z.string()),
  contingents: z.array(Id),
  fallback: z.array(Owned),
  notShared: z.array(z.object({ kind: z.enum(['contingent', 'rater']), id: Id, reason: z.string() })),
  counts: z.object({ fetched: Count, unchanged: Count, bytes: Count, new: Count, updated: Count, unchanged_articles: Count }),
});
export type UpstreamShare = z.infer<typeof UpstreamShare>;

const made = new WeakMap<RunContext, UpstreamShare>();
const carried = new WeakMap<RunContext, UpstreamShare[]>();

/** The part of the import this job did, once `importUpstream` has run: a shard job hands it on. */
export function upstreamShareOf(ctx: RunContext): UpstreamShare | undefined {
  return made.get(ctx);
}

export function recordUpstreamShare(ctx: RunContext, share: UpstreamShare): void {
  made.set(ctx, share);
}

/** The merge job receives the shard jobs' parts before its own import runs. */
export function carryUpstreamShare(ctx: RunContext, share: UpstreamShare): void {
  carried.set(ctx, [...(carried.get(ctx) ?? []), share]);
}

export function carriedUpstreamShares(ctx: RunContext): UpstreamShare[] {
  return carried.get(ctx) ?? [];
}
