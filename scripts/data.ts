// npm run data: the data branch, which holds the aggregated database (content/articles, ratings,
// state) apart from main. The publish workflow checks it out before aggregating and commits to it after.
import { readFile } from 'node:fs/promises';
import { contentDirFrom, parseCli, runMain } from './cli/cli.ts';
import { displayPath } from './cli/loadConfig.ts';
import { checkoutData, commitData } from './cli/dataBranch.ts';
import { DATA_BRANCH, openDataRepo } from './cli/dataRepo.ts';
import { migrateData } from './cli/migrateData.ts';

const HELP = `
Usage: npm run data -- <command> [options]
       npm run migrate-data            (the same as: npm run data -- migrate)

The aggregated database (content/articles, content/ratings, content/state) lives on the
"${DATA_BRANCH}" branch, which only the publish workflow writes; main ignores those folders, so
syncing a fork never meets them.

Commands:
  checkout   fetch origin's ${DATA_BRANCH} branch (if any) and write its files into content/
             (files changed here are kept; the next commit records them)
  commit     commit content/'s aggregated folders to the ${DATA_BRANCH} branch (nothing when unchanged)
  migrate    move aggregated files that main still tracks to the ${DATA_BRANCH} branch, byte for
             byte, and stop tracking them on main (run it also in the middle of a merge of
             upstream's main that conflicts on them)

Options:
  --content <dir>         the content folder (default: ./content or $WIDENET_CONTENT)
  --no-fetch              checkout: do not fetch from origin
  --migrate               checkout: migrate first when main still tracks the aggregated files
  --push                  push to origin what was committed (commit; checkout --migrate; migrate)
  --message <text>        commit: the commit message
  --message-file <file>   commit: read the commit message from a file
  -h, --help              show this help
`;

runMain('data', async () => {
  const { values, positionals } = parseCli(
    { content: { type: 'string' }, 'no-fetch': { type: 'boolean' }, migrate: { type: 'boolean' }, push: { type: 'boolean' }, message: { type: 'string' }, 'message-file': { type: 'string' } },
    HELP,
  );
  const command = positionals[0];
  if (!command || !['checkout', 'commit', 'migrate'].includes(command)) {
    process.stderr.write(`[data] ${command ? `unknown command "${command}"` : 'no command given'}: use checkout, commit or migrate.\n\n${HELP.trimStart()}`);
    return 2;
  }
  const contentDir = contentDirFrom(values.content);
  const repo = await openDataRepo(contentDir);
  if (!repo) {
    process.stderr.write(`[data] ${displayPath(contentDir)} is not in a git work tree: there is no ${DATA_BRANCH} branch to use. Run this in a clone of your repository.\n`);
    return 1;
  }
  const print = (lines: string[]) => lines.forEach((l) => console.log(`[data] ${l}`));
  if (command === 'checkout') print(await checkoutData(repo, { fetch: !values['no-fetch'], migrate: values.migrate, push: values.push }));
  else if (command === 'migrate') print(await migrateData(repo, { push: values.push }));
  else {
    const message = values.message ?? (values['message-file'] ? await readFile(values['message-file'], 'utf8') : undefined);
    if (!message?.trim()) {
      process.stderr.write('[data] commit needs a message: --message <text> or --message-file <file>.\n');
      return 2;
    }
    const { commit, changed } = await commitData(repo, { message, push: values.push });
    print([commit ? `committed ${changed} changed files to the ${DATA_BRANCH} branch (${commit.slice(0, 7)})${values.push ? ', pushed to origin' : ''}.` : `no change in ${repo.paths.join(', ')}: nothing to commit.`]);
  }
  return 0;
});
