import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateEdition } from '../../src/lib/editions/evaluateEdition.ts';
import { parseRatings } from '../../src/lib/ratings/parseRatings.ts';
import { buildTrustGraph, deriveWeights, type TrustRater } from '../../src/lib/ratings/trust.ts';
import { DEFAULT_SCALES, hoursAgo, makeDb, makeEdition, raterUrl } from '../helpers/makeDb.ts';

/** A graph from `{ voucher: [[trusted, w], …] }`; every name is a rater at its test URL. */
function graphOf(trust: Record<string, [string, number][]>, extra: string[] = []) {
  const names = new Set([...Object.keys(trust), ...Object.values(trust).flatMap((l) => l.map(([t]) => t)), ...extra]);
  const raters: TrustRater[] = [...names].filter((n) => !n.startsWith('https://')).map((id) => ({ id, url: raterUrl(id) }));
  const files = Object.entries(trust).map(([rater, list]) => ({ rater, trust: list.map(([t, w]) => ({ rater: t.startsWith('https://') ? t : raterUrl(t), w })) }));
  return buildTrustGraph(raters, files);
}

const weightsOf = (trust: Record<string, [string, number][]>, seeds: Record<string, number>, depth = 3, cap = 1) => {
  const derived = deriveWeights(graphOf(trust, Object.keys(seeds)), { seeds, depth, cap });
  return (id: string) => derived.weight(id);
};

// Expected weights worked out by hand: each step passes on half (TRUST_DAMPING) of the voucher's
// weight times its share, `w / max(1, Σ w)` of its live trust.
describe('deriveWeights: table', () => {
  it.each<[string, Record<string, [string, number][]>, Record<string, number>, number, number, Record<string, number>]>([
    ['a seed keeps its own weight', { alice: [['carol', 1]] }, { alice: 1, bob: 0.7 }, 3, 1, { alice: 1, bob: 0.7 }],
    ['one step passes on half', { alice: [['carol', 1]] }, { alice: 1 }, 3, 1, { carol: 0.5 }],
    ['two steps pass on a quarter', { alice: [['carol', 1]], carol: [['dave', 1]] }, { alice: 1 }, 3, 1, { carol: 0.5, dave: 0.25 }],
    ['partial trust: w 0.5 of a single entry', { alice: [['carol', 0.5]] }, { alice: 1 }, 3, 1, { carol: 0.25 }],
    ['mass endorsement dilutes', { alice: [['c1', 1], ['c2', 1], ['c3', 1], ['c4', 1]] }, { alice: 1 }, 3, 1, { c1: 0.125, c4: 0.125 }],
    ['an unknown URL still takes its share', { alice: [['carol', 1], ['https://nobody.example/r.json', 1]] }, { alice: 1 }, 3, 1, { carol: 0.25 }],
    ['the seed weight scales what it passes on', { bob: [['carol', 1]] }, { bob: 0.7 }, 3, 1, { carol: 0.35 }],
    ['two seeds add up', { alice: [['carol', 1]], bob: [['carol', 1]] }, { alice: 1, bob: 0.7 }, 3, 1, { carol: 0.85 }],
    ['the cap holds', { alice: [['carol', 1]], bob: [['carol', 1]] }, { alice: 1, bob: 0.7 }, 3, 0.25, { carol: 0.25 }],
    ['depth 1 stops after one step', { alice: [['carol', 1]], carol: [['dave', 1]] }, { alice: 1 }, 1, 1, { carol: 0.5, dave: 0 }],
    ['depth 2: nothing three steps away', { a: [['b', 1]], b: [['c', 1]], c: [['d', 1]] }, { a: 1 }, 2, 1, { b: 0.5, c: 0.25, d: 0 }],
    ['withdrawal: w 0 passes nothing', { alice: [['carol', 0]] }, { alice: 1 }, 3, 1, { carol: 0 }],
    // carol: 0.5 (step 1) + 0.125 (alice → carol → dave → carol, step 3); dave: 0.25 (step 2).
    ['a cycle counts its walks up to depth', { alice: [['carol', 1]], carol: [['dave', 1]], dave: [['carol', 1]] }, { alice: 1 }, 3, 1, { carol: 0.625, dave: 0.25 }],
    // Walks stop at a seed: carol earns nothing by trusting alice back, and bob's trust of alice changes no one.
    ['trust back to a seed stops there', { alice: [['carol', 1]], carol: [['alice', 1]] }, { alice: 1 }, 3, 1, { alice: 1, carol: 0.5 }],
    ['a seed trusting a seed adds nothing to it', { alice: [['bob', 1]], bob: [['carol', 1]] }, { alice: 1, bob: 0.5 }, 3, 1, { bob: 0.5, carol: 0.25 }],
    ['self-trust is ignored', { alice: [['carol', 1]], carol: [['carol', 1], ['dave', 1]] }, { alice: 1 }, 3, 1, { carol: 0.5, dave: 0.25 }],
    ['nobody reached by a seed weighs 0', { x: [['y', 1]], y: [['x', 1]] }, { alice: 1 }, 3, 1, { x: 0, y: 0 }],
    ['a seed nobody trusts and who trusts no one still counts', { alice: [['carol', 1]] }, { zed: 0.4 }, 3, 1, { zed: 0.4, carol: 0 }],
  ])('%s', (_name, trust, seeds, depth, cap, expected) => {
    const weight = weightsOf(trust, seeds, depth, cap);
    for (const [id, w] of Object.entries(expected)) expect(weight(id), id).toBeCloseTo(w, 12);
  });

  it('the last entry for a URL wins: trust given, then withdrawn', () => {
    const graph = buildTrustGraph(
      [{ id: 'alice', url: raterUrl('alice') }, { id: 'carol', url: raterUrl('carol') }],
      [{ rater: 'alice', trust: [{ rater: raterUrl('carol'), w: 1 }, { rater: 'https://CAROL.example/ratings.json#x', w: 0 }] }],
    );
    expect(deriveWeights(graph, { seeds: { alice: 1 }, depth: 3, cap: 1 }).weight('carol')).toBe(0);
    expect(graph.trustedBy('carol')).toEqual([]);
  });
});

