import { compileRule, type CompiledRule, type Reason, type RuleContext } from './compileRule.ts';
import type { Database } from '../config/database.ts';
import { parseDuration } from './duration.ts';
import { EditionCycleError, UnknownEditionError, orderEditions } from './editionOrder.ts';
import { createRatingIndex, type RatingIndex } from '../ratings/ratingIndex.ts';
import { decayScore, scoreOnScale, type ScaleScore } from '../ratings/score.ts';
import { deriveWeights } from '../ratings/trust.ts';
import type { Article, Edition } from '../config/schema.ts';

export { createRatingIndex, type LiveRating, type PendingRating, type RatingIndex } from '../ratings/ratingIndex.ts';
export { EditionCycleError, UnknownEditionError, findEditionCycle, orderEditions } from './editionOrder.ts';
export { endorsements, quorumNeeded, type Endorsements } from '../ratings/endorsements.ts';
export { listChallenges, type ChallengeRecord } from '../ratings/challenges.ts';
export { describeRule } from './describeRule.ts';
export type { Reason } from './compileRule.ts';

/** A live rating that counted for an article in an edition, with the edition's weight for its rater. */
export interface CountedRating {
  rater: string;
  scale: string;
  value: number;
  weight: number;
  at: string;
  note?: string;
  /** In an edition weighted by trust: the strongest path of trust from a seed to this rater, seed first. */
  trustPath?: string[];
}

/** One article in an edition, with why it is there. */
export interface EditionEntry {
  article: Article;
  /** The rank score when the edition has `rank`, else undefined. */
  score?: number;
  /** Descriptions of the include rules that held; empty when the edition has no include. */
  matched: string[];
  /** The same, as data: what held, for pages to say in a reader's words. */
  reasons: Reason[];
  /** Every live rating by a rater with weight > 0 in this edition, sorted by scale then rater. */
  ratings: CountedRating[];
}

export interface EditionResult {
  edition: string;
  entries: EditionEntry[];
}

export interface EvaluateOptions {
  /** A rating index built once for `db` and shared between editions. */
  index?: RatingIndex;
  /** Results of editions already evaluated at the same `now`, used for `from:`. */
  upstream?: Map<string, EditionResult>;
}

/**
 * Evaluates one edition's filter against the database at `now`: candidates, contingents, window,
 * include, exclude, rank and limit. Pure: the same inputs give the same result.
 * An upstream edition missing from `opts.upstream` is evaluated on the way (a cycle throws EditionCycleError).
 *
 * @example
 * const { entries } = evaluateEdition(db, db.editions.find((e) => e.id === 'digest')!, new Date('2026-11-20T12:00:00Z'));
 * entries[0]?.matched // => ['anti-reformist ≥ 0.5, at least 2 raters (score 0.81, 2 raters)', 'newsworthy ≥ 3.5 (score 4, 2 raters)']
 */
export function evaluateEdition(db: Database, edition: Edition, now: Date, opts: EvaluateOptions = {}): EditionResult {
  const index = opts.index ?? createRatingIndex(db);
  // Copy, so results computed on the way never leak into the caller's map.
  const results = new Map(opts.upstream ?? []);
  return evaluateWithin(db, edition, now.getTime(), index, results, []);
}

/**
 * Evaluates every edition in `from:` dependency order with one shared rating index.
 * The map's insertion order is that dependency order. Throws EditionCycleError on a cycle.
 *
 * @example
 * const results = evaluateAll(db, new Date('2026-11-20T12:00:00Z'));
 * results.get('digest')?.entries.length // => 7
 */
export function evaluateAll(db: Database, now: Date): Map<string, EditionResult> {
  const index = createRatingIndex(db);
  const results = new Map<string, EditionResult>();
  for (const edition of orderEditions(db.editions)) {
    if (!results.has(edition.id)) results.set(edition.id, evaluateWithin(db, edition, now.getTime(), index, results, []));
  }
  return results;
}

function evaluateWithin(
  db: Database,
  edition: Edition,
  nowMs: number,
  index: RatingIndex,
  results: Map<string, EditionResult>,
  stack: string[],
): EditionResult {
  const candidates = candidatesOf(db, edition, nowMs, index, results, stack);
  const { weightOf, pathOf } = ratersOf(edition, index);
  const ctx = createContext(db, index, nowMs, weightOf);

  const include = (edition.include ?? []).map((rule) => compileRule(rule, ctx));
  const exclude = (edition.exclude ?? []).map((rule) => compileRule(rule, ctx));
  const onlyContingents = edition.contingents?.include?.length ? new Set(edition.contingents.include) : undefined;
  const skipContingents = new Set(edition.contingents?.exclude ?? []);
  const windowMs = edition.window === undefined ? undefined : parseDuration(edition.window);

  const kept: { article: Article; published: number; matched: CompiledRule[] }[] = [];
  for (const article of candidates) {
    if (onlyContingents && !onlyContingents.has(article.contingent)) continue;
    if (skipContingents.has(article.contingent)) continue;
    const published = index.publishedMs(article);
    if (windowMs !== undefined && nowMs - published > windowMs) continue;
    let matched: CompiledRule[] = [];
    if (include.length) {
      matched = include.filter((rule) => rule.test(article));
      if (!matched.length) continue;
    }
    if (exclude.some((rule) => rule.test(article))) continue;
    kept.push({ article, published, matched });
  }

  const rank = edition.rank;
  const halfLifeMs = rank?.halfLife === undefined ? undefined : parseDuration(rank.halfLife);
  const ranked = kept.map((k) => {
    if (!rank) return { ...k, score: undefined };
    let score = 0;
    for (const term of rank.sum) {
      const s = ctx.score(k.article, term.scale);
      // A scale missing from scales.yaml has no neutral; it adds nothing rather than NaN.
      if (s) score += term.w * s.score;
    }
    if (halfLifeMs !== undefined) score = decayScore(score, nowMs - k.published, halfLifeMs);
    return { ...k, score };
  });

  // Total order: score (when ranked), then newer first, then id; ids are unique, so no ties remain.
  ranked.sort(
    (a, b) =>
      (a.score !== undefined && b.score !== undefined ? b.score - a.score : 0) ||
      b.published - a.published ||
      (a.article.id < b.article.id ? -1 : a.article.id > b.article.id ? 1 : 0),
  );
  const limited = edition.limit === undefined ? ranked : ranked.slice(0, edition.limit);

  return {
    edition: edition.id,
    entries: limited.map((k) => ({
      article: k.article,
      ...(k.score !== undefined && { score: k.score }),
      matched: k.matched.map((rule) => rule.facts(k.article).join(' and ')),
      reasons: k.matched.flatMap((rule) => rule.reasons(k.article)),
      ratings: countedRatings(index, k.article, weightOf, pathOf),
    })),
  };
}

