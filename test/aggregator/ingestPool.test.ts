import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FeedParseError } from '../../src/lib/ingest/feedErrors.ts';
import { createFeedIngester } from '../../scripts/aggregator/ingestPool.ts';

const rss = (title: string) =>
  Buffer.from(`<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title><item><guid>g</guid><title>${title} item</title><description>&lt;p onclick="x()"&gt;hi&lt;/p&gt;</description></item></channel></rss>`);

describe('feed ingest pool (worker threads)', () => {
  const pool = createFeedIngester(2);
  afterAll(() => pool.close());

  it('parses, sanitizes and writes feeds on workers, many at once', async () => {
    const contentDir = await mkdtemp(join(tmpdir(), 'widenet-pool-'));
    const task = (i: number) => ({ contentDir, contingent: { id: `c${i}`, license: 'CC0-1.0' }, body: rss(`Feed ${i}`), url: `https://c${i}.example/feed`, now: '2026-11-20T10:00:00.000Z' });
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => pool.ingest(task(i))));
    expect(results.map((r) => r.articles.new)).toEqual(Array(10).fill(1));
    expect((await readdir(join(contentDir, 'articles'))).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `c${i}`).sort());
    const again = await pool.ingest(task(0));
    expect(again).toMatchObject({ articles: { new: 0, unchanged: 1 }, filesWritten: 0 });
  });

  it('passes FeedParseError back across the thread boundary', async () => {
    const contentDir = await mkdtemp(join(tmpdir(), 'widenet-pool-'));
    const error = await pool
      .ingest({ contentDir, contingent: { id: 'x', license: 'x' }, body: Buffer.from('<!doctype html><html><body>home</body></html>'), url: 'https://x.example/', now: '2026-11-20T10:00:00.000Z' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FeedParseError);
    expect((error as FeedParseError).message).toMatch(/not a feed/);
    expect((error as FeedParseError).url).toBe('https://x.example/');
    expect((error as FeedParseError).code).toBe('html');
  });

  it('keeps a file system error\'s code, path and cause across the boundary', async () => {
    // The content folder is a file: the worker cannot create the contingent's folder under it.
    const dir = await mkdtemp(join(tmpdir(), 'widenet-pool-'));
    const contentDir = join(dir, 'not-a-folder');
    await writeFile(contentDir, 'x');
    const error = (await pool.ingest({ contentDir, contingent: { id: 'x', license: 'x' }, body: rss('T'), url: 'https://x.example/', now: '2026-11-20T10:00:00.000Z' }).catch((e: unknown) => e)) as Error & { code?: string; path?: string };
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe('ENOTDIR');
    expect(error.path).toContain('not-a-folder');
  });
});
