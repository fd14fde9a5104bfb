// View models of edition listings: the page, each entry, and the edition's filter in words.
import { feedAlternates, feedLinks, type AlternateLink, type FeedLinkView } from './feedLinks.ts';
import type { EditionEntry } from '../../editions/evaluateEdition.ts';
import { editionPages } from './editionPages.ts';
import { formatDate, plural, revisedLabel, signatureOf } from './format.ts';
import type { Listed, SiteModel } from '../siteModel.ts';
import { describeEdition, whyItIsHere, type WhyNames } from './whyView.ts';

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
  /** Why the article is in the edition, in a reader's words, one reason a line; empty when the edition keeps everything. */
  why: string[];
  /** The other contingents that carry the same article (a republished joint statement), linked. */
  alsoCarriedBy: LinkView[];
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
  /** The edition's feed in every format, and the head links that advertise them. */
  feeds: FeedLinkView[];
  alternates: AlternateLink[];
  explainHref: string;
}

/**
 * The names the words of "why" and of an edition's rules use, from the site.
 *
 * @example whyNames(model).scale('newsworthy')?.name // => 'Newsworthy'
 */
export function whyNames(model: SiteModel): WhyNames {
  return {
    scale: (id) => model.scale(id),
    contingentName: (id) => model.contingent(id)?.name,
    raterName: (id) => model.rater(id)?.name,
    editionTitle: (id) => model.db.editions.find((e) => e.id === id)?.title,
    lang: model.db.site.lang,
  };
}

/**
 * The contingents that also carry an article (its `alsoIn` copies), each linked to its page.
 *
 * @example alsoCarriedBy(model, abcCopyOfStatement) // [{ text: 'Tenants United', href: '/contingents/tenants/' }]
 */
export function alsoCarriedBy(model: SiteModel, article: EditionEntry['article']): LinkView[] {
  const seen = new Set<string>([article.contingent]);
  const links: LinkView[] = [];
  for (const id of article.alsoIn ?? []) {
    const copy = model.index.article(id);
    if (!copy || seen.has(copy.contingent)) continue;
    seen.add(copy.contingent);
    links.push({ text: model.contingent(copy.contingent)?.name ?? copy.contingent, href: model.paths.contingent(copy.contingent) });
  }
  return links;
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
    why: whyItIsHere(whyNames(model), entry.reasons),
    alsoCarriedBy: alsoCarriedBy(model, article),
    ...(revised && { revised }),
    signedAs: statement.reached ? `${own}, and the whole network of ${model.db.site.network} (${statement.endorsed.length} of ${plural(statement.total, 'contingent')})` : own,
  };
}

/**
 * One listing page of an edition. Pages past the last give undefined.
 *
 * @example editionPageView(model, 'commons', 2)?.entries[0]?.position // => 6
 */
export function editionPageView(model: SiteModel, editionId: string, page: number): EditionPageView | undefined {
  const edition = model.editions.find((e) => e.id === editionId);
  if (!edition) return undefined;
  const all = model.listing(editionId);
  const listing = editionPages(all, model.pageSize)[page - 1];
  if (!listing) return undefined;
  const href = (n: number) => model.paths.edition(editionId, n);
  return {
    id: edition.id,
    title: edition.title,
    description: edition.description,
    ...(edition.signature !== undefined && { signature: edition.signature }),
    rules: describeEdition(edition, whyNames(model), model.db.site.quorum),
    count: all.length,
    page,
    pages: listing.pages,
    entries: listing.entries.map((listed: Listed) => entryView(model, listed.entry, listed.position)),
    pager: pagerView(page, listing.pages, href),
    href: href(page),
    rssHref: model.paths.editionRss(editionId),
    feeds: feedLinks(model.paths, { edition: editionId }),
    alternates: feedAlternates(model.paths, { edition: editionId }, edition.title),
    explainHref: model.paths.editionExplain(editionId),
  };
}

/**
 * Page links for a pager: the first and last pages, and two on each side of the current one.
 *
 * @example pagerView(5, 9, (n) => `/d/page/${n}/`).items.length // => 9
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
