import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { FeedParseError, type FeedParseErrorCode } from '../../src/lib/feedErrors.ts';
import { parseFeed, type ParsedFeed } from '../../src/lib/parseFeed.ts';
import type { FeedParser } from './runAggregate.ts';

interface Pending {
  resolve: (feed: ParsedFeed) => void;
  reject: (error: Error) => void;
}

/**
 * Parses and sanitizes feeds on worker threads, one per core, so that a cold run uses every core
 * while the main thread fetches and writes. With one core it parses in-process.
 */
export function createFeedParser(workers = Math.min(availableParallelism(), 4)): { parse: FeedParser; close: () => Promise<void> } {
  if (workers <= 1) return { parse: parseFeed, close: async () => {} };
  const pool: { worker: Worker; load: number }[] = [];
  const pending = new Map<number, Pending>();
  let nextId = 0;
  const url = new URL('./feedParserWorker.ts', import.meta.url);
  for (let i = 0; i < workers; i++) {
    const worker = new Worker(url);
    const slot = { worker, load: 0 };
    worker.on('message', ({ id, feed, error }: { id: number; feed?: ParsedFeed; error?: { name: string; message: string; code?: string; url?: string } }) => {
      slot.load--;
      const p = pending.get(id);
      pending.delete(id);
      if (!p) return;
      if (feed) p.resolve(feed);
      else p.reject(error?.name === 'FeedParseError' ? new FeedParseError(error.code as FeedParseErrorCode, error.message, error.url ?? '') : new Error(error?.message));
    });
    worker.on('error', (error) => {
      // A crashed worker fails what it held; the run reports those sources and goes on.
      for (const [id, p] of pending) p.reject(error), pending.delete(id);
    });
    pool.push(slot);
  }
  return {
    parse(text, feedUrl) {
      const slot = pool.reduce((a, b) => (b.load < a.load ? b : a));
      slot.load++;
      const id = nextId++;
      return new Promise<ParsedFeed>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        slot.worker.postMessage({ id, text, url: feedUrl });
      });
    },
    close: async () => void (await Promise.all(pool.map((s) => s.worker.terminate()))),
  };
}
