// Every file the aggregator wrote under content/, read back with its schema: what `check` and the
// build report before anything else runs, and what the build then renders from.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConfigProblem } from '../../src/lib/check/configError.ts';
import { readContentFile, type ContentFileKind } from '../../src/lib/check/contentFile.ts';
import type { Article, SourcesFile, StoredRatings } from '../../src/lib/config/schema.ts';
import { displayPath } from './loadConfig.ts';

/** The aggregator's files, parsed: articles in path order (contingent, then file name), rating files by name. */
export interface ContentFiles {
  articles: Article[];
  ratings: StoredRatings[];
  sources: SourcesFile;
  problems: ConfigProblem[];
}

/**
 * Reads and validates content/articles/<contingent>/*.json, content/ratings/*.json and
 * content/state/sources.json once: the parsed data, and the files that are not JSON or do not
 * match their schema (a missing sources.json reads as no sources).
 *
 * @example const { articles, problems } = await readContentFiles('content'); problems.length // 0
 */
export async function readContentFiles(contentDir: string): Promise<ContentFiles> {
  const files: { path: string; kind: ContentFileKind }[] = [];
  const list = async (dir: string) => (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort();
  const articlesDir = join(contentDir, 'articles');
  for (const contingent of (await readdir(articlesDir, { withFileTypes: true }).catch(() => [])).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    for (const name of await list(join(articlesDir, contingent))) files.push({ path: join(articlesDir, contingent, name), kind: 'article' });
  }
  for (const name of await list(join(contentDir, 'ratings'))) files.push({ path: join(contentDir, 'ratings', name), kind: 'ratings' });
  files.push({ path: join(contentDir, 'state', 'sources.json'), kind: 'sources' });

  const result: ContentFiles = { articles: [], ratings: [], sources: { sources: {} }, problems: [] };
  // Bounded batches: tens of thousands of files at once would exhaust file handles.
  for (let i = 0; i < files.length; i += 256) {
    const batch = await Promise.all(
      files.slice(i, i + 256).map(async ({ path, kind }) => {
        const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
          if (error.code === 'ENOENT') return undefined;
          return { error };
        });
        if (text === undefined) return undefined;
        if (typeof text !== 'string') return { kind, problem: { scope: 'content' as const, file: displayPath(path), message: `cannot be read (${text.error.code ?? text.error.message}). Check its permissions.` } };
        return { kind, ...readContentFile(displayPath(path), kind, text) };
      }),
    );
    for (const read of batch) {
      if (!read) continue;
      if (read.problem) result.problems.push(read.problem);
      else if (read.kind === 'article') result.articles.push(read.data as Article);
      else if (read.kind === 'ratings') result.ratings.push(read.data as StoredRatings);
      else result.sources = read.data as SourcesFile;
    }
  }
  return result;
}

/**
 * Problems of content/articles/<contingent>/*.json, content/ratings/*.json and
 * content/state/sources.json: files that are not JSON or do not match their schema.
 *
 * @example (await contentProblems('content')).map(formatProblem)
 * // ['[content] content/articles/abc/abc-1.json:12: not valid JSON: Unexpected end of JSON input. It was probably cut short …']
 */
export async function contentProblems(contentDir: string): Promise<ConfigProblem[]> {
  return (await readContentFiles(contentDir)).problems;
}
