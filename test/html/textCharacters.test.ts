import { describe, expect, it } from 'vitest';
import { decodeNamedReference } from '../../src/lib/html/namedReference.ts';
import { cleanPlainText, hasXmlForbidden, stripXmlForbidden } from '../../src/lib/html/textCharacters.ts';
import { sanitizeHtml } from '../../src/lib/html/sanitizeHtml.ts';

describe('stripXmlForbidden', () => {
  it.each([
    ['C0 controls other than tab, LF and CR', 'a\u0000b\u0001c\u0008d\u000Be\u000Cf\u000Eg\u001Fh', 'abcdefgh'],
    ['tab, LF and CR stay', 'a\tb\nc\rd', 'a\tb\nc\rd'],
    ['U+FFFE and U+FFFF', 'a\uFFFEb\uFFFFc', 'abc'],
    ['a lone high surrogate', 'a\uD83Db', 'ab'],
    ['a lone low surrogate', 'a\uDE00b', 'ab'],
    ['a valid pair stays', 'a\uD83D\uDE00b', 'a😀b'],
    ['C1 controls and U+FFFD stay (XML 1.0 allows them)', 'a\u0085b\uFFFDc', 'a\u0085b\uFFFDc'],
    ['nothing to do', 'plain text', 'plain text'],
  ])('%s', (_name, input, expected) => {
    expect(stripXmlForbidden(input)).toBe(expected);
    expect(hasXmlForbidden(input)).toBe(input !== expected);
  });
});

describe('cleanPlainText', () => {
  it.each([
    ['an override', 'Price \u202Eeerf si\u202C today', 'Price eerf si today'],
    ['every embedding, override and isolate', '\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069x', 'x'],
    ['marks stay', '\u200Ea\u200F', '\u200Ea\u200F'],
    ['XML-forbidden characters too', 'a\u0007\uD800b', 'ab'],
  ])('%s', (_name, input, expected) => {
    expect(cleanPlainText(input)).toBe(expected);
  });
});

describe('decodeNamedReference', () => {
  it.each([
    ['eacute', 'é'],
    ['nbsp', '\u00A0'],
    ['NotEqualTilde', '≂̸'],
    ['semi', ';'],
    ['notanentity', undefined],
    ['not', '¬'],
    ['bogus', undefined],
  ])('&%s;', (name, expected) => {
    expect(decodeNamedReference(name)).toBe(expected);
  });
});

describe('sanitizeHtml removes what XML forbids, raw or as a reference', () => {
  it.each([
    ['<p>a\u0001b</p>', '<p>ab</p>'],
    ['<p>a&#1;b&#x1F;c</p>', '<p>abc</p>'],
    ['<img src="https://a.example/i.png" alt="x&#2;y">', '<img src="https://a.example/i.png" alt="xy">'],
  ])('%j', (input, expected) => {
    expect(sanitizeHtml(input, 'https://a.example/')).toBe(expected);
  });
});
