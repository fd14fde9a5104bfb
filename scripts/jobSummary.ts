// node scripts/jobSummary.ts <report.json> >> "$GITHUB_STEP_SUMMARY": the aggregate run as Markdown.
import { readFile } from 'node:fs/promises';
import { parseCli, runMain } from './cli/cli.ts';
import { jobSummary, missingReportSummary, parseReport } from './cli/publishReport.ts';

const HELP = `
Usage: node scripts/jobSummary.ts <report.json>

Prints the Markdown summary of an aggregation run (totals, failing sources, skipped rating rows)
from the report of \`npm run aggregate -- --json\`. The publish workflow appends it to
$GITHUB_STEP_SUMMARY. A missing or broken report prints a summary that says so, and exits 0,
so the summary step never hides the error of the step before it.
`;

runMain('job-summary', async () => {
  const { positionals } = parseCli({}, HELP);
  const path = positionals[0];
  if (!path) {
    process.stderr.write(`[job-summary] give the report file.\n\n${HELP.trimStart()}`);
    return 2;
  }
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (text === undefined || text.trim() === '') {
    process.stdout.write(missingReportSummary(text === undefined ? `${path} does not exist` : `${path} is empty`));
    return 0;
  }
  try {
    process.stdout.write(jobSummary(parseReport(text)));
  } catch (error) {
    process.stdout.write(missingReportSummary(`${path}: ${(error as Error).message}`));
  }
});
