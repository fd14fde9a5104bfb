// View model of an article page, built in named sections (articleSections.ts): text, byline,
// ratings, editions, revisions, replies, challenges, adaptations, thread, statement and credit.
import type { Article } from '../../config/schema.ts';
import type { CreditLine } from '../../transparency/creditLine.ts';
import type { TextDiff } from '../../transparency/revisionDiff.ts';
import type { SiteModel } from '../siteModel.ts';
import {
  adaptationsSection,
  articleContext,
  bylineSection,
  challengesSection,
  creditSection,
  editionsSection,
  ratingsSection,
  repliesSection,
  revisionsSection,
  statementSection,
  textSection,
  threadSection,
} from './articleSections.ts';
import type { LinkView } from './editionView.ts';
import type { MediaView } from './mediaView.ts';
import type { RatingView } from './ratingView.ts';
import type { CountedRaterView } from './trustView.ts';

export interface ArticleLinkView extends LinkView {
  contingent: string;
  contingentHref?: string;
  date: string;
  /** True when the link leaves the site (the article has no page in this build). */
  external: boolean;
}

/** One earlier version, with a word-level diff to the current text. */
export interface RevisionView {
  number: number;
  /** Fragment id of its diff section: "rev-1". */
  anchor: string;
  at: string;
  /** When it was replaced. */
  date: string;
  from: string;
  /** When it was first seen. */
  fromDate: string;
  title: string;
  titleChanged: boolean;
  summary: string;
  html: string;
  diff: TextDiff;
  /** "3 words removed, 4 added". */
  changes: string;
}

/** A post in a reply thread. */
export interface ThreadItemView extends ArticleLinkView {
  /** This article's own place in the thread. */
  current: boolean;
  challenge: boolean;
  replies: ThreadItemView[];
}

/** A near-duplicate text of another contingent that gives no credit. */
export interface UncreditedView extends ArticleLinkView {
  similarity: string;
}

export interface ArticleView {
  id: string;
  title: string;
  url: string;
  /** The link to the original at its publisher; no `href` when the publisher gave no usable link. */
  original: { href?: string; text: string };
  summary: string;
  html: string;
  tags: string[];
  signature: string;
  contingent: LinkView & { home?: string };
  authors: string[];
  license: string;
  published: string;
  publishedDate: string;
  updated?: string;
  updatedDate?: string;
  via?: string;
  media: MediaView[];
  ratings: RatingView[];
  /** The editions that include the article, why, and whose ratings counted there, with what weight. */
  editions: { title: string; href: string; position: number; signature?: string; why: string[]; counted: CountedRaterView[] }[];
  /** Earlier versions, newest first. */
  revisions: RevisionView[];
  /** Number of the current version: one more than the revisions kept. */
  version: number;
  replies: ArticleLinkView[];
  inReplyTo: ArticleLinkView[];
  /** Copies of the same URL carried by other contingents. */
  alsoIn: ArticleLinkView[];
  challenges: { by: string; date: string; answered: boolean; href?: string; note?: string }[];
  /** The article this one declares it adapts (`via`); `originals` is empty when it is not in the database. */
  adaptedFrom?: { via: string; originals: ArticleLinkView[] };
  /** Articles that declare they adapt this one. */
  adaptations: ArticleLinkView[];
  /** Same story, no credit given: earlier texts this one repeats, and later texts that repeat it. */
  uncredited: { sources: UncreditedView[]; copies: UncreditedView[] };
  /** The reply thread around this article, when it has one: from the first post down, through this one, to the last reply. */
  thread?: { root: ThreadItemView; size: number; truncated: boolean };
  /** Endorsements on the network's statement scale, when any contingent has rated the article on it. */
  statement?: {
    reached: boolean;
    endorsed: string[];
    notEndorsed: string[];
    /** "2 of 3 contingents endorse; a statement of the whole network needs 2 (67%)." */
    summary: string;
  };
  /** Signature in the network's name, only when the quorum is reached. */
  networkSignature?: string;
  /** Attribution to copy for reuse. */
  credit: CreditLine;
}

/**
 * Everything an article page shows, from the build's shared indexes: O(the article's own ratings,
 * editions, revisions and replies), never a scan of all editions or all ratings.
 *
 * @example articleView(model, model.index.article('abc-01')!).editions[1]?.why // => ['Anti-reformist 0.8 of 2, from 2 raters', 'Newsworthy 4 of 5, from 2 raters']
 */
export function articleView(model: SiteModel, article: Article): ArticleView {
  const context = articleContext(model, article);
  return {
    ...textSection(context),
    ...bylineSection(context),
    ...ratingsSection(context),
    ...editionsSection(context),
    ...revisionsSection(context),
    ...repliesSection(context),
    ...challengesSection(context),
    ...adaptationsSection(context),
    ...threadSection(context),
    ...statementSection(context),
    ...creditSection(context),
  };
}
