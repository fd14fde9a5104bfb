import { describe, expect, it } from 'vitest';
import { discoveredRaterId, nextToDiscover } from '../../src/lib/ratings/discovery.ts';

const t = (rater: string, w: number) => ({ rater, w });

describe('nextToDiscover', () => {
  it.each<[string, Parameters<typeof nextToDiscover>[0], string[], number, string[]]>([
    ['new URLs, normalized, known ones left out', [{ trust: [t('https://C.example/r.json#x', 1), t('https://a.example/r.json', 1)] }], ['https://a.example/r.json'], 10, ['https://c.example/r.json']],
    ['withdrawn trust (w 0) fetches nothing', [{ trust: [t('https://c.example/r.json', 0)] }], [], 10, []],
    ['the last entry for a URL wins', [{ trust: [t('https://c.example/r.json', 1), t('https://c.example/r.json', 0)] }], [], 10, []],
    // d is vouched for by two files (0.5 + 1), c by one file that trusts two (0.5), e by a file trusting four (0.25).
    [
      'most trusted first, then by URL, at most the budget',
      [{ trust: [t('https://c.example/r', 1), t('https://d.example/r', 1)] }, { trust: [t('https://d.example/r', 1)] }, { trust: ['e', 'f', 'g', 'h'].map((h) => t(`https://${h}.example/r`, 1)) }],
      [],
      3,
      ['https://d.example/r', 'https://c.example/r', 'https://e.example/r'],
    ],
    ['no budget, nothing', [{ trust: [t('https://c.example/r.json', 1)] }], [], 0, []],
    ['a file without trust', [{}], [], 5, []],
  ])('%s', (_name, frontier, known, budget, expected) => {
    expect(nextToDiscover(frontier, new Set(known), budget)).toEqual(expected);
  });
});

describe('discoveredRaterId', () => {
  it('is the host and file name as a slug and 8 hex digits, the same for the same file however its URL is written', () => {
    const id = discoveredRaterId('https://www.Carol.Example/ratings.json', new Set());
    expect(id).toMatch(/^carol-example-ratings-[0-9a-f]{8}$/);
    expect(discoveredRaterId('http://127.0.0.1:4319/ratings/night-shift.json', new Set())).toMatch(/^127-0-0-1-night-shift-[0-9a-f]{8}$/);
    expect(discoveredRaterId('https://carol.example/', new Set())).toMatch(/^carol-example-[0-9a-f]{8}$/);
    expect(discoveredRaterId('https://www.carol.example/ratings.json#top', new Set())).toBe(id);
    expect(discoveredRaterId('https://carol.example/other.json', new Set())).not.toBe(id);
  });

  it('never takes an id already in use', () => {
    const id = discoveredRaterId('https://carol.example/ratings.json', new Set());
    const other = discoveredRaterId('https://carol.example/ratings.json', new Set([id]));
    expect(other).toMatch(/^carol-example-ratings-[0-9a-f]{8}$/);
    expect(other).not.toBe(id);
  });

  it('is a valid id for a host of any shape', () => {
    for (const url of ['http://127.0.0.1:4319/r.json', 'https://xn--caf-dma.example/r', `https://${'a'.repeat(80)}.example/r`]) {
      expect(discoveredRaterId(url, new Set())).toMatch(/^[a-z0-9][a-z0-9-]{0,63}$/);
    }
  });
});
