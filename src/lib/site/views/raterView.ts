// View model of a rater's pages: who it is, the scales it uses, the public challenges its file lists,
// and its ratings newest first, a bounded number per page. Ratings of articles not in the database
// yet are counted, never listed.
import type { ChallengeRecord } from '../../ratings/challenges.ts';
import type { SiteModel } from '../siteModel.ts';
import { challengerLink } from './challenger.ts';
import { pagerView, type LinkView, type PagerView } from './editionView.ts';
import { plural } from './format.ts';
import { challengeView, type ChallengeView } from './pagesView.ts';
import type { RatingRecord } from './ratingHistory.ts';
import { ratingView, type RatingView } from './ratingView.ts';
import type { SourceRow } from './sourcesView.ts';
import { raterLabel, raterTrustView, type RaterTrustView } from './trustView.ts';

/** Ratings listed per rater page: a rater with 85,000 ratings gets 850 small pages, not one huge one. */
export const RATINGS_PER_PAGE = 100;
/** Challenges a rater page lists, newest first; the rest are counted. */
export const CHALLENGES_ON_RATER_PAGE = 20;

export interface RaterView {
  id: string;
  name: string;
  url: string;
  signed: boolean;
  /** The contingent this rater speaks for (contingents.yaml), if any. */
  speaksFor?: LinkView;
  feeds: SourceRow[];
  scales: { name: string; description: string; range: string; count: string }[];
  /** "1,234 ratings of articles in the database". */
  given: string;
  /** "Another 1,000 rate articles not in the database yet …": counted, not listed; hub builds only. */
  pending?: string;
  /** This page's ratings, newest first. */
  ratings: RatingView[];
  page: number;
  pages: number;
  /** 1-based position of this page's first rating. */
  start: number;
  href: string;
  pager: PagerView;
  /** The challenges its file lists, newest first (at most CHALLENGES_ON_RATER_PAGE), and how many more; `as`: the contingent a desk raised one for. */
  challenges: { items: (ChallengeView & { as?: LinkView })[]; more: number };
  /** Whom it trusts, who trusts it, and, for a rater found through trust, who vouched for it. */
  trust: RaterTrustView;
}

interface RaterSummary {
  records: readonly RatingRecord[];
  scales: RaterView['scales'];
}

// Every page of a rater shares one summary; the build asks for it once per page.
const summaries = new WeakMap<SiteModel, Map<string, RaterSummary>>();

function summaryOf(model: SiteModel, raterId: string): RaterSummary {
  let byRater = summaries.get(model);
  if (!byRater) summaries.set(model, (byRater = new Map()));
  let summary = byRater.get(raterId);
  if (summary) return summary;
  const records = model.single ? model.ratings.byRater(raterId).filter((r) => r.article && model.inScope(r.article.id)) : model.ratings.byRater(raterId);
  const perScale = new Map<string, number>();
  for (const r of records) perScale.set(r.scale, (perScale.get(r.scale) ?? 0) + 1);
  const scales = [...perScale]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([id, n]) => {
      const scale = model.scale(id);
      return {
        name: scale?.name ?? id,
        description: scale?.description ?? '',
        range: scale ? `${scale.min} to ${scale.max}, neutral ${scale.neutral}` : '',
        count: plural(n, 'rating'),
      };
    });
  summary = { records, scales };
  byRater.set(raterId, summary);
  return summary;
}

/**
 * How many pages a rater's ratings fill: at least one, so a rater with none still has its page.
 *
 * @example raterPages(model, 'alice') // 3 for 250 ratings
 */
export function raterPages(model: SiteModel, raterId: string): number {
  return Math.max(1, Math.ceil(summaryOf(model, raterId).records.length / RATINGS_PER_PAGE));
}

/**
 * One page of a rater: the same header on every page, and RATINGS_PER_PAGE ratings newest first.
 * Undefined for an unknown rater or a page past the last.
 *
 * @example raterView(model, 'alice', 2)?.start // 101
 */
export function raterView(model: SiteModel, raterId: string, page = 1): RaterView | undefined {
  // A rater found through trust has pages too; it speaks only for itself and has no key.
  const rater = model.rater(raterId) ?? model.discovered(raterId);
  const pages = rater ? raterPages(model, raterId) : 0;
  if (!rater || !Number.isInteger(page) || page < 1 || page > pages) return undefined;
  const { paths } = model;
  const { records, scales } = summaryOf(model, raterId);
  const start = (page - 1) * RATINGS_PER_PAGE;
  const pending = model.single ? 0 : model.ratings.pendingOf(raterId);
  const contingent = model.db.contingents.find((c) => c.rater === raterId);
  const listed = [...model.challengesListedBy(raterId)].reverse();
  return {
    id: rater.id,
    name: raterLabel(model, rater.id).text,
    url: rater.url,
    signed: 'key' in rater && rater.key !== undefined,
    ...(contingent && { speaksFor: { text: contingent.name, href: paths.contingent(contingent.id) } }),
    feeds: model.sources.filter((r) => r.kind === 'ratings' && r.owner === rater.id),
    scales,
    given: `${plural(records.length, 'rating')} of articles in the database`,
    ...(pending > 0 && {
      pending:
        pending === 1
          ? 'One more rates an article not in the database yet: it counts once the article arrives, and is not listed'
          : `Another ${pending.toLocaleString('en-US')} rate articles not in the database yet: they count once the articles arrive, and are not listed`,
    }),
    ratings: records.slice(start, start + RATINGS_PER_PAGE).map((r) => ratingView(model, r, true)),
    page,
    pages,
    start: start + 1,
    href: paths.rater(raterId, page),
    pager: pagerView(page, pages, (n) => paths.rater(raterId, n)),
    challenges: {
      items: listed.slice(0, CHALLENGES_ON_RATER_PAGE).map((r: ChallengeRecord) => ({
        ...challengeView(model, r, { text: model.contingent(r.challengedContingent)?.name ?? r.challengedContingent, href: paths.contingent(r.challengedContingent) }),
        ...(r.challenger !== undefined && { as: challengerLink(model, r) }),
      })),
      more: Math.max(0, listed.length - CHALLENGES_ON_RATER_PAGE),
    },
    trust: raterTrustView(model, rater.id),
  };
}
