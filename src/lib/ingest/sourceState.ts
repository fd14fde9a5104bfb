import type { SourceState } from '../config/schema.ts';

const HOUR = 3_600_000;
/** Unchanged sources refresh their timestamps at most this often, so a quiet run writes no file. */
export const HEARTBEAT_MS = 24 * HOUR;
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
 * Failing sources back off exponentially up to a day, but are never given up for good.
 *
 * @example skipReason({ ...state, retryAfter: '2026-11-20T12:00:00Z' }, new Date('2026-11-20T11:00:00Z'))
 * // 'Retry-After until 2026-11-20T12:00:00Z'
 */
export function skipReason(state: SourceState | undefined, now: Date): string | undefined {
  if (!state) return undefined;
  const t = now.getTime();
  if (state.retryAfter && Date.parse(state.retryAfter) > t) return `Retry-After until ${state.retryAfter}`;
  if (state.gone && state.lastAttempt && t - Date.parse(state.lastAttempt) < GONE_RECHECK_MS) return '410 Gone: polling stopped, articles kept';
  const extra = state.consecutiveFailures - 3;
  if (extra > 0 && state.lastAttempt) {
    const wait = Math.min(2 ** (extra - 1) * HOUR, HEARTBEAT_MS);
    if (t - Date.parse(state.lastAttempt) < wait - 60_000) return `backing off after ${state.consecutiveFailures} failures`;
  }
  return undefined;
}

/**
 * The state to store after an attempt. Timestamps move only when something else changed, or once
 * a day, so that a run with no upstream change leaves sources.json byte-for-byte the same.
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
      next = { ...p, ...base, status: outcome.status, error: outcome.error, consecutiveFailures: p.consecutiveFailures + 1, redirect: outcome.redirect ?? p.redirect, rejected: outcome.rejected || undefined };
      break;
  }
  next = clean(next);
  const ok = outcome.kind === 'changed' || outcome.kind === 'unchanged';
  const stale = !p.lastAttempt || now.getTime() - Date.parse(p.lastAttempt) >= HEARTBEAT_MS;
  if (prev && !stale && sameState(next, prev)) return prev;
  return clean({ ...next, lastAttempt: at, lastSuccess: ok ? at : p.lastSuccess });
}

function sameState(a: SourceState, b: SourceState): boolean {
  return JSON.stringify(ordered(a)) === JSON.stringify(ordered(b));
}

function ordered(s: SourceState): object {
  return Object.fromEntries(Object.entries(s).sort(([x], [y]) => x.localeCompare(y)));
}

// Stable key order and no undefined fields, so the JSON diff of a run is reviewable.
function clean(s: SourceState): SourceState {
  const keys: (keyof SourceState)[] = ['kind', 'owner', 'url', 'redirect', 'status', 'error', 'consecutiveFailures', 'gone', 'rejected', 'retryAfter', 'etag', 'lastModified', 'sha256', 'items', 'issued', 'lastAttempt', 'lastSuccess', 'lastChange'];
  return Object.fromEntries(keys.filter((k) => s[k] !== undefined).map((k) => [k, s[k]])) as SourceState;
}
