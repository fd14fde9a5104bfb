import { readdirSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Article, SourcesFile, StoredRatings, type SourceState } from '../../src/lib/config/schema.ts';
import { readTextSync, toJson, writeAtomic, writeAtomicSync } from './writeAtomic.ts';

/** Reads and writes the common database under content/. Every write is atomic and skipped when unchanged. */
export function createContentStore(contentDir: string) {
  const articlePath = (contingent: string, id: string) => join(contentDir, 'articles', contingent, `${id}.json`);
  const sourcesPath = join(contentDir, 'state', 'sources.json');
  const urlsPath = join(contentDir, 'state', 'urls.json');

  return {
    contentDir,
    articlePath,

    async readArticle(contingent: string, id: string): Promise<Article | undefined> {
      const text = await readFile(articlePath(contingent, id), 'utf8').catch(() => undefined);
      if (text === undefined) return undefined;
      // A file damaged by hand is re-created from the feed rather than stopping the run.
      const parsed = Article.safeParse(safeJson(text));
      return parsed.success ? parsed.data : undefined;
    },

    /** Synchronous twins of readArticle, writeArticle and listArticleIds, for the ingest worker threads. */
    sync: {
      readArticle(contingent: string, id: string): Article | undefined {
        const parsed = Article.safeParse(safeJson(readTextSync(articlePath(contingent, id)) ?? ''));
        return parsed.success ? parsed.data : undefined;
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

    async readSources(): Promise<Record<string, SourceState>> {
      const parsed = SourcesFile.safeParse(safeJson(await readFile(sourcesPath, 'utf8').catch(() => '')));
      return parsed.success ? parsed.data.sources : {};
    },

    writeSources(sources: Record<string, SourceState>): Promise<boolean> {
      const sorted = Object.fromEntries(Object.entries(sources).sort(([a], [b]) => a.localeCompare(b)));
      return writeAtomic(sourcesPath, toJson({ sources: sorted }));
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

    async readRatings(rater: string): Promise<StoredRatings | undefined> {
      const parsed = StoredRatings.safeParse(safeJson(await readFile(join(contentDir, 'ratings', `${rater}.json`), 'utf8').catch(() => '')));
      return parsed.success ? parsed.data : undefined;
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

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
