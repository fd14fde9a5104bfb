// What part of a run one process does, when a run is split across jobs (`--shard i/n`, `--merge`).
import type { SourceReport } from './aggregateReport.ts';
import type { RunContext } from './runContext.ts';

/**
 * A share of a sharded run. A shard fetches the feeds of its contingents and stops before the
 * run's global steps; the merge brings the shards' results in, then fetches the rating files
 * (which need every shard's new articles) and does the global steps: raters found through trust,
 * the copy index (`alsoIn`), and the sources state.
 */
export interface RunScope {
  /** Whether this process fetches the feeds of a contingent. */
  feeds(contingentId: string): boolean;
  /** Whether this process fetches the rating files and finishes the run (discovery, copies, sources state). */
  finishes: boolean;
  /** Before any fetch, with the run's context: what earlier processes did; their reports come first. */
  prepare?(ctx: RunContext): Promise<SourceReport[]>;
  /** After the fetches of a process that does not finish the run: hands its results on. */
  handOff?(ctx: RunContext, reports: SourceReport[]): Promise<void>;
}
