// Reading a response body under a byte cap: a huge or endless body is stopped, never held.
import { FeedFetchError } from './fetchErrors.ts';

/** Reads the body chunk by chunk and stops as soon as it passes the cap, so a huge body is never held. */
export async function readCapped(res: Response, maxBytes: number, url: string): Promise<Uint8Array> {
  if (!res.body) return new Uint8Array(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      reader.cancel().catch(() => {});
      throw tooBig(url, res.status, maxBytes);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** Lets go of a body not needed (a redirect, a 304), so the connection is freed. */
export async function discardBody(res: Response): Promise<void> {
  await res.body?.cancel().catch(() => {});
}

/** The error for a body over the cap. */
export function tooBig(url: string, status: number, maxBytes: number): FeedFetchError {
  return new FeedFetchError(`body over ${formatBytes(maxBytes)} limit`, { url, status, retryable: false, code: 'too-big' });
}

/**
 * A byte count for people.
 *
 * @example formatBytes(10 * 1024 * 1024) // '10 MB'
 */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${bytes} bytes`;
}
