import type { AggregateReport } from './aggregateReport.ts';
import { upstreamFragment } from './upstreamSummary.ts';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * The run in one line: what changed, and what exists when nothing did.
 *
 * @example summaryLine(report)
 * // 'sources 42/45 ok, 3 failed · articles +17 new, 2 revised (312 in all) · ratings 2 files updated, 310 accepted, 1 rejected · 40 files written'
 * // after a run where every source answered 304: 'sources 45/45 ok · 312 articles, all up to date · 2 rating files, all up to date · no file written'
 */
export function summaryLine({ sources, totals: t, upstream }: AggregateReport): string {
  const changes = [
    t.articles.new && `+${t.articles.new} new`,
    t.articles.revised && `${t.articles.revised} revised`,
    t.articles.updated && `${t.articles.updated} updated`,
  ].filter(Boolean);
  const stored = t.stored ?? t.articles.new + t.articles.revised + t.articles.updated + t.articles.unchanged;
  const articles = changes.length
    ? `articles ${changes.join(', ')} (${stored} in all)`
    : `${plural(stored, 'article')}, ${t.failed ? 'none changed' : 'all up to date'}`;
  const raterFiles = sources.filter((s) => s.kind === 'ratings').length;
  const ratings = t.ratingFiles
    ? `ratings ${plural(t.ratingFiles, 'file')} updated, ${t.ratingsAccepted} accepted, ${t.ratingsRejected} rejected`
    : raterFiles
      ? `${plural(raterFiles, 'rating file')}, ${t.failed ? 'none changed' : 'all up to date'}`
      : undefined;
  return [
    `sources ${t.ok}/${t.sources} ok${t.failed ? `, ${t.failed} failed` : ''}`,
    articles,
    ratings,
    upstream && upstreamFragment(upstream),
    t.filesWritten ? `${plural(t.filesWritten, 'file')} written` : 'no file written',
  ]
    .filter(Boolean)
    .join(' · ');
}
