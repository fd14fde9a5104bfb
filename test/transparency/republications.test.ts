import { describe, expect, it } from 'vitest';
import { foldRepublications } from '../../src/lib/transparency/republications.ts';

// Items as listings hold them: an article id, its copies, and the contingent that carries it.
const item = (id: string, alsoIn?: string[]) => ({ article: { id, contingent: id.split('-')[0]!, ...(alsoIn && { alsoIn }) } });
const shown = (lines: ReturnType<typeof foldRepublications<ReturnType<typeof item>>>) => lines.map((l) => [l.item.article.id, l.copies.map((c) => c.article.id)]);

describe('foldRepublications', () => {
  it.each([
    ['no copies: everything passes through in order', [item('a-1'), item('b-2'), item('c-3')], [['a-1', []], ['b-2', []], ['c-3', []]]],
    ['two copies: one line, at the place of the first', [item('a-1'), item('abc-9', ['def-9']), item('b-2'), item('def-9', ['abc-9'])], [['a-1', []], ['abc-9', ['def-9']], ['b-2', []]]],
    ['three copies fold into one line', [item('x-5', ['y-5', 'z-5']), item('z-5', ['x-5', 'y-5']), item('y-5', ['x-5', 'z-5'])], [['x-5', ['z-5', 'y-5']]]],
    ['a copy whose twin is not in the list stands alone', [item('abc-9', ['def-9']), item('a-1')], [['abc-9', []], ['a-1', []]]],
    ['an empty list', [], []],
  ])('%s', (_, items, expected) => expect(shown(foldRepublications(items))).toEqual(expected));

  it('shows the publisher’s own copy when the list holds it, at the place of the first', () => {
    const items = [item('a-1'), item('abc-9', ['tenants-9']), item('tenants-9', ['abc-9'])];
    expect(shown(foldRepublications(items, (a) => a.contingent === 'tenants'))).toEqual([['a-1', []], ['tenants-9', ['abc-9']]]);
  });
});
