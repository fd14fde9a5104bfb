// The one model of a published feed, shared by the RSS, Atom and JSON Feed writers: same items,
// same ids, same credit. Every string in it is clean for XML and bounded (FEED_BOUNDS).
import type { Article } from '../../config/schema.ts';
import { escapeHtml, truncateText } from '../../html/htmlText.ts';
import { cleanPlainText, stripXmlForbidden } from '../../html/textCharacters.ts';
import { creditLine } from '../../transparency/creditLine.ts';
import type { FeedFormat } from '../paths.ts';
import type { SiteModel } from '../siteModel.ts';
import { signatureOf } from '../views/format.ts';
import { FEED_BOUNDS, utf8Bytes, type FeedBounds } from './feedBounds.ts';

/** Items of a contingent's feed: its newest articles. */
export const CONTINGENT_FEED_ITEMS = 50;

export interface FeedItem {
  /** The article page here: RSS guid, Atom id and JSON Feed id, the same in every format. */
  id: string;
  /** The article at its publisher, when it has a usable http(s) link. */
  original?: string;
  /** Plain text. */
  title: string;
  /** Plain text; may be empty. */
  summary: string;
  /** Sanitized article HTML (or its summary when too long), then the credit and links. */
  contentHtml: string;
  /** False when the article was longer than an item carries and the content is its summary. */
  fullText: boolean;
  /** ISO dates, UTC, fixed length. */
  published: string;
  updated: string;
  /** The article's authors, or the contingent's signature when it names none. */
  authors: string[];
  /** How the contingent signs: "The ABC contingent of Wide Net". */
  signature: string;
  tags: string[];
  media: { url: string; type: string; length?: number; title?: string }[];
  /** The contingent's own feed, where the item came from. */
  source?: { url: string; title: string };
}

export interface FeedDocument {
  /** Plain text. */
  title: string;
  description: string;
  lang: string;
  /** The page the feed follows, absolute. */
  home: string;
  /** This feed's absolute URL in each format. */
  self: Record<FeedFormat, string>;
  /** The WebSub hub (site.yaml `websub.hub`). */
  hub?: string;
  /** When the feed last changed: its newest item's date (the build's `now` for an empty feed). */
  updated: string;
  /** The candidates in order; the writers take as many as FEED_BOUNDS.feedBytes allows. */
  items: Iterable<FeedItem>;
}

/**
 * An edition's feed: its entries in the engine's order.
 *
 * @example [...editionFeedDocument(model, 'digest').items][0]?.id // => 'https://example.org/articles/abc-01/'
 */
export function editionFeedDocument(model: SiteModel, editionId: string): FeedDocument {
  const edition = model.editions.find((e) => e.id === editionId);
  if (!edition) throw new Error(`[feeds] no edition "${editionId}" in this build`);
  const { paths } = model;
  return feedDocument(model, {
    title: model.single ? edition.title : `${edition.title} · ${model.db.site.title}`,
    description: [edition.description, edition.signature].filter(Boolean).join(' — ') || edition.title,
    home: paths.absolute(paths.edition(editionId)),
    self: (format) => paths.absolute(paths.editionFeed(editionId, format)),
    articles: model.result(editionId).entries.map((e) => e.article),
  });
}

/**
 * A contingent's own feed: its newest articles in this build, signed as the contingent.
 *
 * @example [...contingentFeedDocument(model, 'abc').items].length // ≤ 50
 */
export function contingentFeedDocument(model: SiteModel, contingentId: string): FeedDocument {
  const contingent = model.contingent(contingentId);
  if (!contingent) throw new Error(`[feeds] no contingent "${contingentId}"`);
  const { paths } = model;
  return feedDocument(model, {
    title: `${contingent.name} · ${model.db.site.title}`,
    description: signatureOf(contingent, model.db.site),
    home: paths.absolute(paths.contingent(contingentId)),
    self: (format) => paths.absolute(paths.contingentFeed(contingentId, format)),
    articles: model.articlesOf(contingentId).slice(0, CONTINGENT_FEED_ITEMS),
  });
}

interface FeedInput {
  title: string;
  description: string;
  home: string;
  self: (format: FeedFormat) => string;
  articles: readonly Article[];
}

