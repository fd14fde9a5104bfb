// View model of an article page: credit, text, ratings, editions, revisions and replies.
import { formatNumber } from '../describeRule.ts';
import type { Article, Media } from '../schema.ts';
import { whyItIsHere, type LinkView } from './editionView.ts';
import { formatDate, formatScaleValue, signatureOf } from './format.ts';
import type { RatingRecord } from './ratingHistory.ts';
import type { SiteModel } from './siteModel.ts';

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
}

export interface ArticleLinkView extends LinkView {
  contingent: string;
  date: string;
  /** True when the link leaves the site (the article has no page in this build). */
  external: boolean;
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
  revisions: { at: string; date: string; title: string; summary: string; html: string }[];
  replies: ArticleLinkView[];
  inReplyTo: ArticleLinkView[];
  /** Copies of the same URL carried by other contingents. */
  alsoIn: ArticleLinkView[];
  challenges: { by: string; date: string; answered: boolean; href?: string; note?: string }[];
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
      date: formatDate(a.published, lang),
      external: !internal,
    };
  };
  const outside = (url: string): ArticleLinkView => ({ text: url, href: url, contingent: '', date: '', external: true });

  return {
    id: article.id,
    title: article.title || article.url,
    url: article.url,
    summary: article.summary,
    html: article.html,
    tags: article.tags,
    signature: contingent ? signatureOf(contingent, model.db.site) : `The ${article.contingent} contingent of ${model.db.site.network}`,
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
    revisions: [...article.revisions]
      .sort((a, b) => b.at.localeCompare(a.at))
      .map((r) => ({ at: r.at, date: formatDate(r.at, lang, true), title: r.title, summary: r.summary, html: r.html })),
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
  };
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
