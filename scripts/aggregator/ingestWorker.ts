// Worker thread: decodes, parses, sanitizes and merges feeds off the main thread, which keeps fetching.
import { parentPort } from 'node:worker_threads';
import { ingestFeed, type IngestTask } from './ingestFeed.ts';
import { errorToData } from './workerErrors.ts';

parentPort!.on('message', async ({ id, task }: { id: number; task: IngestTask }) => {
  try {
    parentPort!.postMessage({ id, result: await ingestFeed(task) });
  } catch (error) {
    parentPort!.postMessage({ id, error: errorToData(error) });
  }
});