function feedDocument(model: SiteModel, input: FeedInput, bounds: FeedBounds = FEED_BOUNDS): FeedDocument {
  const { site } = model.db;
  return {
    title: cleanPlainText(input.title),
    description: cleanPlainText(input.description),
    lang: site.lang,
    home: input.home,
    self: { rss: input.self('rss'), atom: input.self('atom'), json: input.self('json') },
    ...(site.websub && { hub: site.websub.hub }),
    updated: isoDate(newest(input.articles) ?? model.now.toISOString()),
    // Lazy: a large edition's items are made only until the feed is full.
    items: (function* () {
      for (const article of input.articles) yield feedItem(model, article, bounds);
    })(),
  };
}

/**
 * One article as a feed item: clean, bounded text; the full sanitized HTML when it is within
 * `itemContentBytes`, else the summary and a "Continue reading" link; then the credit line, with
 * links to the original article and to its page here.
 *
 * @example feedItem(model, db.articles[0]!).contentHtml.endsWith('on Wide Net (test fixture)</a></p>') // => true
 */
export function feedItem(model: SiteModel, article: Article, bounds: FeedBounds = FEED_BOUNDS): FeedItem {
  const { paths, db } = model;
  const contingent = model.contingent(article.contingent);
  const signature = cleanPlainText(contingent ? signatureOf(contingent, db.site) : article.contingent);
  const page = paths.absolute(paths.article(article.id));
  const original = /^https?:\/\//i.test(article.url) ? stripXmlForbidden(article.url) : undefined;
  const title = cut(article.title, bounds.titleChars) || original || 'Untitled';
  const summary = cut(article.summary, bounds.summaryChars);
  const html = stripXmlForbidden(article.html);
  const fullText = utf8Bytes(html) <= bounds.itemContentBytes;
  const body = fullText
    ? html
    : `${summary ? `<p>${escapeHtml(summary)}</p>` : ''}<p><a href="${escapeHtml(page)}">Continue reading</a>: the full text is longer than a feed item carries.</p>`;
  const license = cut(article.license, bounds.nameChars);
  const credit = original
    ? creditLine({ title, url: original, signature, ...(contingent && { home: contingent.home }), license }).html
    : `<p>“${escapeHtml(title)}”, ${escapeHtml(signature)}. The publisher gave no usable link to the original. License: ${escapeHtml(license)}.</p>`;
  const here = `<p><a href="${escapeHtml(page)}">Ratings, versions and replies on ${escapeHtml(stripXmlForbidden(db.site.title))}</a></p>`;
  const authors = article.authors.slice(0, bounds.authors).map((a) => cut(a, bounds.nameChars)).filter(Boolean);
  return {
    id: page,
    ...(original && { original }),
    title,
    summary,
    contentHtml: `${body}<hr>${credit}${here}`,
    fullText,
    published: isoDate(article.published),
    updated: isoDate(article.updated ?? article.published),
    authors: authors.length ? authors : [signature],
    signature,
    tags: article.tags.slice(0, bounds.tags).map((t) => cut(t, bounds.nameChars)).filter(Boolean),
    media: article.media
      .filter((m) => /^https?:\/\//i.test(m.url))
      .map((m) => ({
        url: stripXmlForbidden(m.url),
        type: stripXmlForbidden(m.type ?? mimeOf(m.medium)),
        ...(m.length !== undefined && m.length > 0 && { length: Math.round(m.length) }),
        ...(m.title && { title: cut(m.title, bounds.nameChars) }),
      })),
    ...(contingent?.feeds[0] && { source: { url: contingent.feeds[0], title: signature } }),
  };
}

/** The latest date any of the articles was published or updated: a feed's date changes only with its items. */
function newest(articles: readonly Article[]): string | undefined {
  let latest: string | undefined;
  let latestMs = -Infinity;
  for (const a of articles) {
    const date = a.updated ?? a.published;
    const ms = Date.parse(date);
    if (ms > latestMs) [latest, latestMs] = [date, ms];
  }
  return latest;
}

/** Plain text without XML-forbidden or bidi controls, cut at a word with "…" only when longer than `max`. */
function cut(text: string, max: number): string {
  const clean = cleanPlainText(text);
  return clean.length > max ? truncateText(clean, max) : clean;
}

/** The same instant as a fixed-length UTC ISO string, so every format says the same date. */
function isoDate(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : new Date(ms).toISOString();
}

function mimeOf(medium: string | undefined): string {
  return medium === 'image' ? 'image/*' : medium === 'audio' ? 'audio/*' : medium === 'video' ? 'video/*' : 'application/octet-stream';
}
