// View models of feed and rating-file health, from content/state/sources.json.
import type { DiscoveredRater, SourceState, SourcesFile } from '../../config/schema.ts';
import { formatDate } from './format.ts';

export type SourceHealth = 'ok' | 'failing' | 'rejected' | 'gone' | 'not fetched yet';

export interface SourceRow {
  kind: SourceState['kind'];
  owner: string;
  /** The contingent's or rater's name; its id when it has none. */
  ownerName: string;
  url: string;
  health: SourceHealth;
  status?: number;
  lastSuccess?: string;
  lastSuccessDate: string;
  lastAttemptDate: string;
  error?: string;
  consecutiveFailures: number;
  redirect?: string;
  /** A rejected rating file: which copy still counts. */
  kept?: string;
  /** A rating file found through trust: the raters whose files vouch for it. */
  discovered?: { vouchedBy: string[]; depth: number };
}

export interface HealthCounts {
  total: number;
  ok: number;
  failing: number;
  rejected: number;
  gone: number;
  notFetched: number;
}

/**
 * A source's health: gone after a 410, rejected when the last rating file fetched was refused
 * (bad signature, rollback), failing while its last attempts failed, ok after a success.
 *
 * @example sourceHealth({ consecutiveFailures: 2, lastSuccess: '2026-11-19T00:00:00Z' }) // => 'failing'
 * @example sourceHealth({ consecutiveFailures: 1, rejected: true }) // => 'rejected'
 */
export function sourceHealth(state: Pick<SourceState, 'gone' | 'consecutiveFailures' | 'lastSuccess' | 'rejected'>): SourceHealth {
  if (state.gone) return 'gone';
  if (state.consecutiveFailures > 0) return state.rejected ? 'rejected' : 'failing';
  return state.lastSuccess ? 'ok' : 'not fetched yet';
}

/**
 * Every feed and rating file as a table row: feeds first, then rating files, each by owner and URL.
 * `nameOf` gives the owner's name (a contingent's for a feed, a rater's for a rating file); a
 * rater found through trust keeps its id, as the name its file gives itself is unverified.
 *
 * @example sourceRows(db.sources, 'en').filter((r) => r.health === 'failing').map((r) => r.url)
 */
export function sourceRows(
  sources: SourcesFile,
  lang = 'en',
  discovered: readonly DiscoveredRater[] = [],
  nameOf: (kind: SourceState['kind'], owner: string) => string | undefined = () => undefined,
): SourceRow[] {
  const found = new Map(discovered.map((d) => [d.id, d]));
  return Object.values(sources.sources)
    .map((s): SourceRow => ({
      kind: s.kind,
      owner: s.owner,
      ownerName: nameOf(s.kind, s.owner) ?? s.owner,
      url: s.url,
      health: sourceHealth(s),
      ...(s.status !== undefined && { status: s.status }),
      ...(s.lastSuccess !== undefined && { lastSuccess: s.lastSuccess }),
      lastSuccessDate: s.lastSuccess ? formatDate(s.lastSuccess, lang, true) : 'never',
      lastAttemptDate: s.lastAttempt ? formatDate(s.lastAttempt, lang, true) : 'never',
      ...(s.error !== undefined && { error: s.error }),
      consecutiveFailures: s.consecutiveFailures,
      ...(s.redirect !== undefined && { redirect: s.redirect }),
      ...(sourceHealth(s) === 'rejected' && {
        kept: s.lastSuccess ? `keeping the last good copy, accepted ${formatDate(s.lastSuccess, lang, true)}` : 'no copy accepted yet',
      }),
      ...(s.kind === 'ratings' && found.has(s.owner) && { discovered: { vouchedBy: found.get(s.owner)!.vouchedBy, depth: found.get(s.owner)!.depth } }),
    }))
    .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'feed' ? -1 : 1) || cmp(a.owner, b.owner) || cmp(a.url, b.url));
}

/**
 * Counts of healthy and failing sources of one kind, for the hub's summary.
 *
 * @example healthCounts(rows, 'feed') // { total: 45, ok: 42, failing: 2, rejected: 0, gone: 1, notFetched: 0 }
 */
export function healthCounts(rows: readonly SourceRow[], kind: SourceState['kind']): HealthCounts {
  const counts: HealthCounts = { total: 0, ok: 0, failing: 0, rejected: 0, gone: 0, notFetched: 0 };
  for (const row of rows) {
    if (row.kind !== kind) continue;
    counts.total++;
    if (row.health === 'ok') counts.ok++;
    else if (row.health === 'failing') counts.failing++;
    else if (row.health === 'rejected') counts.rejected++;
    else if (row.health === 'gone') counts.gone++;
    else counts.notFetched++;
  }
  return counts;
}

/**
 * One line of health for people.
 *
 * @example describeHealth({ total: 3, ok: 2, failing: 1, rejected: 0, gone: 0, notFetched: 0 }, 'feed') // => '2 of 3 feeds ok, 1 failing'
 */
export function describeHealth(counts: HealthCounts, noun: string): string {
  if (counts.total === 0) return `no ${noun}s fetched yet`;
  const rest = [
    counts.failing && `${counts.failing} failing`,
    counts.rejected && `${counts.rejected} rejected`,
    counts.gone && `${counts.gone} gone`,
    counts.notFetched && `${counts.notFetched} not fetched yet`,
  ].filter(Boolean);
  return `${counts.ok} of ${counts.total} ${noun}${counts.total === 1 ? '' : 's'} ok${rest.length ? `, ${rest.join(', ')}` : ''}`;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
