// Checking out and committing the data branch into content/, as the publish workflow does on GitHub
// and `npm run publish:dry` does here.
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { checkoutMissing, DATA_BRANCH, DATA_REF, DataBranchError, dropDataIndex, hasDataIndex, locallyChanged, parseTreeEntry, revParse, type DataRepo } from './dataRepo.ts';
import { migrateData } from './migrateData.ts';

const REMOTE = 'origin';

export interface CheckoutOptions {
  /** Fetch the data branch from origin first (the workflow's fresh clone has only main). */
  fetch?: boolean;
  /** When main still tracks the aggregated files (the layout before the data branch), move them. */
  migrate?: boolean;
  /** Push what a migration commits (main and data) to origin. */
  push?: boolean;
}

/**
 * Puts the data branch's files into content/: fetched from origin when asked, then written where
 * missing; a file changed here since is kept (the next commit records it), and a data branch that
 * moved on since the last checkout is merged in by git, which refuses to overwrite local changes.
 * Returns what it did, one line each.
 *
 * @example for (const line of await checkoutData(repo, { fetch: true })) console.log(line);
 */
export async function checkoutData(repo: DataRepo, opts: CheckoutOptions = {}): Promise<string[]> {
  const log: string[] = [];
  if (opts.fetch) log.push(...(await fetchDataBranch(repo)));
  const tracked = (await repo.git(['ls-files', '-z', '--', ...repo.paths])).stdout.split('\0').filter(Boolean);
  if (tracked.length > 0) {
    if (opts.migrate) return [...log, ...(await migrateData(repo, { push: opts.push }))];
    return [...log, `main still tracks ${tracked.length} aggregated files (the layout before the data branch): using them as they are. The publish workflow moves them to the data branch on its next run; \`npm run migrate-data\` does it here.`];
  }
  const found = await revParse(repo, DATA_REF);
  const sha = found && (await keepDataFoldersOnly(repo, found, log, opts.push));
  if (!sha) {
    await dropDataIndex(repo);
    return [...log, `no ${DATA_BRANCH} branch yet: the first commit of the aggregated files creates it.`];
  }
  const tree = (await repo.git(['rev-parse', `${sha}^{tree}`])).stdout.trim();
  if (await hasDataIndex(repo)) {
    const current = (await repo.git(['write-tree'], { data: true })).stdout.trim();
    if (current !== tree) {
      await repo.git(['update-index', '-q', '--refresh'], { data: true, allowFail: true });
      const merged = await repo.git(['read-tree', '-m', '-u', current, tree], { data: true, allowFail: true });
      if (merged.code !== 0) {
        throw new DataBranchError(`[data] the ${DATA_BRANCH} branch (${sha.slice(0, 7)}) changed files that were also changed here since the last checkout:\n${merged.stderr.trim()}\nCommit the local changes first (npm run data -- commit), or move those files aside.`);
      }
    }
  } else {
    await repo.git(['read-tree', tree], { data: true });
  }
  const written = await checkoutMissing(repo);
  const kept = await locallyChanged(repo);
  log.push(`checked out the ${DATA_BRANCH} branch (${sha.slice(0, 7)}) into ${repo.paths.join(', ')}: ${written} files written${kept.length ? `, ${kept.length} changed here kept (the next commit records them)` : ''}.`);
  return log;
}

export interface CommitOptions {
  message: string;
  /** Push the data branch to origin after committing. */
  push?: boolean;
  /** Count what would be committed, and commit nothing. */
  dryRun?: boolean;
}

/**
 * Commits the data folders of the work tree to the data branch (creating it on the first commit),
 * without touching main: its own index, `write-tree`, `commit-tree`, then `update-ref`. Nothing is
 * committed when nothing changed. Returns the new commit, if any, and how many files changed.
 *
 * @example const { commit, changed } = await commitData(repo, { message: 'aggregate: +17 articles', push: true });
 */
export async function commitData(repo: DataRepo, opts: CommitOptions): Promise<{ commit?: string; changed: number }> {
  const parent = await revParse(repo, DATA_REF);
  if (!(await hasDataIndex(repo)) && parent) await repo.git(['read-tree', parent], { data: true });
  const present = await presentPaths(repo);
  if (present.length > 0) await repo.git(['add', '-A', '-f', '--', ...present, ':(exclude,glob)**/.*.tmp'], { data: true });
  const tree = (await repo.git(['write-tree'], { data: true })).stdout.trim();
  const changedFiles = parent
    ? (await repo.git(['diff-index', '--cached', '--name-only', '-z', parent], { data: true })).stdout
    : (await repo.git(['ls-files', '-z'], { data: true })).stdout;
  const changed = changedFiles.split('\0').filter(Boolean).length;
  if (changed === 0 || opts.dryRun) return { changed };
  const commit = (await repo.git(['commit-tree', tree, ...(parent ? ['-p', parent] : []), '-F', '-'], { input: opts.message })).stdout.trim();
  await repo.git(['update-ref', '-m', `data: ${opts.message.split('\n')[0]}`, DATA_REF, commit, parent ?? '']);
  if (opts.push) {
    const pushed = await repo.git(['push', '--quiet', REMOTE, `${DATA_REF}:${DATA_REF}`], { allowFail: true });
    if (pushed.code !== 0) {
      throw new DataBranchError(`[data] committed ${commit.slice(0, 7)} but could not push the ${DATA_BRANCH} branch to ${REMOTE}: ${pushed.stderr.trim()}\nSomething else pushed to ${DATA_BRANCH} since this run checked it out; nothing is lost, the next run aggregates again from ${REMOTE}'s copy.`);
    }
  }
  return { commit, changed };
}

