// The site fixture's transparency stories, through the view models the pages render.
import { describe, expect, it } from 'vitest';
import { createPaths } from '../../src/lib/site/paths.ts';
import { articleView } from '../../src/lib/site/views/articleView.ts';
import { editionPageView } from '../../src/lib/site/views/editionView.ts';
import { contingentView } from '../../src/lib/site/views/pagesView.ts';
import { hubView } from '../../src/lib/site/views/hubView.ts';
import { editionFeedDocument } from '../../src/lib/site/writers/feedModel.ts';
import { createSiteModel } from '../../src/lib/site/siteModel.ts';
import { sourceRows } from '../../src/lib/site/views/sourcesView.ts';
import { SITE_NOW, siteFixtureDatabase } from '../helpers/writeSiteFixture.ts';

const db = siteFixtureDatabase();
const model = createSiteModel(db, { now: new Date(SITE_NOW), paths: createPaths({ base: '/', site: 'https://example.org' }) });
const view = (id: string) => articleView(model, model.index.article(id)!);

describe('versions', () => {
  const abc31 = view('abc-31');
  it('lists every revision with its dates, newest first, and a word diff to the current text', () => {
    expect(abc31.version).toBe(2);
    expect(abc31.revisions.map((r) => [r.number, r.anchor, r.title, r.titleChanged])).toEqual([[1, 'rev-1', 'Ferry crews walk out', true]]);
    const diff = abc31.revisions[0]!.diff;
    expect(diff.parts.filter((p) => p.kind !== 'same').map((p) => `${p.kind}:${p.text}`)).toEqual([
      'removed:210',
      'added:212',
      'removed:review the subsidy',
      'added:not pay for a service that cuts corners on safety',
    ]);
    expect(abc31.revisions[0]!.changes).toBe('4 words removed, 11 words added');
    expect(view('abc-01').revisions.map((r) => r.anchor)).toEqual(['rev-2', 'rev-1']);
  });
  it('flags a rating made before the latest revision, linking to the diff it saw', () => {
    expect(abc31.ratings).toEqual([expect.objectContaining({ rater: expect.objectContaining({ text: 'Bob' }), earlierVersion: { number: 1, href: '/articles/abc-31/#rev-1-diff' } })]);
    expect(view('abc-04').ratings.every((r) => r.earlierVersion === undefined)).toBe(true);
  });
  it('listings mark revised articles', () => {
    const entries = [1, 2, 3, 4, 5, 6, 7, 8].flatMap((page) => editionPageView(model, 'commons', page)?.entries ?? []);
    expect(Object.fromEntries(entries.filter((e) => e.revised).map((e) => [e.id, e.revised]))).toEqual({ 'abc-01': 'revised 2×', 'abc-31': 'revised 1×' });
    expect(contingentView(model, 'abc')!.articles.filter((a) => a.revised).map((a) => a.revised)).toEqual(['revised 2×', 'revised 1×']);
  });
});

describe('adaptations and copies', () => {
  it('an adaptation names its original and its contingent; the original lists it', () => {
    expect(view('xyz-32').adaptedFrom).toEqual({ via: 'https://abc.example/2026/11/abc-31', originals: [expect.objectContaining({ text: 'Ferry crews strike over staffing', href: '/articles/abc-31/', contingent: 'ABC', contingentHref: '/contingents/abc/' })] });
    expect(view('abc-31').adaptations).toEqual([expect.objectContaining({ href: '/articles/xyz-32/', contingent: 'XYZ Collective' })]);
  });
  it('an original outside the database is an outside link', () => {
    expect(view('def-34').adaptedFrom).toEqual({ via: 'https://elsewhere.example/ferry-analysis', originals: [] });
  });
  it('a copy without credit shows on both pages, each linking to the other, and the adaptation is not one', () => {
    expect(view('def-33').uncredited).toEqual({ sources: [expect.objectContaining({ href: '/articles/abc-31/', contingent: 'ABC', similarity: '84%' })], copies: [] });
    expect(view('abc-31').uncredited).toEqual({ sources: [], copies: [expect.objectContaining({ href: '/articles/def-33/', contingent: 'DEF' })] });
    expect(view('xyz-32').uncredited).toEqual({ sources: [], copies: [] });
  });
  it('a joint statement under one URL is a republication, not a copy', () => {
    expect(model.copies.pairs.map((p) => [p.original, p.copy, p.credit])).toEqual([['abc-31', 'def-33', 'none']]);
    expect(view('abc-35').alsoIn.map((a) => a.href)).toEqual(['/articles/def-36/']);
  });
  it('every article page offers a credit line, and an adaptation credits its original too', () => {
    expect(view('abc-31').credit.text).toBe('“Ferry crews strike over staffing”, The ABC contingent of Wide Net. https://abc.example/2026/11/abc-31. License: CC0-1.0.');
    expect(view('xyz-32').credit.text).toContain('Adapted from “Ferry crews strike over staffing”, The ABC contingent of Wide Net, https://abc.example/2026/11/abc-31.');
    expect(view('def-34').credit.html).toContain('Adapted from “<a href="https://elsewhere.example/ferry-analysis">');
  });
});

