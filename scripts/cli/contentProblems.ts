// Every file the aggregator wrote under content/, read back with its schema: what `check` and the
// build report before anything else runs.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConfigProblem } from '../../src/lib/check/configError.ts';
import { readContentFile, type ContentFileKind } from '../../src/lib/check/contentFile.ts';
import { displayPath } from './loadConfig.ts';

/**
 * Problems of content/articles/<contingent>/*.json, content/ratings/*.json and
 * content/state/sources.json: files that are not JSON or do not match their schema.
 *
 * @example (await contentProblems('content')).map(formatProblem)
 * // ['[content] content/articles/abc/abc-1.json:12: not valid JSON: Unexpected end of JSON input. It was probably cut short …']
 */
export async function contentProblems(contentDir: string): Promise<ConfigProblem[]> {
  const files: { path: string; kind: ContentFileKind }[] = [];
  const list = async (dir: string) => (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort();
  const articles = join(contentDir, 'articles');
  for (const contingent of (await readdir(articles, { withFileTypes: true }).catch(() => [])).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    for (const name of await list(join(articles, contingent))) files.push({ path: join(articles, contingent, name), kind: 'article' });
  }
  for (const name of await list(join(contentDir, 'ratings'))) files.push({ path: join(contentDir, 'ratings', name), kind: 'ratings' });
  files.push({ path: join(contentDir, 'state', 'sources.json'), kind: 'sources' });

  const problems: ConfigProblem[] = [];
  // Bounded batches: tens of thousands of files at once would exhaust file handles.
  for (let i = 0; i < files.length; i += 256) {
    const batch = await Promise.all(
      files.slice(i, i + 256).map(async ({ path, kind }) => {
        const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
          if (error.code === 'ENOENT') return undefined;
          return { error };
        });
        if (text === undefined) return undefined;
        if (typeof text !== 'string') return { scope: 'content' as const, file: displayPath(path), message: `cannot be read (${text.error.code ?? text.error.message}). Check its permissions.` };
        return readContentFile(displayPath(path), kind, text).problem;
      }),
    );
    for (const p of batch) if (p) problems.push(p);
  }
  return problems;
}