/** The data folders that exist in the work tree or in the data index (git add refuses a path that is in neither). */
async function presentPaths(repo: DataRepo): Promise<string[]> {
  const present: string[] = [];
  for (const path of repo.paths) {
    const onDisk = await access(join(repo.top, path)).then(
      () => true,
      () => false,
    );
    const indexed = (await repo.git(['ls-files', '--', path], { data: true })).stdout.trim() !== '';
    if (onDisk || indexed) present.push(path);
  }
  return present;
}

/** Fetches origin's data branch and fast-forwards the local one to it (or creates it). */
async function fetchDataBranch(repo: DataRepo): Promise<string[]> {
  const remotes = (await repo.git(['remote'])).stdout.split('\n');
  if (!remotes.includes(REMOTE)) return [];
  const listed = await repo.git(['ls-remote', '--exit-code', '--heads', REMOTE, DATA_BRANCH], { allowFail: true });
  if (listed.code === 2) return [`${REMOTE} has no ${DATA_BRANCH} branch yet.`];
  if (listed.code !== 0) throw new DataBranchError(`[data] could not reach ${REMOTE}: ${listed.stderr.trim()}`);
  const shallow = (await repo.git(['rev-parse', '--is-shallow-repository'])).stdout.trim() === 'true';
  const tracking = `refs/remotes/${REMOTE}/${DATA_BRANCH}`;
  await repo.git(['fetch', '--quiet', '--no-tags', ...(shallow ? ['--depth=1'] : []), REMOTE, `+${DATA_REF}:${tracking}`]);
  const remote = (await revParse(repo, tracking))!;
  const local = await revParse(repo, DATA_REF);
  if (local === remote) return [`${REMOTE}/${DATA_BRANCH} is ${remote.slice(0, 7)}, as here.`];
  if (!local || (await repo.git(['merge-base', '--is-ancestor', local, remote], { allowFail: true })).code === 0) {
    await repo.git(['update-ref', DATA_REF, remote]);
    return [`fetched ${REMOTE}/${DATA_BRANCH} (${remote.slice(0, 7)}).`];
  }
  if ((await repo.git(['merge-base', '--is-ancestor', remote, local], { allowFail: true })).code === 0) return [`the local ${DATA_BRANCH} branch is ahead of ${REMOTE}'s (${local.slice(0, 7)}): keeping it.`];
  throw new DataBranchError(`[data] the local ${DATA_BRANCH} branch (${local.slice(0, 7)}) and ${REMOTE}'s (${remote.slice(0, 7)}) have diverged. Only the publish workflow should write ${DATA_BRANCH}: keep ${REMOTE}'s with \`git update-ref ${DATA_REF} ${tracking}\`.`);
}

/**
 * A data branch made on GitHub's web page from an old main ("New branch" from main, the web-only
 * migration) holds the whole tree; the aggregated folders are taken from it as they are (the same
 * blobs) in a commit of their own, so nothing else ever reaches content/ from there.
 */
async function keepDataFoldersOnly(repo: DataRepo, sha: string, log: string[], push?: boolean): Promise<string> {
  const all = (await repo.git(['ls-tree', '-r', '-z', '--full-tree', '--name-only', sha])).stdout.split('\0').filter(Boolean);
  if (all.every((p) => repo.paths.some((d) => p.startsWith(`${d}/`)))) return sha;
  const entries = (await repo.git(['ls-tree', '-r', '-z', '--full-tree', sha, '--', ...repo.paths])).stdout.split('\0').filter(Boolean).map(parseTreeEntry);
  await dropDataIndex(repo);
  await repo.git(['update-index', '-z', '--index-info'], { data: true, input: entries.map((e) => `${e.mode} ${e.sha}\t${e.path}\0`).join('') });
  const tree = (await repo.git(['write-tree'], { data: true })).stdout.trim();
  const commit = (await repo.git(['commit-tree', tree, '-p', sha, '-F', '-'], { input: `data: keep only ${repo.paths.join(', ')}\n\nThis branch was made from main; its aggregated folders are kept as they are, byte for byte, and the rest (code and config, which live on main) is dropped.\n` })).stdout.trim();
  await repo.git(['update-ref', DATA_REF, commit, sha]);
  await dropDataIndex(repo);
  log.push(`the ${DATA_BRANCH} branch was made from main: kept its ${repo.paths.join(', ')} (${all.length - entries.length} other files dropped) in ${commit.slice(0, 7)}.`);
  if (push) {
    const pushed = await repo.git(['push', '--quiet', REMOTE, `${DATA_REF}:${DATA_REF}`], { allowFail: true });
    if (pushed.code !== 0) throw new DataBranchError(`[data] could not push the ${DATA_BRANCH} branch to ${REMOTE}: ${pushed.stderr.trim()}`);
  }
  return commit;
}
