// The attribution a reader copies to reuse an article: title, contingent, link and license.
import { escapeHtml } from '../html/htmlText.ts';

export interface CreditInput {
  title: string;
  /** The article's original URL, at its publisher; empty when the publisher gave no usable link. */
  url: string;
  /** How the contingent signs: "The ABC contingent of Wide Net". */
  signature: string;
  /** The contingent's home page. */
  home?: string;
  license: string;
  /** The article this one adapts, when it declares one. */
  adaptedFrom?: { title: string; url: string; signature?: string };
}

export interface CreditLine {
  html: string;
  text: string;
}

/**
 * A credit line for reuse, in HTML and in plain text. Titles and names are escaped; an adaptation also
 * credits its original, so credit travels with every reuse.
 *
 * @example
 * creditLine({ title: 'Port strike', url: 'https://abc.example/strike', signature: 'The ABC contingent of Wide Net', license: 'CC0-1.0' }).text
 * // => '“Port strike”, The ABC contingent of Wide Net. https://abc.example/strike. License: CC0-1.0.'
 */
export function creditLine(input: CreditInput): CreditLine {
  const { title, url, signature, home, license, adaptedFrom } = input;
  const by = home ? `<a href="${escapeHtml(home)}">${escapeHtml(signature)}</a>` : escapeHtml(signature);
  // No usable link (none, or one dropped as unsafe): the title stands alone, never a link to nowhere.
  const linked = (href: string, text: string) => (usable(href) ? `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>` : escapeHtml(text));
  let html = `“${linked(url, title)}”, ${by}. License: ${escapeHtml(license)}.`;
  let text = `“${title}”, ${signature}.${usable(url) ? ` ${url}.` : ''} License: ${license}.`;
  if (adaptedFrom) {
    const from = adaptedFrom.signature ? `, ${adaptedFrom.signature}` : '';
    html += ` Adapted from “${linked(adaptedFrom.url, adaptedFrom.title)}”${escapeHtml(from)}.`;
    text += ` Adapted from “${adaptedFrom.title}”${from}${usable(adaptedFrom.url) ? `, ${adaptedFrom.url}` : ''}.`;
  }
  return { html: `<p>${html}</p>`, text };
}

function usable(url: string): boolean {
  return /^(https?|mailto):/i.test(url);
}
