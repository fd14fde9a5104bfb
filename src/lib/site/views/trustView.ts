// View models of trust: who counted in an edition and why (the path of trust), and a rater's trust
// both ways. A discovered rater is named by its host, the one thing about it that is verified.
import { formatNumber } from '../../editions/describeRule.ts';
import type { EditionEntry } from '../../editions/evaluateEdition.ts';
import type { LinkView } from './editionView.ts';
import { plural } from './format.ts';
import type { SiteModel } from '../siteModel.ts';
import { nameKey } from '../../config/names.ts';

export interface RaterLabel extends LinkView {
  /** Found through trust, not listed in raters.yaml. */
  discovered: boolean;
}

/**
 * How pages name a rater: its name from raters.yaml, or for a discovered rater its file's host and
 * the name the file gives itself, in quotes (unverified), unless that name is a contingent's or a
 * listed rater's: a discovered rater never borrows a name the network shows for someone else.
 *
 * @example raterLabel(model, 'alice') // { text: 'Alice', href: '/raters/alice/', discovered: false }
 * @example raterLabel(model, 'carol-example-3f9a1c2b') // { text: 'carol.example (“Carol”)', …, discovered: true }
 */
export function raterLabel(model: SiteModel, id: string): RaterLabel {
  const href = model.paths.rater(id);
  const listed = model.rater(id);
  if (listed) return { text: listed.name, href, discovered: false };
  const found = model.discovered(id);
  if (!found) return { text: id, href, discovered: false };
  const host = new URL(found.url).host;
  const name = found.name && !takenName(model, found.name) ? found.name : undefined;
  return { text: name ? `${host} (“${name}”)` : host, href, discovered: true };
}

function takenName(model: SiteModel, name: string): boolean {
  const key = nameKey(name);
  return [...model.db.contingents, ...model.db.raters].some((x) => nameKey(x.name) === key);
}

/** A rater that counted for an article in an edition, with its weight and, under trust, its path. */
export interface CountedRaterView {
  rater: RaterLabel;
  weight: string;
  /** "Alice → Carol → Dave": the strongest path of trust from a seed, in an edition weighted by trust. */
  path?: string;
}

/**
 * The raters whose ratings counted for an entry, once each, heaviest first.
 *
 * @example countedRaters(model, entry) // [{ rater: { text: 'Alice', … }, weight: '1' }, { rater: { text: 'carol.example', … }, weight: '0.25', path: 'Alice → carol.example' }]
 */
export function countedRaters(model: SiteModel, entry: Pick<EditionEntry, 'ratings'>): CountedRaterView[] {
  const seen = new Map<string, { weight: number; path?: string[] }>();
  for (const r of entry.ratings) if (!seen.has(r.rater)) seen.set(r.rater, { weight: r.weight, ...(r.trustPath && { path: r.trustPath }) });
  return [...seen]
    .sort(([a, x], [b, y]) => y.weight - x.weight || (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, { weight, path }]) => ({
      rater: raterLabel(model, id),
      weight: formatNumber(weight),
      ...(path && path.length > 1 && { path: path.map((p) => raterLabel(model, p).text).join(' → ') }),
    }));
}

export interface TrustLinkView {
  /** The other rater, when this network knows it; else only its URL. */
  rater?: RaterLabel;
  url: string;
  w: string;
  note?: string;
}

export interface RaterTrustView {
  trusts: TrustLinkView[];
  trustedBy: TrustLinkView[];
  /** For a discovered rater: who vouched for it, and how far it is from raters.yaml. */
  discovered?: { vouchedBy: RaterLabel[]; depth: string };
}

/**
 * Whom a rater trusts and who trusts it (live trust, w > 0), and how a discovered rater was found.
 *
 * @example raterTrustView(model, 'carol').trustedBy.map((t) => t.rater?.text) // ['Alice']
 */
export function raterTrustView(model: SiteModel, id: string): RaterTrustView {
  const graph = model.index.trustGraph();
  const link = (l: { url: string; id?: string; w: number; note?: string }): TrustLinkView => ({
    ...(l.id !== undefined && { rater: raterLabel(model, l.id) }),
    url: l.url,
    w: formatNumber(l.w),
    ...(l.note !== undefined && { note: l.note }),
  });
  const found = model.discovered(id);
  return {
    trusts: graph.trusts(id).map(link),
    trustedBy: graph.trustedBy(id).map(link),
    ...(found && {
      discovered: {
        vouchedBy: found.vouchedBy.map((v) => raterLabel(model, v)),
        depth: plural(found.depth, 'step'),
      },
    }),
  };
}
