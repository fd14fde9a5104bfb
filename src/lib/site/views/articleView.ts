// View model of an article page: credit, text, ratings, editions, revisions and replies.
import { creditLine, type CreditLine } from '../../transparency/creditLine.ts';
import { formatNumber, formatPercent } from '../../editions/describeRule.ts';
import { diffHtml, numberRevisions, versionAt, type TextDiff } from '../../transparency/revisionDiff.ts';
import type { Article, Media } from '../../config/schema.ts';
import { buildThread, type ThreadNode } from '../../transparency/threads.ts';
import { whyItIsHere, type LinkView } from './editionView.ts';
import { formatDate, formatScaleValue, plural, signatureOf } from './format.ts';
import { STATEMENT_SCALE } from '../../ratings/endorsements.ts';
import type { CopyPair } from '../../transparency/findCopies.ts';
import type { RatingRecord } from './ratingHistory.ts';
import type { SiteModel } from '../siteModel.ts';

export interface MediaView {
  kind: 'image' | 'audio' | 'video' | 'link';
  url: string;
  type?: string;
  title: string;
  /** Alternative text of an image: its title, else empty (decorative). */
  alt: string;
}

export interface RatingView {
  rater: LinkView;
  scale: string;
  value: string;
  note?: string;
  at: string;
  date: string;
  status: RatingRecord['status'];
  /** "counts", "replaced by a later rating", "retracted on 20 Nov 2026", "article not in the database yet". */
  statusText: string;
  /** The article, on rater pages. */
  article?: LinkView;
  /** Set when the rating was made before the article's latest revision: the version it saw, and its diff. */
  earlierVersion?: { number: number; href: string };
}

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
  editions: { title: string; href: string; position: number; signature?: string; why: string[] }[];
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
 * @example articleView(model, model.index.article('abc-strike')!).editions[0]?.why // ['score 4.3', 'newsworthy ≥ 4 (…)']
 */
