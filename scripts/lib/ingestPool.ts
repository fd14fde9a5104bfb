import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { FeedParseError, type FeedParseErrorCode } from '../../src/lib/feedErrors.ts';
import { parseFeed, type ParsedFeed } from '../../src/lib/parseFeed.ts';
import type { FeedParser } from './runAggregate.ts';

interface Pending {
  resolve: (feed: ParsedFeed) => void;
  reject: (error: Error) => void;
}

interface Reply {
  id: number;
  feed?: ParsedFeed;
  error?: { name: string; message: string; code?: string; url?: string };
}

const WORKER_URL = new URL('./feedParserWorker.ts', import.meta.url);

/**
 * Parses and sanitizes feeds on worker threads, one per core (at most 4), so a cold run uses every
 * core while the main thread fetches and writes. With one core it parses in-process.
 */
export function createFeedParser(workers = Math.min(availableParallelism(), 4)): { parse: FeedParser; close: () => Promise<void> } {
  if (workers <= 1) return { parse: parseFeed, close: async () => {} };
  let nextId = 0;
  let closing = false;

  function spawnSlot() {
    const slot = { worker: new Worker(WORKER_URL), pending: new Map<number, Pending>() };
    slot.worker.on('message', ({ id, feed, error }: Reply) => {
      const p = slot.pending.get(id);
      slot.pending.delete(id);
      if (!p) return;
      if (feed) p.resolve(feed);
      else if (error?.name === 'FeedParseError') p.reject(new FeedParseError(error.code as FeedParseErrorCode, error.message, error.url ?? ''));
      else p.reject(new Error(error?.message ?? 'feed parser failed'));
    });
    const fail = (error: Error) => {
      // A crashed worker fails only the feeds it held; they are reported and the run goes on.
      for (const p of slot.pending.values()) p.reject(error);
      slot.pending.clear();
      const at = pool.indexOf(slot);
      if (!closing && at >= 0) pool[at] = spawnSlot();
    };
    slot.worker.on('error', fail);
    slot.worker.on('exit', (code) => fail(new Error(`feed parser worker exited with code ${code}`)));
    return slot;
  }
  const pool = Array.from({ length: workers }, spawnSlot);

  return {
    parse(text, url) {
      const slot = pool.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      const id = nextId++;
      return new Promise<ParsedFeed>((resolve, reject) => {
        slot.pending.set(id, { resolve, reject });
        slot.worker.postMessage({ id, text, url });
      });
    },
    async close() {
      closing = true;
      await Promise.all(pool.map((s) => s.worker.terminate()));
    },
  };
}
