// Reply threads across contingents: the chain of posts above an article and the tree of replies below.
import { describe, expect, it } from 'vitest';
import { createArticleResolver } from '../../src/lib/urls/articleRefs.ts';
import type { Article } from '../../src/lib/config/schema.ts';
import { buildThread, type ThreadNode } from '../../src/lib/transparency/threads.ts';
import { createReplyIndex } from '../../src/lib/site/views/replies.ts';
import { hoursAgo, makeArticle, type ArticleInput } from '../helpers/makeDb.ts';

function links(inputs: ArticleInput[]) {
  const articles = inputs.map(makeArticle);
  const replies = createReplyIndex(articles, createArticleResolver(articles));
  const byId = new Map(articles.map((a) => [a.id, a]));
  return {
    get: (id: string) => byId.get(id)!,
    links: { repliesTo: replies.repliesTo, parentsOf: (a: Article) => replies.inReplyTo(a).flatMap((t) => t.articles) },
  };
}
const tree = (nodes: ThreadNode[]): unknown[] => nodes.map((n) => (n.replies.length ? [n.article.id, tree(n.replies)] : n.article.id));

// A story by abc, challenged by def (answered by abc) and by xyz (not answered), across contingents, by id and by URL.
const THREAD: ArticleInput[] = [
  { id: 'story', contingent: 'abc', published: hoursAgo(50) },
  { id: 'challenge-1', contingent: 'def', published: hoursAgo(40), tags: ['challenge'], inReplyTo: ['https://ABC.example/story?utm_source=feed'] },
  { id: 'answer', contingent: 'abc', published: hoursAgo(30), inReplyTo: ['challenge-1'] },
  { id: 'challenge-2', contingent: 'xyz', published: hoursAgo(20), tags: ['challenge'], inReplyTo: ['story'] },
  { id: 'rejoinder', contingent: 'def', published: hoursAgo(10), inReplyTo: ['https://abc.example/answer'] },
  { id: 'elsewhere', contingent: 'xyz', published: hoursAgo(5), inReplyTo: ['https://outside.example/post'] },
];

describe('buildThread', () => {
  const { get, links: l } = links(THREAD);
  it.each<[string, string[], unknown[], number]>([
    ['story', [], [['challenge-1', [['answer', ['rejoinder']]]], 'challenge-2'], 5],
    ['challenge-1', ['story'], [['answer', ['rejoinder']]], 4],
    ['answer', ['story', 'challenge-1'], ['rejoinder'], 4],
    ['rejoinder', ['story', 'challenge-1', 'answer'], [], 4],
    ['challenge-2', ['story'], [], 2],
    ['elsewhere', [], [], 1],
  ])('around %s: ancestors %j, replies %j', (id, ancestors, replies, size) => {
    const thread = buildThread(get(id), l);
    expect(thread.ancestors.map((a) => a.id)).toEqual(ancestors);
    expect(tree(thread.replies)).toEqual(replies);
    expect(thread.size).toBe(size);
    expect(thread.truncated).toBe(false);
  });

  it('cuts a cycle where it repeats', () => {
    const { get: g, links: c } = links([
      { id: 'a', inReplyTo: ['b'], published: hoursAgo(2) },
      { id: 'b', inReplyTo: ['a'], published: hoursAgo(1) },
    ]);
    const thread = buildThread(g('a'), c);
    expect(thread.ancestors.map((x) => x.id)).toEqual(['b']);
    expect(thread.replies).toEqual([]);
    expect(thread.size).toBe(2);
  });

  it('shows a reply reachable two ways once', () => {
    const { get: g, links: c } = links([
      { id: 'root', published: hoursAgo(3) },
      { id: 'mid', inReplyTo: ['root'], published: hoursAgo(2) },
      { id: 'both', inReplyTo: ['root', 'mid'], published: hoursAgo(1) },
    ]);
    expect(tree(buildThread(g('root'), c).replies)).toEqual(['mid', 'both']);
  });

  it('limits depth and size, and says so', () => {
    const chain = Array.from({ length: 30 }, (_, i) => ({ id: `p${i}`, published: hoursAgo(100 - i), ...(i > 0 && { inReplyTo: [`p${i - 1}`] }) }));
    const { get: g, links: c } = links(chain);
    const deep = buildThread(g('p0'), c, { maxDepth: 5 });
    expect(deep.size).toBe(6);
    expect(deep.truncated).toBe(true);
    const up = buildThread(g('p29'), c, { maxDepth: 5 });
    expect(up.ancestors.map((a) => a.id)).toEqual(['p24', 'p25', 'p26', 'p27', 'p28']);
    expect(up.truncated).toBe(true);
    const wide = Array.from({ length: 20 }, (_, i) => ({ id: `r${i}`, published: hoursAgo(50 - i), inReplyTo: ['root'] }));
    const { get: gw, links: cw } = links([{ id: 'root', published: hoursAgo(60) }, ...wide]);
    const small = buildThread(gw('root'), cw, { maxSize: 8 });
    expect(small.replies.map((n) => n.article.id)).toEqual(['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6']);
    expect(small.truncated).toBe(true);
  });
});
