import { articleId } from '../../src/lib/ingest/articleId.ts';
import { decodeBody } from '../../src/lib/ingest/decodeBody.ts';
import { mergeArticle, type ArticleChange } from '../../src/lib/ingest/mergeArticle.ts';
import { normalizeUrl } from '../../src/lib/urls/normalizeUrl.ts';
import { parseFeed, type FeedItem } from '../../src/lib/ingest/parseFeed.ts';
import type { Contingent } from '../../src/lib/config/schema.ts';
import { ContentFileError } from '../../src/lib/check/contentFile.ts';
import { createContentStore } from './contentStore.ts';

/** One fetched feed body to merge into a contingent's articles. */
export interface IngestTask {
  contentDir: string;
  contingent: Pick<Contingent, 'id' | 'license'>;
  body: Uint8Array;
  contentType?: string;
  url: string;
  now: string;
  /** Set on a feed's first fetch: older items are the contingent's backlog. */
  backlogBefore?: string;
}

export interface IngestResult {
  items: number;
  articles: Record<ArticleChange, number>;
  /** Ids of new articles with their normalized URLs, for the cross-contingent copy index. */
  newUrls: [string, string][];
  filesWritten: number;
  /** Damaged article files met on the way, as `[content] file:line: …` lines; their items were left alone. */
  damaged: string[];
  /** What reading the feed had to repair (see ParsedFeed.recovered); absent when nothing. */
  recovered?: string[];
}

/**
 * Decodes, parses and sanitizes a feed body, then merges each item into its stored article and
 * writes what changed. Runs on a worker thread in a real run (hence synchronous file calls); the
 * caller serializes a contingent's feeds.
 */
export async function ingestFeed(task: IngestTask): Promise<IngestResult> {
  const store = createContentStore(task.contentDir);
  const feed = await parseFeed(decodeBody(task.body, task.contentType), task.url);
  const stored = store.sync.listArticleIds(task.contingent.id);
  const unique = new Map<string, FeedItem>();
  for (const item of feed.items) {
    const id = articleId(task.contingent.id, item);
    if (!unique.has(id)) unique.set(id, item); // duplicates within a feed collapse to the first
  }
  const result: IngestResult = { items: feed.items.length, articles: { new: 0, revised: 0, updated: 0, unchanged: 0 }, newUrls: [], filesWritten: 0, damaged: [], ...(feed.recovered ? { recovered: feed.recovered } : {}) };
  for (const [id, item] of unique) {
    let existing;
    try {
      existing = stored.has(id) ? store.sync.readArticle(task.contingent.id, id) : undefined;
    } catch (error) {
      // A damaged article is never replaced: its revisions and firstSeen may exist nowhere else.
      if (!(error instanceof ContentFileError)) throw error;
      result.damaged.push(error.message);
      continue;
    }
    const { article, change } = mergeArticle(existing, item, { contingent: task.contingent, now: task.now, backlogBefore: task.backlogBefore });
    result.articles[change]++;
    if (change !== 'unchanged' && store.sync.writeArticle(article, { isNew: !stored.has(id) })) result.filesWritten++;
    if (change === 'new' && article.url) result.newUrls.push([article.id, normalizeUrl(article.url)]);
  }
  return result;
}
