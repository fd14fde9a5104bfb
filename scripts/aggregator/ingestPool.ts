import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { ingestFeed, type IngestResult, type IngestTask } from './ingestFeed.ts';
import { errorFromData, type ErrorData } from './workerErrors.ts';

interface Pending {
  resolve: (result: IngestResult) => void;
  reject: (error: Error) => void;
}

interface Reply {
  id: number;
  result?: IngestResult;
  error?: ErrorData;
}

const WORKER_URL = new URL('./ingestWorker.ts', import.meta.url);

export type FeedIngester = (task: IngestTask) => Promise<IngestResult>;

/**
 * Ingests feeds (decode, parse, sanitize, merge, write) on worker threads, one per core (at most 4),
 * so a cold run uses every core while the main thread fetches. With one core it works in-process.
 */
export function createFeedIngester(workers = Math.min(availableParallelism(), 4)): { ingest: FeedIngester; close: () => Promise<void> } {
  if (workers <= 1) return { ingest: ingestFeed, close: async () => {} };
  let nextId = 0;
  let closing = false;

  function spawnSlot() {
    const slot = { worker: new Worker(WORKER_URL), pending: new Map<number, Pending>() };
    slot.worker.on('message', ({ id, result, error }: Reply) => {
      const p = slot.pending.get(id);
      slot.pending.delete(id);
      if (!p) return;
      if (result) p.resolve(result);
      else p.reject(error ? errorFromData(error) : new Error('feed parser failed'));
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
    ingest(task) {
      const slot = pool.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      const id = nextId++;
      return new Promise<IngestResult>((resolve, reject) => {
        slot.pending.set(id, { resolve, reject });
        slot.worker.postMessage({ id, task });
      });
    },
    async close() {
      closing = true;
      await Promise.all(pool.map((s) => s.worker.terminate()));
    },
  };
}
