// Worker thread: decodes, parses, sanitizes and merges feeds off the main thread, which keeps fetching.
import { parentPort } from 'node:worker_threads';
import { ingestFeed, type IngestTask } from './ingestFeed.ts';

parentPort!.on('message', async ({ id, task }: { id: number; task: IngestTask }) => {
  try {
    parentPort!.postMessage({ id, result: await ingestFeed(task) });
  } catch (error) {
    const e = error as Error & { code?: string; feedUrl?: string };
    parentPort!.postMessage({ id, error: { name: e.name, message: e.message, code: e.code, url: e.feedUrl } });
  }
});
