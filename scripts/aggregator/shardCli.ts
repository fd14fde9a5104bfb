// The --shard and --merge options of `npm run aggregate`, turned into the run's scope.
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Config } from '../../src/lib/check/validateConfig.ts';
import { ConfigError } from '../../src/lib/check/configError.ts';
import { createMergeScope, readShards } from './mergeShards.ts';
import type { RunScope } from './runScope.ts';
import { parseShardSpec } from './shardFile.ts';
import { createShardScope, ShardOutError } from './shardRun.ts';

export interface Sharded {
  scope: RunScope;
  /** Lines to print before the run: shards left out of a merge, and why. */
  problems: string[];
  /** A line to print after the run. */
  done?: string;
}

/**
 * The scope asked for on the command line, or undefined for a whole run. Wrong use (both options,
 * a bad i/n, --merge with no folder, --only with either) is a ConfigError: exit 2, nothing changed.
 */
export async function shardedScope(values: { shard?: string; out?: string; merge?: boolean; only?: string }, dirs: string[], contentDir: string, config: Config): Promise<Sharded | undefined> {
  const refuse = (message: string) => new ConfigError([{ file: values.merge ? '--merge' : '--shard', message }]);
  if (!values.shard && !values.merge) {
    if (values.out || dirs.length) throw refuse(`${values.out ? '--out' : `"${dirs[0]}"`} only goes with --shard or --merge`);
    return undefined;
  }
  if (values.shard && values.merge) throw refuse('--shard and --merge are separate steps: run each shard, then one merge');
  if (values.only) throw refuse('--only does one source; it does not combine with --shard or --merge');
  if (values.shard) {
    let spec;
    try {
      spec = parseShardSpec(values.shard);
    } catch (error) {
      throw refuse((error as Error).message);
    }
    const out = resolve(values.out ?? `shard-${spec.index}-of-${spec.count}`);
    try {
      const scope = await createShardScope({ ...spec, out, contentDir, config });
      return { scope, problems: [], done: `[aggregate] shard ${spec.index}/${spec.count}: result in ${out}; bring the shards together with \`npm run aggregate -- --merge <folders…>\`` };
    } catch (error) {
      if (error instanceof ShardOutError) throw refuse(error.message);
      throw error;
    }
  }
  if (dirs.length === 0) throw refuse('name the shards\' result folders: npm run aggregate -- --merge shard-1-of-3 shard-2-of-3 shard-3-of-3');
  const { shards, problems } = await readShards(await shardFolders(dirs.map((d) => resolve(d))), config);
  if (shards.length === 0) throw refuse(`no shard result could be used:\n${problems.join('\n')}`);
  return { scope: createMergeScope(contentDir, shards, config), problems, done: `[aggregate] merged ${shards.length} shard${shards.length === 1 ? '' : 's'} (${shards.map((s) => `${s.shard.shard}/${s.shard.of}`).join(', ')})` };
}

/** Each folder named, or, for a folder without a shard.json, the folders in it that have one (as download-artifact lays them out). */
async function shardFolders(dirs: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const dir of dirs) {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    if (entries.some((e) => e.name === 'shard.json') || entries.length === 0) out.push(dir);
    else {
      const inner = entries.filter((e) => e.isDirectory()).map((e) => join(dir, e.name)).sort();
      const withShard = (await Promise.all(inner.map(async (d) => ((await readdir(d).catch(() => [] as string[])).includes('shard.json') ? d : undefined)))).filter((d) => d !== undefined);
      out.push(...(withShard.length ? withShard : [dir]));
    }
  }
  return out;
}
