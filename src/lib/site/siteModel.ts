// Everything the pages of one build share, computed once: the engine's results and the indexes
// that let each page look up its data without scanning every edition or every rating.
import { indexAdaptations, type AdaptationIndex } from '../transparency/adaptations.ts';
import { summarizeChallenges, type ChallengeSummary } from '../transparency/challengeStats.ts';
import type { Database } from '../config/database.ts';
import { statementStatus, type StatementStatus } from '../ratings/endorsements.ts';
import { findCopies, indexCopies, type CopyIndex } from '../transparency/findCopies.ts';
import { foldRepublications } from '../transparency/republications.ts';
import { createRatingIndex, evaluateAll, listChallenges, type ChallengeRecord, type EditionEntry, type EditionResult, type RatingIndex } from '../editions/evaluateEdition.ts';
import type { Paths } from './paths.ts';
import type { Article, Contingent, DiscoveredRater, Edition, Rater, Scale } from '../config/schema.ts';
import { pageOf } from './views/editionPages.ts';
import { createRatingHistory, type RatingHistory } from './views/ratingHistory.ts';
import { createReplyIndex, type ReplyIndex } from './views/replies.ts';
import { sourceRows, type SourceRow } from './views/sourcesView.ts';

/** First path segments the site itself uses; an edition with one of these ids would collide. */
import { RESERVED_EDITION_IDS } from '../check/validateConfig.ts';
export { RESERVED_EDITION_IDS };

/** An edition that includes an article: where, and why (the engine's entry). */
export interface Inclusion {
  edition: Edition;
  /** 1-based position in the edition. */
  position: number;
  /** The listing page that shows it. */
  page: number;
  /** The id the listing shows it under: its own, or that of the copy a republication is folded into. */
  anchor: string;
  entry: EditionEntry;
}

/** One line of an edition's listing: an entry, and the copies of a republished article folded into it. */
export interface Listed {
  entry: EditionEntry;
  /** 1-based position in the listing. */
  position: number;
  /** The edition's other entries for the same article (`alsoIn`), carried by other contingents. */
  copies: EditionEntry[];
}

export interface SiteModelOptions {
  now: Date;
  paths: Paths;
  /** Build only this edition, as a standalone site. */
  edition?: string;
}

export interface SiteModel {
  db: Database;
  now: Date;
  paths: Paths;
  /** The edition of a single-edition build; undefined for the hub. */
  single?: Edition;
  pageSize: number;
  /** The engine's results for every edition, from one `evaluateAll`. */
  results: ReadonlyMap<string, EditionResult>;
  index: RatingIndex;
  /** The editions this build publishes: the default edition first, then by id. */
  editions: Edition[];
  /** The articles this build publishes a page for: all, or one edition's. */
  articles: readonly Article[];
  inScope(articleId: string): boolean;
  result(editionId: string): EditionResult;
  /** An edition as its pages list it: the engine's order, each republished article once. */
  listing(editionId: string): readonly Listed[];
  contingent(id: string): Contingent | undefined;
  rater(id: string): Rater | undefined;
  /** A rater found through trust, not listed in raters.yaml. */
  discovered(id: string): DiscoveredRater | undefined;
  scale(id: string): Scale | undefined;
  /** The built editions that include an article, in `editions` order. */
  includedBy(articleId: string): readonly Inclusion[];
  /** A contingent's published articles, newest first. */
  articlesOf(contingentId: string): readonly Article[];
  ratings: RatingHistory;
  replies: ReplyIndex;
  /** Every public challenge about a published article, oldest first. */
  challenges: readonly ChallengeRecord[];
  /** Challenges addressed to a contingent, and raised by it, oldest first. */
  challengesOf(contingentId: string): { against: readonly ChallengeRecord[]; raised: readonly ChallengeRecord[] };
  /** Challenges a rater's file lists, oldest first, whether raised for its contingent or in its own name. */
  challengesListedBy(raterId: string): readonly ChallengeRecord[];
  /** Challenges received per contingent at `now`, most open first. */
  challengeSummaries: readonly ChallengeSummary[];
  /** Declared adaptations (`via`), both ways. */
  adaptations: AdaptationIndex;
  /** Near-duplicate texts across contingents, found once per build on first use. */
  readonly copies: CopyIndex;
  /** Whether an article reaches the network's quorum (site.yaml `quorum`) on the `endorse` scale. */
  statement(articleId: string): StatementStatus;
  /** Every feed and rating file with its health, feeds first. */
  sources: readonly SourceRow[];
}

/** WIDENET_EDITION names no edition, or an edition id collides with a site path. */
export class SiteModelError extends Error {
  override name = 'SiteModelError';
}

const NONE: readonly never[] = Object.freeze([]);

/**
 * Evaluates every edition once (`evaluateAll`) and builds the per-build indexes in time linear in
 * articles + ratings + edition entries. Pages then only look things up.
 *
 * @example
 * const model = createSiteModel(db, { now: new Date('2026-11-20T12:00:00Z'), paths: createPaths({ base: '/', site: db.site.url }) });
 * model.includedBy('abc-strike').map((i) => i.edition.id) // ['commons', 'digest']
 */
