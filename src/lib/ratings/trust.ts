// Trust between raters: who trusts whom (the `trust` lists of rating files), and rater weights
// derived from seed raters by propagating that trust, personalized-PageRank style.
import { normalizeRef } from '../urls/articleRefs.ts';
import type { TrustEntry, TrustWeights } from '../config/schema.ts';

/**
 * Each step of trust passes on this share of the voucher's weight; the rest restarts at the seeds.
 * A rater trusted fully by a seed of weight 1 gets 0.5, one step further 0.25.
 */
export const TRUST_DAMPING = 0.5;

/** A rater as the trust graph knows it: its id and its rating file's URL. */
export interface TrustRater {
  id: string;
  url: string;
}

/** One declared trust, as shown on rater pages: `id` is set when the URL is a rater this network knows. */
export interface TrustLink {
  url: string;
  id?: string;
  w: number;
  note?: string;
}

/** Who trusts whom, built once per database: a compact graph over raters sorted by id. */
export interface TrustGraph {
  /** Rater ids, sorted: node i is ids[i]. */
  readonly ids: readonly string[];
  readonly indexOf: ReadonlyMap<string, number>;
  /** Out-edges of node i are outTo/outShare[outStart[i] .. outStart[i+1]), sorted by target. */
  readonly outStart: Int32Array;
  readonly outTo: Int32Array;
  /** `w / max(1, Σ w)` over the voucher's live entries: trusting many dilutes each. */
  readonly outShare: Float64Array;
  /** The live trust a rater declares (w > 0), known raters and unknown URLs alike, in file order. */
  trusts(id: string): readonly TrustLink[];
  /** The known raters that trust this one (w > 0), sorted by id. */
  trustedBy(id: string): readonly TrustLink[];
  /** The rater id a rating-file URL belongs to, after URL normalization. */
  raterAt(url: string): string | undefined;
}

const NONE: readonly TrustLink[] = Object.freeze([]);

/**
 * Builds the trust graph from raters and their stored rating files. Self-trust is dropped, `w: 0`
 * withdraws, and a URL that is no known rater still counts in its voucher's total, so mass
 * endorsement dilutes whether or not the endorsed files were fetched.
 *
 * @example
 * const graph = buildTrustGraph([{ id: 'alice', url: 'https://a.example/r.json' }, { id: 'carol', url: 'https://c.example/r.json' }],
 *   [{ rater: 'alice', trust: [{ rater: 'https://c.example/r.json', w: 1 }] }]);
 * graph.trustedBy('carol') // [{ url: 'https://a.example/r.json', id: 'alice', w: 1 }]
 */
