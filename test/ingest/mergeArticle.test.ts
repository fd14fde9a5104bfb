import { describe, expect, it } from 'vitest';
import { Article } from '../../src/lib/config/schema.ts';
import { MAX_REVISIONS, mergeArticle } from '../../src/lib/ingest/mergeArticle.ts';
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

describe('mergeArticle: earlier versions are capped at 50 (MAX_REVISIONS)', () => {
  const version = (n: number): FeedItem => ({ ...item, title: `Version ${n}`, summary: `Text ${n}.`, html: `<p>Text ${n}.</p>` });
  const at = (n: number) => new Date(Date.parse('2026-11-20T00:00:00.000Z') + n * 60_000).toISOString();
  /** The article after versions 0…last, one run each. */
  const revisedTo = (last: number) => {
    let article = mergeArticle(undefined, version(0), { contingent, now: at(0) }).article;
    for (let n = 1; n <= last; n++) {
      const merged = mergeArticle(article, version(n), { contingent, now: at(n) });
      expect(merged.change).toBe('revised');
      article = merged.article;
    }
    return article;
  };

  it('keeps every earlier version up to 50', () => {
    const article = revisedTo(50);
    expect(MAX_REVISIONS).toBe(50);
    expect(article.revisions).toHaveLength(50);
    expect(article.revisions[0]).toMatchObject({ title: 'Version 0', at: '2026-11-20T00:01:00.000Z' });
    expect(article.revisions[49]).toMatchObject({ title: 'Version 49', html: '<p>Text 49.</p>', at: '2026-11-20T00:50:00.000Z' });
    expect(article.title).toBe('Version 50');
  });

  it('drops the oldest beyond 50, keeping the id, firstSeen and the newest 50', () => {
    const first = revisedTo(0);
    const article = revisedTo(52);
    expect(article.revisions).toHaveLength(50);
    expect(article.revisions[0]!.title).toBe('Version 2');
    expect(article.revisions[49]!.title).toBe('Version 51');
    expect(article.title).toBe('Version 52');
    expect(article.id).toBe(first.id);
    expect(article.firstSeen).toBe('2026-11-20T00:00:00.000Z');
  });

  it('an unchanged item adds no version, even at the cap', () => {
    const article = revisedTo(50);
    const again = mergeArticle(article, version(50), { contingent, now: at(99) });
    expect(again.change).toBe('unchanged');
    expect(again.article.revisions).toHaveLength(50);
    expect(again.article.revisions[0]!.title).toBe('Version 0');
  });

  it('trims a stored article over the cap (kept by an older Wide Net) to the newest 50 on its next revision', () => {
    const stored = Article.parse({
      ...revisedTo(0),
      revisions: Array.from({ length: 60 }, (_, n) => ({ at: at(n + 1), hash: `h${n}`, title: `Old ${n}`, summary: '', html: '' })),
    });
    const untouched = mergeArticle(stored, version(0), { contingent, now: at(99) });
    expect(untouched.article.revisions).toHaveLength(60);
    const revised = mergeArticle(stored, version(1), { contingent, now: at(99) }).article;
    expect(revised.revisions).toHaveLength(50);
    expect(revised.revisions[0]!.title).toBe('Old 11');
    expect(revised.revisions[48]!.title).toBe('Old 59');
    expect(revised.revisions[49]).toMatchObject({ title: 'Version 0', at: '2026-11-20T01:39:00.000Z' });
  });
});
