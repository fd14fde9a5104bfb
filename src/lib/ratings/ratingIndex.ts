import { createArticleResolver, type ArticleResolver } from '../urls/articleRefs.ts';
import { listChallenges, type ChallengeRecord } from './challenges.ts';
import { buildTrustGraph, type TrustGraph } from './trust.ts';
import type { Database } from '../config/database.ts';
import type { Article, Rating, Scale } from '../config/schema.ts';

/** The latest live rating of one rater on one scale for one article. */
export interface LiveRating {
  rater: string;
  scale: string;
  value: number;
  at: string;
  note?: string;
}

/** A rating whose article is not in the database yet; it counts once the article arrives. */
export interface PendingRating {
  rater: string;
  rating: Rating;
}

/** Ratings resolved to articles, built once per database and shared by every edition. */
export interface RatingIndex {
  readonly db: Database;
  readonly articles: readonly Article[];
  readonly scales: ReadonlyMap<string, Scale>;
  /** Valid ratings whose article is not in the database yet, as published; they count once it arrives. */
  readonly pending: readonly PendingRating[];
  article(id: string): Article | undefined;
  /** Articles a rating reference names: a Wide Net id, or a URL after normalization. */
  resolve: ArticleResolver;
  /** Live ratings of an article: scale → rater → rating. Empty when the article has none. */
  ratingsOf(articleId: string): ReadonlyMap<string, ReadonlyMap<string, LiveRating>>;
  /** `published` in epoch milliseconds, parsed once. */
  publishedMs(article: Article): number;
  /** Challenges against an article, oldest first (computed on first use). */
  challengesOf(articleId: string): readonly ChallengeRecord[];
  /** Raters listed in raters.yaml: the ones an edition without `raters:` counts at 1.0. Discovered raters are not. */
  readonly listed: ReadonlySet<string>;
  /** Who trusts whom, among listed and discovered raters (built on first use). */
  trustGraph(): TrustGraph;
}

/** A retract that is, so far, the latest word of its rater on that slot. */
interface Retracted {
  at: string;
  retracted: true;
}

const isRetracted = (entry: LiveRating | Retracted): entry is Retracted => 'retracted' in entry;

const EMPTY: ReadonlyMap<string, ReadonlyMap<string, LiveRating>> = new Map();

/**
 * Resolves every rating file to articles and keeps the latest live rating per (article, rater, scale).
 * The latest `at` wins, a later entry (file order) wins a tie, and a latest `retract` removes the rating.
 * Ignored: files of raters neither in `raters.yaml` nor discovered, unknown scales, and values missing or outside the scale.
 *
 * @example
 * const index = createRatingIndex(db);
 * index.ratingsOf('abc-strike').get('newsworthy')?.get('alice')?.value // 4
 */
export function createRatingIndex(db: Database): RatingIndex {
  const scales = new Map(db.scales.map((s) => [s.id, s]));
  const listed = new Set(db.raters.map((r) => r.id));
  // Discovered raters' ratings are indexed too; only editions weighted by trust give them a weight.
  const knownRaters = new Set([...listed, ...(db.discovered ?? []).map((r) => r.id)]);
  const resolve = createArticleResolver(db.articles, db.contingents);
  const byId = new Map(db.articles.map((a) => [a.id, a]));
  const published = new Map(db.articles.map((a) => [a.id, Date.parse(a.published)]));
  const ratings = new Map<string, Map<string, Map<string, LiveRating | Retracted>>>();
  const pending: PendingRating[] = [];
  const retracted: { articleId: string; scale: string; rater: string }[] = [];

  for (const file of db.ratings) {
    // A rater removed from raters.yaml may still have a stored file; it no longer counts.
    if (!knownRaters.has(file.rater)) continue;
    for (const rating of file.ratings) {
      const scale = scales.get(rating.scale);
      if (!scale) continue;
      if (!rating.retract && !(typeof rating.value === 'number' && rating.value >= scale.min && rating.value <= scale.max)) continue;
      const targets = resolve(rating.article);
      if (targets.length === 0) {
        pending.push({ rater: file.rater, rating });
        continue;
      }
      let entry: LiveRating | Retracted;
      if (rating.retract) entry = { at: rating.at, retracted: true };
      else {
        const live: LiveRating = { rater: file.rater, scale: rating.scale, value: rating.value as number, at: rating.at };
        if (rating.note !== undefined) live.note = rating.note;
        entry = live;
      }
      for (const article of targets) {
        let byScale = ratings.get(article.id);
        if (!byScale) ratings.set(article.id, (byScale = new Map()));
        let byRater = byScale.get(rating.scale);
        if (!byRater) byScale.set(rating.scale, (byRater = new Map()));
        const previous = byRater.get(file.rater);
        // Parse dates only on a clash: most (article, rater, scale) slots are rated once.
        if (!previous || previous.at === rating.at || Date.parse(rating.at) >= Date.parse(previous.at)) {
          byRater.set(file.rater, entry);
          if (rating.retract) retracted.push({ articleId: article.id, scale: rating.scale, rater: file.rater });
        }
      }
    }
  }
  // Drop the slots whose latest word is a retract, and the maps they leave empty.
  for (const { articleId, scale, rater } of retracted) {
    const byScale = ratings.get(articleId);
    const byRater = byScale?.get(scale);
    const entry = byRater?.get(rater);
    if (!byScale || !byRater || !entry || !isRetracted(entry)) continue;
    byRater.delete(rater);
    if (byRater.size === 0) byScale.delete(scale);
    if (byScale.size === 0) ratings.delete(articleId);
  }
  // Every retract left in the map was recorded above and is now gone.
  const live = ratings as Map<string, Map<string, Map<string, LiveRating>>>;

  let challenges: Map<string, ChallengeRecord[]> | undefined;
  let trust: TrustGraph | undefined;
  return {
    listed,
    trustGraph: () => (trust ??= buildTrustGraph([...db.raters, ...(db.discovered ?? [])], db.ratings)),
    db,
    articles: db.articles,
    scales,
    pending,
    resolve,
    article: (id) => byId.get(id),
    ratingsOf: (articleId) => live.get(articleId) ?? EMPTY,
    publishedMs: (article) => published.get(article.id) ?? Date.parse(article.published),
    challengesOf(articleId) {
      if (!challenges) {
        challenges = new Map();
        for (const c of listChallenges(db, { resolve })) {
          const list = challenges.get(c.article);
          if (list) list.push(c);
          else challenges.set(c.article, [c]);
        }
      }
      return challenges.get(articleId) ?? [];
    },
  };
}