export function buildTrustGraph(raters: readonly TrustRater[], files: readonly { rater: string; trust?: readonly TrustEntry[] }[]): TrustGraph {
  const ids = [...new Set(raters.map((r) => r.id))].sort();
  const indexOf = new Map(ids.map((id, i) => [id, i]));
  const urlOf = new Map<string, string>();
  const byUrl = new Map<string, string>();
  const nodeByUrl = new Map<string, number>();
  for (const r of raters) {
    const url = normalizeRef(r.url);
    if (!urlOf.has(r.id)) urlOf.set(r.id, url);
    if (!byUrl.has(url)) {
      byUrl.set(url, r.id);
      nodeByUrl.set(url, indexOf.get(r.id)!);
    }
  }
  // Stored trust URLs are already normalized, so most look-ups hit at once; the rest are normalized once each.
  const normalized = new Map<string, string>();
  const urlKey = (url: string) => {
    if (byUrl.has(url)) return url;
    let key = normalized.get(url);
    if (key === undefined) normalized.set(url, (key = normalizeRef(url)));
    return key;
  };

  // Edges of every voucher, the last entry per URL winning: `stamp` marks the targets already seen
  // in the current file, so no per-file map is needed for the (usual) known targets.
  const n = ids.length;
  const nodeAt = (raw: string) => nodeByUrl.get(raw) ?? nodeByUrl.get(urlKey(raw)) ?? -1;
  const from: number[] = [];
  const to: number[] = [];
  const weight: number[] = [];
  const totals = new Float64Array(n);
  const stamp = new Int32Array(n).fill(-1);
  const position = new Int32Array(n);
  const vouchers = new Map<string, readonly TrustEntry[]>();
  files.forEach((file, f) => {
    const i = indexOf.get(file.rater);
    if (i === undefined || !file.trust?.length || vouchers.has(file.rater)) return;
    vouchers.set(file.rater, file.trust);
    const rowStart = from.length;
    let unknown: Map<string, number> | undefined;
    for (const t of file.trust) {
      const j = nodeAt(t.rater);
      if (j < 0) (unknown ??= new Map()).set(urlKey(t.rater), t.w);
      else if (j === i) continue;
      else if (stamp[j] === f) weight[position[j]!] = t.w;
      else {
        stamp[j] = f;
        position[j] = from.length;
        from.push(i);
        to.push(j);
        weight.push(t.w);
      }
    }
    // Drop withdrawn edges (w 0), clamp, and total the voucher's live trust, unknown URLs included.
    let kept = rowStart;
    for (let e = rowStart; e < from.length; e++) {
      if (!(weight[e]! > 0)) continue;
      to[kept] = to[e]!;
      weight[kept] = Math.min(1, weight[e]!);
      totals[i]! += weight[kept]!;
      kept++;
    }
    from.length = to.length = weight.length = kept;
    for (const w of unknown?.values() ?? []) if (w > 0) totals[i]! += Math.min(1, w);
  });

  // Compressed rows: count, prefix-sum, then place each edge; targets sorted within a row.
  const outStart = new Int32Array(n + 1);
  for (const i of from) outStart[i + 1]!++;
  for (let i = 0; i < n; i++) outStart[i + 1]! += outStart[i]!;
  const fill = outStart.slice(0, n);
  const outTo = new Int32Array(from.length);
  const outShare = new Float64Array(from.length);
  for (let e = 0; e < from.length; e++) {
    const i = from[e]!;
    const k = fill[i]!++;
    outTo[k] = to[e]!;
    outShare[k] = weight[e]! / Math.max(1, totals[i]!);
  }
  for (let i = 0; i < n; i++) sortRow(outTo, outShare, outStart[i]!, outStart[i + 1]!);

  // What rater pages show is worked out on demand, from the same entries and the same rules.
  const linksOf = (voucher: string): TrustLink[] => {
    const last = new Map<string, TrustEntry>();
    for (const t of vouchers.get(voucher) ?? []) last.set(urlKey(t.rater), t);
    const links: TrustLink[] = [];
    for (const [url, t] of last) {
      const id = byUrl.get(url);
      if (!(t.w > 0) || id === voucher) continue;
      const link: TrustLink = { url, w: Math.min(1, t.w) };
      if (id !== undefined) link.id = id;
      if (t.note !== undefined) link.note = t.note;
      links.push(link);
    }
    return links;
  };
  let incoming: Map<string, TrustLink[]> | undefined;
  return {
    ids,
    indexOf,
    outStart,
    outTo,
    outShare,
    trusts: (id) => (vouchers.has(id) ? linksOf(id) : NONE),
    trustedBy(id) {
      if (!incoming) {
        incoming = new Map();
        for (const voucher of [...vouchers.keys()].sort()) {
          for (const link of linksOf(voucher)) {
            if (link.id === undefined) continue;
            const back: TrustLink = { url: urlOf.get(voucher)!, id: voucher, w: link.w, ...(link.note !== undefined && { note: link.note }) };
            const list = incoming.get(link.id);
            if (list) list.push(back);
            else incoming.set(link.id, [back]);
          }
        }
      }
      return incoming.get(id) ?? NONE;
    },
    raterAt: (url) => byUrl.get(normalizeRef(url)),
  };
}

// Insertion sort of one row by target: rows are short (a rater trusts tens of others, at most MAX_TRUST).
function sortRow(to: Int32Array, share: Float64Array, start: number, end: number): void {
  for (let a = start + 1; a < end; a++) {
    const t = to[a]!;
    const s = share[a]!;
    let b = a - 1;
    while (b >= start && to[b]! > t) {
      to[b + 1] = to[b]!;
      share[b + 1] = share[b]!;
      b--;
    }
    to[b + 1] = t;
    share[b + 1] = s;
  }
}

