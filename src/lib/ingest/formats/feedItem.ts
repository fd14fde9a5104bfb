// Finishing one item, the same for XML and JSON: URLs resolved, HTML sanitized, text cleaned
// and bounded, dates, tags.
import { collapseWhitespace, firstParagraphText, textToHtml, truncateText } from '../../html/htmlText.ts';
import type { HtmlParseStats } from '../../html/parseHtmlFragment.ts';
import { resolveUrl, sanitizeHtmlToTree, treeToHtml } from '../../html/sanitizeHtml.ts';
import { cleanPlainText, stripXmlForbidden } from '../../html/textCharacters.ts';
import { toIsoDate } from './feedDates.ts';
import { finishMedia } from './feedMedia.ts';
import { titleText, typedTextToPlain } from './feedText.ts';
import type { FeedItem, RawItem, TypedText } from './feedTypes.ts';
import { optional } from './optionalField.ts';

/** Longest stored title, in characters: cut on a word boundary with '…' past it. */
export const TITLE_MAX = 300;
/** Longest stored summary, in characters, cut the same way. */
export const SUMMARY_MAX = 400;
/** Author names and tags: at most this many, each at most this long. */
export const AUTHORS_MAX = 20;
export const AUTHOR_NAME_MAX = 200;
export const TAGS_MAX = 50;
export const TAG_MAX = 100;

/** What finishing an item had to cut, for the run's report. */
export interface FinishStats extends HtmlParseStats {
  titlesCut: number;
}

/**
 * Turns a raw item into a `FeedItem`: the link resolved against xml:base, then the feed's home,
 * then the feed URL; the fullest body sanitized; plain-text fields cleaned (see cleanPlainText)
 * and bounded (TITLE_MAX, SUMMARY_MAX…); dates in ISO 8601 UTC; authors and tags deduplicated.
 *
 * @example
 * finishItem({ link: '/a', authors: [], tags: [], media: [], inReplyTo: [], inReplyToHrefs: [] }, 'https://abc.example/', 'https://abc.example/feed.xml').url
 * // => 'https://abc.example/a'
 */
export function finishItem(raw: RawItem, home: string | undefined, feedUrl: string, stats?: FinishStats): FeedItem {
  const url = raw.link ? resolveUrl(raw.link, raw.xmlBase ?? home ?? feedUrl) : undefined;
  const itemBase = raw.xmlBase ?? url ?? home ?? feedUrl;
  const body = nonEmpty(raw.content) ?? nonEmpty(raw.summary);
  const tree = body ? sanitizeHtmlToTree(body.type === 'text' ? textToHtml(body.value) : body.value, raw.contentBase ?? itemBase, stats) : undefined;
  const summarySource = nonEmpty(raw.content) ? nonEmpty(raw.summary) : undefined;
  // A description that is only an image has no text; then the content's first paragraph stands in.
  const summary = cleanPlainText(typedTextToPlain(summarySource)) || (tree ? cleanPlainText(firstParagraphText(tree)) : '');
  const title = cleanPlainText(titleText(raw.title));
  if (title.length > TITLE_MAX && stats) stats.titlesCut++;
  const guid = raw.guid === undefined ? undefined : stripXmlForbidden(raw.guid).trim();

  const item: FeedItem = {
    ...(guid ? { guid } : {}),
    ...(url ? { url } : {}),
    title: truncateText(title, TITLE_MAX),
    authors: boundedStrings(raw.authors, false, AUTHORS_MAX, AUTHOR_NAME_MAX),
    ...optional('published', toIsoDate(raw.published)),
    ...optional('updated', toIsoDate(raw.updated)),
    html: tree ? treeToHtml(tree).trim() : '',
    summary: truncateText(summary, SUMMARY_MAX),
    tags: boundedStrings(raw.tags, true, TAGS_MAX, TAG_MAX),
    media: finishMedia(raw.media, itemBase).map((m) => (m.title ? { ...m, title: truncateText(cleanPlainText(m.title), TITLE_MAX) } : m)),
  };
  const inReplyTo = boundedStrings(
    [...raw.inReplyTo.map((ref) => stripXmlForbidden(ref)), ...raw.inReplyToHrefs.map((href) => resolveUrl(href, itemBase) ?? '')],
    false,
    Infinity,
    Infinity,
  );
  if (inReplyTo.length > 0) item.inReplyTo = inReplyTo;
  const via = raw.via ? resolveUrl(raw.via, itemBase) : undefined;
  if (via) item.via = via;
  return item;
}

function nonEmpty(text: TypedText | undefined): TypedText | undefined {
  return text && text.value.trim() !== '' ? text : undefined;
}

/** Cleaned, whitespace collapsed, non-empty, first spelling kept (`ignoreCase` merges "News" and "news"), bounded. */
function boundedStrings(values: string[], ignoreCase: boolean, count: number, length: number): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const value of values) {
    const clean = collapseWhitespace(cleanPlainText(value));
    const text = clean.length > length ? truncateText(clean, length) : clean;
    const key = ignoreCase ? text.toLowerCase() : text;
    if (text === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(text);
    if (out.length >= count) break;
  }
  return out;
}
