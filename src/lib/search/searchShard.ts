// One file of an edition's search index: a MiniSearch index over a run of the edition's articles,
// packed small, and the few display fields its results need, in columns.
import MiniSearch, { type AsPlainObject } from 'minisearch';
import { INDEX_OPTIONS, type IndexedArticle } from './searchConfig.ts';
import type { SearchDocument } from './searchDocuments.ts';

export const SHARD_FORMAT = 'widenet-search/1';

const DAY = 86_400_000;

/** MiniSearch's serialized index, with its postings delta-coded in arrays rather than keyed objects. */
export interface PackedIndex {
  fieldIds: Record<string, number>;
  averageFieldLength: number[];
  /** Unique words per field, per article: `fieldLength[field][n]`. */
  fieldLength: number[][];
  terms: string[];
  /**
   * For each term, one list per field it occurs in: the field id, then each article's distance
   * from the previous one, followed by `-tf` when the term occurs more than once.
   */
  postings: number[][][];
}

/** A shard as served: article `n` of the shard is `ids[n]`, `titles[n]` and so on. */
export interface PackedShard {
  format: typeof SHARD_FORMAT;
  /** The edition position (0-based) of the shard's first article. */
  start: number;
  ids: string[];
  titles: string[];
  /** '' where the summary only repeats the title. */
  snippets: string[];
  /** First publication, in whole days since 1970-01-01 UTC. */
  days: number[];
  /** Index into `contingents`. */
  contingent: number[];
  /** Indexes into `tagNames`. */
  tags: number[][];
  /** `[id, name]` of each contingent the shard's articles come from. */
  contingents: [string, string][];
  tagNames: string[];
  index: PackedIndex;
}

/**
 * Indexes a run of an edition's documents (positions `start`…) and packs it with its display columns.
 *
 * @example createShard(searchDocuments(result, name).slice(0, 1000), 0).ids.length // 1000
 */
export function createShard(docs: readonly SearchDocument[], start: number): PackedShard {
  const search = new MiniSearch<IndexedArticle>(INDEX_OPTIONS);
  search.addAll(
    docs.map((d, n) => ({ n, title: d.title, summary: d.summary, tags: d.tags.join(' '), contingent: d.contingent.name, authors: d.authors.join(' ') })),
  );
  const contingents = new Map<string, number>();
  const tagNames = new Map<string, number>();
  const indexOf = (map: Map<string, number>, key: string) => {
    let i = map.get(key);
    if (i === undefined) map.set(key, (i = map.size));
    return i;
  };
  const names = new Map(docs.map((d) => [d.contingent.id, d.contingent.name]));
  return {
    format: SHARD_FORMAT,
    start,
    ids: docs.map((d) => d.id),
    titles: docs.map((d) => d.title),
    snippets: docs.map((d) => d.snippet),
    days: docs.map((d) => Math.floor(Date.parse(d.published) / DAY)),
    contingent: docs.map((d) => indexOf(contingents, d.contingent.id)),
    tags: docs.map((d) => [...new Set(d.tags)].map((t) => indexOf(tagNames, t))),
    contingents: [...contingents.keys()].map((id) => [id, names.get(id) ?? id]),
    tagNames: [...tagNames.keys()],
    index: packIndex(search.toJSON()),
  };
}

/**
 * Packs MiniSearch's serialized form of an index built with `addAll` alone (no removals): ids
 * 0…n-1, nothing stored. Throws on anything else, which `unpackIndex` could not restore.
 *
 * @example unpackIndex(packIndex(search.toJSON())) // deep-equals search.toJSON()
 */
export function packIndex(plain: AsPlainObject): PackedIndex {
  const count = plain.documentCount;
  if (plain.nextId !== count || plain.dirtCount !== 0 || Object.keys(plain.storedFields).length > 0 || Object.entries(plain.documentIds).some(([short, id]) => Number(short) !== id))
    throw new Error('[search] packIndex: the index must hold documents 0…n-1 added once, with no stored fields');
  const fields = Object.keys(plain.fieldIds).length;
  const fieldLength = Array.from({ length: fields }, (_, f) => Array.from({ length: count }, (_, n) => plain.fieldLength[n]?.[f] ?? 0));
  const terms: string[] = [];
  const postings: number[][][] = [];
  for (const [term, byField] of plain.index) {
    terms.push(term);
    postings.push(
      Object.entries(byField).map(([fieldId, docs]) => {
        const list = [Number(fieldId)];
        let previous = 0;
        for (const [n, tf] of Object.entries(docs).map(([n, tf]) => [Number(n), tf] as const).sort((a, b) => a[0] - b[0])) {
          list.push(n - previous);
          if (tf !== 1) list.push(-tf);
          previous = n;
        }
        return list;
      }),
    );
  }
  return { fieldIds: plain.fieldIds, averageFieldLength: plain.averageFieldLength, fieldLength, terms, postings };
}

/**
 * Restores MiniSearch's serialized form from a packed index of `count` documents, for `MiniSearch.loadJS`.
 *
 * @example MiniSearch.loadJS(unpackIndex(shard.index, shard.ids.length), INDEX_OPTIONS)
 */
export function unpackIndex(packed: PackedIndex, count: number): AsPlainObject {
  const documentIds: Record<string, number> = {};
  const fieldLength: Record<string, number[]> = {};
  for (let n = 0; n < count; n++) {
    documentIds[n] = n;
    fieldLength[n] = packed.fieldLength.map((lengths) => lengths[n] ?? 0);
  }
  const index: AsPlainObject['index'] = packed.terms.map((term, i) => {
    const byField: Record<string, Record<string, number>> = {};
    for (const list of packed.postings[i] ?? []) {
      const docs: Record<string, number> = {};
      let n = 0;
      for (let j = 1; j < list.length; j++) {
        n += list[j]!;
        const next = list[j + 1];
        if (next !== undefined && next < 0) {
          docs[n] = -next;
          j++;
        } else docs[n] = 1;
      }
      byField[list[0]!] = docs;
    }
    return [term, byField];
  });
  return {
    documentCount: count,
    nextId: count,
    documentIds,
    fieldIds: packed.fieldIds,
    fieldLength,
    averageFieldLength: packed.averageFieldLength,
    storedFields: {},
    dirtCount: 0,
    index,
    serializationVersion: 2,
  };
}
