// HTML's named character references (`&eacute;`, `&nbsp;`), looked up whole: `&notanentity;`
// is no reference at all, although an HTML parser would read its first letters as `&not`.
import { decodeHTMLStrict } from 'entities/decode';

const cache = new Map<string, string | undefined>();

/**
 * The text of the named reference `&name;`, or undefined if HTML defines no such name.
 *
 * @example decodeNamedReference('eacute') // => 'é'
 * @example decodeNamedReference('notanentity') // => undefined
 */
export function decodeNamedReference(name: string): string | undefined {
  if (cache.has(name)) return cache.get(name);
  const written = `&${name};`;
  const decoded = decodeHTMLStrict(written);
  // A whole match consumes the ';' and gives at most two code points; `&not` + "anentity;" does neither.
  const whole = decoded !== written && decoded.length <= 4 && (name === 'semi' || !decoded.endsWith(';'));
  const value = whole ? decoded : undefined;
  if (cache.size < 4096) cache.set(name, value);
  return value;
}
