import { describe, expect, it } from 'vitest';
import type { SourceState } from '../../src/lib/config/schema.ts';
import { nextSourceState, skipReason, type SourceOutcome } from '../../src/lib/ingest/sourceState.ts';

const base = { kind: 'feed' as const, owner: 'abc', url: 'https://abc.example/feed.xml' };
const at = (iso: string) => new Date(iso);
const fail404: SourceOutcome = { kind: 'failed', status: 404, error: '404 Not Found' };

/** Runs `outcome` at each time in turn, like hourly runs that fetch whenever skipReason allows. */
function simulate(times: string[], outcome: SourceOutcome, start?: SourceState) {
  let state = start;
  const log: { at: string; fetched: boolean; written: boolean; failures: number }[] = [];
  for (const t of times) {
    const skipped = skipReason(state, at(t));
    const next = skipped ? state : nextSourceState(state, base, outcome, at(t));
    log.push({ at: t, fetched: !skipped, written: next !== state, failures: next?.consecutiveFailures ?? 0 });
    state = next;
  }
  return { state, log };
}

const hourly = (from: string, hours: number) => Array.from({ length: hours }, (_, h) => new Date(Date.parse(from) + h * 3_600_000).toISOString());

describe('source state: quiet when nothing changed', () => {
  it('records an unchanged failure once, then once a day, and backs off to one attempt a day', () => {
    const { state, log } = simulate(hourly('2026-11-20T10:17:00.000Z', 24 * 3 + 1), fail404);
    // Written: the first failure, then the attempt a day later, then a day after that.
    expect(log.filter((l) => l.written).map((l) => l.at)).toEqual(['2026-11-20T10:17:00.000Z', '2026-11-21T10:17:00.000Z', '2026-11-22T10:17:00.000Z', '2026-11-23T10:17:00.000Z']);
    // Fetched every hour on the first day (24 times), then once a day.
    expect(log.filter((l) => l.fetched)).toHaveLength(24 + 3);
    expect(log.filter((l) => l.fetched && l.at > '2026-11-21T10:17:00.000Z').map((l) => l.at)).toEqual(['2026-11-22T10:17:00.000Z', '2026-11-23T10:17:00.000Z']);
    expect(state).toEqual({ ...base, status: 404, error: '404 Not Found', consecutiveFailures: 4, failingSince: '2026-11-20T10:17:00.000Z', lastAttempt: '2026-11-23T10:17:00.000Z' });
  });

  it('says why a backed-off source is skipped', () => {
    const state: SourceState = { ...base, status: 404, error: '404 Not Found', consecutiveFailures: 2, failingSince: '2026-11-20T10:17:00.000Z', lastAttempt: '2026-11-21T10:17:00.000Z' };
    expect(skipReason(state, at('2026-11-21T20:00:00Z'))).toBe('failing since 2026-11-20T10:17:00.000Z: tried once a day');
    // GitHub's cron drifts: a run a few minutes short of a day still counts as a day later.
    expect(skipReason(state, at('2026-11-22T10:12:00Z'))).toBeUndefined();
    // Failing for less than a day: tried on every run.
    expect(skipReason({ ...state, failingSince: '2026-11-21T09:17:00.000Z' }, at('2026-11-21T11:17:00Z'))).toBeUndefined();
  });

  it('records a failure that changes (another error or status) at once, still dating the failure from the first', () => {
    const first = nextSourceState(undefined, base, fail404, at('2026-11-20T10:00:00Z'));
    const second = nextSourceState(first, base, { kind: 'failed', status: 500, error: '500 Internal Server Error' }, at('2026-11-20T11:00:00Z'));
    expect(second).toEqual({ ...base, status: 500, error: '500 Internal Server Error', consecutiveFailures: 2, failingSince: '2026-11-20T10:00:00.000Z', lastAttempt: '2026-11-20T11:00:00.000Z' });
    expect(skipReason(second, at('2026-11-20T12:00:00Z'))).toBeUndefined();
    expect(skipReason(second, at('2026-11-21T10:30:00Z'))).toBe('failing since 2026-11-20T10:00:00.000Z: tried once a day');
  });

  it('dates a failure recorded before failingSince existed from its last attempt', () => {
    const old: SourceState = { ...base, status: 404, error: '404 Not Found', consecutiveFailures: 7, lastAttempt: '2026-11-19T10:00:00.000Z' };
    expect(nextSourceState(old, base, fail404, at('2026-11-20T10:00:00Z'))).toMatchObject({ consecutiveFailures: 8, failingSince: '2026-11-19T10:00:00.000Z', lastAttempt: '2026-11-20T10:00:00.000Z' });
  });

  it('records recovery at once, resetting the count', () => {
    const failing: SourceState = { ...base, status: 404, error: '404 Not Found', consecutiveFailures: 5, lastAttempt: '2026-11-20T10:00:00.000Z', lastSuccess: '2026-11-10T10:00:00.000Z' };
    const ok = nextSourceState(failing, base, { kind: 'changed', status: 200, sha256: 'abc', items: 3 }, at('2026-11-21T10:00:00Z'));
    expect(ok).toEqual({ ...base, status: 200, consecutiveFailures: 0, sha256: 'abc', items: 3, lastAttempt: '2026-11-21T10:00:00.000Z', lastSuccess: '2026-11-21T10:00:00.000Z', lastChange: '2026-11-21T10:00:00.000Z' });
  });

  it('keeps a success heartbeat: an unchanged source is rewritten at most once a day', () => {
    const unchanged: SourceOutcome = { kind: 'unchanged', status: 304, etag: '"e1"' };
    const start: SourceState = { ...base, status: 200, consecutiveFailures: 0, etag: '"e1"', lastAttempt: '2026-11-20T10:17:00.000Z', lastSuccess: '2026-11-20T10:17:00.000Z' };
    const { log, state } = simulate(hourly('2026-11-20T11:17:00.000Z', 48), unchanged, start);
    expect(log.every((l) => l.fetched)).toBe(true);
    expect(log.filter((l) => l.written).map((l) => l.at)).toEqual(['2026-11-21T10:17:00.000Z', '2026-11-22T10:17:00.000Z']);
    expect(state).toEqual({ ...start, lastAttempt: '2026-11-22T10:17:00.000Z', lastSuccess: '2026-11-22T10:17:00.000Z' });
    // A new ETag is a change: written at once.
    expect(nextSourceState(start, base, { kind: 'unchanged', status: 200, etag: '"e2"' }, at('2026-11-20T11:17:00Z'))?.etag).toBe('"e2"');
  });

  it('records a rejected rating file once a day while it stays the same', () => {
    const rb = { kind: 'ratings' as const, owner: 'alice', url: 'https://alice.example/r.json' };
    const reject: SourceOutcome = { kind: 'failed', status: 200, error: 'signature does not match', rejected: true };
    const first = nextSourceState(undefined, rb, reject, at('2026-11-20T10:00:00Z'));
    expect(nextSourceState(first, rb, reject, at('2026-11-20T11:00:00Z'))).toBe(first);
    expect(nextSourceState(first, rb, { ...reject, rejected: undefined }, at('2026-11-20T11:00:00Z'))).not.toBe(first);
  });

  it('stops polling a 410 for 30 days, and honours Retry-After', () => {
    const gone = nextSourceState(undefined, base, { kind: 'gone', status: 410 }, at('2026-11-20T10:00:00Z'));
    expect(skipReason(gone, at('2026-12-19T09:00:00Z'))).toBe('410 Gone: polling stopped, articles kept');
    expect(skipReason(gone, at('2026-12-20T10:00:00Z'))).toBeUndefined();
    const busy = nextSourceState(undefined, base, { kind: 'retry-later', status: 429, retryAfter: '2026-11-20T12:00:00.000Z' }, at('2026-11-20T10:00:00Z'));
    expect(skipReason(busy, at('2026-11-20T11:59:00Z'))).toBe('Retry-After until 2026-11-20T12:00:00.000Z');
    expect(skipReason(busy, at('2026-11-20T12:00:00Z'))).toBeUndefined();
  });
});
