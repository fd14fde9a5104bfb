// Reply threads across contingents: what an article replies to, up to the first post, and every reply below it.
import type { Article } from '../config/schema.ts';

/** How a thread finds its neighbours: replies to an article, and the articles it replies to (both in the database). */
export interface ThreadLinks {
  repliesTo(articleId: string): readonly Article[];
  parentsOf(article: Article): readonly Article[];
}

export interface ThreadNode {
  article: Article;
  replies: ThreadNode[];
}

export interface Thread {
  /** The chain of posts this article replies to, the first post first; each step follows the first parent. */
  ancestors: Article[];
  /** Replies to this article, and replies to them, oldest first at each level. */
  replies: ThreadNode[];
  /** Articles in the thread, this one included. */
  size: number;
  /** True when a depth or size limit cut the thread short. */
  truncated: boolean;
}

export interface ThreadLimits {
  /** Deepest level of replies, and longest chain of ancestors. */
  maxDepth?: number;
  /** Most articles in the thread. */
  maxSize?: number;
}

/**
 * Builds the thread around an article from `inReplyTo` links, whoever published each post. An article
 * appears once: a cycle of replies, or a reply reachable two ways, is cut where it repeats. Limits keep
 * a page small however busy a thread gets.
 *
 * @example
 * const thread = buildThread(model.index.article('def-03')!, links);
 * thread.ancestors.map((a) => a.id) // ['abc-04']
 * thread.replies.map((n) => n.article.id) // ['abc-07']
 */
export function buildThread(article: Article, links: ThreadLinks, limits: ThreadLimits = {}): Thread {
  const maxDepth = limits.maxDepth ?? 12;
  const maxSize = limits.maxSize ?? 100;
  const seen = new Set<string>([article.id]);
  let truncated = false;

  const ancestors: Article[] = [];
  let current = article;
  for (let depth = 0; ; depth++) {
    const parent = links.parentsOf(current).find((p) => !seen.has(p.id));
    if (!parent) break;
    if (depth >= maxDepth || seen.size >= maxSize) {
      truncated = true;
      break;
    }
    seen.add(parent.id);
    ancestors.unshift(parent);
    current = parent;
  }

  // Breadth first, so a size limit keeps the nearest replies.
  const root: ThreadNode = { article, replies: [] };
  let level: ThreadNode[] = [root];
  for (let depth = 0; level.length; depth++) {
    const next: ThreadNode[] = [];
    for (const node of level) {
      for (const reply of links.repliesTo(node.article.id)) {
        if (seen.has(reply.id)) continue;
        if (depth >= maxDepth || seen.size >= maxSize) {
          truncated = true;
          continue;
        }
        seen.add(reply.id);
        const child = { article: reply, replies: [] };
        node.replies.push(child);
        next.push(child);
      }
    }
    level = next;
  }
  return { ancestors, replies: root.replies, size: seen.size, truncated };
}
