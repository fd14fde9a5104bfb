// What a fork shares with its upstream, what it must download, and how an imported shard is checked.
import { describe, expect, it } from 'vitest';
import type { DbManifest, Shard } from '../../src/lib/commons/dbFormat.ts';
import { planImport } from '../../src/lib/commons/planImport.ts';
import { readShard } from '../../src/lib/commons/readShard.ts';
import type { Contingent, Rater, Scale } from '../../src/lib/config/schema.ts';

const URL_ = 'https://wide-net.github.io/';
const sha = (c: string) => c.repeat(64);
const shard = (path: string, digest: string, extra: Partial<Shard> = {}): Shard => {
  const [kind, owner, month] = path.replace('.jsonl.gz', '').split('/');
  const place = kind === 'articles' ? { kind: 'articles' as const, contingent: owner!, month: month! } : kind === 'ratings' ? { kind: 'ratings' as const, rater: owner! } : { kind: 'sources' as const };
  return { ...place, path, records: 1, bytes: 10, sha256: sha(digest), ...extra } as Shard;
};

const manifest: DbManifest = {
  format: 'widenet-db/1',
  network: 'Wide Net',
  site: URL_,
  built: { at: '2026-11-21T12:00:00.000Z' },
  counts: { articles: 3, revisions: 0, contingents: 3, raters: 3, ratings: 0, sources: 0, shards: 6, bytes: 60 },
  contingents: [
    { id: 'abc', name: 'ABC', feeds: ['https://abc.example/feed.xml'], articles: 2 },
    { id: 'xyz', name: 'XYZ', feeds: ['https://xyz.example/atom.xml', 'https://xyz.example/old.xml'], articles: 1 },
    { id: 'def', name: 'DEF', feeds: ['https://def.example/rss'], articles: 0 },
  ],
  raters: [
    { id: 'alice', url: 'https://alice.example/ratings.json', scales: ['newsworthy'] },
    { id: 'bob', url: 'https://bob.example/r.csv', format: 'csv', scales: ['spam'] },
    { id: 'carol', url: 'https://carol.example/r.json', key: `ed25519:${'A'.repeat(43)}=`, scales: [] },
  ],
  scales: [
    { id: 'newsworthy', min: 1, max: 5 },
    { id: 'spam', min: 0, max: 1 },
  ],
  shards: [shard('articles/abc/2026-10.jsonl.gz', '1'), shard('articles/abc/2026-11.jsonl.gz', '2'), shard('articles/xyz/2026-11.jsonl.gz', '3'), shard('ratings/alice.jsonl.gz', '4'), shard('ratings/bob.jsonl.gz', '5'), shard('sources.jsonl.gz', '6')],
};

const contingent = (id: string, feeds: string[]): Contingent => ({ id, name: id, home: `https://${id}.example/`, feeds, license: 'CC0-1.0' });
const rater = (id: string, url: string, more: Partial<Rater> = {}): Rater => ({ id, name: id, url, ...more });
const scales: Scale[] = [
  { id: 'newsworthy', name: 'N', min: 1, max: 5, neutral: 3, description: '' },
  { id: 'spam', name: 'S', min: 0, max: 1, neutral: 0, description: '' },
];
const fork = {
  contingents: [contingent('abc', ['https://ABC.example:443/feed.xml#top']), contingent('xyz', ['https://xyz.example/old.xml', 'https://xyz.example/atom.xml']), contingent('mine', ['https://mine.example/feed'])],
  raters: [rater('alice', 'https://alice.example/ratings.json'), rater('bob', 'https://bob.example/r.csv', { format: 'csv' }), rater('carol', 'https://carol.example/r.json', { key: `ed25519:${'A'.repeat(43)}=` })],
  scales,
};

