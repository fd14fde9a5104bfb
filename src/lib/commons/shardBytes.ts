// A shard's bytes: JSON Lines, gzip with a fixed header, so the same lines make the same file.
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';

/** The gzip header's OS byte: 255, "unknown", whatever system wrote it (RFC 1952, 2.3.1). */
const OS_UNKNOWN = 255;

/**
 * Compresses lines into a shard: one line per record, each ended by "\n", gzip level 6 with mtime 0
 * and OS 255, so unchanged data gives byte-identical files (same digest, nothing to re-download).
 *
 * @example sha256Hex(encodeShard(['{"a":1}'])) === sha256Hex(encodeShard(['{"a":1}'])) // true
 */
export function encodeShard(lines: readonly string[]): Uint8Array {
  const gz = gzipSync(lines.map((l) => `${l}\n`).join(''), { level: 6 });
  gz.writeUInt32LE(0, 4); // MTIME: none
  gz[9] = OS_UNKNOWN;
  return gz;
}

/**
 * The lines of a shard, refusing more than `maxBytes` once decompressed.
 *
 * @example decodeShard(encodeShard(['{"a":1}', '{"b":2}']), 1024) // ['{"a":1}', '{"b":2}']
 */
export function decodeShard(bytes: Uint8Array, maxBytes: number): string[] {
  const text = gunzipSync(bytes, { maxOutputLength: maxBytes }).toString('utf8');
  if (text === '') return [];
  if (!text.endsWith('\n')) throw new Error('the last line has no line ending: the shard is truncated');
  return text.slice(0, -1).split('\n');
}

/**
 * Lower-case hex SHA-256 of some bytes, as the manifest lists it.
 *
 * @example sha256Hex(new Uint8Array()) // 'e3b0c442…b855'
 */
export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}
