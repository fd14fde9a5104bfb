import { createHash } from 'node:crypto';
import { normalizeUrl } from '../urls/normalizeUrl.ts';

/** Short, stable hex digest used for ids and change detection. */
export function digest(text: string, length = 16): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

/**
 * The stable id of an article: its contingent plus a digest of the guid, else of the link,
 * else of the content. It never depends on the title or date, so edits keep the id.
 *
 * @example articleId('abc', { guid: 'tag:abc.example,2026:42' }) // => 'abc-2f59ccbe4fbf'
 */
export function articleId(contingent: string, item: { guid?: string; url?: string; title?: string; html?: string }): string {
  // Feeds often omit guid; fall back to the link, then the content, so ids stay stable.
  const key = item.guid?.trim()
    ? `guid:${item.guid.trim()}`
    : item.url
      ? `url:${normalizeUrl(item.url)}`
      : `content:${item.title ?? ''}\n${item.html ?? ''}`;
  return `${contingent}-${digest(key, 12)}`;
}

/** The digest of what readers see; a change makes a revision. */
export function contentHash(item: { title: string; html: string }): string {
  return digest(`${item.title}\n${item.html}`);
}