describe('planImport', () => {
  it('shares a contingent with the same id and feeds (compared normalized, in any order), and a rater with the same file, format and key', () => {
    const plan = planImport({ url: URL_, config: fork, manifest });
    expect(plan.contingents.map((c) => [c.id, c.shards.map((s) => s.path), c.changed.length])).toEqual([
      ['abc', ['articles/abc/2026-10.jsonl.gz', 'articles/abc/2026-11.jsonl.gz'], 2],
      ['xyz', ['articles/xyz/2026-11.jsonl.gz'], 1],
    ]);
    expect(plan.raters).toEqual([
      { id: 'alice', url: 'https://alice.example/ratings.json', shard: manifest.shards[3], changed: true },
      { id: 'bob', url: 'https://bob.example/r.csv', shard: manifest.shards[4], changed: true },
      // Upstream has no good copy of carol's file yet: shared, nothing to download.
      { id: 'carol', url: 'https://carol.example/r.json', changed: false },
    ]);
    expect(plan.sources?.path).toBe('sources.jsonl.gz');
    expect(plan.notShared).toEqual([]);
  });

  it('downloads only the shards whose digest changed since the last import from the same upstream', () => {
    const previous = { url: URL_, shards: { 'articles/abc/2026-10.jsonl.gz': sha('1'), 'articles/abc/2026-11.jsonl.gz': sha('0'), 'ratings/alice.jsonl.gz': sha('4') } };
    const plan = planImport({ url: URL_, config: fork, manifest, previous });
    expect(plan.contingents.map((c) => [c.id, c.changed.map((s) => s.path)])).toEqual([
      ['abc', ['articles/abc/2026-11.jsonl.gz']],
      ['xyz', ['articles/xyz/2026-11.jsonl.gz']],
    ]);
    expect(plan.raters.map((r) => [r.id, r.changed])).toEqual([['alice', false], ['bob', true], ['carol', false]]);
    // Records of another upstream count for nothing.
    const moved = planImport({ url: 'https://elsewhere.example/', config: fork, manifest, previous });
    expect(moved.contingents.map((c) => c.changed.length)).toEqual([2, 1]);
  });

  it.each([
    ['a contingent with other feeds', { contingents: [contingent('abc', ['https://abc.example/other.xml'])] }, 'contingent', 'abc', `upstream's "abc" has other feeds (https://abc.example/feed.xml); fetching it here`],
    ['a contingent with one feed more', { contingents: [contingent('abc', ['https://abc.example/feed.xml', 'https://abc.example/more.xml'])] }, 'contingent', 'abc', `upstream's "abc" has other feeds`],
    ['upstream’s feeds under another id', { contingents: [contingent('abc-news', ['https://abc.example/feed.xml'])] }, 'contingent', 'abc-news', 'upstream carries these feeds as "abc"; rename it "abc" in contingents.yaml to share its articles, or keep fetching it here'],
    ['a rater reading another file', { raters: [rater('alice', 'https://alice.example/other.json')] }, 'rater', 'alice', `upstream's "alice" reads another rating file (https://alice.example/ratings.json); fetching it here`],
    ['a rater read as another format', { raters: [rater('bob', 'https://bob.example/r.csv')] }, 'rater', 'bob', 'upstream reads its file as csv, raters.yaml says auto; fetching it here'],
    ['a rater checked with another key', { raters: [rater('carol', 'https://carol.example/r.json', { key: `ed25519:${'B'.repeat(43)}=` })] }, 'rater', 'carol', 'upstream checks its signature with another key; fetching it here'],
    ['a rater using a scale this fork lacks', { raters: [rater('bob', 'https://bob.example/r.csv', { format: 'csv' })], scales: [scales[0]!] }, 'rater', 'bob', 'its ratings use the scale "spam", which scales.yaml does not have; fetching it here'],
    ['a rater using a scale with another range here', { raters: [rater('alice', 'https://alice.example/ratings.json')], scales: [{ ...scales[0]!, max: 10 }] }, 'rater', 'alice', 'its ratings use the scale "newsworthy", which scales.yaml gives another range; fetching it here'],
  ] as [string, Partial<typeof fork>, 'contingent' | 'rater', string, string][])('does not share %s, and says why', (_name, change, kind, id, reason) => {
    const plan = planImport({ url: URL_, config: { contingents: [], raters: [], scales, ...change }, manifest });
    expect(plan.contingents).toEqual([]);
    expect(plan.raters).toEqual([]);
    expect(plan.notShared).toHaveLength(1);
    expect(plan.notShared[0]).toMatchObject({ kind, id });
    expect(plan.notShared[0]!.reason).toContain(reason);
    // Nothing shared: upstream's sources state is not needed either.
    expect(plan.sources).toBeUndefined();
  });

  it('a contingent or rater upstream does not have is the fork’s own, without a note; --only limits the plan', () => {
    expect(planImport({ url: URL_, config: { contingents: [contingent('mine', ['https://mine.example/feed'])], raters: [], scales }, manifest }).notShared).toEqual([]);
    const only = planImport({ url: URL_, config: fork, manifest, only: 'xyz' });
    expect(only.contingents.map((c) => c.id)).toEqual(['xyz']);
    expect(only.raters).toEqual([]);
  });
});

describe('readShard', () => {
  const article = (over: Record<string, unknown> = {}) => ({
    id: 'abc-0123456789ab', contingent: 'abc', title: 'T', url: 'https://abc.example/1', authors: [], published: '2026-11-02T10:00:00Z', firstSeen: '2026-11-02T10:00:00Z',
    summary: '', html: '<p>x</p>', tags: [], license: 'CC0-1.0', media: [], hash: 'h', revisions: [], ...over,
  });
  const articles = shard('articles/abc/2026-11.jsonl.gz', '1');

  it('returns the records as parsed, key order and all, so writing them back gives the same file', () => {
    const line = JSON.stringify(article({ alsoIn: ['xyz-0123456789ab'] }));
    const read = readShard(articles, [line]);
    expect(read.kind).toBe('articles');
    expect(JSON.stringify(read.kind === 'articles' && read.articles[0])).toBe(line);
  });

  it.each([
    ['a count other than the manifest’s', [article(), article({ id: 'abc-0123456789ac' })], 'articles/abc/2026-11.jsonl.gz: 2 records, the manifest says 1'],
    ['another contingent’s article', [article({ id: 'xyz-0123456789ab', contingent: 'xyz' })], 'line 1: article xyz-0123456789ab of "xyz" in the shard of "abc"'],
    ['an article of another month', [article({ firstSeen: '2026-10-31T10:00:00Z' })], 'line 1: article abc-0123456789ab first seen 2026-10-31T10:00:00Z, outside 2026-11'],
    ['a record that is not an article', [{ ...article(), html: 5 }], 'line 1: html: '],
    ['a field the format does not know', [{ ...article(), script: 'alert(1)' }], 'line 1: '],
  ])('refuses %s', (_name, records, message) => {
    expect(() => readShard(articles, records.map((r) => JSON.stringify(r)))).toThrow(message);
  });

  it('refuses a line that is not JSON, and a rating file under another rater’s name', () => {
    expect(() => readShard(articles, ['{"id":'])).toThrow('line 1: not JSON');
    const file = { rater: 'bob', url: 'https://bob.example/r.csv', sha256: 'x', ratings: [], challenges: [] };
    expect(() => readShard(shard('ratings/alice.jsonl.gz', '2'), [JSON.stringify(file)])).toThrow('the rating file of "bob" in the shard of "alice"');
  });
});
