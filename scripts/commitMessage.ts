// node scripts/commitMessage.ts <report.json>: the commit message of an aggregation run.
import { readFile } from 'node:fs/promises';
import { parseCli, runMain } from './cli/cli.ts';
import { commitMessage, parseReport } from './cli/publishReport.ts';

const HELP = `
Usage: node scripts/commitMessage.ts [--skip-ci] [report.json]

Prints the commit message for an aggregation run, from the report of
\`npm run aggregate -- --json\` (a file, or standard input), such as
"aggregate: +17 articles, 2 revised, 3 sources failing", with the failing sources listed.

Options:
  --skip-ci   end the message with [skip ci] (the publish workflow's own commits)
`;

runMain('commit-message', async () => {
  const { values, positionals } = parseCli({ 'skip-ci': { type: 'boolean' } }, HELP);
  const text = positionals[0] ? await readFile(positionals[0], 'utf8') : await readStdin();
  process.stdout.write(commitMessage(parseReport(text), { skipCi: values['skip-ci'] }));
});

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
