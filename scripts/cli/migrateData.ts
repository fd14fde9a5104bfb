// `npm run migrate-data`: a repository whose main still tracks content/articles, content/ratings and
// content/state (the layout before the data branch) moves them to the data branch, byte for byte
// (the very same git blobs), and main stops tracking them. Also the way through a merge of
// upstream's main that conflicts on those files: run it in the middle of the merge.
import { access } from 'node:fs/promises';
import { checkoutMissing, DATA_BRANCH, DATA_REF, DataBranchError, dropDataIndex, ensureIgnored, parseTreeEntry, revParse, type DataRepo } from './dataRepo.ts';

/**
 * Moves the aggregated files that main tracks to the data branch. Taken from HEAD's commit (in a
 * merge, that is this repository's side). When the data branch already exists, its files win and
 * main's only fill in what it lacks. Then main drops them from its index, .gitignore ignores them,
 * and a commit records that (or concludes the merge, when no other conflict is left). The files
 * stay where they are in the work tree. Returns what it did, one line each.
 *
 * @example for (const line of await migrateData(repo, { push: false })) console.log(line);
 */
export async function migrateData(repo: DataRepo, opts: { push?: boolean } = {}): Promise<string[]> {
  const mergeHead = (await repo.git(['rev-parse', '--path-format=absolute', '--git-path', 'MERGE_HEAD'])).stdout.trim();
  const merging = await access(mergeHead).then(
    () => true,
    () => false,
  );
  const listed = (await repo.git(['ls-tree', '-r', '-z', '--full-tree', 'HEAD', '--', ...repo.paths], { allowFail: true })).stdout;
  const entries = listed.split('\0').filter(Boolean);
  if (entries.length === 0) {
    const ignored = await ensureIgnored(repo);
    return [`main tracks no aggregated files (${repo.paths.join(', ')}): nothing to move.${ignored ? ' Added them to .gitignore.' : ''}`];
  }
  if (!merging) {
    const staged = (await repo.git(['diff', '--cached', '--name-only', '-z'])).stdout.split('\0').filter((p) => p && !repo.paths.some((d) => p.startsWith(`${d}/`)));
    if (staged.length > 0) throw new DataBranchError(`[data] other changes are staged on ${await branchName(repo)} (${staged.slice(0, 3).join(', ')}${staged.length > 3 ? ', …' : ''}): commit or unstage them first, so the move is a commit of its own.`);
  }

  // The data branch's index: the existing branch, then every tracked file it lacks, as the same blob.
  const parent = await revParse(repo, DATA_REF);
  await dropDataIndex(repo);
  if (parent) await repo.git(['read-tree', parent], { data: true });
  const present = new Set((await repo.git(['ls-files', '-z'], { data: true })).stdout.split('\0').filter(Boolean));
  const missing = entries.map(parseTreeEntry).filter((e) => !present.has(e.path));
  await repo.git(['update-index', '-z', '--index-info'], { data: true, input: missing.map((e) => `${e.mode} ${e.sha}\t${e.path}\0`).join('') });
  const tree = (await repo.git(['write-tree'], { data: true })).stdout.trim();
  const head = (await repo.git(['rev-parse', '--short', 'HEAD'])).stdout.trim();
  const message = `data: the aggregated files of ${await branchName(repo)} (${head}), moved from main byte for byte\n\n${repo.paths.join(', ')}: ${missing.length} files${parent ? `, added to the ${entries.length - missing.length} already here` : ''}.\n`;
  const commit = (await repo.git(['commit-tree', tree, ...(parent ? ['-p', parent] : []), '-F', '-'], { input: message })).stdout.trim();
  await repo.git(['update-ref', '-m', 'data: migrate from main', DATA_REF, commit, parent ?? '']);
  await checkoutMissing(repo);

  // Main lets go of them; they stay in the work tree, ignored from now on.
  await repo.git(['rm', '-r', '-q', '--cached', '--ignore-unmatch', '--', ...repo.paths]);
  if (await ensureIgnored(repo)) await repo.git(['add', '--', '.gitignore']);
  const log = [`moved ${entries.length} files of ${repo.paths.join(', ')} to the ${DATA_BRANCH} branch (${commit.slice(0, 7)}), byte for byte; main no longer tracks them.`];
  if (merging) {
    const conflicts = (await repo.git(['diff', '--name-only', '--diff-filter=U'])).stdout.trim();
    if (conflicts) return [...log, `The merge still has conflicts outside the aggregated files:\n${conflicts}\nResolve them, then \`git commit\`.`];
    await repo.git(['commit', '--no-edit', '--quiet']);
    log.push('Concluded the merge.');
  } else {
    await repo.git(['commit', '--quiet', '-m', `data: the aggregated files live on the ${DATA_BRANCH} branch now\n\n${repo.paths.join(', ')} moved to ${DATA_BRANCH} (${commit.slice(0, 7)}) byte for byte; main ignores them.`]);
  }
  if (opts.push) {
    const branch = await branchName(repo);
    const pushed = await repo.git(['push', '--quiet', '--atomic', 'origin', `${DATA_REF}:${DATA_REF}`, `HEAD:refs/heads/${branch}`], { allowFail: true });
    if (pushed.code !== 0) throw new DataBranchError(`[data] could not push the move to origin: ${pushed.stderr.trim()}\nNothing was pushed (the push is atomic); the next run tries again.`);
    log.push(`Pushed ${DATA_BRANCH} and ${branch} to origin.`);
  }
  return log;
}

async function branchName(repo: DataRepo): Promise<string> {
  const { code, stdout } = await repo.git(['symbolic-ref', '--short', '-q', 'HEAD'], { allowFail: true });
  return code === 0 ? stdout.trim() : 'HEAD';
}
