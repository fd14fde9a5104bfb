import { dropUndefined } from '../config/dropUndefined.ts';
import type { SourceState } from '../config/schema.ts';

const HOUR = 3_600_000;
/** Unchanged sources refresh their timestamps at most this often, so a quiet run writes no file. */
export const HEARTBEAT_MS = 24 * HOUR;
/** Scheduled runs drift by minutes (GitHub delays cron): "a day" is a day less this. */
const DAY_SLACK_MS = 10 * 60_000;
/** A 410 Gone source is asked again this rarely, in case its publisher brings it back. */
export const GONE_RECHECK_MS = 30 * 24 * HOUR;

export type SourceOutcome =
  | { kind: 'changed'; status: number; etag?: string; lastModified?: string; sha256: string; items?: number; issued?: string; redirect?: string }
  | { kind: 'unchanged'; status: number; etag?: string; lastModified?: string; redirect?: string }
  | { kind: 'gone'; status: 410; redirect?: string }
  | { kind: 'retry-later'; status: number; retryAfter: string }
  | { kind: 'failed'; status?: number; error: string; redirect?: string; rejected?: boolean };

/**
 * Why a source is not fetched this run, or undefined to fetch it.
 * A failing source is tried on every run during its first day of failing, then once a day; it is
 * never given up for good.
 *
 * @example skipReason({ ...state, retryAfter: '2026-11-20T12:00:00Z' }, new Date('2026-11-20T11:00:00Z'))
 * // 'Retry-After until 2026-11-20T12:00:00Z'
 */
export function skipReason(state: SourceState | undefined, now: Date): string | undefined {
  if (!state) return undefined;
  const t = now.getTime();
  if (state.retryAfter && Date.parse(state.retryAfter) > t) return `Retry-After until ${state.retryAfter}`;
  if (state.gone && state.lastAttempt && t - Date.parse(state.lastAttempt) < GONE_RECHECK_MS) return '410 Gone: polling stopped, articles kept';
  const since = state.failingSince ?? state.lastAttempt;
  if (state.consecutiveFailures > 0 && since && state.lastAttempt && t - Date.parse(since) >= HEARTBEAT_MS - DAY_SLACK_MS && t - Date.parse(state.lastAttempt) < HEARTBEAT_MS - DAY_SLACK_MS) {
    return `failing since ${since}: tried once a day`;
  }
  return undefined;
}

/**
 * The state to store after an attempt. Timestamps move only when something else changed, or once
 * a day, so that a run with no upstream change leaves sources.json byte-for-byte the same. A failure
 * like the last one recorded (same error, same status) is such a non-change: it is recorded, and
 * counted in `consecutiveFailures`, at most once a day.
 */
export function nextSourceState(prev: SourceState | undefined, base: Pick<SourceState, 'kind' | 'owner' | 'url'>, outcome: SourceOutcome, now: Date): SourceState {
  const at = now.toISOString();
  const p: SourceState = prev ?? { ...base, consecutiveFailures: 0 };
  let next: SourceState;
  switch (outcome.kind) {
    case 'changed':
    case 'unchanged':
      next = {
        ...p,
        ...base,
        etag: outcome.etag ?? (outcome.kind === 'unchanged' ? p.etag : undefined),
        lastModified: outcome.lastModified ?? (outcome.kind === 'unchanged' ? p.lastModified : undefined),
        status: outcome.status === 304 ? (p.status ?? 200) : outcome.status,
        error: undefined,
        consecutiveFailures: 0,
        failingSince: undefined,
        gone: undefined,
        rejected: undefined,
        retryAfter: undefined,
        redirect: outcome.redirect ?? p.redirect,
        ...(outcome.kind === 'changed'
          ? { sha256: outcome.sha256, lastChange: at, items: outcome.items ?? p.items, issued: outcome.issued ?? p.issued }
          : {}),
      };
      break;
    case 'gone':
      next = { ...p, ...base, status: 410, gone: true, error: '410 Gone: the publisher retired this source; polling stopped, articles kept', redirect: outcome.redirect ?? p.redirect };
      break;
    case 'retry-later':
      next = { ...p, ...base, status: outcome.status, retryAfter: outcome.retryAfter, error: `${outcome.status}: asked to retry after ${outcome.retryAfter}` };
      break;
    case 'failed':
      // A state written before failingSince existed dates the failure from its last recorded attempt.
      next = { ...p, ...base, status: outcome.status, error: outcome.error, consecutiveFailures: p.consecutiveFailures + 1, failingSince: p.failingSince ?? (p.consecutiveFailures > 0 ? p.lastAttempt : undefined) ?? at, redirect: outcome.redirect ?? p.redirect, rejected: outcome.rejected || undefined };
      break;
  }
  next = clean(next);
  const ok = outcome.kind === 'changed' || outcome.kind === 'unchanged';
  const stale = !p.lastAttempt || now.getTime() - Date.parse(p.lastAttempt) >= HEARTBEAT_MS - DAY_SLACK_MS;
  if (prev && !stale && (sameState(next, prev) || sameFailure(prev, outcome))) return prev;
  return clean({ ...next, lastAttempt: at, lastSuccess: ok ? at : p.lastSuccess });
}

// The failure already on record: same error and status, and the same kind (a rejected file or a failed fetch).
function sameFailure(prev: SourceState, outcome: SourceOutcome): boolean {
  return outcome.kind === 'failed' && prev.consecutiveFailures > 0 && !prev.gone && !prev.retryAfter && prev.error === outcome.error && prev.status === outcome.status && !!prev.rejected === !!outcome.rejected && (outcome.redirect ?? prev.redirect) === prev.redirect;
}

function sameState(a: SourceState, b: SourceState): boolean {
  return JSON.stringify(ordered(a)) === JSON.stringify(ordered(b));
}

function ordered(s: SourceState): object {
  return Object.fromEntries(Object.entries(s).sort(([x], [y]) => x.localeCompare(y)));
}

// Stable key order and no undefined fields, so the JSON diff of a run is reviewable.
function clean(s: SourceState): SourceState {
  const keys: (keyof SourceState)[] = ['kind', 'owner', 'url', 'redirect', 'status', 'error', 'consecutiveFailures', 'failingSince', 'gone', 'rejected', 'retryAfter', 'etag', 'lastModified', 'sha256', 'items', 'issued', 'lastAttempt', 'lastSuccess', 'lastChange'];
  return dropUndefined(Object.fromEntries(keys.map((k) => [k, s[k]])) as SourceState);
}
