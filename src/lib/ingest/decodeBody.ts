// Turns a fetched body into text. Feeds lie about their charset often enough that the
// declared charset is a hint: invalid UTF-8 always falls back to windows-1252.

const UTF8 = 'utf-8';
const WINDOWS_1252 = 'windows-1252';

/**
 * The WHATWG encoding name for a charset label, or undefined if TextDecoder does not know it.
 *
 * @example encodingForLabel('ISO-8859-1') // 'windows-1252'
 * @example encodingForLabel('latin-9000') // undefined
 */
export function encodingForLabel(label: string | undefined): string | undefined {
  if (!label) return undefined;
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return undefined;
  }
}

/**
 * The `charset` parameter of a Content-Type header value.
 *
 * @example charsetFromContentType('application/rss+xml; charset="ISO-8859-1"') // 'ISO-8859-1'
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

/** Byte order marks win over every declaration, as in the WHATWG "decode" algorithm. */
function encodingFromBom(bytes: Uint8Array): { encoding: string; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: UTF8, length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/** UTF-16 without a BOM still shows `<?` as `3C 00 3F 00` or `00 3C 00 3F`. */
function encodingFromUtf16Pattern(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0x3c && bytes[1] === 0x00 && bytes[2] === 0x3f && bytes[3] === 0x00) return 'utf-16le';
  if (bytes[0] === 0x00 && bytes[1] === 0x3c && bytes[2] === 0x00 && bytes[3] === 0x3f) return 'utf-16be';
  return undefined;
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
 * The charset comes from a BOM, else the Content-Type header, else the XML declaration's
 * `encoding=`, else UTF-8 (JSON is always UTF-8). Unknown labels fall through to the next source.
 * UTF-8 is validated: bytes labelled UTF-8 that are not valid UTF-8 are decoded as windows-1252
 * (a superset of ISO-8859-1), the most common mislabelling. The reverse mislabelling (valid
 * multi-byte UTF-8 served as ISO-8859-1 or another single-byte charset) decodes as UTF-8.
 *
 * @example decodeBody(new Uint8Array([0x63, 0x61, 0x66, 0xe9]), 'text/xml; charset=utf-8') // 'café' (windows-1252 fallback)
 * @example decodeBody(new TextEncoder().encode('{"a":"é"}'), 'application/feed+json') // '{"a":"é"}'
 */
export function decodeBody(bytes: Uint8Array, contentType?: string): string {
  const bom = encodingFromBom(bytes);
  if (bom) {
    const body = bytes.subarray(bom.length);
    if (bom.encoding === UTF8) return decodeUtf8Strict(body) ?? new TextDecoder(WINDOWS_1252).decode(body);
    return new TextDecoder(bom.encoding).decode(body);
  }

  const header = encodingForLabel(charsetFromContentType(contentType));
  const prolog = prologEncoding(bytes);
  const declared = header ?? encodingFromUtf16Pattern(bytes) ?? prolog ?? UTF8;

  if (declared === UTF8 || isSingleByte(declared)) {
    const utf8 = decodeUtf8Strict(bytes);
    if (utf8 !== undefined) return stripBom(utf8);
    // Not UTF-8 after all: trust a single-byte label, else the prolog's, else the most common one.
    const fallback = declared !== UTF8 ? declared : prolog !== undefined && isSingleByte(prolog) ? prolog : WINDOWS_1252;
    return new TextDecoder(fallback).decode(bytes);
  }
  return stripBom(new TextDecoder(declared).decode(bytes));
}

/** Single-byte legacy encodings: their text is almost never valid multi-byte UTF-8 by chance. */
function isSingleByte(encoding: string): boolean {
  return /^(?:windows-125\d|iso-8859-\d+|koi8-[ru]|macintosh|ibm866|x-mac-cyrillic|windows-874)$/.test(encoding);
}

/** An ASCII-readable prolog cannot truthfully declare UTF-16, so that label is ignored (as WHATWG does for <meta>). */
function prologEncoding(bytes: Uint8Array): string | undefined {
  const encoding = encodingForLabel(encodingFromProlog(bytes));
  return encoding?.startsWith('utf-16') ? UTF8 : encoding;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
