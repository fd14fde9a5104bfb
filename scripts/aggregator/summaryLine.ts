import type { AggregateReport } from './aggregateReport.ts';

/** `sources 42/45 ok, 3 failed · articles +17 new, 2 revised · ratings 2 files, 310 accepted, 1 rejected` */
export function summaryLine({ totals: t }: AggregateReport): string {
  return [
    `sources ${t.ok}/${t.sources} ok${t.failed ? `, ${t.failed} failed` : ''}`,
    `articles +${t.articles.new} new, ${t.articles.revised} revised, ${t.articles.updated} updated, ${t.articles.unchanged} unchanged`,
    `ratings ${t.ratingFiles} file${t.ratingFiles === 1 ? '' : 's'}, ${t.ratingsAccepted} accepted, ${t.ratingsRejected} rejected`,
    `${t.filesWritten} file${t.filesWritten === 1 ? '' : 's'} written`,
  ].join(' · ');
}
