// Fetching upstream's export: its manifest, and shards checked against the manifest's SHA-256.
import { DbManifest, type Shard } from '../../src/lib/commons/dbFormat.ts';
import { readShard, type ShardRecords } from '../../src/lib/commons/readShard.ts';
import { decodeShard, sha256Hex } from '../../src/lib/commons/shardBytes.ts';
import { FeedFetchError } from './fetchErrors.ts';
import { fetchSource, type FetchOptions } from './fetchSource.ts';

/** A manifest is small (a few hundred bytes per shard); anything this big is not one. */
const MANIFEST_MAX_BYTES = 64 * 1024 * 1024;
/** A shard may not decompress to more than this: a month of one contingent, or one rating file. */
const SHARD_MAX_TEXT = 1024 * 1024 * 1024;
/** Shards are bigger than feeds: give each one at least two minutes. */
const SHARD_MIN_TIMEOUT_MS = 120_000;

/** Upstream's export could not be read, or does not match its manifest: what, where and why. */
export class UpstreamError extends Error {
  override name = 'UpstreamError';
  readonly url: string;
  constructor(url: string, message: string, options?: ErrorOptions) {
    super(`${url}: ${message}`, options);
    this.url = url;
  }
}

/**
 * Fetches and checks `<dataUrl>manifest.json` (format widenet-db/1).
 *
 * @example const manifest = await fetchManifest(new URL('https://wide-net.github.io/data/'), fetchOptions);
 */
export async function fetchManifest(dataUrl: URL, opts: FetchOptions): Promise<DbManifest> {
  const url = new URL('manifest.json', dataUrl).href;
  const body = await fetchBody(url, { ...opts, maxBytes: MANIFEST_MAX_BYTES });
  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(body).toString('utf8'));
  } catch {
    throw new UpstreamError(url, 'not JSON: is `upstream.url` in site.yaml the address of a Wide Net site?');
  }
  const parsed = DbManifest.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UpstreamError(url, `not a widenet-db/1 manifest (${issue.path.map(String).join('.') || '(root)'}: ${issue.message})`);
  }
  return parsed.data;
}

/**
 * Fetches one shard, refuses it unless its size and SHA-256 are the manifest's, then reads and
 * checks every record in it.
 *
 * @example const { articles } = (await fetchShard(dataUrl, shard, fetchOptions)) as { kind: 'articles'; articles: Article[] };
 */
export async function fetchShard(dataUrl: URL, shard: Shard, opts: FetchOptions): Promise<ShardRecords> {
  // The path was checked against the one the format derives from the shard's kind and owner.
  const url = new URL(shard.path, dataUrl).href;
  const body = await fetchBody(url, { ...opts, maxBytes: shard.bytes, timeoutMs: Math.max(opts.timeoutMs, SHARD_MIN_TIMEOUT_MS) }).catch((error: unknown) => {
    // More bytes than the manifest lists: refused before they are read.
    if (error instanceof UpstreamError && error.cause instanceof FeedFetchError && error.cause.code === 'too-big') {
      throw new UpstreamError(url, `does not match upstream's manifest (more than the ${shard.bytes} bytes it says): refused`);
    }
    throw error;
  });
  const sha256 = sha256Hex(body);
  if (body.length !== shard.bytes || sha256 !== shard.sha256) {
    throw new UpstreamError(url, `does not match upstream's manifest (SHA-256 ${sha256.slice(0, 12)}…, ${body.length} bytes; the manifest says ${shard.sha256.slice(0, 12)}…, ${shard.bytes} bytes): refused`);
  }
  try {
    return readShard(shard, decodeShard(body, SHARD_MAX_TEXT));
  } catch (error) {
    throw new UpstreamError(url, `unreadable: ${(error as Error).message}`, { cause: error });
  }
}

async function fetchBody(url: string, opts: FetchOptions): Promise<Uint8Array> {
  try {
    const result = await fetchSource({ url }, opts);
    if (result.kind === 'ok') return result.body;
    throw new UpstreamError(url, result.kind === 'gone' ? '410 Gone' : `${result.status}: asked to retry later`);
  } catch (error) {
    if (error instanceof UpstreamError) throw error;
    throw new UpstreamError(url, (error as Error).message, { cause: error });
  }
}
