// npm run aggregate: fetch every feed and rating file into content/.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError } from '../src/lib/check/configError.ts';
import { contentDirFrom, parseCli, runMain } from './cli/cli.ts';
import { loadConfig } from './cli/loadConfig.ts';
import { createFeedIngester } from './aggregator/ingestPool.ts';
import type { SourceReport } from './aggregator/aggregateReport.ts';
import { runAggregate } from './aggregator/runAggregate.ts';
import { summaryLine } from './aggregator/summaryLine.ts';
import { upstreamLines } from './aggregator/upstreamSummary.ts';
import { shardedScope } from './aggregator/shardCli.ts';

const HELP = `
Usage: npm run aggregate -- [options]

Fetches every contingent's feeds and every rater's rating file into content/.
Exits 0 when the run completed, even if some sources failed; 2 when it refused to start and
changed nothing (a config error, a damaged content/state/sources.json, another run going on);
1 when the run itself failed (a full disk: every file stays valid, run again with space).

Options:
  --only <id>       aggregate one contingent or rater
  --json            print a machine-readable report on stdout
  --content <dir>   the content folder (default: ./content or $WIDENET_CONTENT)
  --shard <i/n>     fetch only the feeds of shard i of n (contingents shared out by id) and
                    write what changed to --out, for --merge; no rating file, no commit-ready state
  --out <dir>       where --shard writes its result (default: shard-<i>-of-<n>)
  --merge <dirs…>   bring the shards' results into content/, then fetch the rating files and
                    finish the run (copy index, sources state): content/ ends as one run leaves it
  -h, --help        show this help
`;

runMain('aggregate', async () => {
  const { values, positionals } = parseCli({ only: { type: 'string' }, json: { type: 'boolean' }, content: { type: 'string' }, shard: { type: 'string' }, out: { type: 'string' }, merge: { type: 'boolean' } }, HELP);
  const contentDir = contentDirFrom(values.content);
  const config = await loadConfig(contentDir);
  const sharded = await shardedScope(values, positionals, contentDir, config);
  for (const line of sharded?.problems ?? []) process.stderr.write(`${line}\n`);
  const tty = process.stderr.isTTY && !values.json;
  const pool = createFeedIngester();
  try {
    const report = await runAggregate({
      contentDir,
      config,
      now: clockFromEnv(),
      only: values.only,
      ...(sharded && { scope: sharded.scope }),
      ingestFeed: pool.ingest,
      onProgress: tty
        ? (done, total, current) => process.stderr.write(`\r\x1b[K[aggregate] ${done}/${total} ${current}`.slice(0, process.stderr.columns || 120))
        : undefined,
    });
    if (tty) process.stderr.write('\r\x1b[K');
    if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    for (const line of await problemLines(report.sources, contentDir)) process.stderr.write(`${line}\n`);
    for (const line of report.damaged ?? []) process.stderr.write(`${line}\n`);
    for (const line of report.upstream ? upstreamLines(report.upstream) : []) process.stderr.write(`${line}\n`);
    process.stderr.write(`${summaryLine(report)}\n`);
    if (sharded?.done) process.stderr.write(`${sharded.done}\n`);
  } finally {
    await pool.close();
  }
});

async function problemLines(sources: SourceReport[], contentDir: string): Promise<string[]> {
  const lines: string[] = [];
  for (const s of sources) {
    // A rater found through trust is named with the raters that vouch for it.
    const who = s.discovered ? `${s.owner}, found through trust from ${s.discovered.vouchedBy.join(', ') || 'no one now'}` : s.owner;
    if (s.status === 'failed' || s.status === 'rejected' || s.status === 'retry-later' || s.status === 'gone') {
      const kept =
        s.kind === 'feed'
          ? `keeping ${(await readdir(join(contentDir, 'articles', s.owner)).catch(() => [])).length} earlier articles`
          : 'keeping the last good copy';
      lines.push(`[aggregate] [${who}] ${s.url}: ${s.message ?? s.status}${s.status === 'rejected' ? '' : `, ${kept}`}`);
    }
    for (const p of (s.problems ?? []).slice(0, 20)) lines.push(`[aggregate] [${who}] ${s.url} ${p}`);
    if (s.recovered) lines.push(`[aggregate] [${s.owner}] ${s.url}: recovered: ${s.recovered.join('; ')}`);
  }
  return lines;
}

/** WIDENET_NOW pins the aggregator's clock too (firstSeen, sources state): for tests and reproducible runs. */
function clockFromEnv(): Date | undefined {
  const text = process.env.WIDENET_NOW?.trim();
  if (!text) return undefined;
  const now = new Date(text);
  if (Number.isNaN(now.getTime())) throw new ConfigError([{ file: 'WIDENET_NOW', message: `"${text}" is not a date. Use an ISO date such as 2026-11-20T12:00:00Z, or unset it to use the current time.` }]);
  return now;
}
