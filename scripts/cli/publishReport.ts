// Turns an aggregate report (`npm run aggregate -- --json`) into the publish workflow's commit
// message and job summary. Pure: the callers read the report and write the text.
import type { AggregateReport, SourceReport } from '../aggregator/aggregateReport.ts';
import { summaryLine } from '../aggregator/summaryLine.ts';
import { upstreamFragment, upstreamLines } from '../aggregator/upstreamSummary.ts';

/** Statuses that mean the source is broken now (its last good data is kept). */
const FAILING = new Set<SourceReport['status']>(['failed', 'rejected']);
/** Statuses that mean the source was not fetched this run, on purpose. */
const WAITING = new Set<SourceReport['status']>(['retry-later', 'gone', 'skipped']);

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The sources that failed this run, then those left alone on purpose (backoff, Retry-After, 410). */
export function sourcesNeedingAttention(report: AggregateReport): { failing: SourceReport[]; waiting: SourceReport[] } {
  const byOwner = (a: SourceReport, b: SourceReport) => a.owner.localeCompare(b.owner) || a.url.localeCompare(b.url);
  return {
    failing: report.sources.filter((s) => FAILING.has(s.status)).sort(byOwner),
    waiting: report.sources.filter((s) => WAITING.has(s.status)).sort(byOwner),
  };
}

/**
 * The subject line of an aggregation commit: what changed, then what is failing.
 *
 * @example commitSubject(report) // 'aggregate: +17 articles, 2 revised, 3 sources failing'
 */
export function commitSubject(report: AggregateReport): string {
  const { articles: a, ratingFiles, failed } = report.totals;
  const changes = [
    ...(a.new ? [`+${plural(a.new, 'article')}`] : []),
    ...(a.revised ? [`${a.revised} revised`] : []),
    ...(a.updated ? [`${a.updated} updated`] : []),
    ...(ratingFiles ? [`${plural(ratingFiles, 'rating file')} updated`] : []),
    ...(report.upstream?.articles.new ? [`+${report.upstream.articles.new} from upstream`] : []),
  ];
  const parts = [changes.length > 0 ? changes.join(', ') : 'no new articles', ...(failed ? [`${plural(failed, 'source')} failing`] : [])];
  return `aggregate: ${parts.join(', ')}`;
}

/**
 * The whole commit message: the subject, the run's summary line, and the failing sources.
 * `skipCi` adds `[skip ci]`, so that a push made with a personal token cannot start the workflow again.
 *
 * @example
 * commitMessage(report, { skipCi: true })
 * // 'aggregate: +17 articles, 2 revised, 3 sources failing\n\nsources 42/45 ok, 3 failed · …\n\nFailing sources:\n- [abc] https://…: 404 Not Found\n…\n\n[skip ci]\n'
 */
export function commitMessage(report: AggregateReport, opts: { skipCi?: boolean; maxSources?: number } = {}): string {
  const max = opts.maxSources ?? 20;
  const { failing, waiting } = sourcesNeedingAttention(report);
  const list = (title: string, sources: SourceReport[]) =>
    sources.length === 0
      ? []
      : [
          `${title}:`,
          ...sources.slice(0, max).map((s) => `- [${s.owner}] ${s.url}: ${s.message ?? s.status}`),
          ...(sources.length > max ? [`- … and ${sources.length - max} more`] : []),
        ].join('\n');
  const paragraphs = [commitSubject(report), summaryLine(report), list('Failing sources', failing), list('Not fetched this run', waiting)];
  if (opts.skipCi) paragraphs.push('[skip ci]');
  return `${paragraphs.filter((p) => p.length > 0).join('\n\n')}\n`;
}

/**
 * The Markdown for `$GITHUB_STEP_SUMMARY`: totals, then every failing source with its error,
 * the sources left alone this run, and the rows skipped in rating files.
 *
 * @example jobSummary(report) // '## Aggregate: +17 articles, 2 revised, 3 sources failing\n\n| | |\n…'
 */
