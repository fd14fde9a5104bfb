// One last pass over everything an article stores, its earlier versions included, so that no
// stored text carries a character XML forbids (a feed carrying it would be ill-formed) and no
// plain-text field carries a bidirectional control (a title could reorder a listing page).
import type { Article, Media, Revision } from '../config/schema.ts';
import { cleanPlainText, stripXmlForbidden } from '../html/textCharacters.ts';

/**
 * The article with every text field cleaned: plain text (title, summary, authors, tags, media
 * titles) with `cleanPlainText`, markup and identifiers with `stripXmlForbidden`. Articles stored
 * before this pass existed are cleaned the next time their feed is read.
 *
 * @example cleanArticleText(article).title // 'Vote results' for a stored 'Vote\u0008 results'
 */
export function cleanArticleText(article: Article): Article {
  const optionalText = (value: string | undefined) => (value === undefined ? undefined : stripXmlForbidden(value));
  const cleaned: Article = {
    ...article,
    title: cleanPlainText(article.title),
    url: stripXmlForbidden(article.url),
    guid: optionalText(article.guid),
    authors: article.authors.map(cleanPlainText),
    summary: cleanPlainText(article.summary),
    html: stripXmlForbidden(article.html),
    tags: article.tags.map(cleanPlainText),
    media: article.media.map(cleanMedia),
    inReplyTo: article.inReplyTo?.map(stripXmlForbidden),
    via: optionalText(article.via),
    revisions: article.revisions.map(cleanRevision),
  };
  // Keep absent optional fields absent, so a clean article serializes exactly as before.
  for (const key of ['guid', 'inReplyTo', 'via'] as const) if (article[key] === undefined) delete cleaned[key];
  return cleaned;
}

function cleanMedia(media: Media): Media {
  return { ...media, url: stripXmlForbidden(media.url), ...(media.title !== undefined ? { title: cleanPlainText(media.title) } : {}) };
}

function cleanRevision(revision: Revision): Revision {
  return { ...revision, title: cleanPlainText(revision.title), summary: cleanPlainText(revision.summary), html: stripXmlForbidden(revision.html) };
}