/** Weights derived from seeds: what an edition with `raters: { trust: … }` counts. */
export interface DerivedWeights {
  /** The weight a rater counts with: a seed's own weight, else the trust that reached it (≤ cap), else 0. */
  weight(id: string): number;
  /** The strongest path of trust from a seed to the rater, seed first: ['alice', 'carol', 'dave']; undefined when unreached. */
  path(id: string): string[] | undefined;
  /** Every rater with a weight above 0, sorted by id. */
  readonly counted: readonly { id: string; weight: number }[];
}

/**
 * Propagates trust from the seeds through at most `depth` steps. A rater's weight is the sum over
 * every walk of trust from a seed (seed weight × share of each step × TRUST_DAMPING per step),
 * capped at `cap`: personalized PageRank with restart to the seeds, cut at `depth`, in the units
 * of the seeds' own weights. Only positive trust flows; walks stop at a seed, so trusting a seed back
 * earns nothing; raters no seed reaches weigh 0.
 * Deterministic, and linear in depth × edges.
 *
 * @example
 * deriveWeights(graph, { seeds: { alice: 1 }, depth: 3, cap: 1 }).weight('carol') // 0.5 when alice trusts only carol, fully
 */
export function deriveWeights(graph: TrustGraph, spec: TrustWeights): DerivedWeights {
  const n = graph.ids.length;
  const { outStart, outTo, outShare } = graph;
  const seed = new Float64Array(n);
  const isSeed = new Uint8Array(n);
  for (const [id, w] of Object.entries(spec.seeds)) {
    const i = graph.indexOf.get(id);
    if (i === undefined) continue;
    seed[i] = w;
    isSeed[i] = 1;
  }

  // Walk sums, one step at a time: mass[k] is what arrives after exactly k steps.
  let mass = Float64Array.from(seed);
  const total = new Float64Array(n);
  // The strongest single path, by layers: best[j] after k steps, and where it was set.
  let best = Float64Array.from(seed);
  const predAt: Int32Array[] = [];
  const setAt: Uint8Array[] = [new Uint8Array(n)];
  for (let k = 1; k <= spec.depth; k++) {
    const next = new Float64Array(n);
    const nextBest = Float64Array.from(best);
    const pred = new Int32Array(n).fill(-1);
    const layer = Uint8Array.from(setAt[k - 1]!);
    for (let i = 0; i < n; i++) {
      const m = mass[i]!;
      const b = best[i]!;
      if (m <= 0 && b <= 0) continue;
      for (let e = outStart[i]!; e < outStart[i + 1]!; e++) {
        const j = outTo[e]!;
        const step = TRUST_DAMPING * outShare[e]!;
        // Trust that reaches a seed stops there: a seed counts with the weight the edition gives it.
        if (!isSeed[j]) next[j]! += m * step;
        if (!isSeed[j] && b * step > nextBest[j]!) {
          nextBest[j] = b * step;
          pred[j] = i;
          layer[j] = k;
        }
      }
    }
    for (let j = 0; j < n; j++) total[j]! += next[j]!;
    mass = next;
    best = nextBest;
    predAt.push(pred);
    setAt.push(layer);
  }

  const weights = new Float64Array(n);
  const counted: { id: string; weight: number }[] = [];
  for (let i = 0; i < n; i++) {
    weights[i] = isSeed[i] ? seed[i]! : Math.min(spec.cap, total[i]!);
    if (weights[i]! > 0) counted.push({ id: graph.ids[i]!, weight: weights[i]! });
  }
  return {
    weight: (id) => {
      const i = graph.indexOf.get(id);
      return i === undefined ? 0 : weights[i]!;
    },
    path: (id) => {
      let j = graph.indexOf.get(id);
      if (j === undefined || !(weights[j]! > 0)) return undefined;
      const path = [graph.ids[j]!];
      let k = spec.depth;
      while (!isSeed[j]) {
        const layer: number = setAt[k]![j]!;
        if (layer === 0) return undefined;
        j = predAt[layer - 1]![j]!;
        path.unshift(graph.ids[j]!);
        k = layer - 1;
      }
      return path;
    },
    counted,
  };
}
