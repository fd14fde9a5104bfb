import { describe, expect, it } from 'vitest';
import { Article } from '../../src/lib/config/schema.ts';
import { mergeArticle } from '../../src/lib/ingest/mergeArticle.ts';
import type { FeedItem } from '../../src/lib/ingest/parseFeed.ts';

const contingent = { id: 'abc', license: 'CC0-1.0' };
const item: FeedItem = {
  guid: 'tag:abc.example,2026:1',
  url: 'https://abc.example/1',
  title: 'Vote results',
  authors: ['Ana Ruiz'],
  published: '2026-11-19T17:00:00.000Z',
  html: '<p>Turnout was 71%.</p>',
  summary: 'Turnout was 71%.',
  tags: ['News'],
  media: [],
};

describe('mergeArticle: stored text is clean, earlier versions included (issue 9)', () => {
  // An article stored before ingest removed these characters: a bad merge, or an older Wide Net.
  const dirty = Article.parse({
    id: 'abc-0123456789ab',
    contingent: 'abc',
    title: 'Vote\u0008 results \u202Eflipped\u202C',
    url: 'https://abc.example/1',
    guid: 'tag:abc.example,2026:1',
    authors: ['Ana\u0000 Ruiz'],
    published: '2026-11-19T17:00:00.000Z',
    firstSeen: '2026-11-19T17:05:00.000Z',
    summary: 'Turnout\u000B was 71%.\uFFFF',
    html: '<p>Turnout\u0001 was 71%.</p>',
    tags: ['News\u0007'],
    license: 'CC0-1.0',
    media: [{ url: 'https://abc.example/a.mp3', title: 'Audio \u2066title\u2069\uD800' }],
    hash: 'stale',
    revisions: [{ at: '2026-11-19T18:00:00.000Z', hash: 'older', title: 'First\u001F \u202Dversion', summary: 'Sum\u0002', html: '<p>Old\u0003</p>' }],
  });

  it('cleans every text field of the stored article and of its revisions', () => {
    const { article } = mergeArticle(dirty, item, { contingent, now: '2026-11-20T10:00:00.000Z' });
    expect(article.title).toBe('Vote results');
    expect(article.authors).toEqual(['Ana Ruiz']);
    expect(article.media).toEqual([]);
    expect(article.revisions).toEqual([
      { at: '2026-11-19T18:00:00.000Z', hash: 'older', title: 'First version', summary: 'Sum', html: '<p>Old</p>' },
      { at: '2026-11-20T10:00:00.000Z', hash: 'stale', title: 'Vote results flipped', summary: 'Turnout was 71%.', html: '<p>Turnout was 71%.</p>' },
    ]);
    expect(JSON.stringify(article)).not.toMatch(/\\u00(?:0[0-8bcef]|1[0-9a-f])|\\u(?:d[89a-f][0-9a-f]{2}|fffe|ffff)/i);
    expect(JSON.stringify(article)).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
  });

  it('changes nothing the second time', () => {
    const first = mergeArticle(dirty, item, { contingent, now: '2026-11-20T10:00:00.000Z' }).article;
    const second = mergeArticle(first, item, { contingent, now: '2026-11-20T11:00:00.000Z' });
    expect(second.change).toBe('unchanged');
    expect(second.article).toEqual(first);
  });
});
