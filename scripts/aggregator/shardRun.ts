// `aggregate --shard i/n --out <dir>`: fetch the feeds of one share of the contingents into this
// content folder, then write what changed to <dir> for `aggregate --merge`.
import { copyFile, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Config } from '../../src/lib/check/validateConfig.ts';
import type { RunScope } from './runScope.ts';
import { SHARD_FORMAT, shardOf, type ShardFile } from './shardFile.ts';
import { upstreamShareOf } from './upstreamShare.ts';
import { toJson } from './writeAtomic.ts';

/** A shard's output folder holds something else: it is never emptied then. */
export class ShardOutError extends Error {
  override name = 'ShardOutError';
}

/**
 * The scope of shard `index` of `count`: only its contingents' feeds; at the end, the article files
 * that changed (found by comparing each file's inode, size and time before and after), their
 * feeds' state and the run's new URLs go to `out`.
 *
 * @example const scope = await createShardScope({ index: 2, count: 3, out: 'shard-2', contentDir, config });
 */
export async function createShardScope(opts: { index: number; count: number; out: string; contentDir: string; config: Config }): Promise<RunScope> {
  const { index, count, out, contentDir, config } = opts;
  await clearOut(out);
  const contingents = config.contingents.filter((c) => shardOf(c.id, count) === index);
  const owned = new Set(contingents.map((c) => c.id));
  let before = new Map<string, string>();
  return {
    feeds: (id) => owned.has(id),
    finishes: false,
    async prepare() {
      before = await fingerprints(contentDir, [...owned]);
      return [];
    },
    async handOff(ctx, reports) {
      const after = await fingerprints(contentDir, [...owned]);
      const files = [...after].filter(([path, print]) => before.get(path) !== print).map(([path]) => path).sort();
      for (const file of files) {
        await mkdir(dirname(join(out, file)), { recursive: true });
        await copyFile(join(contentDir, file), join(out, file));
      }
      const feedUrls = contingents.flatMap((c) => c.feeds);
      const result: ShardFile = {
        format: SHARD_FORMAT,
        shard: index,
        of: count,
        contingents: [...owned].sort(),
        states: Object.fromEntries(feedUrls.filter((u) => ctx.states[u]).map((u) => [u, ctx.states[u]!])),
        newUrls: [...ctx.newUrls],
        files,
        reports: reports.filter((r) => r.kind === 'feed') as ShardFile['reports'],
        damaged: [...new Set(ctx.damaged)].sort(),
        ...(upstreamShareOf(ctx) && { upstream: upstreamShareOf(ctx) }),
      };
      await writeFile(join(out, 'shard.json'), toJson(result));
    },
  };
}

/** `articles/<c>/<file>` → inode, size and mtime, for the contingents given. */
async function fingerprints(contentDir: string, contingents: string[]): Promise<Map<string, string>> {
  const prints = new Map<string, string>();
  for (const c of contingents) {
    const names = await readdir(join(contentDir, 'articles', c)).catch(() => [] as string[]);
    for (const name of names) {
      if (!name.endsWith('.json') || name.startsWith('.')) continue;
      const s = await stat(join(contentDir, 'articles', c, name));
      prints.set(`articles/${c}/${name}`, `${s.ino}:${s.size}:${s.mtimeMs}`);
    }
  }
  return prints;
}

/** An empty or absent folder, or an earlier shard's output, is (re)made empty; anything else is refused. */
async function clearOut(out: string): Promise<void> {
  const entries = await readdir(out).catch(() => undefined);
  if (entries && entries.length > 0 && !entries.includes('shard.json')) {
    throw new ShardOutError(`--out ${out} holds files that are not a shard's result; give an empty or new folder`);
  }
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
}
