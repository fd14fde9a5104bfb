// The public export of the database, /data/ (widenet-db/1): written after every build from the
// files in content/, so a shard holds the stored JSON exactly and forks can import it byte for byte.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { SourcesFile, StoredRatings, type SourceState } from '../lib/config/schema.ts';
import { buildManifest, planShards, type ShardContent, type StoredArticle, type WrittenShard } from '../lib/commons/planExport.ts';
import { encodeShard, sha256Hex } from '../lib/commons/shardBytes.ts';
import type { DbManifest } from '../lib/commons/dbFormat.ts';
import { loadConfig } from '../../scripts/cli/loadConfig.ts';
import { readMode } from './mode.ts';

export interface ExportOptions {
  contentDir: string;
  /** Where /data/ goes: `<outDir>/manifest.json` and the shards beside it. */
  outDir: string;
  /** Compressed shards by content digest, reused by the next build; none to always compress. */
  cacheDir?: string;
  built: DbManifest['built'];
}

export interface ExportFigures {
  manifest: DbManifest;
  /** Shards compressed this time; the others came from the cache. */
  compressed: number;
}

/**
 * Writes the export of `contentDir` into `outDir`. Articles are read one contingent at a time, so
 * memory holds one contingent's text, not the whole database. A shard whose lines are the same as
 * in an earlier build is taken from the cache, unchanged to the byte.
 *
 * @example const { manifest } = await writeDataExport({ contentDir: 'content', outDir: 'dist/data', built: { at: now.toISOString() } });
 */
export async function writeDataExport(opts: ExportOptions): Promise<ExportFigures> {
  const config = await loadConfig(opts.contentDir);
  await rm(opts.outDir, { recursive: true, force: true });
  const written: WrittenShard[] = [];
  const used = new Set<string>();
  let compressed = 0;
  const write = async (content: ShardContent) => {
    const text = content.lines.map((l) => `${l}\n`).join('');
    const key = sha256Hex(text);
    used.add(key);
    const cached = opts.cacheDir ? await readFile(join(opts.cacheDir, `${key}.gz`)).catch(() => undefined) : undefined;
    const bytes = cached ?? encodeShard(content.lines);
    if (!cached) {
      compressed++;
      if (opts.cacheDir) await writeFileMkdir(join(opts.cacheDir, `${key}.gz`), bytes);
    }
    await writeFileMkdir(join(opts.outDir, content.path), bytes);
    const { lines, ...place } = content;
    written.push({ place, records: lines.length, bytes: bytes.length, sha256: sha256Hex(bytes) });
  };

  let revisions = 0;
  const articlesDir = join(opts.contentDir, 'articles');
  for (const contingent of (await listDir(articlesDir)).sort()) {
    const articles = readArticles(join(articlesDir, contingent));
    for (const a of articles) revisions += a.revisions?.length ?? 0;
    for (const shard of planShards({ articles, ratings: [], sources: {} })) await write(shard);
  }
  const ratings = await readRatings(join(opts.contentDir, 'ratings'));
  const sources = await readSources(join(opts.contentDir, 'state', 'sources.json'));
  for (const shard of planShards({ articles: [], ratings, sources })) await write(shard);
  if (opts.cacheDir) for (const name of await listDir(opts.cacheDir)) if (!used.has(name.replace(/\.gz$/, ''))) await rm(join(opts.cacheDir, name), { force: true });

  written.sort((a, b) => (a.place.path < b.place.path ? -1 : 1));
  const manifest = buildManifest({ site: config.site, contingents: config.contingents, raters: config.raters, scales: config.scales, ratings, sources: Object.keys(sources).length, revisions, shards: written, built: opts.built });
  await writeFileMkdir(join(opts.outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return { manifest, compressed };
}

/**
 * The Astro integration: after every build, /data/ beside the site, with the build's time (WIDENET_NOW
 * when set) and the commits it was built from.
 */
export function dataExport(options: { contentDir: string }): AstroIntegration {
  let cacheDir: string | undefined;
  return {
    name: 'widenet-data-export',
    hooks: {
      'astro:config:done': ({ config }) => {
        cacheDir = join(fileURLToPath(config.cacheDir), 'widenet-data');
      },
      'astro:build:done': async ({ dir, logger }) => {
        const start = performance.now();
        const built = { at: readMode().now.toISOString(), ...gitCommits(options.contentDir) };
        const { manifest, compressed } = await writeDataExport({ contentDir: options.contentDir, outDir: join(fileURLToPath(dir), 'data'), cacheDir, built });
        const { articles, shards, bytes } = manifest.counts;
        logger.info(`/data/: ${articles} articles in ${shards} shards, ${(bytes / 1e6).toFixed(1)} MB (${compressed} compressed, ${shards - compressed} unchanged) in ${Math.round(performance.now() - start)} ms`);
      },
    },
  };
}

/** The code's commit and the data branch's, when the folders are git work trees. */
function gitCommits(contentDir: string): { commit?: string; data?: string } {
  const rev = (cwd: string, ref: string) => {
    try {
      return execFileSync('git', ['rev-parse', '--verify', '--quiet', ref], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined;
    } catch {
      return undefined;
    }
  };
  const commit = rev(process.cwd(), 'HEAD^{commit}');
  const data = rev(contentDir, 'refs/heads/data^{commit}');
  return { ...(commit && { commit }), ...(data && { data }) };
}

/**
 * A contingent's stored articles as written (key order kept, so a line is the file's content). The
 * build has already read each one through the Article schema and refused a damaged one; synchronous
 * reads, since nothing else runs once the build is done, take a third of the time on a busy machine.
 */
function readArticles(dir: string): StoredArticle[] {
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json') && !n.startsWith('.'));
  } catch {}
  return names.sort().map((n) => JSON.parse(readFileSync(join(dir, n), 'utf8')) as StoredArticle);
}

async function readRatings(dir: string): Promise<StoredRatings[]> {
  const names = (await listDir(dir)).filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort();
  return Promise.all(names.map((n) => readStored<StoredRatings>(join(dir, n), StoredRatings)));
}

async function readSources(path: string): Promise<Record<string, SourceState>> {
  const text = await readFile(path, 'utf8').catch(() => undefined);
  return text === undefined ? {} : (await readStored<SourcesFile>(path, SourcesFile, text)).sources;
}

/**
 * A stored file's JSON as written (key order kept, so its line is the file's content), after
 * checking it against its schema; the build itself has already refused a damaged file.
 */
async function readStored<T>(path: string, schema: { safeParse(v: unknown): { success: boolean } }, text?: string): Promise<T> {
  const data = JSON.parse(text ?? (await readFile(path, 'utf8'))) as unknown;
  if (!schema.safeParse(data).success) throw new Error(`[data] ${path}: does not match its schema; run \`npm run check\` to see why`);
  return data as T;
}

async function writeFileMkdir(path: string, data: Uint8Array | string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, data);
}

async function listDir(dir: string): Promise<string[]> {
  return readdir(dir).catch(() => []);
}