export function createSiteModel(db: Database, options: SiteModelOptions): SiteModel {
  for (const edition of db.editions) {
    if ((RESERVED_EDITION_IDS as readonly string[]).includes(edition.id))
      throw new SiteModelError(
        `[site] content/editions/${edition.id}.yaml: the edition id "${edition.id}" is a path the site itself uses (${RESERVED_EDITION_IDS.join(', ')}). Rename the file, such as "${edition.id}-edition.yaml".`,
      );
  }
  let single: Edition | undefined;
  if (options.edition !== undefined) {
    single = db.editions.find((e) => e.id === options.edition);
    if (!single)
      throw new SiteModelError(
        `[site] WIDENET_EDITION=${options.edition} names no edition. Use one of: ${db.editions.map((e) => e.id).join(', ') || '(no editions in content/editions/)'}.`,
      );
  }

  const results = evaluateAll(db, options.now);
  const index = createRatingIndex(db);
  const pageSize = db.site.pageSize;
  const editions = single ? [single] : orderForHub(db.editions, db.site.defaultEdition);
  const articles = single ? results.get(single.id)!.entries.map((e) => e.article) : db.articles;
  const scope = single ? new Set(articles.map((a) => a.id)) : undefined;

  const contingents = new Map(db.contingents.map((c) => [c.id, c]));
  // A republished article is listed under the copy of the contingent whose site it is published on.
  const isOriginal = (a: Article) => hostOf(a.url) !== undefined && hostOf(a.url) === hostOf(contingents.get(a.contingent)?.home);
  const listings = new Map<string, Listed[]>();
  const inclusions = new Map<string, Inclusion[]>();
  for (const edition of editions) {
    const listing = foldRepublications(results.get(edition.id)!.entries, isOriginal).map(({ item, copies }, i) => ({ entry: item, position: i + 1, copies }));
    listings.set(edition.id, listing);
    for (const { entry, position, copies } of listing) {
      for (const e of [entry, ...copies]) {
        const inclusion = { edition, position, page: pageOf(position, pageSize), anchor: entry.article.id, entry: e };
        const list = inclusions.get(e.article.id);
        if (list) list.push(inclusion);
        else inclusions.set(e.article.id, [inclusion]);
      }
    }
  }

  const byContingent = new Map<string, Article[]>();
  for (const article of articles) {
    const list = byContingent.get(article.contingent);
    if (list) list.push(article);
    else byContingent.set(article.contingent, [article]);
  }
  for (const list of byContingent.values()) list.sort((a, b) => b.published.localeCompare(a.published) || (a.id < b.id ? -1 : 1));

  // In a single-edition build only challenges about its own articles belong on its pages.
  const challenges = listChallenges(db, { resolve: index.resolve }).filter((c) => !scope || scope.has(c.article));
  const against = new Map<string, ChallengeRecord[]>();
  const raised = new Map<string, ChallengeRecord[]>();
  const listedBy = new Map<string, ChallengeRecord[]>();
  const push = (map: Map<string, ChallengeRecord[]>, key: string, c: ChallengeRecord) => {
    const list = map.get(key);
    if (list) list.push(c);
    else map.set(key, [c]);
  };
  for (const c of challenges) {
    push(against, c.challengedContingent, c);
    // Only a contingent raises a challenge as a contingent; a rater of its own is listed on its rater page.
    if (c.challenger !== undefined) push(raised, c.challenger, c);
    if (c.rater !== undefined) push(listedBy, c.rater, c);
  }

  const raters = new Map(db.raters.map((r) => [r.id, r]));
  const discovered = new Map((db.discovered ?? []).map((r) => [r.id, r]));
  let copies: CopyIndex | undefined;
  return {
    db,
    now: options.now,
    paths: options.paths,
    ...(single && { single }),
    pageSize,
    results,
    index,
    editions,
    articles,
    inScope: scope ? (id) => scope.has(id) : (id) => index.article(id) !== undefined,
    result: (id) => {
      const result = results.get(id);
      if (!result) throw new SiteModelError(`[site] no edition "${id}"`);
      return result;
    },
    listing: (id) => {
      const listing = listings.get(id);
      if (!listing) throw new SiteModelError(`[site] no edition "${id}" in this build`);
      return listing;
    },
    contingent: (id) => contingents.get(id),
    rater: (id) => raters.get(id),
    discovered: (id) => (raters.has(id) ? undefined : discovered.get(id)),
    scale: (id) => index.scales.get(id),
    includedBy: (id) => inclusions.get(id) ?? NONE,
    articlesOf: (id) => byContingent.get(id) ?? NONE,
    ratings: createRatingHistory(db, index),
    replies: createReplyIndex(db.articles, index.resolve),
    challenges,
    challengesOf: (id) => ({ against: against.get(id) ?? NONE, raised: raised.get(id) ?? NONE }),
    challengesListedBy: (id) => listedBy.get(id) ?? NONE,
    challengeSummaries: summarizeChallenges(challenges, db.contingents.map((c) => c.id), options.now),
    adaptations: indexAdaptations(db.articles, index.resolve),
    // Every article page asks; the detection runs once, over the whole database, so copies outside a single edition are still found.
    get copies() {
      copies ??= indexCopies(findCopies(db.articles, { resolve: index.resolve }));
      return copies;
    },
    statement: (id) => statementStatus(index, id, db.site.quorum),
    sources: sourceRows(db.sources, db.site.lang, db.discovered, (kind, owner) => (kind === 'feed' ? contingents.get(owner)?.name : raters.get(owner)?.name)),
  };
}

/** The lower-case host of a URL, or undefined when it is not one. */
function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

function orderForHub(editions: readonly Edition[], defaultEdition: string | undefined): Edition[] {
  return [...editions].sort((a, b) => Number(b.id === defaultEdition) - Number(a.id === defaultEdition) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
