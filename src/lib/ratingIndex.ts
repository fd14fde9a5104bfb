import { createArticleResolver, type ArticleResolver } from './articleRefs.ts';
import { listChallenges, type ChallengeRecord } from './challenges.ts';
import type { Database } from './database.ts';
import type { Article, Rating, Scale } from './schema.ts';

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
}

interface Slot {
  ms: number;
  live: LiveRating | undefined;
}

const EMPTY: ReadonlyMap<string, ReadonlyMap<string, LiveRating>> = new Map();

/**
 * Resolves every rating file to articles and keeps the latest live rating per (article, rater, scale).
 * The latest `at` wins, a later entry (file order) wins a tie, and a latest `retract` removes the rating.
 * Ignored: files of raters not in `raters.yaml`, unknown scales, values outside the scale, bad dates.
 *
 * @example
 * const index = createRatingIndex(db);
 * index.ratingsOf('abc-strike').get('newsworthy')?.get('alice')?.value // 4
 */
export function createRatingIndex(db: Database): RatingIndex {
  const scales = new Map(db.scales.map((s) => [s.id, s]));
  const knownRaters = new Set(db.raters.map((r) => r.id));
  const resolve = createArticleResolver(db.articles);
  const byId = new Map(db.articles.map((a) => [a.id, a]));
  const published = new Map(db.articles.map((a) => [a.id, Date.parse(a.published)]));
  const slots = new Map<string, Map<string, Map<string, Slot>>>();
  const pending: PendingRating[] = [];

  for (const file of db.ratings) {
    // A rater removed from raters.yaml may still have a stored file; it no longer counts.
    if (!knownRaters.has(file.rater)) continue;
    for (const rating of file.ratings) {
      const scale = scales.get(rating.scale);
      const ms = Date.parse(rating.at);
      if (!scale || Number.isNaN(ms)) continue;
      if (!rating.retract && !(typeof rating.value === 'number' && rating.value >= scale.min && rating.value <= scale.max)) continue;
      const targets = resolve(rating.article);
      if (targets.length === 0) {
        pending.push({ rater: file.rater, rating });
        continue;
      }
      const live: LiveRating | undefined = rating.retract
        ? undefined
        : { rater: file.rater, scale: rating.scale, value: rating.value as number, at: rating.at, ...(rating.note !== undefined && { note: rating.note }) };
      for (const article of targets) {
        let byScale = slots.get(article.id);
        if (!byScale) slots.set(article.id, (byScale = new Map()));
        let byRater = byScale.get(rating.scale);
        if (!byRater) byScale.set(rating.scale, (byRater = new Map()));
        const previous = byRater.get(file.rater);
        if (!previous || ms >= previous.ms) byRater.set(file.rater, { ms, live });
      }
    }
  }

  const ratings = new Map<string, Map<string, Map<string, LiveRating>>>();
  for (const [articleId, byScale] of slots) {
    const scaleMap = new Map<string, Map<string, LiveRating>>();
    for (const [scaleId, byRater] of byScale) {
      const raterMap = new Map<string, LiveRating>();
      for (const [rater, slot] of byRater) if (slot.live) raterMap.set(rater, slot.live);
      if (raterMap.size) scaleMap.set(scaleId, raterMap);
    }
    if (scaleMap.size) ratings.set(articleId, scaleMap);
  }

  let challenges: Map<string, ChallengeRecord[]> | undefined;
  return {
    db,
    articles: db.articles,
    scales,
    pending,
    resolve,
    article: (id) => byId.get(id),
    ratingsOf: (articleId) => ratings.get(articleId) ?? EMPTY,
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
