// node scripts/shardPlan.ts: how many jobs the Publish workflow fetches feeds in, as GitHub
// step outputs (`count=4`, `list=[1,2,3,4]`): one up to WIDENET_SHARD_ABOVE feeds, else WIDENET_SHARDS.
import { ConfigError } from '../src/lib/check/configError.ts';
import { contentDirFrom, parseCli, runMain } from './cli/cli.ts';
import { loadConfig } from './cli/loadConfig.ts';
import { planShards } from './aggregator/shardFile.ts';

const HELP = `
Usage: node scripts/shardPlan.ts [--content <dir>] >> "$GITHUB_OUTPUT"

Prints count=<n> and list=[1,…,n]: the shards the Publish workflow fetches feeds in. n is 1 (no
sharding) up to WIDENET_SHARD_ABOVE feeds (default 1000), else WIDENET_SHARDS (default 4).
`;

runMain('shard-plan', async () => {
  const { values } = parseCli({ content: { type: 'string' } }, HELP);
  const config = await loadConfig(contentDirFrom(values.content));
  const feeds = config.contingents.reduce((n, c) => n + c.feeds.length, 0);
  let count;
  try {
    count = planShards(feeds, { above: process.env.WIDENET_SHARD_ABOVE, shards: process.env.WIDENET_SHARDS });
  } catch (error) {
    throw new ConfigError([{ file: 'repository variables', message: `${(error as Error).message} (Settings → Secrets and variables → Actions → Variables)` }]);
  }
  process.stdout.write(`count=${count}\nlist=${JSON.stringify(Array.from({ length: count }, (_, i) => i + 1))}\n`);
  process.stderr.write(`[shard-plan] ${feeds} feeds: ${count === 1 ? 'one job fetches them all' : `${count} shard jobs fetch them, then one job merges, commits and builds`}\n`);
});
