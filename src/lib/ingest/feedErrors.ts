/** Why a body could not be read as a feed. */
export type FeedParseErrorCode = 'empty' | 'html' | 'not-a-feed' | 'invalid-xml' | 'invalid-json';

/**
 * The fetched body is not a feed we can read: an empty body, an HTML page, random bytes,
 * broken XML or JSON, or a document of another kind. Retrying the same body will not help;
 * the aggregator reports it for this source alone and keeps the last good articles.
 *
 * @example
 * try { await parseFeed(text, url) } catch (error) {
 *   if (error instanceof FeedParseError) console.warn(`[aggregate] ${error.url}: ${error.message}`)
 * }
 */
export class FeedParseError extends Error {
  readonly code: FeedParseErrorCode;
  /** The feed's URL, named `url` like every typed error's context (FeedFetchError, FeedDiscoveryError). */
  readonly url: string;
  /** Parse errors come from the body itself, so the same body fails the same way. */
  readonly retryable = false;

  constructor(code: FeedParseErrorCode, message: string, url: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FeedParseError';
    this.code = code;
    this.url = url;
  }
}
