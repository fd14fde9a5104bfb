// Versions: word-level diffs (jsdiff) of plain text, numbering, and which version a rating saw.
import { describe, expect, it } from 'vitest';
import { diffHtml, diffText, numberRevisions, versionAt, type DiffPart } from '../../src/lib/transparency/revisionDiff.ts';
import type { Revision } from '../../src/lib/config/schema.ts';

const rev = (at: string, html: string, title = 'T'): Revision => ({ at, hash: at, title, summary: '', html });

describe('diffText', () => {
  it.each<[string, string, string, DiffPart[], number, number]>([
    ['identical texts', 'The union voted.', 'The union voted.', [{ kind: 'same', text: 'The union voted.' }], 0, 0],
    [
      'one number corrected',
      'The union voted 210 to 9.',
      'The union voted 212 to 9.',
      [
        { kind: 'same', text: 'The union voted ' },
        { kind: 'removed', text: '210' },
        { kind: 'added', text: '212' },
        { kind: 'same', text: ' to 9.' },
      ],
      1,
      1,
    ],
    ['a sentence added', 'Crews struck.', 'Crews struck. The council meets Thursday.', [{ kind: 'same', text: 'Crews struck. ' }, { kind: 'added', text: 'The council meets Thursday.' }], 0, 4],
    ['a sentence removed', 'Crews struck. Buses ran late.', 'Crews struck.', [{ kind: 'same', text: 'Crews struck.' }, { kind: 'removed', text: ' Buses ran late.' }], 3, 0],
    ['spacing alone is no change', 'Crews  struck.', 'Crews struck.', [{ kind: 'same', text: 'Crews struck.' }], 0, 0],
    ['from nothing', '', 'New text.', [{ kind: 'added', text: 'New text.' }], 0, 2],
  ])('%s', (_, before, after, parts, removed, added) => {
    const diff = diffText(before, after);
    expect(diff.parts).toEqual(parts);
    expect([diff.removed, diff.added]).toEqual([removed, added]);
  });

  it('keeps every word of both texts: same + removed is the old text, same + added the new one', () => {
    const before = 'Ferry crews stopped work at six on Tuesday.\n\nThe union called the offer an insult.';
    const after = 'Ferry crews walked off the job at six on Tuesday morning.\n\nThe union called it an insult.';
    const { parts } = diffText(before, after);
    const words = (s: string) => s.match(/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu)?.join(' ');
    expect(words(parts.filter((p) => p.kind !== 'added').map((p) => p.text).join(''))).toBe(words(before));
    expect(words(parts.filter((p) => p.kind !== 'removed').map((p) => p.text).join(''))).toBe(words(after));
  });
});

describe('diffHtml', () => {
  it.each([
    ['markup alone is no change', '<p>Crews <b>struck</b>.</p>', '<p>Crews <i>struck</i>.</p>', 0, 0],
    ['entities are text', '<p>AT&amp;T workers</p>', '<p>AT&amp;T staff</p>', 1, 1],
    ['paragraphs keep their break', '<p>One.</p><p>Two.</p>', '<p>One.</p><p>Two, three.</p>', 0, 1],
  ])('%s', (_, before, after, removed, added) => {
    const diff = diffHtml(before, after);
    expect([diff.removed, diff.added]).toEqual([removed, added]);
  });
  it('compares plain text, one blank line between paragraphs', () => {
    expect(diffHtml('<p>One.</p><p>Two.</p>', '<p>One.</p><p>Two.</p>').parts).toEqual([{ kind: 'same', text: 'One.\n\nTwo.' }]);
  });
});

describe('numberRevisions and versionAt', () => {
  const article = {
    firstSeen: '2026-11-01T00:00:00Z',
    // Stored newest first, as the aggregator may keep them.
    revisions: [rev('2026-11-03T00:00:00Z', '<p>v2</p>'), rev('2026-11-02T00:00:00Z', '<p>v1</p>')],
  };
  it('numbers revisions oldest first, each current from the previous replacement', () => {
    expect(numberRevisions(article).map((r) => [r.number, r.from, r.at, r.html])).toEqual([
      [1, '2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z', '<p>v1</p>'],
      [2, '2026-11-02T00:00:00Z', '2026-11-03T00:00:00Z', '<p>v2</p>'],
    ]);
  });
  it.each<[string, number | undefined]>([
    ['2026-11-01T12:00:00Z', 1],
    ['2026-11-02T00:00:00Z', 2],
    ['2026-11-02T23:59:59Z', 2],
    ['2026-11-03T00:00:00Z', undefined],
    ['2026-11-20T00:00:00Z', undefined],
    ['2026-11-02T01:00:00+02:00', 1],
    ['not a date', undefined],
  ])('a rating at %s saw version %s', (at, version) => expect(versionAt(article, at)).toBe(version));
  it('an article never revised has no earlier version', () => {
    expect(versionAt({ firstSeen: article.firstSeen, revisions: [] }, '2026-10-01T00:00:00Z')).toBeUndefined();
  });
});
