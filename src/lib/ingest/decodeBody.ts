// Turns a fetched body into text. Feeds lie about their charset often enough that the
// declared charset is a hint: invalid UTF-8 always falls back to windows-1252.

const UTF8 = 'utf-8';
const WINDOWS_1252 = 'windows-1252';
// TextDecoder has no UTF-32 (the web never needed it); feeds sometimes are.
const UTF32LE = 'utf-32le';
const UTF32BE = 'utf-32be';

/**
 * The WHATWG encoding name for a charset label, or undefined if TextDecoder does not know it.
 *
 * @example encodingForLabel('ISO-8859-1') // => 'windows-1252'
 * @example encodingForLabel('latin-9000') // => undefined
 */
export function encodingForLabel(label: string | undefined): string | undefined {
  if (!label) return undefined;
  const utf32 = /^\s*(?:utf-?32|ucs-?4)(le|be)?\s*$/i.exec(label);
  if (utf32) return utf32[1]?.toLowerCase() === 'le' ? UTF32LE : UTF32BE;
  try {
    const encoding = new TextDecoder(label.trim()).encoding;
    // 'replacement' stands for charsets browsers refuse (ISO-2022-KR, HZ…): it would decode to one U+FFFD.
    return encoding === 'replacement' ? undefined : encoding;
  } catch {
    return undefined;
  }
}

/** UTF-32 by hand: four bytes a code point; what is not a Unicode scalar value becomes U+FFFD. */
function decodeUtf32(bytes: Uint8Array, littleEndian: boolean): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: string[] = [];
  const codes: number[] = [];
  for (let i = 0; i + 4 <= bytes.length; i += 4) {
    const code = view.getUint32(i, littleEndian);
    codes.push(code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? 0xfffd : code);
    if (codes.length === 8192) parts.push(String.fromCodePoint(...codes.splice(0)));
  }
  parts.push(String.fromCodePoint(...codes));
  return parts.join('');
}

function decodeAs(encoding: string, bytes: Uint8Array): string {
  if (encoding === UTF32LE || encoding === UTF32BE) return decodeUtf32(bytes, encoding === UTF32LE);
  return new TextDecoder(encoding).decode(bytes);
}

/**
 * The `charset` parameter of a Content-Type header value.
 *
 * @example charsetFromContentType('application/rss+xml; charset="ISO-8859-1"') // => 'ISO-8859-1'
 */
export function charsetFromContentType(contentType: string | undefined): string | undefined {
  const match = contentType?.match(/;\s*charset\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s;,]+))/i);
  return match ? (match[1] ?? match[2] ?? match[3]) : undefined;
}

/** The `encoding=` of an XML declaration, read from the first bytes as ASCII. */
function encodingFromProlog(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder(WINDOWS_1252).decode(bytes.subarray(0, 1024));
  const match = head.match(/^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/);
  return match?.[1];
}

/** Byte order marks win over every declaration, as in the WHATWG "decode" algorithm (UTF-32's first: FF FE 00 00 is not UTF-16). */
function encodingFromBom(bytes: Uint8Array): { encoding: string; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: UTF8, length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) return { encoding: UTF32LE, length: 4 };
  if (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff) return { encoding: UTF32BE, length: 4 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/**
 * UTF-16 and UTF-32 without a BOM, from where the zero bytes fall around the first character
 * (`<`, `{` or white space), as the XML spec's Appendix F suggests: `3C 00 3F 00` is UTF-16LE,
 * `00 00 00 3C` UTF-32BE.
 */
function encodingFromZeroBytes(bytes: Uint8Array): string | undefined {
  if (bytes.length < 4) return undefined;
  const zero = [0, 1, 2, 3].map((i) => bytes[i] === 0);
  const pattern = zero.map((z) => (z ? '0' : 'x')).join('');
  const first = bytes.find((b) => b !== 0)!;
  if (first !== 0x3c && first !== 0x7b && first !== 0x20 && first !== 0x09 && first !== 0x0a && first !== 0x0d) return undefined;
  return { x000: UTF32LE, '000x': UTF32BE, x0x0: 'utf-16le', '0x0x': 'utf-16be' }[pattern];
}

function decodeUtf8Strict(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder(UTF8, { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Decodes a fetched feed body to a string, without a BOM.
 *
 * The charset comes from a BOM, else the zero bytes of UTF-16 or UTF-32 without a BOM, else the
 * Content-Type header, else the XML declaration's `encoding=`, else UTF-8 (JSON is always UTF-8).
 * Unknown labels fall through to the next source, and so does a 16- or 32-bit label over bytes
 * that read as ASCII. Bytes that are valid UTF-8 are read as UTF-8 whatever the label (legacy
 * text is almost never valid multi-byte UTF-8 by chance); bytes labelled UTF-8 that are not are
 * read with the XML declaration's charset, else windows-1252 (a superset of ISO-8859-1).
 *
 * @example decodeBody(new Uint8Array([0x63, 0x61, 0x66, 0xe9]), 'text/xml; charset=utf-8') // => 'café'
 * @example decodeBody(new TextEncoder().encode('{"a":"é"}'), 'application/feed+json') // => '{"a":"é"}'
 */
export function decodeBody(bytes: Uint8Array, contentType?: string): string {
  const bom = encodingFromBom(bytes);
  if (bom) {
    const body = bytes.subarray(bom.length);
    if (bom.encoding === UTF8) return decodeUtf8Strict(body) ?? new TextDecoder(WINDOWS_1252).decode(body);
    return decodeAs(bom.encoding, body);
  }
  const wide = encodingFromZeroBytes(bytes);
  if (wide) return stripBom(decodeAs(wide, bytes));

  const header = narrowOnly(encodingForLabel(charsetFromContentType(contentType)));
  const prolog = prologEncoding(bytes);
  const declared = header ?? prolog ?? UTF8;
  // ISO-2022-JP is 7-bit, so always valid UTF-8: its label must be trusted.
  if (declared !== 'iso-2022-jp') {
    const utf8 = decodeUtf8Strict(bytes);
    if (utf8 !== undefined) return stripBom(utf8);
  }
  // Not UTF-8 after all: trust the label, else the prolog's, else the most common one.
  const fallback = declared !== UTF8 ? declared : prolog !== undefined && prolog !== UTF8 ? prolog : WINDOWS_1252;
  return stripBom(decodeAs(fallback, bytes));
}

/** A 16- or 32-bit encoding cannot describe bytes without the zero bytes encodingFromZeroBytes looks for. */
function narrowOnly(encoding: string | undefined): string | undefined {
  return encoding && /^utf-(?:16|32)/.test(encoding) ? undefined : encoding;
}

/** An ASCII-readable prolog cannot truthfully declare UTF-16 or UTF-32, so that label is ignored (as WHATWG does for <meta>). */
function prologEncoding(bytes: Uint8Array): string | undefined {
  return narrowOnly(encodingForLabel(encodingFromProlog(bytes)));
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