describe('deriveWeights: Sybil resistance', () => {
  // 50 raters that all trust each other fully, and that no seed trusts.
  const sybils = Array.from({ length: 50 }, (_, i) => `s${i}`);
  const clique: Record<string, [string, number][]> = Object.fromEntries(sybils.map((s) => [s, sybils.filter((o) => o !== s).map((o): [string, number] => [o, 1])]));
  const honest = { alice: [['carol', 1]] as [string, number][], carol: [['dave', 1]] as [string, number][] };

  it('a clique of 50 no seed reaches weighs 0, and the honest weights do not move', () => {
    const weight = weightsOf({ ...honest, ...clique }, { alice: 1 });
    for (const s of sybils) expect(weight(s)).toBe(0);
    expect([weight('carol'), weight('dave')]).toEqual([0.5, 0.25]);
  });

  it('the clique trusting the honest raters changes nothing either (no restart at the clique)', () => {
    const toHonest = Object.fromEntries(sybils.map((s) => [s, [...clique[s]!, ['carol', 1], ['dave', 1]] as [string, number][]]));
    const weight = weightsOf({ ...honest, ...toHonest }, { alice: 1 });
    expect([weight('carol'), weight('dave')]).toEqual([0.5, 0.25]);
  });

  it('changes no edition', () => {
    const articles = [
      { id: 'a1', published: hoursAgo(1) },
      { id: 'a2', published: hoursAgo(2) },
      { id: 'a3', published: hoursAgo(3) },
    ];
    const edition = makeEdition({ id: 'trusted', raters: { trust: { seeds: { alice: 1 }, depth: 3, cap: 0.25 } }, include: [{ scale: 'newsworthy', gte: 3.2 }] });
    const ratings = { alice: [['a1', 'newsworthy', 5]], carol: [['a2', 'newsworthy', 5]] } as const;
    const withClique = makeDb({
      articles,
      discovered: ['carol', 'dave', ...sybils],
      trust: { ...honest, ...clique },
      ratings: { ...ratings, ...Object.fromEntries(sybils.map((s) => [s, [['a3', 'newsworthy', 5]]])) } as never,
    });
    const without = makeDb({ articles, discovered: ['carol', 'dave'], trust: honest, ratings: ratings as never });
    const ids = (db: typeof without) => evaluateEdition(db, edition, new Date(hoursAgo(0))).entries.map((e) => [e.article.id, e.score, e.ratings.map((r) => `${r.rater}:${r.weight}`)]);
    // a1: (1·5 + 3) / 2 = 4; a2: carol capped at 0.25: (0.25·5 + 3) / 1.25 = 3.4; a3: neutral 3, out.
    expect(ids(withClique)).toEqual([
      ['a1', undefined, ['alice:1']],
      ['a2', undefined, ['carol:0.25']],
    ]);
    expect(ids(withClique)).toEqual(ids(without));
  });

  it('a rater reached only at depth 2 weighs less than its voucher', () => {
    const weight = weightsOf({ alice: [['carol', 1], ['erin', 1]], carol: [['dave', 0.8]], erin: [['frank', 1]] }, { alice: 1 });
    expect(weight('dave')).toBeLessThan(weight('carol'));
    expect(weight('frank')).toBeLessThan(weight('erin'));
  });

  it('property: no rater derives more than its cap, and no one past depth gets weight', () => {
    const names = Array.from({ length: 12 }, (_, i) => `r${i}`);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 11 }), fc.integer({ min: 0, max: 11 }), fc.double({ min: 0, max: 1, noNaN: true })), { maxLength: 60 }),
        fc.double({ min: 0.01, max: 2, noNaN: true }),
        fc.integer({ min: 1, max: 4 }),
        (edges, cap, depth) => {
          const trust: Record<string, [string, number][]> = {};
          for (const [a, b, w] of edges) (trust[names[a]!] ??= []).push([names[b]!, w]);
          const graph = graphOf(trust, names);
          const derived = deriveWeights(graph, { seeds: { r0: 1 }, depth, cap });
          // Hop distance from r0 over live edges (w > 0), by breadth-first search.
          const dist = new Map([['r0', 0]]);
          for (let frontier = ['r0']; frontier.length; ) {
            const next: string[] = [];
            for (const f of frontier) for (const l of graph.trusts(f)) if (l.id && !dist.has(l.id)) (dist.set(l.id, dist.get(f)! + 1), next.push(l.id));
            frontier = next;
          }
          for (const n of names.slice(1)) {
            expect(derived.weight(n)).toBeLessThanOrEqual(cap);
            if ((dist.get(n) ?? Infinity) > depth) expect(derived.weight(n)).toBe(0);
            const path = derived.path(n);
            if (derived.weight(n) === 0) continue;
            // The path is a real chain of live trust from the seed, at most `depth` steps long.
            expect(path![0]).toBe('r0');
            expect(path!.at(-1)).toBe(n);
            expect(path!.length - 1).toBeLessThanOrEqual(depth);
            for (let i = 1; i < path!.length; i++) expect(graph.trusts(path![i - 1]!).some((l) => l.id === path![i])).toBe(true);
          }
        },
      ),
    );
  });
});

