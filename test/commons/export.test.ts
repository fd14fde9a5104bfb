// The public export's pure core: which shard each record goes to, stable bytes, and the manifest.
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DbManifest, monthOf, shardPath } from '../../src/lib/commons/dbFormat.ts';
import { buildManifest, planShards, type StoredArticle } from '../../src/lib/commons/planExport.ts';
import { decodeShard, encodeShard, sha256Hex } from '../../src/lib/commons/shardBytes.ts';
import type { StoredRatings } from '../../src/lib/config/schema.ts';

const article = (contingent: string, n: string, firstSeen: string, extra: Record<string, unknown> = {}): StoredArticle => ({ id: `${contingent}-${n.padStart(12, '0')}`, contingent, firstSeen, ...extra });
const ratings = (rater: string, scales: string[]): StoredRatings => ({
  rater,
  url: `https://${rater}.example/r.json`,
  sha256: 'x',
  ratings: scales.map((scale, i) => ({ article: `https://a.example/${i}`, scale, value: 1, at: '2026-11-01T00:00:00Z' })),
  challenges: [],
});

describe('monthOf', () => {
  it.each([
    ['2026-11-20T12:00:00Z', '2026-11'],
    ['2026-11-30T23:30:00-02:00', '2026-12'], // 01:30 UTC on December 1st
    ['2026-12-01T00:30:00+01:00', '2026-11'],
    ['2027-01-01T00:00:00.000Z', '2027-01'],
  ])('%s is in %s (UTC)', (at, month) => expect(monthOf(at)).toBe(month));
});

describe('planShards', () => {
  const a1 = article('abc', '1', '2026-11-20T10:00:00Z', { title: 'B', revisions: [{}] });
  const a2 = article('abc', '2', '2026-11-02T10:00:00Z', { title: 'A' });
  const a3 = article('abc', '3', '2026-10-31T23:59:59Z');
  const x1 = article('xyz', '1', '2026-11-20T10:00:00Z');

  it('puts articles in one shard per contingent and month of firstSeen, oldest first, then rating files and sources', () => {
    const shards = planShards({ articles: [x1, a1, a3, a2], ratings: [ratings('bob', ['spam']), ratings('alice', ['newsworthy'])], sources: { 'https://b.example/feed': { kind: 'feed', owner: 'b', url: 'https://b.example/feed', consecutiveFailures: 0 }, 'https://a.example/feed': { kind: 'feed', owner: 'a', url: 'https://a.example/feed', consecutiveFailures: 0 } } });
    expect(shards.map((s) => [s.path, s.lines.length])).toEqual([
      ['articles/abc/2026-10.jsonl.gz', 1],
      ['articles/abc/2026-11.jsonl.gz', 2],
      ['articles/xyz/2026-11.jsonl.gz', 1],
      ['ratings/alice.jsonl.gz', 1],
      ['ratings/bob.jsonl.gz', 1],
      ['sources.jsonl.gz', 2],
    ]);
    expect(shards[1]!.lines).toEqual([
      '{"id":"abc-000000000002","contingent":"abc","firstSeen":"2026-11-02T10:00:00Z","title":"A"}',
      '{"id":"abc-000000000001","contingent":"abc","firstSeen":"2026-11-20T10:00:00Z","title":"B","revisions":[{}]}',
    ]);
    expect(shards[5]!.lines[0]).toBe('{"kind":"feed","owner":"a","url":"https://a.example/feed","consecutiveFailures":0}');
  });

  it('gives the same lines whatever order the files were read in', () => {
    const one = planShards({ articles: [a1, a2, a3, x1], ratings: [], sources: {} });
    const other = planShards({ articles: [x1, a3, a2, a1], ratings: [], sources: {} });
    expect(other).toEqual(one);
  });
});

