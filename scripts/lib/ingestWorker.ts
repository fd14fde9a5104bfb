// Worker thread: decodes, parses and sanitizes feeds off the main thread, which keeps doing I/O.
import { parentPort } from 'node:worker_threads';
import { parseFeed } from '../../src/lib/parseFeed.ts';

parentPort!.on('message', async ({ id, text, url }: { id: number; text: string; url: string }) => {
  try {
    parentPort!.postMessage({ id, feed: await parseFeed(text, url) });
  } catch (error) {
    const e = error as Error & { code?: string; feedUrl?: string };
    parentPort!.postMessage({ id, error: { name: e.name, message: e.message, code: e.code, url: e.feedUrl } });
  }
});
