// The text forms of a rater's ed25519 keys and signatures, as `npm run rater` writes and reads them:
// a PKCS#8 PEM private key, `ed25519:<base64>` public keys (raters.yaml), and a `.sig` file holding
// the signature's base64 and a newline. Pure, so the browser's desk writes the same files.

/**
 * Base64 of bytes, without Buffer (the browser has none).
 *
 * @example toBase64(new Uint8Array([1, 2, 3])) // 'AQID'
 */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * Bytes of base64 text (whitespace ignored); throws on text that is not base64.
 *
 * @example fromBase64('AQID') // Uint8Array [1, 2, 3]
 */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/\s+/g, ''));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/**
 * A PKCS#8 private key as PEM, in 64-character lines: what Node writes and `npm run rater -- sign` reads.
 *
 * @example pemFromPkcs8(der) // '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEI…\n-----END PRIVATE KEY-----\n'
 */
export function pemFromPkcs8(der: Uint8Array): string {
  const lines = toBase64(der).match(/.{1,64}/g) ?? [];
  return `-----BEGIN PRIVATE KEY-----\n${lines.join('\n')}\n-----END PRIVATE KEY-----\n`;
}

/** The text is not a PEM private key. */
export class KeyTextError extends Error {
  override name = 'KeyTextError';
}

/**
 * The PKCS#8 bytes of a PEM private key.
 *
 * @example pkcs8FromPem(pemFromPkcs8(der)) // der
 */
export function pkcs8FromPem(pem: string): Uint8Array<ArrayBuffer> {
  const match = /-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\s]+)-----END PRIVATE KEY-----/.exec(pem);
  if (!match) throw new KeyTextError('not a private key file: expected "-----BEGIN PRIVATE KEY-----" (the .pem file the desk or `npm run rater -- keygen` saved)');
  return fromBase64(match[1]!);
}

/**
 * A raw 32-byte ed25519 public key in the form raters.yaml takes.
 *
 * @example publicKeyText(raw) // 'ed25519:11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo='
 */
export function publicKeyText(raw: Uint8Array): string {
  if (raw.length !== 32) throw new KeyTextError(`an ed25519 public key is 32 bytes, got ${raw.length}`);
  return `ed25519:${toBase64(raw)}`;
}

/**
 * The detached signature file: the base64 of the 64-byte signature, and a newline.
 *
 * @example signatureText(sig) // 'kq3…==\n'
 */
export function signatureText(signature: Uint8Array): string {
  return `${toBase64(signature)}\n`;
}
