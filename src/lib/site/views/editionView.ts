// View models of edition listings: the page, each entry, and the edition's filter in words.
import { describeRule, formatNumber } from '../../editions/describeRule.ts';
import type { EditionEntry } from '../../editions/evaluateEdition.ts';
import type { Edition } from '../../config/schema.ts';
import { editionPages } from './editionPages.ts';
import { formatDate, plural, revisedLabel, signatureOf } from './format.ts';
import type { SiteModel } from '../siteModel.ts';

export interface LinkView {
  text: string;
  href: string;
}

export interface EntryView {
  id: string;
  position: number;
  title: string;
  href: string;
  contingent: LinkView;
  published: string;
  date: string;
  summary: string;
  tags: string[];
  /** "score 4.3", when the edition ranks. */
  score?: string;
  /** Why the article is in the edition, one reason a line. */
  why: string[];
  /** "revised 2×" when the publisher changed the article. */
  revised?: string;
  /** Who signs it: its contingent, or the whole network when it reaches the quorum. */
  signedAs: string;
}

export interface PagerView {
  prev?: string;
  next?: string;
  /** Page links around the current page; `gap` marks skipped pages. */
  items: ({ page: number; href: string; current: boolean } | { gap: true })[];
}

export interface EditionPageView {
  id: string;
  title: string;
  description: string;
  signature?: string;
  /** How the edition chooses and orders its articles, in words. */
  rules: string[];
  count: number;
  page: number;
  pages: number;
  entries: EntryView[];
  pager: PagerView;
  href: string;
  rssHref: string;
  explainHref: string;
}

/**
 * Why an entry is in its edition, in words: its score and the include rules that held.
 *
 * @example whyItIsHere({ score: 4.25, matched: ['newsworthy ≥ 4 (score 4.25, 2 raters)'], ratings: [r1, r2] })
 * // ['score 4.25', 'newsworthy ≥ 4 (score 4.25, 2 raters)', '2 ratings counted']
 */
export function whyItIsHere(entry: Pick<EditionEntry, 'score' | 'matched' | 'ratings'>): string[] {
  const why: string[] = [];
  if (entry.score !== undefined) why.push(`score ${formatNumber(entry.score)}`);
  if (entry.matched.length) why.push(...entry.matched);
  else why.push('passes the edition’s filters (no include rule)');
  if (entry.ratings.length) why.push(`${plural(entry.ratings.length, 'rating')} counted`);
  return why;
}

/** One article as an edition lists it. */
export function entryView(model: SiteModel, entry: EditionEntry, position: number): EntryView {
  const { article } = entry;
  const contingent = model.contingent(article.contingent);
  const revised = revisedLabel(article.revisions.length);
  const statement = model.statement(article.id);
  const own = contingent ? signatureOf(contingent, model.db.site) : `The ${article.contingent} contingent of ${model.db.site.network}`;
  return {
    id: article.id,
    position,
    title: article.title || article.url,
    href: model.paths.article(article.id),
    contingent: { text: contingent?.name ?? article.contingent, href: model.paths.contingent(article.contingent) },
    published: article.published,
    date: formatDate(article.published, model.db.site.lang),
    summary: article.summary,
    tags: article.tags,
    ...(entry.score !== undefined && { score: `score ${formatNumber(entry.score)}` }),
    why: whyItIsHere(entry),
    ...(revised && { revised }),
    signedAs: statement.reached ? `${own}, and the whole network of ${model.db.site.network} (${statement.endorsed.length} of ${plural(statement.total, 'contingent')})` : own,
  };
}

/**
 * One listing page of an edition. Pages past the last give undefined.
 *
 * @example editionPageView(model, 'digest', 2)?.entries[0]?.position // 26, with pageSize 25
 */
export function editionPageView(model: SiteModel, editionId: string, page: number): EditionPageView | undefined {
  const edition = model.editions.find((e) => e.id === editionId);
  if (!edition) return undefined;
  const result = model.result(editionId);
  const listing = editionPages(result, model.pageSize)[page - 1];
  if (!listing) return undefined;
  const href = (n: number) => model.paths.edition(editionId, n);
  return {
    id: edition.id,
    title: edition.title,
    description: edition.description,
    ...(edition.signature !== undefined && { signature: edition.signature }),
    rules: describeEdition(edition, model.db.site.quorum),
    count: result.entries.length,
    page,
    pages: listing.pages,
    entries: listing.entries.map((entry, i) => entryView(model, entry, listing.start + i)),
    pager: pagerView(page, listing.pages, href),
    href: href(page),
    rssHref: model.paths.editionRss(editionId),
    explainHref: model.paths.editionExplain(editionId),
  };
}

/**
 * Page links for a pager: the first and last pages, and two on each side of the current one.
 *
 * @example pagerView(5, 9, (n) => `/d/page/${n}/`).items.length // 9: 1, gap, 3, 4, 5, 6, 7, gap, 9
 */
export function pagerView(page: number, pages: number, href: (page: number) => string): PagerView {
  const items: PagerView['items'] = [];
  let last = 0;
  for (let n = 1; n <= pages; n++) {
    if (n !== 1 && n !== pages && Math.abs(n - page) > 2) continue;
    if (n - last > 1) items.push({ gap: true });
    items.push({ page: n, href: href(n), current: n === page });
    last = n;
  }
  return {
    ...(page > 1 && { prev: href(page - 1) }),
    ...(page < pages && { next: href(page + 1) }),
    items,
  };
}

/**
 * An edition's filter in words, one line per part, for its front page.
 *
 * @example describeEdition({ id: 'x', title: 'X', description: '', from: 'all', window: '7d', limit: 50 })
 * // ['Candidates: every article in the database', 'Ratings that count: every rater, weight 1',
 * //  'Window: first published in the last 7d', 'Order: newest first', 'Limit: 50 articles']
 */
export function describeEdition(edition: Edition, quorum = 2 / 3): string[] {
  const lines = [edition.from === 'all' ? 'Candidates: every article in the database' : `Candidates: the articles of the “${edition.from}” edition`];
  const only = edition.contingents?.include ?? [];
  const except = edition.contingents?.exclude ?? [];
  if (only.length) lines.push(`Contingents: only ${only.join(', ')}`);
  if (except.length) lines.push(`Contingents: all except ${except.join(', ')}`);
  if (edition.raters) {
    const weights = Object.entries(edition.raters).map(([id, w]) => `${id} × ${formatNumber(w)}`);
    lines.push(`Ratings that count: ${weights.length ? weights.join(', ') : 'none'}`);
  } else lines.push('Ratings that count: every rater, weight 1');
  if (edition.window) lines.push(`Window: first published in the last ${edition.window}`);
  if (edition.include?.length) lines.push(`Kept if any of: ${edition.include.map((r) => describeRule(r, quorum)).join('; ')}`);
  if (edition.exclude?.length) lines.push(`Dropped if any of: ${edition.exclude.map((r) => describeRule(r, quorum)).join('; ')}`);
  if (edition.rank) {
    const sum = edition.rank.sum.map((t) => `${t.scale} × ${formatNumber(t.w)}`).join(' + ');
    lines.push(`Order: by ${sum}${edition.rank.halfLife ? `, halving every ${edition.rank.halfLife} of age` : ''}`);
  } else lines.push('Order: newest first');
  if (edition.limit !== undefined) lines.push(`Limit: ${plural(edition.limit, 'article')}`);
  return lines;
}
