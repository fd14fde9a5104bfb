// A second search page in a built site whose index is cut another way: lets the browser tests and
// the search bench try shard plans on one build, without rebuilding the site.
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildEditionIndex } from '../../src/lib/search/editionIndex.ts';
import type { SearchDocument } from '../../src/lib/search/searchDocuments.ts';
import type { ShardOptions } from '../../src/lib/search/shardPlan.ts';

export interface SearchVariant {
  /** The variant page's path inside the site, such as `commons/search-small/`. */
  path: string;
  /** The index files' names, in the variant's `searchDir`, first shard first. */
  names: string[];
  /** Each index file's size in bytes, first shard first. */
  bytes: number[];
}

/**
 * Copies the search page at `searchDir` (relative to `outDir`, such as `commons/search/`) to
 * `<searchDir minus "/">-<name>/`, with its `data-index` pointing at `docs` indexed with `options`.
 *
 * @example await writeSearchVariant(site.outDir, 'commons/search/', '/commons/search/', docs, 'small', { threshold: 5, first: 5, size: 10 })
 */
export async function writeSearchVariant(
  outDir: string,
  searchDir: string,
  searchHref: string,
  docs: readonly SearchDocument[],
  name: string,
  options: ShardOptions,
): Promise<SearchVariant> {
  const { shards } = buildEditionIndex(docs, options);
  const files = shards.map((text) => ({ file: `${name}.${createHash('sha256').update(text).digest('hex').slice(0, 10)}.json`, text }));
  for (const f of files) await writeFile(join(outDir, searchDir, f.file), f.text);
  const html = await readFile(join(outDir, searchDir, 'index.html'), 'utf8');
  const index = files.map((f) => `${searchHref}${f.file}`).join(' ');
  const builtFirst = / data-index="([^" ]+)/.exec(html)?.[1];
  if (!builtFirst) throw new Error(`[searchVariant] ${searchDir}index.html has no data-index attribute`);
  // The page preloads its first index file: point that at the variant's first file too.
  const replaced = html.replace(/ data-index="[^"]*"/, ` data-index="${index}"`).replaceAll(`"${builtFirst}"`, `"${searchHref}${files[0]!.file}"`);
  const path = `${searchDir.replace(/\/$/, '')}-${name}/`;
  await mkdir(join(outDir, path), { recursive: true });
  await writeFile(join(outDir, path, 'index.html'), replaced);
  return { path, names: files.map((f) => f.file), bytes: files.map((f) => Buffer.byteLength(f.text)) };
}
