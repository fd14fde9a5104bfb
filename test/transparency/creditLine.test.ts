// Credit for reuse and declared adaptations.
import { describe, expect, it } from 'vitest';
import { indexAdaptations } from '../../src/lib/transparency/adaptations.ts';
import { createArticleResolver } from '../../src/lib/urls/articleRefs.ts';
import { creditLine } from '../../src/lib/transparency/creditLine.ts';
import { hoursAgo, makeArticle } from '../helpers/makeDb.ts';

describe('creditLine', () => {
  it.each([
    [
      'an article',
      { title: 'Port strike', url: 'https://abc.example/strike', signature: 'The ABC contingent of Wide Net', home: 'https://abc.example/', license: 'CC0-1.0' },
      '<p>“<a href="https://abc.example/strike">Port strike</a>”, <a href="https://abc.example/">The ABC contingent of Wide Net</a>. License: CC0-1.0.</p>',
      '“Port strike”, The ABC contingent of Wide Net. https://abc.example/strike. License: CC0-1.0.',
    ],
    [
      'markup in a title is escaped',
      { title: '<script>x</script> & "more"', url: 'https://abc.example/a?b=1&c=2', signature: 'ABC', license: 'public domain' },
      '<p>“<a href="https://abc.example/a?b=1&amp;c=2">&lt;script&gt;x&lt;/script&gt; &amp; &quot;more&quot;</a>”, ABC. License: public domain.</p>',
      '“<script>x</script> & "more"”, ABC. https://abc.example/a?b=1&c=2. License: public domain.',
    ],
    [
      'an adaptation credits its original too',
      { title: 'Why they are right', url: 'https://xyz.example/right', signature: 'XYZ', license: 'CC0-1.0', adaptedFrom: { title: 'Port strike', url: 'https://abc.example/strike', signature: 'The ABC contingent of Wide Net' } },
      '<p>“<a href="https://xyz.example/right">Why they are right</a>”, XYZ. License: CC0-1.0. Adapted from “<a href="https://abc.example/strike">Port strike</a>”, The ABC contingent of Wide Net.</p>',
      '“Why they are right”, XYZ. https://xyz.example/right. License: CC0-1.0. Adapted from “Port strike”, The ABC contingent of Wide Net, https://abc.example/strike.',
    ],
    [
      'no usable link: the title is not a link to nowhere',
      { title: 'Port strike', url: '', signature: 'ABC', license: 'CC0-1.0' },
      '<p>“Port strike”, ABC. License: CC0-1.0.</p>',
      '“Port strike”, ABC. License: CC0-1.0.',
    ],
    [
      'a stored unsafe link is not followed either',
      { title: 'Port strike', url: 'javascript:alert(1)', signature: 'ABC', license: 'CC0-1.0' },
      '<p>“Port strike”, ABC. License: CC0-1.0.</p>',
      '“Port strike”, ABC. License: CC0-1.0.',
    ],
  ])('%s', (_, input, html, text) => expect(creditLine(input)).toEqual({ html, text }));
});

describe('indexAdaptations', () => {
  const articles = [
    makeArticle({ id: 'orig', contingent: 'abc', published: hoursAgo(10) }),
    makeArticle({ id: 'by-url', contingent: 'xyz', published: hoursAgo(5), via: 'https://ABC.example/orig#top' }),
    makeArticle({ id: 'by-id', contingent: 'def', published: hoursAgo(6), via: 'orig' }),
    makeArticle({ id: 'outside', contingent: 'def', published: hoursAgo(4), via: 'https://elsewhere.example/analysis' }),
    makeArticle({ id: 'self', contingent: 'abc', published: hoursAgo(3), via: 'https://abc.example/self' }),
  ];
  const index = indexAdaptations(articles, createArticleResolver(articles));
  it('lists every adaptation of an original, oldest first, across contingents', () => {
    expect(index.adaptationsOf('orig').map((a) => a.id)).toEqual(['by-id', 'by-url']);
  });
  it.each([
    ['by-url', 'https://ABC.example/orig#top', ['orig']],
    ['by-id', 'orig', ['orig']],
    ['outside', 'https://elsewhere.example/analysis', []],
    ['self', 'https://abc.example/self', []],
  ])('%s was adapted from %s', (id, via, originals) => {
    expect(index.sourceOf(articles.find((a) => a.id === id)!)).toEqual({ via, originals: originals.map((o) => articles.find((a) => a.id === o)) });
  });
  it('an article with no via adapts nothing', () => {
    expect(index.sourceOf(articles[0]!)).toBeUndefined();
    expect(index.adaptationsOf('self')).toEqual([]);
  });
});
