// What a run reports: one row per source, and the run's totals.
import type { ArticleChange } from '../../src/lib/ingest/mergeArticle.ts';
import type { UpstreamReport } from './upstreamImport.ts';

export type SourceStatus = 'ok' | 'unchanged' | 'failed' | 'skipped' | 'gone' | 'retry-later' | 'rejected';

/** Which source a report row is about: a contingent's feed or a rater's rating file. */
export interface SourceRef {
  kind: 'feed' | 'ratings';
  owner: string;
  url: string;
}

export interface SourceReport extends SourceRef {
  status: SourceStatus;
  http?: number;
  message?: string;
  articles: Record<ArticleChange, number>;
  ratings?: { accepted: number; rejected: number };
  problems?: string[];
  /** Feeds: what reading a broken feed had to repair, one note per kind; the source still counts as ok. */
  recovered?: string[];
  /** Rating files found through trust (site.yaml `discover`): steps from raters.yaml, and who vouches for it. */
  discovered?: { depth: number; vouchedBy: string[] };
}

export interface AggregateTotals {
  sources: number;
  ok: number;
  failed: number;
  articles: Record<ArticleChange, number>;
  /** Articles stored in content/ after the run, across every contingent. */
  stored?: number;
  ratingFiles: number;
  ratingsAccepted: number;
  ratingsRejected: number;
  filesWritten: number;
}

export interface AggregateReport {
  sources: SourceReport[];
  totals: AggregateTotals;
  /** Damaged files under content/ that the run met and left as they are, one `[content] file:line: …` line each. */
  damaged?: string[];
  /** With `upstream` in site.yaml: what was imported from upstream's export, and what was fetched here instead. */
  upstream?: UpstreamReport;
}

/**
 * A report row with nothing counted yet.
 *
 * @example emptyReport({ kind: 'feed', owner: 'abc', url: 'https://abc.example/feed.xml' }).articles
 * // { new: 0, revised: 0, updated: 0, unchanged: 0 }
 */
export function emptyReport(source: SourceRef): SourceReport {
  return { kind: source.kind, owner: source.owner, url: source.url, status: 'ok', articles: { new: 0, revised: 0, updated: 0, unchanged: 0 } };
}

/**
 * Adds up the rows of a run. A rejected rating file counts as failed: its last good copy is kept.
 *
 * @example totalsOf([emptyReport({ kind: 'feed', owner: 'abc', url }), { ...emptyReport({ kind: 'feed', owner: 'xyz', url }), status: 'failed' }], 0)
 * // { sources: 2, ok: 1, failed: 1, … }
 */
export function totalsOf(reports: SourceReport[], filesWritten: number): AggregateTotals {
  const articles = { new: 0, revised: 0, updated: 0, unchanged: 0 };
  for (const r of reports) for (const k of Object.keys(articles) as ArticleChange[]) articles[k] += r.articles[k];
  const failing = new Set<SourceStatus>(['failed', 'rejected']);
  return {
    sources: reports.length,
    ok: reports.filter((r) => !failing.has(r.status)).length,
    failed: reports.filter((r) => failing.has(r.status)).length,
    articles,
    ratingFiles: reports.filter((r) => r.kind === 'ratings' && r.status === 'ok').length,
    ratingsAccepted: reports.reduce((n, r) => n + (r.ratings?.accepted ?? 0), 0),
    ratingsRejected: reports.reduce((n, r) => n + (r.ratings?.rejected ?? 0), 0),
    filesWritten,
  };
}
