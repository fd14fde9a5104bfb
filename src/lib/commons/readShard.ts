// Reads the lines of an imported shard: each must be a valid record that belongs in that shard.
import { Article, SourceState, StoredRatings } from '../config/schema.ts';
import { monthOf, type Shard } from './dbFormat.ts';

/** A shard whose content does not match the format or its manifest entry. */
export class ShardError extends Error {
  override name = 'ShardError';
  readonly path: string;
  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.path = path;
  }
}

/** What a shard holds: records as they were parsed from JSON (key order kept), checked against the schemas. */
export type ShardRecords =
  | { kind: 'articles'; articles: Article[] }
  | { kind: 'ratings'; ratings: StoredRatings[] }
  | { kind: 'sources'; sources: Record<string, SourceState> };

/**
 * Parses and checks a shard's lines against its manifest entry: the record count, each record's
 * schema, and that every article belongs to the shard's contingent and month, and every rating file
 * to its rater. The records returned are the parsed JSON itself, so writing them back with the
 * store's formatting gives the publisher's files byte for byte.
 *
 * @example readShard(shard, lines).kind // 'articles'
 */
export function readShard(shard: Shard, lines: string[]): ShardRecords {
  const fail = (line: number | undefined, message: string): never => {
    throw new ShardError(shard.path, `${line === undefined ? '' : `line ${line}: `}${message}`);
  };
  if (lines.length !== shard.records) fail(undefined, `${lines.length} records, the manifest says ${shard.records}`);
  const records = lines.map((text, i) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return fail(i + 1, 'not JSON');
    }
  });
  const check = <T>(schema: { safeParse(v: unknown): { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } }, value: unknown, line: number): T => {
    const result = schema.safeParse(value);
    if (!result.success) {
      const issue = result.error!.issues[0]!;
      fail(line, `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);
    }
    return value as T;
  };
  switch (shard.kind) {
    case 'articles': {
      const articles = records.map((r, i) => {
        const a = check<Article>(Article, r, i + 1);
        if (a.contingent !== shard.contingent || !a.id.startsWith(`${shard.contingent}-`)) fail(i + 1, `article ${a.id} of "${a.contingent}" in the shard of "${shard.contingent}"`);
        if (monthOf(a.firstSeen) !== shard.month) fail(i + 1, `article ${a.id} first seen ${a.firstSeen}, outside ${shard.month}`);
        return a;
      });
      return { kind: 'articles', articles };
    }
    case 'ratings': {
      const ratings = records.map((r, i) => {
        const file = check<StoredRatings>(StoredRatings, r, i + 1);
        if (file.rater !== shard.rater) fail(i + 1, `the rating file of "${file.rater}" in the shard of "${shard.rater}"`);
        return file;
      });
      return { kind: 'ratings', ratings };
    }
    case 'sources': {
      const sources: Record<string, SourceState> = {};
      records.forEach((r, i) => {
        const state = check<SourceState>(SourceState, r, i + 1);
        sources[state.url] = state;
      });
      return { kind: 'sources', sources };
    }
  }
}
