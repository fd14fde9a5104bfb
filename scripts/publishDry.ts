// npm run publish:dry: the publish workflow's steps, run locally in the same order, stopping
// before the deploy. What .github/workflows/publish.yml does on GitHub, this does here.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentDirFrom, parseCli, runMain } from './cli/cli.ts';
import { displayPath } from './cli/loadConfig.ts';
import { commitMessage, jobSummary, parseReport } from './cli/publishReport.ts';
import { checkoutData, commitData } from './cli/dataBranch.ts';
import { DATA_BRANCH, openDataRepo } from './cli/dataRepo.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

const HELP = `
Usage: npm run publish:dry -- [options]

Runs the steps of the Publish workflow (.github/workflows/publish.yml) on this machine, in the
same order, and stops before the deploy:

  1. data        npm run data -- checkout: the data branch's files into content/ (fetched from
                 origin when it has one; with --commit, a main that still tracks them is migrated)
  2. check       npm run check
  3. aggregate   npm run aggregate -- --json, into a report file
  4. summary     the job summary and the commit message, computed from the report
     commit      only with --commit: commits content/'s aggregated folders to the data branch
                 with that message (no commit when nothing changed, as in the workflow; no push)
  5. build       npm run build (WIDENET_EDITION and WIDENET_BASE are honoured, as in the workflow)
  6. site size   node scripts/checkSiteSize.ts: a site over GitHub Pages' 1 GB stops here (with
                 WIDENET_DEPLOY=s3, as in the workflow, the size is only printed)

Options:
  --content <dir>   the content folder (default: ./content or $WIDENET_CONTENT)
  --out <dir>       where the site is built (default: dist/, or $WIDENET_OUT)
  --commit          commit to the data branch (and migrate main first, if it still tracks the data)
  --no-build        stop after step 4
  -h, --help        show this help
`;

runMain('publish:dry', async () => {
  const { values } = parseCli({ content: { type: 'string' }, out: { type: 'string' }, commit: { type: 'boolean' }, 'no-build': { type: 'boolean' } }, HELP);
  const contentDir = contentDirFrom(values.content);
  const env: NodeJS.ProcessEnv = { ...process.env, WIDENET_CONTENT: contentDir, ...(values.out && { WIDENET_OUT: values.out }) };
  const work = await mkdtemp(join(tmpdir(), 'widenet-publish-'));
  const step = (n: number, name: string) => console.log(`\n[publish:dry] ${n}. ${name}`);

  const repo = await openDataRepo(contentDir);
  step(1, 'data branch');
  if (repo) for (const line of await checkoutData(repo, { fetch: true, migrate: values.commit })) console.log(`[publish:dry] ${line}`);
  else console.log(`[publish:dry] ${displayPath(contentDir)} is not in a git repository: using its files as they are.`);

  step(2, `check ${displayPath(contentDir)}`);
  if ((await run(['scripts/check.ts', '--content', contentDir], env)) !== 0) return stop('check');

  step(3, 'aggregate');
  const reportPath = join(work, 'report.json');
  const aggregated = await run(['scripts/aggregate.ts', '--json', '--content', contentDir], env, reportPath);
  if (aggregated !== 0) return stop('aggregate');
  const report = parseReport(await readFile(reportPath, 'utf8'));

  step(4, 'job summary and commit message');
  const summaryPath = join(work, 'summary.md');
  const messagePath = join(work, 'commit-message.txt');
  await writeFile(summaryPath, jobSummary(report));
  const message = commitMessage(report);
  await writeFile(messagePath, message);
  console.log(`[publish:dry] report ${reportPath}\n[publish:dry] job summary ${summaryPath}\n[publish:dry] commit message ${messagePath}:\n`);
  console.log(message.replace(/^/gm, '    '));
  if (!repo) {
    console.log(`[publish:dry] ${displayPath(contentDir)} is not in a git repository: ${report.totals.filesWritten} files written by this run.`);
  } else {
    const { commit, changed } = await commitData(repo, { message, dryRun: !values.commit });
    if (changed === 0) console.log(`[publish:dry] no change in ${repo.paths.join(', ')}: the workflow would make no commit.`);
    else if (commit) console.log(`[publish:dry] committed ${changed} changed files to the ${DATA_BRANCH} branch (${commit.slice(0, 7)}); the workflow would push it.`);
    else console.log(`[publish:dry] ${changed} changed files in ${repo.paths.join(', ')}; the workflow would commit them to the ${DATA_BRANCH} branch with the message above (--commit does it here).`);
  }

  if (values['no-build']) return 0;
  step(5, `build${env.WIDENET_EDITION ? ` (single edition: ${env.WIDENET_EDITION})` : ''}`);
  if ((await run([join(ROOT, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build'], env)) !== 0) return stop('build');
  const out = env.WIDENET_OUT ?? join(ROOT, 'dist');
  step(6, 'site size');
  const s3 = env.WIDENET_DEPLOY === 's3';
  if ((await run(['scripts/checkSiteSize.ts', out, '--host', env.WIDENET_DEPLOY || 'pages'], env)) !== 0) return stop('site size');
  console.log(`\n[publish:dry] built into ${displayPath(out)}. The workflow would now deploy it to ${s3 ? 'object storage (WIDENET_DEPLOY=s3)' : 'GitHub Pages'}.`);
  return 0;
});

function stop(name: string): number {
  console.error(`[publish:dry] stopped: the ${name} step failed (its messages are above). The workflow would stop here too, and deploy nothing.`);
  return 1;
}

/** Runs a node script from the project root; its stdout goes to `stdoutFile` when given. */
function run(args: string[], env: NodeJS.ProcessEnv, stdoutFile?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', stdoutFile ? 'pipe' : 'inherit', 'inherit'] });
    // The file must be flushed before the caller reads it: wait for both the child and the stream.
    const file = stdoutFile && child.stdout ? child.stdout.pipe(createWriteStream(stdoutFile)) : undefined;
    const flushed = file ? new Promise<void>((done, fail) => file.on('finish', done).on('error', fail)) : Promise.resolve();
    child.on('error', reject);
    child.on('close', (code) => void flushed.then(() => resolve(code ?? 1), reject));
  });
}
