// What every job of one run shares: the clock, the store, the sources state and how outcomes are recorded.
import type { SourceState } from '../../src/lib/config/schema.ts';
import type { Config } from '../../src/lib/check/validateConfig.ts';
import { nextSourceState, skipReason, type SourceOutcome } from '../../src/lib/ingest/sourceState.ts';
import { emptyReport, type SourceRef, type SourceReport } from './aggregateReport.ts';
import type { ContentStore } from './contentStore.ts';
import { FeedFetchError } from './fetchErrors.ts';
import { fetchSource, type FetchOptions, type FetchResult } from './fetchSource.ts';
import { USER_AGENT } from './userAgent.ts';

export type Fetched = { result: FetchResult; state?: SourceState } | { skipped: string; state?: SourceState };

export interface RunContext {
  config: Config;
  contentDir: string;
  now: Date;
  store: ContentStore;
  /** Sources state by configured URL, as read at the start of the run and updated by each job. */
  states: Record<string, SourceState>;
  fetchOptions: FetchOptions;
  /** New articles of this run with their normalized URLs, for the cross-contingent copy index. */
  newUrls: Map<string, string>;
  /** Damaged content files met during the run, as `[content] file:line: …` lines: left as they are. */
  damaged: string[];
  /** Files written so far. */
  counters: { filesWritten: number };
  /** Awaits a store write and counts it when it changed a file. */
  write: (p: Promise<boolean>) => Promise<void>;
  record: (source: SourceRef, outcome: SourceOutcome) => void;
  /** Fetches a source conditionally, unless its state says to wait (backoff, Retry-After, 410). */
  fetchFor: (url: string) => Promise<Fetched>;
  /** Records and reports a fetch that brought no body: 304, 410, 429/503. */
  settle: (source: SourceRef, base: SourceReport, result: Exclude<FetchResult, { kind: 'ok' }>, redirect?: string) => SourceReport;
  /** Records and reports a job that threw: the source failed, the run goes on. */
  failedReport: (source: SourceRef, error: unknown) => SourceReport;
}

export function createRunContext(init: { config: Config; contentDir: string; now: Date; store: ContentStore; states: Record<string, SourceState>; backoffMs?: number; fetch?: typeof globalThis.fetch }): RunContext {
  const { now, states } = init;
  const a = init.config.site.aggregator;
  const fetchOptions: FetchOptions = {
    userAgent: USER_AGENT,
    timeoutMs: a.timeoutSeconds * 1000,
    maxBytes: a.maxBytes,
    retries: a.retries,
    backoffMs: init.backoffMs,
    now: () => now,
    fetch: init.fetch,
  };
  const counters = { filesWritten: 0 };

  const record = (source: SourceRef, outcome: SourceOutcome) => {
    states[source.url] = nextSourceState(states[source.url], { kind: source.kind, owner: source.owner, url: source.url }, outcome, now);
  };

  return {
    config: init.config,
    contentDir: init.contentDir,
    now,
    store: init.store,
    states,
    fetchOptions,
    newUrls: new Map(),
    damaged: [],
    counters,
    async write(p) {
      if (await p) counters.filesWritten++;
    },
    record,
    async fetchFor(url) {
      const state = states[url];
      const skipped = skipReason(state, now);
      if (skipped) return { skipped, state };
      const result = await fetchSource({ url: state?.redirect ?? url, etag: state?.etag, lastModified: state?.lastModified }, fetchOptions);
      return { result, state };
    },
    settle(source, base, result, redirect) {
      switch (result.kind) {
        case 'not-modified':
          record(source, { kind: 'unchanged', status: 304, etag: result.etag, lastModified: result.lastModified, redirect });
          return { ...base, status: 'unchanged', http: 304 };
        case 'gone':
          record(source, { kind: 'gone', status: 410, redirect });
          return { ...base, status: 'gone', http: 410, message: '410 Gone: polling stopped, articles kept' };
        case 'retry-later':
          record(source, { kind: 'retry-later', status: result.status, retryAfter: result.retryAfter });
          return { ...base, status: 'retry-later', http: result.status, message: `asked to retry after ${result.retryAfter}` };
      }
    },
    failedReport(source, error) {
      const status = error instanceof FeedFetchError ? error.status : undefined;
      const message = error instanceof Error ? error.message : String(error);
      record(source, { kind: 'failed', status, error: message });
      return { ...emptyReport(source), status: 'failed', http: status, message };
    },
  };
}
