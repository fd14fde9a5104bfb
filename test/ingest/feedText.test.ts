// Titles are text (issue 16 §3): decoded once, never parsed as markup unless they are markup.
import { describe, expect, it } from 'vitest';
import { looksLikeHtml, titleText } from '../../src/lib/ingest/formats/feedText.ts';

describe('looksLikeHtml (the Universal Feed Parser rule for RSS and JSON Feed titles)', () => {
  it.each([
    ['Why <script> tags block rendering', false],
    ['<!-- comments in HTML', false],
    ['5 < 6 && 7 > 3', false],
    ['x <img src=x onerror=alert(1)> y', false],
    ['<b>Bold</b> move', true],
    ['AT&amp;T', true],
    ['Caf&eacute;', true],
    ['<script>x</script>', false],
    ['&notanentity; here', false],
    ['Use <table> for data &mdash; not layout', true],
  ])('%j → %s', (text, expected) => {
    expect(looksLikeHtml(text)).toBe(expected);
  });
});

describe('titleText', () => {
  it.each([
    ['untyped text', { type: 'untyped', value: 'Why <script> tags block rendering' }, 'Why <script> tags block rendering'],
    ['untyped, starting with a comment opener', { type: 'untyped', value: '<!-- comments -->  and   browsers' }, '<!-- comments --> and browsers'],
    ['untyped HTML', { type: 'untyped', value: '<b>Bold</b> move: AT&amp;T' }, 'Bold move: AT&T'],
    ['Atom type="text"', { type: 'text', value: 'AT&amp;T <b>' }, 'AT&amp;T <b>'],
    ['Atom type="html"', { type: 'html', value: 'Why &lt;script&gt; tags' }, 'Why <script> tags'],
    ['Atom type="html", markup hiding all its text', { type: 'html', value: '<!-- comments' }, '<!-- comments'],
    ['no title', undefined, ''],
  ] as const)('%s', (_name, text, expected) => {
    expect(titleText(text as Parameters<typeof titleText>[0])).toBe(expected);
  });
});
