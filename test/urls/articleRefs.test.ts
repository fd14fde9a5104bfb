import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createArticleResolver, normalizeRef } from '../../src/lib/urls/articleRefs.ts';
import { normalizeUrl } from '../../src/lib/urls/normalizeUrl.ts';
import { makeArticle } from '../helpers/makeDb.ts';

describe('normalizeRef', () => {
  it.each([
    'https://abc.example/2026/11/strike',
    'https://abc.example/',
    'https://abc.example',
    'http://abc.example:80/a',
    'https://ABC.example/a',
    'https://abc.example/a/../b',
    'https://abc.example/a/./b',
    'https://abc.example/%2e%2E/b',
    'https://abc.example/a?utm_source=x',
    'https://abc.example/a?b=1#top',
    'https://abc.example/a#',
    'https://0x7f.1/a',
    'https://1.2.3/a',
    'https://xn--nxasmq6b.example/a',
    'https://xn--invalid-.example/a',
    'https://abc.example/caf%C3%A9',
    'https://abc.example/café',
    'https://abc.example/a b',
    "https://abc.example/it's/(1)!*",
    'https://abc.example/.well-known/x',
    'https://abc.example/a.',
    'https://abc.example/...',
    'abc-3b1f0c9e6a2d',
  ])('agrees with normalizeUrl on %s', (url) => {
    expect(normalizeRef(url)).toBe(normalizeUrl(url));
  });

  it('agrees with normalizeUrl on generated URLs', () => {
    const char = fc.constantFrom(...'aZ09-._~!$&\'()*+,;=:@/%2eE?#[] é\\|'.split(''));
    const path = fc.array(char, { maxLength: 20 }).map((cs) => cs.join(''));
    const host = fc.constantFrom('abc.example', 'ABC.example', '127.0.0.1', 'a.1', '0x7f.1', 'xn--a.example', 'a..b', 'a-.example');
    fc.assert(
      fc.property(fc.constantFrom('http', 'https'), host, path, (scheme, h, p) => {
        const url = `${scheme}://${h}/${p}`;
        expect(normalizeRef(url)).toBe(normalizeUrl(url));
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.webUrl({ withFragments: true, withQueryParameters: true }), (url) => {
        expect(normalizeRef(url)).toBe(normalizeUrl(url));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('createArticleResolver', () => {
  const a = makeArticle({ id: 'abc-1', contingent: 'abc', url: 'https://abc.example/one', guid: 'https://abc.example/?p=1' });
  const b = makeArticle({ id: 'xyz-2', contingent: 'xyz', url: 'https://abc.example/one?utm_campaign=copy', guid: 'tag:xyz,2026:2' });
  const resolve = createArticleResolver([a, b]);
  it.each<[string, string[]]>([
    ['abc-1', ['abc-1']],
    [' xyz-2 ', ['xyz-2']],
    ['https://ABC.example:443/one#frag', ['abc-1', 'xyz-2']],
    ['https://abc.example/?p=1&utm_source=feed', ['abc-1']],
    ['tag:xyz,2026:2', []],
    ['https://abc.example/two', []],
    ['nothing', []],
  ])('%s → %j', (ref, ids) => {
    expect(resolve(ref).map((x) => x.id)).toEqual(ids);
  });
});
