// Each edition's search index for this build, built once and named by content hash, so the search
// page, the edition pages and the index files route all agree on the names.
import { createHash } from 'node:crypto';
import { buildEditionIndex, type EditionIndex } from '../lib/search/editionIndex.ts';
import { searchDocuments } from '../lib/search/searchDocuments.ts';
import { loadSite } from './site.ts';

export interface EditionSearch extends Omit<EditionIndex, 'shards'> {
  /** The index files, first shard first: a name such as `index.3f9a1c2b7d.json`, and its text. */
  files: { name: string; text: string }[];
}

const cache = new Map<string, Promise<EditionSearch>>();

/** The search index of one edition of the build: the same listing as its pages. */
export function loadEditionSearch(editionId: string): Promise<EditionSearch> {
  let search = cache.get(editionId);
  if (!search) {
    search = (async () => {
      const model = await loadSite();
      // As the edition's pages list it: a republished joint statement once.
      const listed = { edition: editionId, entries: model.listing(editionId).map((l) => l.entry) };
      const { shards, ...rest } = buildEditionIndex(searchDocuments(listed, (id) => model.contingent(id)?.name));
      // The hash in the name lets browsers cache each file forever: new content, new name.
      return { ...rest, files: shards.map((text) => ({ name: `index.${createHash('sha256').update(text).digest('hex').slice(0, 10)}.json`, text })) };
    })();
    cache.set(editionId, search);
  }
  return search;
}
