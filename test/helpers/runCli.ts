// Runs one of the project's commands as a child process, as `npm run <name>` would, and copies the
// shipped config into a throwaway content folder for commands that edit it.
import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runProcess } from '../../scripts/cli/runProcess.ts';
import { dropUndefined } from '../../src/lib/config/dropUndefined.ts';
import { ingestFeed } from '../../scripts/aggregator/ingestFeed.ts';
import { runAggregate } from '../../scripts/aggregator/runAggregate.ts';
import { startDemoServer } from '../../scripts/cli/demoServer.ts';
import { loadConfig } from '../../scripts/cli/loadConfig.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Where the demo config's sources live; `copyConfig` rewrites it to a test server's origin. */
export const DEMO_ORIGIN = 'http://127.0.0.1:4319';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node scripts/<script>` from the project root and resolves with its exit code and output
 * (it never rejects on a non-zero exit: tests assert the code).
 *
 * @example const { code, stderr } = await runCli('addContingent.ts', [url, '--content', dir]);
 */
export async function runCli(script: string, args: string[], opts: { env?: Record<string, string | undefined>; timeoutMs?: number; input?: string; cwd?: string } = {}): Promise<CliResult> {
  // An `undefined` in opts.env removes that variable (such as Vitest's BASE_URL, which a build must not inherit).
  const env = dropUndefined({ ...process.env, GITHUB_ACTIONS: '', ...opts.env });
  const { code, signal, stdout, stderr } = await runProcess(process.execPath, [join(ROOT, 'scripts', script), ...args], { cwd: opts.cwd ?? ROOT, env, timeoutMs: opts.timeoutMs ?? 60_000, ...(opts.input !== undefined && { input: opts.input }) });
  if (code === null) throw Object.assign(new Error(`[runCli] ${script} ${args.join(' ')}: ended by ${signal}${signal === 'SIGTERM' ? ' (timed out)' : ''}\n${stderr.slice(-2000)}`), { stdout, stderr });
  return { code, stdout, stderr };
}

/**
 * A throwaway copy of the shipped config (content/*.yaml and editions/, and the articles when
 * asked), with the demo sources' origin rewritten to `origin` so a test server stands in for them.
 */
export async function copyConfig(opts: { origin?: string; articles?: boolean } = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'widenet-config-'));
  const from = join(ROOT, 'content');
  const rewrite = (text: string) => (opts.origin ? text.split(DEMO_ORIGIN).join(opts.origin) : text);
  for (const name of (await readdir(from)).filter((n) => n.endsWith('.yaml'))) await writeFile(join(dir, name), rewrite(await readFile(join(from, name), 'utf8')));
  await cp(join(from, 'editions'), join(dir, 'editions'), { recursive: true });
  if (opts.articles) await cp(join(await demoDatabase(), 'articles'), join(dir, 'articles'), { recursive: true });
  return dir;
}

let demoDb: Promise<string> | undefined;

/**
 * The demo network aggregated once per test process from demo/sources/ on loopback, at a pinned
 * time, into a throwaway folder: the repository's own content/ holds only config (the aggregated
 * files live on the data branch), so tests that need articles make them.
 *
 * @example await cp(join(await demoDatabase(), 'articles'), join(dir, 'articles'), { recursive: true });
 */
export function demoDatabase(): Promise<string> {
  demoDb ??= (async () => {
    const demo = await startDemoServer({ port: 0 });
    try {
      const dir = await copyConfig({ origin: demo.origin });
      await runAggregate({ contentDir: dir, config: await loadConfig(dir), ingestFeed, now: new Date('2026-11-21T12:00:00Z') });
      return dir;
    } finally {
      await demo.close();
    }
  })();
  return demoDb;
}
