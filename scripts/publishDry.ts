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
import { runProcess } from './cli/runProcess.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

const HELP = `
Usage: npm run publish:dry -- [options]

Runs the steps of the Publish workflow (.github/workflows/publish.yml) on this machine, in the
same order, and stops before the deploy:

  1. check       npm run check
  2. aggregate   npm run aggregate -- --json, into a report file
  3. summary     the job summary and the commit message, computed from the report
     commit      only with --commit: commits the changes in content/ with that message
                 (no commit when nothing changed, as in the workflow)
  4. build       npm run build (WIDENET_EDITION and WIDENET_BASE are honoured, as in the workflow)

Options:
  --content <dir>   the content folder (default: ./content or $WIDENET_CONTENT)
  --out <dir>       where the site is built (default: dist/, or $WIDENET_OUT)
  --commit          commit the changes in the content folder (git add <content>; git commit)
  --no-build        stop after step 3
  -h, --help        show this help
`;

runMain('publish:dry', async () => {
  const { values } = parseCli({ content: { type: 'string' }, out: { type: 'string' }, commit: { type: 'boolean' }, 'no-build': { type: 'boolean' } }, HELP);
  const contentDir = contentDirFrom(values.content);
  const env: NodeJS.ProcessEnv = { ...process.env, WIDENET_CONTENT: contentDir, ...(values.out && { WIDENET_OUT: values.out }) };
  const work = await mkdtemp(join(tmpdir(), 'widenet-publish-'));
  const step = (n: number, name: string) => console.log(`\n[publish:dry] ${n}. ${name}`);

  step(1, `check ${displayPath(contentDir)}`);
  if ((await run(['scripts/check.ts', '--content', contentDir], env)) !== 0) return stop('check');

  step(2, 'aggregate');
  const reportPath = join(work, 'report.json');
  const aggregated = await run(['scripts/aggregate.ts', '--json', '--content', contentDir], env, reportPath);
  if (aggregated !== 0) return stop('aggregate');
  const report = parseReport(await readFile(reportPath, 'utf8'));

  step(3, 'job summary and commit message');
  const summaryPath = join(work, 'summary.md');
  const messagePath = join(work, 'commit-message.txt');
  await writeFile(summaryPath, jobSummary(report));
  const message = commitMessage(report);
  await writeFile(messagePath, message);
  console.log(`[publish:dry] report ${reportPath}\n[publish:dry] job summary ${summaryPath}\n[publish:dry] commit message ${messagePath}:\n`);
  console.log(message.replace(/^/gm, '    '));
  const changed = await changedFiles(contentDir);
  if (changed === undefined) {
    console.log(`[publish:dry] ${displayPath(contentDir)} is not in a git repository: ${report.totals.filesWritten} files written by this run.`);
  } else if (changed.length === 0) {
    console.log('[publish:dry] no change in the content folder: the workflow would make no commit.');
  } else if (values.commit) {
    if ((await git(['add', '--', '.'], contentDir)) !== 0 || (await git(['commit', '--quiet', '--file', messagePath], contentDir)) !== 0) return stop('commit');
    console.log(`[publish:dry] committed ${changed.length} changed files.`);
  } else {
    console.log(`[publish:dry] ${changed.length} changed files in ${displayPath(contentDir)}; the workflow would commit them with the message above (--commit does it here).`);
  }

  if (values['no-build']) return 0;
  step(4, `build${env.WIDENET_EDITION ? ` (single edition: ${env.WIDENET_EDITION})` : ''}`);
  if ((await run([join(ROOT, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build'], env)) !== 0) return stop('build');
  console.log(`\n[publish:dry] built into ${displayPath(env.WIDENET_OUT ?? join(ROOT, 'dist'))}. The workflow would now deploy it to GitHub Pages.`);
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

function git(args: string[], cwd: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn('git', args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', () => resolve(127));
    child.on('close', (code) => resolve(code ?? 1));
  });
}

/** Changed and new files under the content folder, or undefined when it is not in a git work tree. */
async function changedFiles(contentDir: string): Promise<string[] | undefined> {
  const status = await runProcess('git', ['status', '--porcelain', '--untracked-files=all', '--', '.'], { cwd: contentDir }).catch(() => undefined);
  if (status?.code !== 0) return undefined;
  return status.stdout.split('\n').filter(Boolean);
}