/**
 * Whose ratings count in an edition, and how much: listed weights, weights derived from trust, or
 * by default every rater of raters.yaml at 1.0 (discovered raters count only through trust).
 */
function ratersOf(edition: Edition, index: RatingIndex): { weightOf: (rater: string) => number; pathOf?: (rater: string) => string[] | undefined } {
  const raters = edition.raters;
  if (!raters) return { weightOf: (rater) => (index.listed.has(rater) ? 1 : 0) };
  if ('trust' in raters && typeof raters.trust === 'object') {
    const derived = deriveWeights(index.trustGraph(), raters.trust);
    return { weightOf: derived.weight, pathOf: derived.path };
  }
  const weights = raters as Record<string, number>;
  return { weightOf: (rater) => (index.listed.has(rater) ? (weights[rater] ?? 0) : 0) };
}

function candidatesOf(
  db: Database,
  edition: Edition,
  nowMs: number,
  index: RatingIndex,
  results: Map<string, EditionResult>,
  stack: string[],
): readonly Article[] {
  const from = edition.from ?? 'all';
  if (from === 'all') return index.articles;
  let upstream = results.get(from);
  if (!upstream) {
    const path = [...stack, edition.id];
    const at = path.indexOf(from);
    if (at >= 0) throw new EditionCycleError([...path.slice(at), from]);
    const source = db.editions.find((e) => e.id === from);
    if (!source) throw new UnknownEditionError(edition.id, from, db.editions.map((e) => e.id));
    upstream = evaluateWithin(db, source, nowMs, index, results, path);
    results.set(from, upstream);
  }
  return upstream.entries.map((entry) => entry.article);
}

function createContext(db: Database, index: RatingIndex, nowMs: number, weightOf: (rater: string) => number): RuleContext {
  // Scores depend on this edition's weights, so the cache lives as long as one evaluation.
  const scores = new Map<string, Map<string, ScaleScore>>();
  const contingentsByRater = new Map<string, number>();
  for (const c of db.contingents) if (c.rater) contingentsByRater.set(c.rater, (contingentsByRater.get(c.rater) ?? 0) + 1);

  return {
    defaultQuorum: db.site.quorum,
    contingentCount: db.contingents.length,
    score(article, scaleId) {
      const scale = index.scales.get(scaleId);
      if (!scale) return undefined;
      let byArticle = scores.get(scaleId);
      if (!byArticle) scores.set(scaleId, (byArticle = new Map()));
      let s = byArticle.get(article.id);
      if (!s) byArticle.set(article.id, (s = scoreOnScale(index.ratingsOf(article.id).get(scaleId), scale.neutral, weightOf)));
      return s;
    },
    endorsingCount(article, scaleId) {
      const neutral = index.scales.get(scaleId)?.neutral;
      const byRater = index.ratingsOf(article.id).get(scaleId);
      if (neutral === undefined || !byRater) return 0;
      let count = 0;
      for (const rating of byRater.values()) if (rating.value > neutral) count += contingentsByRater.get(rating.rater) ?? 0;
      return count;
    },
    openChallenges(article, olderThanMs) {
      return index.challengesOf(article.id).filter(
        (c) => Date.parse(c.at) < nowMs - olderThanMs && !(c.answeredAt !== undefined && Date.parse(c.answeredAt) <= nowMs),
      );
    },
  };
}

function countedRatings(index: RatingIndex, article: Article, weightOf: (rater: string) => number, pathOf?: (rater: string) => string[] | undefined): CountedRating[] {
  const counted: CountedRating[] = [];
  for (const byRater of index.ratingsOf(article.id).values()) {
    for (const r of byRater.values()) {
      const weight = weightOf(r.rater);
      if (!(weight > 0)) continue;
      const trustPath = pathOf?.(r.rater);
      counted.push({ rater: r.rater, scale: r.scale, value: r.value, weight, at: r.at, ...(r.note !== undefined && { note: r.note }), ...(trustPath && { trustPath }) });
    }
  }
  return counted.sort((a, b) => (a.scale < b.scale ? -1 : a.scale > b.scale ? 1 : a.rater < b.rater ? -1 : a.rater > b.rater ? 1 : 0));
}
