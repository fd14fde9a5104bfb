// `aggregate --merge <dirs…>`: bring the shards' results into content/, then finish the run here:
// the rating files, raters found through trust, the copy index and the sources state.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../../src/lib/check/validateConfig.ts';
import { readContentFile } from '../../src/lib/check/contentFile.ts';
import type { SourceReport } from './aggregateReport.ts';
import type { RunScope } from './runScope.ts';
import { ShardFile, shardOf } from './shardFile.ts';
import { carryUpstreamShare } from './upstreamShare.ts';
import { writeAtomic } from './writeAtomic.ts';

export interface ShardResult {
  dir: string;
  shard: ShardFile;
  /** The article files, by path relative to content/, checked against the schema and the shard's contingents. */
  files: Map<string, string>;
}

/**
 * Reads each shard's folder and checks it: its shard.json, that it was made for this config (the
 * same contingents for its number), and every article file it carries. A folder that fails is left
 * out whole, with a line that says why: its feeds keep their earlier state and are fetched again on
 * the next run, so nothing is lost. Shards missing from 1..n are named the same way.
 *
 * @example const { shards, problems } = await readShards(['shard-1', 'shard-2', 'shard-3'], config);
 */
export async function readShards(dirs: readonly string[], config: Config): Promise<{ shards: ShardResult[]; problems: string[] }> {
  const problems: string[] = [];
  const shards: ShardResult[] = [];
  for (const dir of dirs) {
    const problem = (why: string) => problems.push(`[aggregate] --merge ${dir}: ${why}; its contingents keep their earlier state and are fetched again on the next run`);
    let shard: ShardFile;
    try {
      const parsed = ShardFile.safeParse(JSON.parse(await readFile(join(dir, 'shard.json'), 'utf8')));
      if (!parsed.success) {
        problem(`shard.json is not a shard's result (${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message})`);
        continue;
      }
      shard = parsed.data;
    } catch (error) {
      problem(`no readable shard.json (${(error as Error).message.split('\n')[0]})`);
      continue;
    }
    const expected = config.contingents.filter((c) => shardOf(c.id, shard.of) === shard.shard).map((c) => c.id).sort();
    if (expected.join() !== shard.contingents.join()) {
      problem(`shard ${shard.shard}/${shard.of} fetched ${shard.contingents.join(', ') || 'no contingent'}, but with this contingents.yaml it holds ${expected.join(', ') || 'none'}: it was made from another config`);
      continue;
    }
    if (shards.some((s) => s.shard.of !== shard.of || s.shard.shard === shard.shard)) {
      problem(`shard ${shard.shard}/${shard.of} does not fit with ${shards.map((s) => `${s.shard.shard}/${s.shard.of}`).join(', ')}: each shard once, all of the same count`);
      continue;
    }
    const files = new Map<string, string>();
    const own = new Set(shard.contingents);
    let bad: string | undefined;
    for (const file of shard.files) {
      const [, contingent, name] = file.split('/') as [string, string, string];
      const text = await readFile(join(dir, file), 'utf8').catch(() => undefined);
      const read = text === undefined ? undefined : readContentFile(file, 'article', text);
      if (!own.has(contingent)) bad = `${file} is not one of its contingents' articles`;
      else if (!read) bad = `${file} is listed but missing`;
      else if (read.problem) bad = `${file}: ${read.problem.message}`;
      else if (read.data.contingent !== contingent || `${read.data.id}.json` !== name) bad = `${file} holds article ${read.data.id} of ${read.data.contingent}`;
      if (bad) break;
      files.set(file, text!);
    }
    if (bad) {
      problem(bad);
      continue;
    }
    shards.push({ dir, shard, files });
  }
  const count = shards[0]?.shard.of;
  if (count !== undefined) {
    const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !shards.some((s) => s.shard.shard === i));
    for (const i of missing) problems.push(`[aggregate] --merge: shard ${i}/${count} is missing; its contingents keep their earlier state and are fetched again on the next run`);
  }
  return { shards, problems };
}

/**
 * The scope of the merge: no feed is fetched here. Each shard's article files are written into
 * content/ (atomically, skipped when the same), its feeds' state and new URLs join the run's, and
 * its report rows come first; then the run fetches the rating files and finishes as a single run does.
 */
export function createMergeScope(contentDir: string, shards: readonly ShardResult[], config: Config): RunScope {
  const order = new Map(config.contingents.flatMap((c) => c.feeds.map((url) => `${c.id} ${url}`)).map((key, i) => [key, i]));
  return {
    feeds: () => false,
    finishes: true,
    async prepare(ctx) {
      const reports: SourceReport[] = [];
      for (const { shard, files } of shards) {
        for (const [file, text] of files) await ctx.write(writeAtomic(join(contentDir, file), text));
        Object.assign(ctx.states, shard.states);
        for (const [id, url] of shard.newUrls) ctx.newUrls.set(id, url);
        ctx.damaged.push(...shard.damaged);
        if (shard.upstream) carryUpstreamShare(ctx, shard.upstream);
        reports.push(...(shard.reports as SourceReport[]));
      }
      // In the order a single run reports them: contingents.yaml's.
      return reports.sort((a, b) => (order.get(`${a.owner} ${a.url}`) ?? 0) - (order.get(`${b.owner} ${b.url}`) ?? 0));
    },
  };
}
