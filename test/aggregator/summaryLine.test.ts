import { describe, expect, it } from 'vitest';
import { emptyReport, type AggregateReport } from '../../scripts/aggregator/aggregateReport.ts';
import { summaryLine } from '../../scripts/aggregator/summaryLine.ts';

const feed = (owner: string, status: 'ok' | 'unchanged' | 'failed' = 'unchanged') => ({ ...emptyReport({ kind: 'feed', owner, url: `https://${owner}.example/feed` }), status });
const rater = (owner: string) => ({ ...emptyReport({ kind: 'ratings', owner, url: `https://${owner}.example/r.json` }), status: 'unchanged' as const });
const totals = (over: Partial<AggregateReport['totals']>): AggregateReport['totals'] => ({
  sources: 3, ok: 3, failed: 0, articles: { new: 0, revised: 0, updated: 0, unchanged: 0 }, stored: 38, ratingFiles: 0, ratingsAccepted: 0, ratingsRejected: 0, filesWritten: 0, ...over,
});

describe('summaryLine', () => {
  it('says what exists after a run where nothing changed', () => {
    expect(summaryLine({ sources: [feed('abc'), feed('xyz'), rater('alice')], totals: totals({}) })).toBe('sources 3/3 ok · 38 articles, all up to date · 1 rating file, all up to date · no file written');
  });

  it('does not call a run with failures up to date', () => {
    expect(summaryLine({ sources: [feed('abc'), feed('xyz', 'failed')], totals: totals({ sources: 2, ok: 1, failed: 1, stored: 1 }) })).toBe('sources 1/2 ok, 1 failed · 1 article, none changed · no file written');
  });

  it('lists only the changes there were, with the total', () => {
    const line = summaryLine({
      sources: [feed('abc', 'ok'), rater('alice')],
      totals: totals({ sources: 2, ok: 2, articles: { new: 17, revised: 2, updated: 0, unchanged: 30 }, stored: 55, ratingFiles: 1, ratingsAccepted: 310, ratingsRejected: 1, filesWritten: 20 }),
    });
    expect(line).toBe('sources 2/2 ok · articles +17 new, 2 revised (55 in all) · ratings 1 file updated, 310 accepted, 1 rejected · 20 files written');
  });
});
