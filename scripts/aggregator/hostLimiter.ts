import pLimit, { type LimitFunction } from 'p-limit';

export interface HostLimiterOptions {
  /** Most tasks running at once, over all hosts. */
  concurrency: number;
  /** Most tasks running at once against one host name. */
  perHost: number;
}

export interface HostLimiter {
  /** Runs `fn` once both the overall limit and the limit of `url`'s host allow it. */
  run<T>(url: string, fn: () => PromiseLike<T> | T): Promise<T>;
}

/**
 * Bounds concurrency overall and per host, so that many feeds on one host are fetched politely
 * while feeds on other hosts go on in parallel.
 *
 * Hosts are compared by host name (lower case, port ignored): two ports on one machine are one server.
 * A string that is not a URL is its own "host", so its task still runs and reports its own error.
 *
 * @example
 * const limiter = createHostLimiter({ concurrency: 8, perHost: 2 });
 * const results = await Promise.all(
 *   urls.map((url) => limiter.run(url, () => fetchSource({ url }, opts))),
 * );
 */
export function createHostLimiter({ concurrency, perHost }: HostLimiterOptions): HostLimiter {
  const overall = pLimit(concurrency);
  const hosts = new Map<string, LimitFunction>();

  function limitFor(url: string): LimitFunction {
    const key = hostKey(url);
    let limit = hosts.get(key);
    if (!limit) {
      limit = pLimit(perHost);
      hosts.set(key, limit);
    }
    return limit;
  }

  return {
    run(url, fn) {
      // Host slot first: a task queued behind a busy host must not hold one of the overall slots.
      return limitFor(url)(() => overall(fn));
    },
  };
}

function hostKey(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}
