// How a run tells what it took from upstream: a part of the summary line, and one line per problem.
import type { UpstreamReport } from './upstreamImport.ts';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * The upstream part of a run's summary line.
 *
 * @example upstreamFragment(report) // 'upstream: 4 contingents and 6 raters imported, +38 articles, 1 contingent fetched here'
 * @example upstreamFragment(failed) // 'upstream unreachable: every source fetched here'
 */
export function upstreamFragment(u: UpstreamReport): string {
  if (u.status === 'failed') return 'upstream unreachable: every source fetched here';
  const changes = [u.articles.new && `+${u.articles.new} articles`, u.articles.updated && `${u.articles.updated} updated`].filter(Boolean);
  const fellBack = u.fallback.length > 0 ? [`${plural(u.fallback.length, u.fallback.every((f) => f.kind === 'rater') ? 'rater' : 'source owner')} fetched here`] : [];
  return [`upstream: ${plural(u.contingents.length, 'contingent')} and ${plural(u.raters.length, 'rater')} imported`, ...changes, ...fellBack].join(', ');
}

/**
 * One line for each thing the reader of the run should know: upstream unreachable, a shard refused
 * (and its owner fetched here), a contingent or rater that looks shared but is not.
 *
 * @example upstreamLines(report) // ['[aggregate] [upstream] [harbor] https://…/data/articles/harbor/2026-11.jsonl.gz: does not match upstream's manifest …; fetched here instead']
 */
export function upstreamLines(u: UpstreamReport): string[] {
  return [
    ...(u.message ? [`[aggregate] [upstream] ${u.message}`] : []),
    ...u.fallback.map((f) => `[aggregate] [upstream] [${f.owner}] ${f.reason}; fetched here instead`),
    ...u.notShared.map((n) => `[aggregate] [upstream] [${n.id}] ${n.reason}`),
  ];
}
