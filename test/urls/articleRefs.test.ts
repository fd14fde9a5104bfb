import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createArticleResolver, normalizeRef, siteOwners } from '../../src/lib/urls/articleRefs.ts';
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

describe('a URL on a contingent\'s own site names its copy only', () => {
  const contingents = [
    { id: 'abc', home: 'https://www.abc.example/' },
    { id: 'medium-abc', home: 'https://medium.example/@abc' },
    { id: 'medium-xyz', home: 'https://medium.example/@xyz/' },
    { id: 'xyz', home: 'https://xyz.example/' },
    { id: 'port', home: 'https://example.org/' },
    { id: 'port-news', home: 'https://news.example.org/' },
  ];
  const copy = (id: string, contingent: string, url: string, guid?: string) => makeArticle({ id, contingent, url, ...(guid && { guid }) });
  const articles = [
    copy('abc-1', 'abc', 'https://abc.example/one'),
    copy('xyz-1', 'xyz', 'https://abc.example/one'),
    copy('xyz-2', 'xyz', 'https://xyz.example/two', 'https://abc.example/two'),
    copy('xyz-3', 'xyz', 'https://news.abc.example/three'),
    copy('abc-4', 'abc', 'https://tenants.example/joint'),
    copy('xyz-4', 'xyz', 'https://tenants.example/joint'),
    copy('mx-5', 'medium-xyz', 'https://medium.example/@abc/five'),
    copy('ma-5', 'medium-abc', 'https://medium.example/@abc/five'),
    copy('mx-6', 'medium-xyz', 'https://medium.example/@abcd/six'),
    copy('port-7', 'port', 'https://news.example.org/seven'),
    copy('pn-7', 'port-news', 'https://news.example.org/seven'),
  ];
  const resolve = createArticleResolver(articles, contingents);
  it.each<[string, string, string[]]>([
    ['the owner\'s copy, not a copy under its URL (home given with "www.")', 'https://abc.example/one', ['abc-1']],
    ['a guid naming the owner\'s URL, without the owner\'s copy', 'https://abc.example/two', []],
    ['a subdomain of the owner\'s site', 'https://news.abc.example/three', []],
    ['a third party\'s site: every copy', 'https://tenants.example/joint', ['abc-4', 'xyz-4']],
    ['a home path on a shared host', 'https://medium.example/@abc/five', ['ma-5']],
    ['a path that only starts like a home path', 'https://medium.example/@abcd/six', ['mx-6']],
    ['the most specific host', 'https://news.example.org/seven', ['pn-7']],
    ['ids still name one article', 'xyz-1', ['xyz-1']],
  ])('%s: %s', (_name, ref, ids) => {
    expect(resolve(ref).map((a) => a.id)).toEqual(ids);
  });
  it.each<[string, string[] | undefined]>([
    ['https://abc.example/', ['abc']],
    ['https://sub.abc.example/x', ['abc']],
    ['https://xabc.example/x', undefined],
    ['https://medium.example/@xyz', ['medium-xyz']],
    ['https://medium.example/other', undefined],
    ['https://example.org/a', ['port']],
  ])('siteOwners(%s) = %j', (url, owners) => {
    const found = siteOwners(contingents)(url);
    expect(found && [...found]).toEqual(owners);
  });
});