describe('shard bytes', () => {
  const lines = ['{"id":"abc-1","title":"Grève"}', '{"id":"abc-2"}'];

  it('are gzip of the lines, each ended by a newline, with no time and OS 255 in the header', () => {
    const bytes = encodeShard(lines);
    expect([...bytes.subarray(0, 4)]).toEqual([0x1f, 0x8b, 8, 0]);
    expect([...bytes.subarray(4, 8)]).toEqual([0, 0, 0, 0]);
    expect(bytes[9]).toBe(255);
    expect(gunzipSync(bytes).toString('utf8')).toBe('{"id":"abc-1","title":"Grève"}\n{"id":"abc-2"}\n');
    expect(decodeShard(bytes, 1000)).toEqual(lines);
  });

  it('are the same bytes every time for the same lines, and differ when a line does', () => {
    expect(sha256Hex(encodeShard(lines))).toBe(sha256Hex(encodeShard([...lines])));
    expect(sha256Hex(encodeShard(['{"id":"abc-1","title":"Greve"}', lines[1]!]))).not.toBe(sha256Hex(encodeShard(lines)));
  });

  it('refuse a text bigger than the bound, and a truncated last line', () => {
    expect(() => decodeShard(encodeShard(lines), 10)).toThrow();
    expect(decodeShard(encodeShard([]), 10)).toEqual([]);
    // A text without its final newline: what a cut-off upload could look like.
    expect(() => decodeShard(gzipSync('{"a":1}'), 100)).toThrow(/truncated/);
  });

  it('sha256Hex is the lower-case hex SHA-256', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});

describe('buildManifest', () => {
  it('lists every shard with its digest, counts from the shards, and what an importer needs to match contingents and raters', () => {
    const manifest = buildManifest({
      site: { network: 'Wide Net', url: 'https://wide-net.github.io/', base: '/wide-net/' },
      contingents: [{ id: 'abc', name: 'ABC', home: 'https://abc.example/', feeds: ['https://abc.example/feed.xml'], license: 'CC0-1.0' }, { id: 'new', name: 'New', home: 'https://new.example/', feeds: ['https://new.example/rss'], license: 'CC0-1.0' }],
      raters: [{ id: 'alice', name: 'Alice', url: 'https://alice.example/r.json' }, { id: 'bob', name: 'Bob', url: 'https://bob.example/r.csv', format: 'csv', key: `ed25519:${'A'.repeat(43)}=` }],
      scales: [{ id: 'newsworthy', name: 'N', min: 1, max: 5, neutral: 3, description: '' }],
      ratings: [ratings('alice', ['spam', 'newsworthy', 'spam'])],
      sources: 3,
      revisions: 4,
      shards: [
        { place: { kind: 'articles', contingent: 'abc', month: '2026-10', path: shardPath({ kind: 'articles', contingent: 'abc', month: '2026-10' }) }, records: 2, bytes: 100, sha256: 'a'.repeat(64) },
        { place: { kind: 'articles', contingent: 'abc', month: '2026-11', path: 'articles/abc/2026-11.jsonl.gz' }, records: 5, bytes: 300, sha256: 'b'.repeat(64) },
        { place: { kind: 'ratings', rater: 'alice', path: 'ratings/alice.jsonl.gz' }, records: 1, bytes: 50, sha256: 'c'.repeat(64) },
      ],
      built: { at: '2026-11-21T12:00:00.000Z', commit: 'abc123' },
    });
    expect(manifest.format).toBe('widenet-db/1');
    expect(manifest.site).toBe('https://wide-net.github.io/wide-net/');
    expect(manifest.counts).toEqual({ articles: 7, revisions: 4, contingents: 2, raters: 2, ratings: 3, sources: 3, shards: 3, bytes: 450 });
    expect(manifest.contingents).toEqual([
      { id: 'abc', name: 'ABC', feeds: ['https://abc.example/feed.xml'], articles: 7 },
      { id: 'new', name: 'New', feeds: ['https://new.example/rss'], articles: 0 },
    ]);
    expect(manifest.raters).toEqual([
      { id: 'alice', url: 'https://alice.example/r.json', scales: ['newsworthy', 'spam'] },
      { id: 'bob', url: 'https://bob.example/r.csv', format: 'csv', key: `ed25519:${'A'.repeat(43)}=`, scales: [] },
    ]);
    expect(manifest.shards[2]).toEqual({ kind: 'ratings', rater: 'alice', path: 'ratings/alice.jsonl.gz', records: 1, bytes: 50, sha256: 'c'.repeat(64) });
    expect(DbManifest.safeParse(manifest).success).toBe(true);
  });

  it('the schema refuses a shard whose path is not the one its kind and owner name (a reader never follows it)', () => {
    const shard = { kind: 'articles', contingent: 'abc', month: '2026-11', records: 1, bytes: 1, sha256: 'a'.repeat(64) };
    const manifest = (path: string) => ({ format: 'widenet-db/1', network: 'n', site: 's', built: { at: '2026-11-21T12:00:00Z' }, counts: { articles: 1, revisions: 0, contingents: 0, raters: 0, ratings: 0, sources: 0, shards: 1, bytes: 1 }, contingents: [], raters: [], scales: [], shards: [{ ...shard, path }] });
    expect(DbManifest.safeParse(manifest('articles/abc/2026-11.jsonl.gz')).success).toBe(true);
    for (const path of ['https://evil.example/x.jsonl.gz', '../articles/abc/2026-11.jsonl.gz', 'articles/abc/2026-10.jsonl.gz', 'articles/xyz/2026-11.jsonl.gz']) {
      expect(DbManifest.safeParse(manifest(path)).success, path).toBe(false);
    }
  });
});
