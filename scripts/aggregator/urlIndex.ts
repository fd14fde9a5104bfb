// The URL index (content/state/urls.json): normalized URL → ids of the articles that carry it.
import { normalizeUrl } from '../../src/lib/urls/normalizeUrl.ts';
import type { Article } from '../../src/lib/config/schema.ts';
import { ContentFileError } from '../../src/lib/check/contentFile.ts';
import type { ContentStore } from './contentStore.ts';

export interface UrlIndex {
  index: Record<string, string[]>;
  /** The index was missing or damaged and was rebuilt from the stored articles. */
  rebuilt: boolean;
}

/**
 * The URL index as it stood before this run. It is derived data: when it is missing or damaged it
 * is rebuilt from the stored articles, before new ones arrive.
 */
export async function loadUrlIndex(store: ContentStore, damaged: string[]): Promise<UrlIndex> {
  const index = await store.readUrlIndex();
  if (index) return { index, rebuilt: false };
  const rebuilt: Record<string, string[]> = {};
  for (const { contingent, id } of await store.listArticleFiles()) {
    const article = await readOrNote(store, contingent, id, damaged);
    if (article?.url) (rebuilt[normalizeUrl(article.url)] ??= []).push(article.id);
  }
  return { index: rebuilt, rebuilt: true };
}

/**
 * Adds this run's new articles to the index and writes it. When two contingents carry the same URL,
 * both copies are kept and each records the other in `alsoIn`.
 */
export async function updateCopies(store: ContentStore, { index, rebuilt }: UrlIndex, newUrls: Map<string, string>, write: (p: Promise<boolean>) => Promise<void>, damaged: string[]): Promise<void> {
  for (const [id, url] of newUrls) if (!(index[url] ??= []).includes(id)) index[url].push(id);
  const check = rebuilt ? Object.keys(index) : new Set(newUrls.values());
  for (const url of check) {
    const ids = index[url] ?? [];
    if (ids.length < 2) continue;
    for (const id of ids) {
      const article = await readOrNote(store, contingentOf(id), id, damaged);
      if (!article) continue;
      const others = ids.filter((o) => contingentOf(o) !== article.contingent).sort();
      if (others.length === 0 || JSON.stringify(article.alsoIn ?? []) === JSON.stringify(others)) continue;
      await write(store.writeArticle({ ...article, alsoIn: others }));
    }
  }
  await write(store.writeUrlIndex(index));
}

/**
 * Whether the database has the article a stored rating names (a normalized URL, or an id): the
 * index as the run began, plus the run's new articles so far.
 *
 * @example knownArticles(urlIndex, ctx.newUrls)('https://abc.example/a1') // true once abc's feed carried it
 */
export function knownArticles({ index }: UrlIndex, newUrls: ReadonlyMap<string, string>): (ref: string) => boolean {
  let ids: Set<string> | undefined;
  let fresh = new Set<string>();
  let freshSize = -1;
  return (ref) => {
    if (index[ref]?.length) return true;
    // New articles arrive while rating files are read; look again when there are more.
    if (freshSize !== newUrls.size) {
      fresh = new Set([...newUrls.keys(), ...newUrls.values()]);
      freshSize = newUrls.size;
    }
    if (fresh.has(ref)) return true;
    ids ??= new Set(Object.values(index).flat());
    return ids.has(ref);
  };
}

/**
 * The contingent of an article id ("<contingent>-<12 hex digits>").
 *
 * @example contingentOf('abc-news-0123456789ab') // 'abc-news'
 */
export function contingentOf(id: string): string {
  return id.slice(0, -13);
}

// A damaged article is noted and left alone; the index simply lacks it until it is repaired.
async function readOrNote(store: ContentStore, contingent: string, id: string, damaged: string[]): Promise<Article | undefined> {
  try {
    return await store.readArticle(contingent, id);
  } catch (error) {
    if (!(error instanceof ContentFileError)) throw error;
    if (!damaged.includes(error.message)) damaged.push(error.message);
    return undefined;
  }
}