export function jobSummary(report: AggregateReport, opts: { maxProblems?: number } = {}): string {
  const t = report.totals;
  const { failing, waiting } = sourcesNeedingAttention(report);
  const lines = [
    `## ${cell(commitSubject(report).replace(/^aggregate: /, 'Aggregate: '))}`,
    '',
    '| | |',
    '|---|---|',
    `| sources | ${t.sources}: ${t.ok} ok, ${t.failed} failing${waiting.length ? `, ${waiting.length} not fetched this run` : ''} |`,
    `| articles | +${t.articles.new} new, ${t.articles.revised} revised, ${t.articles.updated} updated, ${t.articles.unchanged} unchanged |`,
    `| ratings | ${plural(t.ratingFiles, 'file')} updated, ${t.ratingsAccepted} accepted, ${t.ratingsRejected} rejected |`,
    ...(report.upstream ? [`| upstream | ${cell(report.upstream.url)}: ${cell(upstreamFragment(report.upstream).replace(/^upstream:? /, ''))} |`] : []),
    `| files written | ${t.filesWritten} |`,
    '',
  ];
  const upstream = report.upstream ? upstreamLines(report.upstream) : [];
  if (upstream.length > 0) lines.push(`### Upstream (${upstream.length})`, '', ...upstream.map((l) => `- ${cell(l.replace(/^\[aggregate\] \[upstream\] /, ''))}`), '');
  const table = (title: string, sources: SourceReport[], note: string) => {
    if (sources.length === 0) return;
    lines.push(`### ${title} (${sources.length})`, '', note, '', '| source | kind | URL | HTTP | why |', '|---|---|---|---|---|');
    for (const s of sources) lines.push(`| \`${cell(s.owner)}\` | ${s.kind === 'feed' ? 'feed' : 'rating file'} | ${cell(s.url)} | ${s.http ?? '—'} | ${cell(s.message ?? s.status)} |`);
    lines.push('');
  };
  table('Failing sources', failing, 'Their earlier articles and ratings are kept. Each is tried again on the next run, less often while it keeps failing.');
  table('Not fetched this run', waiting, 'Left alone on purpose: the server asked to wait (429/503), the feed is gone (410), or it is backing off after failures.');
  if (failing.length === 0 && waiting.length === 0) lines.push('Every source was fetched.', '');

  const max = opts.maxProblems ?? 50;
  const problems = report.sources.flatMap((s) => (s.problems ?? []).map((p) => `- \`${cell(s.owner)}\` ${cell(s.url)} ${cell(p)}`));
  if (problems.length > 0) {
    lines.push(`### Rows skipped in rating files (${problems.length})`, '', ...problems.slice(0, max));
    if (problems.length > max) lines.push(`- … and ${problems.length - max} more (see the step's log)`);
    lines.push('');
  }
  return `${lines.join('\n')}`;
}

/** What the summary says when the aggregate step left no report: it failed before the end. */
export function missingReportSummary(reason: string): string {
  return [
    '## Aggregate: no report',
    '',
    `The aggregate step wrote no usable report (${cell(reason)}). Open the log of the "Check the config" and "Aggregate" steps:`,
    'a config problem is printed as `[config] content/<file>.yaml:<line> <field>: …` with what to change.',
    '',
  ].join('\n');
}

/** Text that is safe inside a Markdown table cell: no pipes breaking the row, no raw HTML. */
function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/[|<>]/g, (c) => ({ '|': '\\|', '<': '&lt;', '>': '&gt;' })[c]!);
}

/** Reads a report's JSON and checks its shape well enough to summarize it. */
export function parseReport(text: string): AggregateReport {
  const data = JSON.parse(text) as Partial<AggregateReport> | null;
  if (!data || !Array.isArray(data.sources) || typeof data.totals !== 'object' || data.totals === null) {
    throw new Error('not an aggregate report: expected { sources: [...], totals: {...} } from `npm run aggregate -- --json`');
  }
  return data as AggregateReport;
}