describe('replies and challenges', () => {
  it('the thread crosses contingents: a challenge answered, and one open, under one story', () => {
    const thread = view('abc-07').thread!;
    const flat = (n: typeof thread.root, depth = 0): string[] => [`${'  '.repeat(depth)}${n.href}${n.current ? ' (this)' : ''}${n.challenge ? ' challenge' : ''}`, ...n.replies.flatMap((r) => flat(r, depth + 1))];
    expect(flat(thread.root)).toEqual(['/articles/abc-04/', '  /articles/def-03/ challenge', '    /articles/abc-07/ (this)']);
    expect(flat(view('abc-04').thread!.root)).toEqual(['/articles/abc-04/ (this)', '  /articles/def-03/ challenge', '    /articles/abc-07/', '  /articles/xyz-38/ challenge']);
  });
  it('the contingent page counts challenges received, answered and open, with ages and the median time to answer', () => {
    const abc = contingentView(model, 'abc')!;
    expect(abc.challengeSummary).toEqual({ received: 3, answered: 1, open: 2, medianAnswer: 'less than a minute' });
    expect(abc.challenges.against.map((c) => [c.article.href, c.other.text, c.answered, c.age ?? c.answeredIn])).toEqual([
      ['/articles/abc-31/', 'XYZ Collective', false, '4 days'],
      ['/articles/abc-04/', 'DEF', true, 'less than a minute'],
      ['/articles/abc-04/', 'XYZ Collective', false, '10 hours'],
    ]);
  });
  it('the hub ranks contingents by open challenges', () => {
    expect(hubView(model).challenges).toEqual([
      { contingent: { text: 'ABC', href: '/contingents/abc/#challenges' }, received: 3, answered: 1, open: 2, oldestOpen: '4 days', medianAnswer: 'less than a minute' },
      { contingent: { text: 'XYZ Collective', href: '/contingents/xyz/#challenges' }, received: 0, answered: 0, open: 0, oldestOpen: '—', medianAnswer: '—' },
      { contingent: { text: 'DEF', href: '/contingents/def/#challenges' }, received: 0, answered: 0, open: 0, oldestOpen: '—', medianAnswer: '—' },
    ]);
  });
  it('the open-challenges edition keeps what has waited more than three days', () => {
    expect(model.result('open-challenges').entries.map((e) => e.article.id)).toEqual(['abc-31']);
  });
});

describe('statements of the whole network', () => {
  it('at exactly the quorum (2 of 3) an article is signed by its contingent and by the network, naming who endorsed', () => {
    const v = view('abc-01');
    expect(v.signature).toBe('The ABC contingent of Wide Net');
    expect(v.networkSignature).toBe('A statement of the whole network of Wide Net, endorsed by 2 of 3 contingents');
    expect(v.statement).toEqual({ reached: true, endorsed: ['ABC', 'XYZ Collective'], notEndorsed: ['DEF'], summary: '2 of 3 contingents endorse; a statement of the whole network needs 2 (67%).' });
  });
  it('one short of the quorum, it is only ever its contingent’s', () => {
    const v = view('def-12');
    expect(v.signature).toBe('The DEF contingent of Wide Net');
    expect(v.networkSignature).toBeUndefined();
    expect(v.statement).toMatchObject({ reached: false, endorsed: ['ABC'], notEndorsed: ['XYZ Collective', 'DEF'] });
    expect(model.includedBy('def-12').map((i) => i.edition.id)).not.toContain('statements');
  });
  it('edition listings sign each entry as its contingent, and add the network only at the quorum', () => {
    const signed = Object.fromEntries(editionPageView(model, 'statements', 1)!.entries.map((e) => [e.id, e.signedAs]));
    expect(signed).toEqual({
      'abc-01': 'The ABC contingent of Wide Net, and the whole network of Wide Net (2 of 3 contingents)',
      'xyz-02': 'Signed by the XYZ Collective, a contingent of Wide Net, and the whole network of Wide Net (2 of 3 contingents)',
    });
    const commons = [1, 2, 3, 4, 5, 6, 7, 8].flatMap((page) => editionPageView(model, 'commons', page)?.entries ?? []);
    expect(commons.find((e) => e.id === 'def-12')!.signedAs).toBe('The DEF contingent of Wide Net');
  });
  it('the statements feed carries only quorum articles, each credited to its contingent', () => {
    const items = [...editionFeedDocument(model, 'statements').items];
    expect(items.map((i) => i.id)).toEqual(['https://example.org/articles/abc-01/', 'https://example.org/articles/xyz-02/']);
    expect(items.map((i) => i.source?.title)).toEqual(['The ABC contingent of Wide Net', 'Signed by the XYZ Collective, a contingent of Wide Net']);
  });
});

describe('signed rating files on /sources/', () => {
  it('a tampered file and a rollback show as rejected, with the reason and the copy kept', () => {
    const rows = sourceRows(db.sources).filter((r) => r.health === 'rejected');
    expect(rows.map((r) => [r.owner, r.error?.split(':')[0], r.kept])).toEqual([
      ['abc-desk', 'signature https', 'keeping the last good copy, accepted Nov 20, 2026, 07:00 UTC'],
      ['xyz-desk', 'rollback', 'keeping the last good copy, accepted Nov 20, 2026, 06:00 UTC'],
    ]);
    expect(hubView(model).sources.failing.map((r) => r.owner)).toEqual(expect.arrayContaining(['abc-desk', 'xyz-desk']));
  });
});
