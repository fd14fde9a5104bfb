// The pure pieces of the editor tools: ids, YAML editing, feed discovery in HTML, OPML in and out.
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { commonFeedUrls, feedLinksFromHtml } from '../../src/lib/editor/feedLinks.ts';
import { fromFeedScheme, OpmlError, parseOpml } from '../../src/lib/editor/parseOpml.ts';
import { proposeContingent, proposeRater, UNKNOWN_LICENSE } from '../../src/lib/editor/proposeEntry.ts';
import { Id } from '../../src/lib/config/schema.ts';
import { idFor, slugify, uniqueId } from '../../src/lib/editor/slugify.ts';
import { contingentsOpml } from '../../src/lib/site/writers/contingentsOpml.ts';
import { appendToYamlList } from '../../src/lib/editor/yamlList.ts';

describe('slugify', () => {
  it.each([
    ['ABC Bulletin', 'abc-bulletin'],
    ['Café Ouvrier — Nouvelles!', 'cafe-ouvrier-nouvelles'],
    ['Tenants & Neighbours', 'tenants-and-neighbours'],
    ['  --Rivet--  ', 'rivet'],
    ['新闻', ''],
    ['The Extraordinarily Long Name of a Very Small Community Newsletter', 'the-extraordinarily-long-name-of-a-very-small'],
  ])('%s → %s', (title, slug) => {
    expect(slugify(title)).toBe(slug);
    if (slug) expect(Id.safeParse(slug).success).toBe(true);
  });

  it('uniqueId and idFor', () => {
    expect(uniqueId('abc', new Set(['abc', 'abc-2']))).toBe('abc-3');
    expect(uniqueId('abc', new Set())).toBe('abc');
    expect(idFor('新闻', 'https://www.harbor-notes.org/feed.xml')).toBe('harbor-notes');
    expect(idFor(undefined, 'http://127.0.0.1:4319/feed')).toBe('127-0-0');
  });
});

describe('proposeContingent / proposeRater', () => {
  it('fills id, name, home and licence from the feed, and flags the unknown licence', () => {
    expect(proposeContingent({ feedUrl: 'https://abc.example/feed.xml', title: 'ABC Bulletin', home: 'https://abc.example/news/' }, new Set(['abc-bulletin']))).toEqual({
      entry: { id: 'abc-bulletin-2', name: 'ABC Bulletin', home: 'https://abc.example/news/', feeds: ['https://abc.example/feed.xml'], license: UNKNOWN_LICENSE },
      unknownLicense: true,
    });
    expect(proposeContingent({ feedUrl: 'https://abc.example/feed.xml', home: 'javascript:alert(1)' }, new Set(), { license: 'CC0-1.0' })).toEqual({
      entry: { id: 'abc', name: 'abc.example', home: 'https://abc.example/', feeds: ['https://abc.example/feed.xml'], license: 'CC0-1.0' },
      unknownLicense: false,
    });
    expect(proposeRater({ url: 'https://alice.example/r.csv', name: 'Alice', format: 'csv' }, new Set(['alice']))).toEqual({ id: 'alice-2', name: 'Alice', url: 'https://alice.example/r.csv', format: 'csv' });
  });

  it.each<[string, string | undefined, string, string]>([
    ['its own name', 'Mallory', 'mallory', 'Mallory'],
    ['a contingent\'s name', 'ABC Bulletin', 'abc-bulletin', 'ABC Bulletin (evil.example)'],
    ['a rater\'s name, spaced and cased otherwise', '  alice ', 'alice', 'alice (evil.example)'],
    ['no name', undefined, 'evil', 'evil.example'],
  ])('a rating file claiming %s gets a name no one else is shown with', (_name, claimed, id, name) => {
    const taken = new Set(['abc bulletin', 'alice']);
    expect(proposeRater({ url: 'https://evil.example/r.json', ...(claimed !== undefined && { name: claimed }), format: 'json' }, new Set(), {}, taken)).toEqual({ id, name, url: 'https://evil.example/r.json', format: 'json' });
  });

  it('a feed titled like a contingent already there is named with its host', () => {
    const taken = new Set(['rivet', 'rivet (rivet-zine.example)']);
    expect(proposeContingent({ feedUrl: 'https://rivet.example/rss.xml', title: 'Rivet' }, new Set(), {}, new Set(['rivet'])).entry.name).toBe('Rivet (rivet.example)');
    expect(proposeContingent({ feedUrl: 'https://rivet-zine.example/rss.xml', title: 'Rivet' }, new Set(), {}, taken).entry.name).toBe('rivet-zine.example');
  });
});

describe('appendToYamlList', () => {
  const file = '# The contingents.\n#   id   a slug\n\n- id: abc # the first\n  name: ABC\n  description: >-\n    A long folded description that a re-serialization would wrap differently,\n    and that must stay exactly as written.\n\n# trailing comment\n';

  it('keeps every byte of the file and adds the entries after a blank line, with a comment', () => {
    const out = appendToYamlList(file, [{ id: 'xyz', name: 'XYZ', feeds: ['https://xyz.example/feed'] }], { comment: ' Added by a tool' });
    expect(out).toBe(`${file.trimEnd()}\n\n# Added by a tool\n- id: xyz\n  name: XYZ\n  feeds:\n    - https://xyz.example/feed\n`);
    expect(parseYaml(out)).toHaveLength(2);
  });

  it.each([
    ['an empty file', '', '- id: xyz\n'],
    ['comments only', '# nothing yet\n', '# nothing yet\n\n- id: xyz\n'],
    ['an empty flow list', '# none\n[]\n', '# none\n- id: xyz\n'],
  ])('works on %s', (_, text, expected) => expect(appendToYamlList(text, [{ id: 'xyz' }])).toBe(expected));

  it('refuses a file that is not a list, or not YAML', () => {
    expect(() => appendToYamlList('id: abc\n', [{ id: 'x' }])).toThrow('the top level of the file is not a list');
    expect(() => appendToYamlList('- id: [\n', [{ id: 'x' }])).toThrow('not valid YAML');
  });
});

