// When to try a source again: the time a server's Retry-After asks for (bounded), and the backoff
// between attempts within one run.

/** Never give up on a feed for good: a Retry-After further away than this is cut down to it. */
const MAX_RETRY_AFTER_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Turns a Retry-After header (delay in seconds, or an HTTP-date) into an absolute time.
 * A date in the past means now; a time more than 7 days away is cut to 7 days.
 *
 * @example
 * parseRetryAfter('120', new Date('2026-11-20T10:00:00Z'))?.toISOString(); // '2026-11-20T10:02:00.000Z'
 * parseRetryAfter('Fri, 20 Nov 2026 11:00:00 GMT', now)?.toISOString();    // '2026-11-20T11:00:00.000Z'
 * parseRetryAfter('soon', now);                                            // undefined
 */
export function parseRetryAfter(value: string | null | undefined, now: Date): Date | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  let at: number;
  if (/^\d+$/.test(text)) at = now.getTime() + Number(text) * 1000;
  else {
    // Date.parse reads almost anything ("-5" is year −5); an HTTP-date always has a month name and a time.
    if (!/[A-Za-z]{3}/.test(text) || !/\d{2}:\d{2}:\d{2}/.test(text)) return undefined;
    // HTTP-dates are always UTC; asctime form carries no zone and Date.parse would read it as local time.
    at = Date.parse(/GMT|UTC|[+-]\d{4}\b/.test(text) ? text : `${text} GMT`);
    if (Number.isNaN(at)) return undefined;
  }
  return new Date(Math.min(Math.max(at, now.getTime()), now.getTime() + MAX_RETRY_AFTER_MS));
}

/**
 * Exponential backoff with "equal jitter": half fixed, half random, so parallel runs spread out.
 *
 * @example backoffDelay(500, 2) // between 1000 and 2000 ms
 */
export function backoffDelay(baseMs: number, attempt: number): number {
  const ceiling = baseMs * 2 ** attempt;
  return ceiling / 2 + Math.random() * (ceiling / 2);
}
