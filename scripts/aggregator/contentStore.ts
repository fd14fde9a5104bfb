import { readdirSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Article, SourceState, StoredRatings } from '../../src/lib/config/schema.ts';
import { ContentFileError, readContentFile, type ContentFileKind } from '../../src/lib/check/contentFile.ts';
import { displayPath } from '../cli/loadConfig.ts';
import { DiscoveredFile, type DiscoveredRater } from '../../src/lib/config/schema.ts';
import { readTextSync, toJson, writeAtomic, writeAtomicSync } from './writeAtomic.ts';

/**
 * Reads and writes the common database under content/. Every write is atomic and skipped when unchanged.
 * A missing file reads as absent; a damaged one throws a ContentFileError naming it, and is never
 * overwritten: what it held may be all there is.
 */
export function createContentStore(contentDir: string) {
  const articlePath = (contingent: string, id: string) => join(contentDir, 'articles', contingent, `${id}.json`);
  const sourcesPath = join(contentDir, 'state', 'sources.json');
  const urlsPath = join(contentDir, 'state', 'urls.json');
  const discoveredPath = join(contentDir, 'state', 'discovered.json');

  return {
    contentDir,
    articlePath,

    async readArticle(contingent: string, id: string): Promise<Article | undefined> {
      const path = articlePath(contingent, id);
      return parseOrThrow(path, 'article', await readFile(path, 'utf8').catch(absent));
    },

    /** Synchronous twins of readArticle, writeArticle and listArticleIds, for the ingest worker threads. */
    sync: {
      readArticle(contingent: string, id: string): Article | undefined {
        const path = articlePath(contingent, id);
        return parseOrThrow(path, 'article', readTextSync(path));
      },
      writeArticle(article: Article, opts: { isNew?: boolean } = {}): boolean {
        return writeAtomicSync(articlePath(article.contingent, article.id), toJson(article), opts.isNew ? { current: null } : {});
      },
      /** Ids of a contingent's stored articles: one readdir instead of a failed open per new article. */
      listArticleIds(contingent: string): Set<string> {
        let files: string[] = [];
        try {
          files = readdirSync(join(contentDir, 'articles', contingent));
        } catch {}
        return new Set(files.filter((f) => f.endsWith('.json') && !f.startsWith('.')).map((f) => f.slice(0, -5)));
      },
    },

    /** `isNew` skips the read-back when the caller already knows there is no file. */
    writeArticle(article: Article, opts: { isNew?: boolean } = {}): Promise<boolean> {
      return writeAtomic(articlePath(article.contingent, article.id), toJson(article), opts.isNew ? { current: null } : {});
    },

    async listArticleFiles(): Promise<{ contingent: string; id: string }[]> {
      const root = join(contentDir, 'articles');
      const contingents = await readdir(root).catch(() => [] as string[]);
      const lists = await Promise.all(
        contingents.sort().map(async (contingent) =>
          (await readdir(join(root, contingent)).catch(() => [] as string[]))
            .filter((f) => f.endsWith('.json') && !f.startsWith('.'))
            .sort()
            .map((f) => ({ contingent, id: f.slice(0, -5) })),
        ),
      );
      return lists.flat();
    },

    /** The sources state; `{}` when there is none yet (a new network). */
    async readSources(): Promise<Record<string, SourceState>> {
      return parseOrThrow(sourcesPath, 'sources', await readFile(sourcesPath, 'utf8').catch(absent))?.sources ?? {};
    },

    writeSources(sources: Record<string, SourceState>): Promise<boolean> {
      const sorted = Object.fromEntries(Object.entries(sources).sort(([a], [b]) => a.localeCompare(b)));
      return writeAtomic(sourcesPath, toJson({ sources: sorted }));
    },

    /** Raters found through trust; an unreadable file reads as none, and the next run rebuilds it. */
    async readDiscovered(): Promise<DiscoveredRater[]> {
      const parsed = DiscoveredFile.safeParse(safeJson(await readFile(discoveredPath, 'utf8').catch(() => '')));
      return parsed.success ? parsed.data.raters : [];
    },

    writeDiscovered(raters: readonly DiscoveredRater[]): Promise<boolean> {
      const sorted = [...raters].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((r) => ({ ...r, vouchedBy: [...r.vouchedBy].sort() }));
      return writeAtomic(discoveredPath, toJson({ raters: sorted }));
    },

    /** Normalized URL → ids of the articles that carry it, across contingents. Derived; rebuilt when missing. */
    async readUrlIndex(): Promise<Record<string, string[]> | undefined> {
      const data = safeJson(await readFile(urlsPath, 'utf8').catch(() => ''));
      return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, string[]>) : undefined;
    },

    writeUrlIndex(index: Record<string, string[]>): Promise<boolean> {
      const sorted = Object.fromEntries(Object.entries(index).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, [...v].sort()]));
      return writeAtomic(urlsPath, toJson(sorted));
    },

    /** The last good copy of a rater's file: what the rollback guard compares a new file's `issued` with. */
    async readRatings(rater: string): Promise<StoredRatings | undefined> {
      const path = join(contentDir, 'ratings', `${rater}.json`);
      return parseOrThrow(path, 'ratings', await readFile(path, 'utf8').catch(absent));
    },

    writeRatings(stored: StoredRatings): Promise<boolean> {
      return writeAtomic(join(contentDir, 'ratings', `${stored.rater}.json`), toJson(stored));
    },

    /** Temp files left by a killed run are removed at the start of the next one. */
    async removeStaleTemps(): Promise<number> {
      const dirs = [join(contentDir, 'state'), join(contentDir, 'ratings'), ...(await readdir(join(contentDir, 'articles')).catch(() => [] as string[])).map((c) => join(contentDir, 'articles', c))];
      let removed = 0;
      for (const dir of dirs) {
        for (const f of await readdir(dir).catch(() => [] as string[])) {
          if (f.startsWith('.') && f.endsWith('.tmp')) {
            await rm(join(dir, f), { force: true });
            removed++;
          }
        }
      }
      return removed;
    },
  };
}
export type ContentStore = ReturnType<typeof createContentStore>;

// Only a missing file reads as absent; any other read error (permissions, I/O) stops the caller.
function absent(error: NodeJS.ErrnoException): undefined {
  if (error.code === 'ENOENT') return undefined;
  throw error;
}

function parseOrThrow<K extends ContentFileKind>(path: string, kind: K, text: string | undefined) {
  if (text === undefined) return undefined;
  const read = readContentFile(displayPath(path), kind, text);
  if (read.problem) throw new ContentFileError(read.problem);
  return read.data;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