describe('deriveWeights: paths', () => {
  it.each<[string, Record<string, [string, number][]>, Record<string, number>, string, string[] | undefined]>([
    ['a chain', { alice: [['carol', 1]], carol: [['dave', 1]] }, { alice: 1 }, 'dave', ['alice', 'carol', 'dave']],
    ['the strongest of two paths: bob 0.7 → dave beats alice → carol → dave', { alice: [['carol', 1]], carol: [['dave', 1]], bob: [['dave', 1]] }, { alice: 1, bob: 0.7 }, 'dave', ['bob', 'dave']],
    ['a seed is its own path', { alice: [['carol', 1]] }, { alice: 1 }, 'alice', ['alice']],
    ['unreached: no path', { alice: [['carol', 1]] }, { alice: 1 }, 'dave', undefined],
    ['a longer path through a cycle is never the strongest', { alice: [['carol', 1]], carol: [['dave', 1]], dave: [['carol', 1]] }, { alice: 1 }, 'carol', ['alice', 'carol']],
  ])('%s', (_name, trust, seeds, id, expected) => {
    expect(deriveWeights(graphOf(trust, ['dave']), { seeds, depth: 3, cap: 1 }).path(id)).toEqual(expected);
  });
});

describe('trust in rating files', () => {
  const opts = { rater: 'alice', contingent: undefined, url: 'https://alice.example/ratings.json', format: 'json' as const, scales: DEFAULT_SCALES, sha256: 'x' };
  const file = (trust: unknown[]) => JSON.stringify({ format: 'widenet-ratings/1', ratings: [], trust });

  it('keeps valid entries, normalized, the last one per URL, and reports the rest by row', () => {
    const { stored, problems } = parseRatings(
      file([
        { rater: 'https://Carol.example/ratings.json#me', w: 1, note: 'Careful  with\nsources' },
        { rater: 'https://dave.example/r.csv', w: 1.5 },
        { rater: 'ftp://erin.example/r.json', w: 1 },
        { rater: 'https://alice.example/ratings.json', w: 1 },
        { rater: 'https://dave.example/r.csv', w: 0.4 },
        { rater: 'https://carol.example/ratings.json', w: 0 },
      ]),
      opts,
    );
    expect(stored.trust).toEqual([
      { rater: 'https://carol.example/ratings.json', w: 0 },
      { rater: 'https://dave.example/r.csv', w: 0.4 },
    ]);
    expect(problems).toEqual([
      { row: 'trust[1]', message: 'w: Too big: expected number to be <=1' },
      { row: 'trust[2]', message: 'rater: expected an http:// or https:// URL' },
      { row: 'trust[3]', message: 'rater: a rating file cannot trust itself; remove this entry' },
    ]);
  });

  it('a file without trust stores none (stored files of raters without trust do not change)', () => {
    expect('trust' in parseRatings(file([]), opts).stored).toBe(false);
  });
});
