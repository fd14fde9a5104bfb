// View model of one rating, on article and rater pages: rater, scale, value with its label, and
// what became of it (counts, replaced, retracted, pending).
import { versionAt } from '../../transparency/revisionDiff.ts';
import type { SiteModel } from '../siteModel.ts';
import type { LinkView } from './editionView.ts';
import { formatDate, formatScaleValue } from './format.ts';
import type { RatingRecord } from './ratingHistory.ts';
import { raterLabel } from './trustView.ts';

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

/**
 * A rating for people: rater, scale, value with its label, and what became of it.
 *
 * @example ratingView(model, model.ratings.ofArticle('abc-01').find((r) => r.rater === 'alice' && r.scale === 'newsworthy')!).value // => '5 (essential)'
 */
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
    rater: raterLabel(model, record.rater),
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