describe('feedLinksFromHtml', () => {
  it('finds RSS, Atom and JSON feeds in page order, resolved against <base>, comment feeds last, no duplicates', () => {
    const html = `<!doctype html><html><head>
      <base href="https://abc.example/blog/">
      <link rel="alternate" type="application/rss+xml" title="ABC » Comments Feed" href="comments/feed/">
      <link rel="alternate" type="application/rss+xml" title="ABC » Feed" href="feed/">
      <link rel="alternate" type="application/json" href="https://abc.example/wp-json/wp/v2/pages/2">
      <link rel="alternate" type="application/atom+xml" href="/atom.xml">
      <link rel="ALTERNATE feed" type="application/feed+json; charset=utf-8" href="feed.json">
      <link rel="alternate" type="application/rss+xml" href="feed/">
      <link rel="alternate" hreflang="fr" href="/fr/">
      <link rel="stylesheet" type="text/css" href="/s.css">
      <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
    </head><body><link rel="alternate" type="application/rss+xml" href="/in-body.xml"></body></html>`;
    expect(feedLinksFromHtml(html, 'https://abc.example/')).toEqual([
      { url: 'https://abc.example/blog/feed/', type: 'application/rss+xml', title: 'ABC » Feed' },
      { url: 'https://abc.example/atom.xml', type: 'application/atom+xml' },
      { url: 'https://abc.example/blog/feed.json', type: 'application/feed+json' },
      { url: 'https://abc.example/in-body.xml', type: 'application/rss+xml' },
      { url: 'https://abc.example/blog/comments/feed/', type: 'application/rss+xml', title: 'ABC » Comments Feed' },
    ]);
  });

  it('commonFeedUrls tries the page’s folder, then the site root', () => {
    const urls = commonFeedUrls('https://abc.example/blog/post');
    expect(urls.slice(0, 2)).toEqual(['https://abc.example/blog/feed', 'https://abc.example/blog/feed/']);
    expect(urls).toContain('https://abc.example/rss.xml');
    expect(urls).toContain('https://abc.example/feed.json');
    expect(commonFeedUrls('https://abc.example/')[0]).toBe('https://abc.example/feed');
  });
});

describe('parseOpml', () => {
  it('reads nested folders, entities, and attribute names in any case', () => {
    const opml = parseOpml(`\uFEFF<?xml version="1.0"?>
<opml version="2.0"><head><title>My feeds</title></head><body>
  <outline text="News &amp; views"><outline text="Inner"><outline TEXT="Deep" XMLURL="https://deep.example/rss" htmlurl="https://deep.example/"/></outline></outline>
  <outline text="Top" title="Top feed" type="rss" xmlUrl="feed:https://top.example/feed"/>
</body></opml>`);
    expect(opml).toEqual({
      title: 'My feeds',
      feeds: [
        { xmlUrl: 'https://deep.example/rss', title: 'Deep', htmlUrl: 'https://deep.example/', folders: ['News & views', 'Inner'], position: 3 },
        { xmlUrl: 'https://top.example/feed', title: 'Top feed', folders: [], position: 4 },
      ],
    });
  });

  it.each([
    ['broken XML', '<opml><body><outline></body></opml>', /not well-formed XML/],
    ['another document', '<?xml version="1.0"?><rss version="2.0"><channel/></rss>', /not an OPML file/],
  ])('refuses %s', (_, xml, message) => {
    expect(() => parseOpml(xml)).toThrow(OpmlError);
    expect(() => parseOpml(xml)).toThrow(message);
  });

  it.each([
    ['feed://abc.example/rss', 'http://abc.example/rss'],
    ['feed:https://abc.example/rss', 'https://abc.example/rss'],
    ['https://abc.example/rss', 'https://abc.example/rss'],
  ])('fromFeedScheme(%s)', (input, output) => expect(fromFeedScheme(input)).toBe(output));
});

describe('contingentsOpml', () => {
  it('lists every feed of every contingent, escaped, and reads back as the same feeds', () => {
    const contingents = [
      { id: 'xyz', name: 'X & Y', home: 'https://xyz.example/', feeds: ['https://xyz.example/a.xml', 'https://xyz.example/b.xml'], license: 'CC0-1.0' },
      { id: 'abc', name: 'ABC "Bulletin"', home: 'https://abc.example/', feeds: ['https://abc.example/feed?x=1&y=2'], license: 'CC0-1.0' },
    ];
    const xml = contingentsOpml({ title: 'Wide Net', contingents, now: new Date('2026-11-20T12:00:00Z') });
    expect(xml).toContain('<title>Wide Net: contingents</title>');
    expect(xml).toContain('<dateCreated>Fri, 20 Nov 2026 12:00:00 GMT</dateCreated>');
    expect(xml).toContain('<outline type="rss" text="ABC &quot;Bulletin&quot;" title="ABC &quot;Bulletin&quot;" xmlUrl="https://abc.example/feed?x=1&amp;y=2" htmlUrl="https://abc.example/"/>');
    expect(parseOpml(xml).feeds.map((f) => [f.xmlUrl, f.title, f.folders])).toEqual([
      ['https://abc.example/feed?x=1&y=2', 'ABC "Bulletin"', []],
      ['https://xyz.example/a.xml', 'X & Y', ['X & Y']],
      ['https://xyz.example/b.xml', 'X & Y', ['X & Y']],
    ]);
  });
});
