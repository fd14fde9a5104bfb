// The attribution a reader copies to reuse an article: title, contingent, link and license.
import { escapeHtml } from '../html/htmlText.ts';

export interface CreditInput {
  title: string;
  /** The article's original URL, at its publisher. */
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
 * // '“Port strike”, The ABC contingent of Wide Net. https://abc.example/strike. License: CC0-1.0.'
 */
export function creditLine(input: CreditInput): CreditLine {
  const { title, url, signature, home, license, adaptedFrom } = input;
  const by = home ? `<a href="${escapeHtml(home)}">${escapeHtml(signature)}</a>` : escapeHtml(signature);
  let html = `“<a href="${escapeHtml(url)}">${escapeHtml(title)}</a>”, ${by}. License: ${escapeHtml(license)}.`;
  let text = `“${title}”, ${signature}. ${url}. License: ${license}.`;
  if (adaptedFrom) {
    const from = adaptedFrom.signature ? `, ${adaptedFrom.signature}` : '';
    html += ` Adapted from “<a href="${escapeHtml(adaptedFrom.url)}">${escapeHtml(adaptedFrom.title)}</a>”${escapeHtml(from)}.`;
    text += ` Adapted from “${adaptedFrom.title}”${from}, ${adaptedFrom.url}.`;
  }
  return { html: `<p>${html}</p>`, text };
}
