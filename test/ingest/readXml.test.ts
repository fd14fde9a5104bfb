import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_ENTITY_EXPANSION } from '../../src/lib/ingest/xml/xmlEntities.ts';
import { MAX_XML_DEPTH, readXml, type XmlElement } from '../../src/lib/ingest/xml/readXml.ts';
import { parseFeed } from '../../src/lib/ingest/parseFeed.ts';
import { decodeBody } from '../../src/lib/ingest/decodeBody.ts';

const fixture = (name: string) => decodeBody(new Uint8Array(readFileSync(new URL(`../fixtures/feeds/${name}`, import.meta.url))));
const text = (element: XmlElement | string | undefined): string =>
  element === undefined ? '' : typeof element === 'string' ? element : element.children.map(text).join('');

describe('readXml: well-formed XML reads as XML', () => {
  it('reads names by namespace, attributes, CDATA and character references, with nothing to recover', () => {
    const doc = readXml(
      '<?xml version="1.0"?><!-- c --><a10:feed xmlns:a10="http://www.w3.org/2005/Atom" xmlns:d="http://purl.org/dc/elements/1.1/" xml:base="https://b.example/">' +
        '<a10:title type=\'text\'>A &amp; B &#x263A; &#9731;<![CDATA[ <raw> ]]></a10:title><d:creator>Jo</d:creator><?pi x?></a10:feed>',
    );
    expect(doc.recovered).toEqual([]);
    expect(doc.rootName).toBe('a10:feed');
    expect(doc.root).toEqual({
      name: 'feed',
      attrs: { 'xmlns:a10': 'http://www.w3.org/2005/Atom', 'xmlns:d': 'http://purl.org/dc/elements/1.1/', 'xml:base': 'https://b.example/' },
      children: [
        { name: 'title', attrs: { type: 'text' }, children: ['A & B ☺ ☃ <raw> '] },
        { name: 'dc:creator', attrs: {}, children: ['Jo'] },
      ],
    });
  });

  it('reads Atom elements inside RSS as atom:, whatever their prefix', () => {
    const doc = readXml('<rss><channel><x:link xmlns:x="http://www.w3.org/2005/Atom" rel="self" href="https://a.example/"/></channel></rss>');
    expect((doc.root!.children[0] as XmlElement).children[0]).toMatchObject({ name: 'atom:link', attrs: { rel: 'self' } });
  });

  it('normalizes line ends and attribute white space', () => {
    const doc = readXml('<a t="x\ty\nz">1\r\n2\r3</a>');
    expect(doc.root).toEqual({ name: 'a', attrs: { t: 'x y z' }, children: ['1\n2\n3'] });
  });
});

describe('readXml: hostile XML (issue 16 §4)', () => {
  it('never resolves external entities (XXE): file:///etc/passwd and remote URLs stay unread', async () => {
    const feed = await parseFeed(fixture('xxe-external-entity.xml'), 'https://xxe.example/feed');
    const all = JSON.stringify(feed);
    expect(all).not.toMatch(/root:|daemon:|\/bin\/|127\.0\.0\.1/);
    expect(feed.title).toBe('Harbor Workers Union');
    expect(feed.items[0]!.title).toBe('Passwords: [] []');
    expect(feed.items[0]!.summary).toBe('Declared internal entities expand: Harbor Workers Union. External ones do not: .');
    expect(feed.recovered).toEqual(['external entity &xxe; not resolved, left out (line 11, 4 times)']);
  });

  it('bounds entity expansion (billion laughs): fast, small, and the other items are kept', async () => {
    const started = performance.now();
    const feed = await parseFeed(fixture('billion-laughs.xml'), 'https://laughs.example/feed');
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(feed.items.map((item) => item.title)).toEqual(['Small laugh: lollollollollollollollollollol', 'A billion laughs', 'The item after the bomb is kept']);
    expect(JSON.stringify(feed).length).toBeLessThan(MAX_ENTITY_EXPANSION + 10_000);
    expect(feed.recovered).toEqual([`entity expansion stopped at 1,000,000 characters or 16 levels (&lol9; and later declared entities left out) (line 25)`]);
  });

  it('stops entities that refer to themselves', () => {
    const doc = readXml('<!DOCTYPE r [<!ENTITY a "&b;"><!ENTITY b "&a;">]><r>x&a;y</r>');
    expect(doc.root!.children).toEqual(['xy']);
    expect(doc.recovered).toHaveLength(1);
  });

  it(`unwraps elements nested deeper than ${MAX_XML_DEPTH}, keeping their text, without overflowing the stack`, () => {
    const depth = 100_000;
    const doc = readXml(`<rss><channel><item><title>Deep</title><description>${'<x>'.repeat(depth)}bottom${'</x>'.repeat(depth)}</description></item><item><title>Next</title></item></channel></rss>`);
    const channel = doc.root!.children[0] as XmlElement;
    expect(channel.children.filter((c) => typeof c !== 'string').map((item) => text((item as XmlElement).children[0]))).toEqual(['Deep', 'Next']);
    expect(text(channel)).toContain('bottom');
    expect(doc.recovered).toEqual([`elements nested deeper than ${MAX_XML_DEPTH} levels unwrapped (line 1, ${depth + 4 - MAX_XML_DEPTH} times)`]);
  });
});
