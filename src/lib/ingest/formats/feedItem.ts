// Finishing one item, the same for XML and JSON: URLs resolved, HTML sanitized, summary, dates, tags.
import { collapseWhitespace, firstParagraphText, htmlToText, textToHtml, truncateText } from '../../html/htmlText.ts';
import { resolveUrl, sanitizeHtmlToTree, treeToHtml } from '../../html/sanitizeHtml.ts';
import { toIsoDate } from './feedDates.ts';
import { finishMedia } from './feedMedia.ts';
import type { FeedItem, RawItem, TypedText } from './feedTypes.ts';
import { optional } from './optionalField.ts';

const SUMMARY_MAX = 400;

/**
 * Turns a raw item into a `FeedItem`: the link resolved against xml:base, then the feed's home,
 * then the feed URL; the fullest body sanitized; dates in ISO 8601 UTC; authors and tags deduplicated.
 *
 * @example
 * finishItem({ link: '/a', authors: [], tags: [], media: [], inReplyTo: [], inReplyToHrefs: [] }, 'https://abc.example/', feedUrl).url
 * // 'https://abc.example/a'
 */
export function finishItem(raw: RawItem, home: string | undefined, feedUrl: string): FeedItem {
  const url = raw.link ? resolveUrl(raw.link, raw.xmlBase ?? home ?? feedUrl) : undefined;
  const itemBase = raw.xmlBase ?? url ?? home ?? feedUrl;
  const body = nonEmpty(raw.content) ?? nonEmpty(raw.summary);
  const tree = body ? sanitizeHtmlToTree(body.type === 'html' ? body.value : textToHtml(body.value), raw.contentBase ?? itemBase) : undefined;
  const summarySource = nonEmpty(raw.content) ? nonEmpty(raw.summary) : undefined;
  // A description that is only an image has no text; then the content's first paragraph stands in.
  const summary = typedTextToPlain(summarySource) || (tree ? firstParagraphText(tree) : '');

  const item: FeedItem = {
    ...(raw.guid ? { guid: raw.guid } : {}),
    ...(url ? { url } : {}),
    title: typedTextToPlain(raw.title),
    authors: uniqueStrings(raw.authors.map(collapseWhitespace), false),
    ...optional('published', toIsoDate(raw.published)),
    ...optional('updated', toIsoDate(raw.updated)),
    html: tree ? treeToHtml(tree).trim() : '',
    summary: truncateText(summary, SUMMARY_MAX),
    tags: uniqueStrings(raw.tags.map(collapseWhitespace), true),
    media: finishMedia(raw.media, itemBase),
  };
  const inReplyTo = uniqueStrings(
    [...raw.inReplyTo.map((ref) => ref.trim()), ...raw.inReplyToHrefs.map((href) => resolveUrl(href, itemBase) ?? '')],
    false,
  );
  if (inReplyTo.length > 0) item.inReplyTo = inReplyTo;
  const via = raw.via ? resolveUrl(raw.via, itemBase) : undefined;
  if (via) item.via = via;
  return item;
}

function nonEmpty(text: TypedText | undefined): TypedText | undefined {
  return text && text.value.trim() !== '' ? text : undefined;
}

/**
 * Plain text of a title or summary. HTML is stripped; plain text only has its (often
 * double-escaped) character references decoded, so a literal `<table>` in a text title survives.
 */
export function typedTextToPlain(text: TypedText | undefined): string {
  if (!text) return '';
  if (text.type === 'html') return collapseWhitespace(htmlToText(text.value));
  if (!text.value.includes('&')) return collapseWhitespace(text.value);
  const escaped = text.value.replace(/</g, '&lt;').replace(/&(?!#\d+;|#x[\da-f]+;|[a-z][a-z\d]*;)/gi, '&amp;');
  return collapseWhitespace(htmlToText(escaped));
}

/** Trimmed, non-empty, first spelling kept; `ignoreCase` merges "News" and "news". */
function uniqueStrings(values: string[], ignoreCase: boolean): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const value of values) {
    const clean = value.trim();
    const key = ignoreCase ? clean.toLowerCase() : clean;
    if (clean === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(clean);
  }
  return out;
}
