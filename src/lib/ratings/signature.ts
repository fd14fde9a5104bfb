import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

// An ed25519 SubjectPublicKeyInfo is this fixed DER prefix followed by the 32-byte key.
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/**
 * Turns a raters.yaml key (`ed25519:<base64>`) into a public KeyObject.
 * @example publicKeyFromConfig('ed25519:11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=')
 */
export function publicKeyFromConfig(key: string): KeyObject {
  const raw = Buffer.from(key.replace(/^ed25519:/, ''), 'base64');
  if (raw.length !== 32) throw new Error(`ed25519 public key must be 32 bytes, got ${raw.length}`);
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

/** The `ed25519:<base64>` form that raters.yaml takes. */
export function publicKeyToConfig(key: KeyObject): string {
  const der = key.export({ format: 'der', type: 'spki' });
  return `ed25519:${der.subarray(SPKI_PREFIX.length).toString('base64')}`;
}

/** A detached signature file holds the base64 of the 64-byte signature (raw bytes are accepted too). */
export function decodeSignature(sig: Uint8Array): Buffer {
  if (sig.length === 64) return Buffer.from(sig);
  return Buffer.from(Buffer.from(sig).toString('utf8').trim(), 'base64');
}

/** Checks a detached ed25519 signature over the exact bytes of a rating file. */
export function verifyDetached(body: Uint8Array, signature: Uint8Array, key: string): boolean {
  const sig = decodeSignature(signature);
  if (sig.length !== 64) return false;
  return verify(null, body, publicKeyFromConfig(key), sig);
}

export function signDetached(body: Uint8Array, privateKeyPem: string): string {
  return sign(null, body, createPrivateKey(privateKeyPem)).toString('base64') + '\n';
}

export function generateRaterKeys(): { publicKey: string; privateKeyPem: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { publicKey: publicKeyToConfig(publicKey), privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() };
}