export function articleView(model: SiteModel, article: Article): ArticleView {
  const { paths } = model;
  const lang = model.db.site.lang;
  const contingent = model.contingent(article.contingent);
  const linkTo = (a: Article): ArticleLinkView => {
    const internal = model.inScope(a.id);
    return {
      text: a.title || a.url,
      href: internal ? paths.article(a.id) : a.url,
      contingent: model.contingent(a.contingent)?.name ?? a.contingent,
      contingentHref: paths.contingent(a.contingent),
      date: formatDate(a.published, lang),
      external: !internal,
    };
  };
  const outside = (url: string): ArticleLinkView => ({ text: url, href: url, contingent: '', date: '', external: true });
  const contingentName = (id: string) => model.contingent(id)?.name ?? id;
  const signature = contingent ? signatureOf(contingent, model.db.site) : `The ${article.contingent} contingent of ${model.db.site.network}`;
  const source = model.adaptations.sourceOf(article);
  const firstOriginal = source?.originals[0];
  const statement = model.statement(article.id);
  const hasEndorsements = model.index.ratingsOf(article.id).has(STATEMENT_SCALE);
  const uncredited = (pairs: readonly CopyPair[], other: (p: CopyPair) => string): UncreditedView[] =>
    pairs.flatMap((p) => {
      const a = model.index.article(other(p));
      return a ? [{ ...linkTo(a), similarity: formatPercent(p.similarity) }] : [];
    });
  const thread = buildThread(article, { repliesTo: model.replies.repliesTo, parentsOf: (a) => model.replies.inReplyTo(a).flatMap((t) => t.articles) });
  const threadItem = (node: ThreadNode, current = false): ThreadItemView => ({
    ...linkTo(node.article),
    current,
    challenge: isChallenge(node.article),
    replies: node.replies.map((n) => threadItem(n)),
  });
  const hasThread = thread.ancestors.length > 0 || thread.replies.length > 0;

  return {
    id: article.id,
    title: article.title || article.url,
    url: article.url,
    summary: article.summary,
    html: article.html,
    tags: article.tags,
    signature,
    contingent: { text: contingent?.name ?? article.contingent, href: paths.contingent(article.contingent), ...(contingent && { home: contingent.home }) },
    authors: article.authors,
    license: article.license,
    published: article.published,
    publishedDate: formatDate(article.published, lang, true),
    ...(article.updated !== undefined && { updated: article.updated, updatedDate: formatDate(article.updated, lang, true) }),
    ...(article.via !== undefined && { via: article.via }),
    media: article.media.map(mediaView),
    ratings: model.ratings.ofArticle(article.id).map((r) => ratingView(model, r)),
    editions: model.includedBy(article.id).map(({ edition, position, page, entry }) => ({
      title: edition.title,
      href: `${paths.edition(edition.id, page)}#${article.id}`,
      position,
      ...(edition.signature !== undefined && { signature: edition.signature }),
      why: whyItIsHere(entry),
    })),
    revisions: numberRevisions(article)
      .reverse()
      .map((r): RevisionView => {
        const diff = diffHtml(r.html, article.html);
        return {
          number: r.number,
          anchor: `rev-${r.number}`,
          at: r.at,
          date: formatDate(r.at, lang, true),
          from: r.from,
          fromDate: formatDate(r.from, lang, true),
          title: r.title,
          titleChanged: r.title !== article.title,
          summary: r.summary,
          html: r.html,
          diff,
          changes: diff.removed || diff.added ? `${plural(diff.removed, 'word')} removed, ${plural(diff.added, 'word')} added` : 'same text; other changes only',
        };
      }),
    version: article.revisions.length + 1,
    replies: model.replies.repliesTo(article.id).map(linkTo),
    inReplyTo: model.replies.inReplyTo(article).flatMap((t) => (t.articles.length ? t.articles.map(linkTo) : /^https?:\/\//i.test(t.ref) ? [outside(t.ref)] : [])),
    alsoIn: (article.alsoIn ?? []).flatMap((id) => {
      const copy = model.index.article(id);
      return copy ? [linkTo(copy)] : [];
    }),
    challenges: model.index.challengesOf(article.id).map((c) => {
      const challenger = model.contingent(c.challenger)?.name ?? c.challenger;
      const href = c.challengeId && model.inScope(c.challengeId) ? paths.article(c.challengeId) : c.url;
      return {
        by: challenger,
        date: formatDate(c.at, lang),
        answered: c.answeredAt !== undefined,
        ...(href !== undefined && { href }),
        ...(c.note !== undefined && { note: c.note }),
      };
    }),
    ...(source && { adaptedFrom: { via: source.via, originals: source.originals.map(linkTo) } }),
    adaptations: model.adaptations.adaptationsOf(article.id).map(linkTo),
    uncredited: {
      sources: uncredited(model.copies.uncreditedSources(article.id), (p) => p.original),
      copies: uncredited(model.copies.uncreditedCopies(article.id), (p) => p.copy),
    },
    ...(hasThread && {
      thread: {
        // The chain of ancestors nests down to this article, which carries its replies.
        root: thread.ancestors.reduceRight<ThreadItemView>((below, a) => ({ ...threadItem({ article: a, replies: [] }), replies: [below] }), threadItem({ article, replies: thread.replies }, true)),
        size: thread.size,
        truncated: thread.truncated,
      },
    }),
    ...((hasEndorsements || statement.reached) && {
      statement: {
        reached: statement.reached,
        endorsed: statement.endorsed.map(contingentName),
        notEndorsed: statement.notEndorsed.map(contingentName),
        summary: `${statement.endorsed.length} of ${plural(statement.total, 'contingent')} endorse; a statement of the whole network needs ${statement.needed} (${formatPercent(statement.fraction)}).`,
      },
    }),
    ...(statement.reached && {
      networkSignature: `A statement of the whole network of ${model.db.site.network}, endorsed by ${statement.endorsed.length} of ${plural(statement.total, 'contingent')}`,
    }),
    credit: creditLine({
      title: article.title || article.url,
      url: article.url,
      signature,
      ...(contingent && { home: contingent.home }),
      license: article.license,
      ...(source && {
        adaptedFrom: firstOriginal
          ? { title: firstOriginal.title || firstOriginal.url, url: firstOriginal.url, signature: signatureOfId(model, firstOriginal.contingent) }
          : { title: source.via, url: source.via },
      }),
    }),
  };
}

function signatureOfId(model: SiteModel, contingentId: string): string {
  const c = model.contingent(contingentId);
  return c ? signatureOf(c, model.db.site) : `The ${contingentId} contingent of ${model.db.site.network}`;
}

/** An article tagged `challenge` (any case), as listChallenges reads it. */
function isChallenge(article: Article): boolean {
  return !!article.inReplyTo?.length && article.tags.some((t) => t.trim().toLowerCase() === 'challenge');
}

/** A rating for people: rater, scale, value with its label, and what became of it. */
export function ratingView(model: SiteModel, record: RatingRecord, withArticle = false): RatingView {
  const lang = model.db.site.lang;
  const scale = model.scale(record.scale);
  const statusText =
    record.status === 'counts'
      ? 'counts'
      : record.status === 'retracted'
        ? `retracted on ${formatDate(record.retractedAt ?? record.at, lang)}`
        : record.status === 'pending'
          ? 'article not in the database yet'
          : 'replaced by a later rating';
  const article = record.article;
  const seen = article?.revisions.length ? versionAt(article, record.at) : undefined;
  return {
    rater: { text: model.rater(record.rater)?.name ?? record.rater, href: model.paths.rater(record.rater) },
    scale: scale?.name ?? record.scale,
    value: formatScaleValue(scale, record.value),
    ...(record.note !== undefined && { note: record.note }),
    at: record.at,
    date: formatDate(record.at, lang),
    status: record.status,
    statusText,
    ...(withArticle && {
      article: article
        ? { text: article.title || article.url, href: model.inScope(article.id) ? model.paths.article(article.id) : article.url }
        : { text: record.ref, href: /^https?:\/\//i.test(record.ref) ? record.ref : '' },
    }),
    ...(article && seen !== undefined && model.inScope(article.id) && {
      // The anchor inside the closed <details>: following it opens the diff, with no script.
      earlierVersion: { number: seen, href: `${model.paths.article(article.id)}#rev-${seen}-diff` },
    }),
  };
}

/**
 * How a media item is shown: an image, an audio or video player, or a plain link.
 *
 * @example mediaView({ url: 'https://x.example/a.mp3', type: 'audio/mpeg' }).kind // 'audio'
 */
export function mediaView(media: Media): MediaView {
  const type = media.type?.toLowerCase() ?? '';
  const kind =
    media.medium === 'image' || type.startsWith('image/')
      ? 'image'
      : media.medium === 'audio' || type.startsWith('audio/')
        ? 'audio'
        : media.medium === 'video' || type.startsWith('video/')
          ? 'video'
          : 'link';
  const size = media.length ? ` (${formatNumber(media.length / 1_000_000)} MB)` : '';
  const name = media.title ?? (media.url.split('/').pop() || media.url);
  return { kind, url: media.url, ...(media.type !== undefined && { type: media.type }), title: kind === 'image' ? name : `${name}${size}`, alt: media.title ?? '' };
}
