// The git repository around content/, seen as two branches in one work tree: `main` tracks the code
// and the YAML config, `data` tracks the aggregated files (content/articles, content/ratings,
// content/state), through an index file of its own. Main ignores those folders.
import { spawn } from 'node:child_process';
import { access, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The branch that holds the aggregated database. */
export const DATA_BRANCH = 'data';
export const DATA_REF = `refs/heads/${DATA_BRANCH}`;
/** The folders of content/ that the aggregator writes: on the data branch, never on main. */
export const DATA_FOLDERS = ['articles', 'ratings', 'state'] as const;

/** A git command failed: which one, and what git said. */
export class DataBranchError extends Error {
  override name = 'DataBranchError';
}

export interface DataRepo {
  /** The work tree's top folder. */
  top: string;
  /** The data folders, relative to `top`, such as `content/articles`. */
  paths: string[];
  /** The data branch's own index file, inside the git folder. */
  index: string;
  /** Runs git in `top`; `data: true` runs it against the data branch's index. */
  git(args: string[], opts?: { data?: boolean; input?: string; allowFail?: boolean }): Promise<GitResult>;
}

export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The repository that holds `contentDir`, or undefined when it is not in a git work tree.
 *
 * @example const repo = await openDataRepo('content'); // repo.paths: ['content/articles', 'content/ratings', 'content/state']
 */
export async function openDataRepo(contentDir: string): Promise<DataRepo | undefined> {
  const probe = await runGit(['rev-parse', '--show-toplevel', '--show-prefix'], contentDir).catch(() => undefined);
  if (!probe || probe.code !== 0) return undefined;
  const [top, prefix = ''] = probe.stdout.split('\n');
  const index = (await runGit(['rev-parse', '--path-format=absolute', '--git-path', 'widenet-data.index'], contentDir)).stdout.trim();
  const repo: DataRepo = {
    top: top!,
    paths: DATA_FOLDERS.map((f) => `${prefix}${f}`),
    index,
    async git(args, opts = {}) {
      const result = await runGit(args, top!, { ...(opts.data && { GIT_INDEX_FILE: index }) }, opts.input);
      if (result.code !== 0 && !opts.allowFail) throw new DataBranchError(`[data] git ${args.join(' ')} failed (${result.code}): ${result.stderr.trim() || result.stdout.trim()}`);
      return result;
    },
  };
  return repo;
}

/** The commit a ref names, or undefined when there is no such ref. */
export async function revParse(repo: DataRepo, ref: string): Promise<string | undefined> {
  const { code, stdout } = await repo.git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { allowFail: true });
  return code === 0 ? stdout.trim() : undefined;
}

/** Whether the data branch's index file exists (the data branch was checked out or committed here). */
export async function hasDataIndex(repo: DataRepo): Promise<boolean> {
  return access(repo.index).then(
    () => true,
    () => false,
  );
}

export async function dropDataIndex(repo: DataRepo): Promise<void> {
  await rm(repo.index, { force: true });
}

/** Files of the data index that are missing from the work tree are written; existing files are left alone. */
export async function checkoutMissing(repo: DataRepo): Promise<number> {
  const missing = (await repo.git(['ls-files', '-z', '--deleted'], { data: true })).stdout;
  if (!missing) return 0;
  await repo.git(['checkout-index', '-z', '--stdin'], { data: true, input: missing });
  return missing.split('\0').filter(Boolean).length;
}

/** Files of the work tree that differ from the data index, under the data folders. */
export async function locallyChanged(repo: DataRepo): Promise<string[]> {
  await repo.git(['update-index', '-q', '--refresh'], { data: true, allowFail: true });
  const out = (await repo.git(['diff-files', '--name-only', '-z', '--', ...repo.paths], { data: true })).stdout;
  return out.split('\0').filter(Boolean);
}

/**
 * One entry of `git ls-tree -r -z`.
 *
 * @example parseTreeEntry('100644 blob 3b18e51…\tcontent/state/sources.json') // { mode: '100644', sha: '3b18e51…', path: 'content/state/sources.json' }
 */
export function parseTreeEntry(line: string): { mode: string; sha: string; path: string } {
  const tab = line.indexOf('\t');
  const [mode, , sha] = line.slice(0, tab).split(' ');
  return { mode: mode!, sha: sha!, path: line.slice(tab + 1) };
}

/** Lines main's .gitignore needs so that the data folders never show up in `git status` on main. */
export function ignoreBlock(paths: string[]): string {
  return ['', '# The aggregated database lives on the `data` branch, never on main (README: "Where the database lives").', ...paths.map((p) => `/${p}/`), ''].join('\n');
}

/**
 * Adds the data folders to the top .gitignore when git does not ignore them yet. Returns whether
 * the file changed.
 */
export async function ensureIgnored(repo: DataRepo): Promise<boolean> {
  const missing: string[] = [];
  for (const path of repo.paths) {
    const { code } = await repo.git(['check-ignore', '--no-index', '-q', `${path}/`], { allowFail: true });
    if (code !== 0) missing.push(path);
  }
  if (missing.length === 0) return false;
  const file = join(repo.top, '.gitignore');
  const text = await readFile(file, 'utf8').catch(() => '');
  await writeFile(file, `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}${ignoreBlock(missing)}`);
  return true;
}

function runGit(args: string[], cwd: string, env: Record<string, string> = {}, input?: string): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, env: { ...process.env, ...env }, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', (d: Buffer) => out.push(d));
    child.stderr!.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() }));
    // git may exit before reading all its input (it then reports why): that is its answer, not ours to throw.
    child.stdin?.on('error', () => {});
    child.stdin?.end(input);
  });
}
