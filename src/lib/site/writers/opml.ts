// opml.xml, atom.opml and json.opml: every edition feed of the build in one format, for feed
// readers that import subscription lists. One file per format, so an import subscribes once.
import { FEED_FORMATS, type FeedFormat } from '../paths.ts';
import type { SiteModel } from '../siteModel.ts';
import { opmlDocument, opmlOutline } from './xml.ts';

// OPML 2.0's `version` names the feed format; it defines RSS's values and leaves others open.
const VERSIONS: Record<FeedFormat, string> = { rss: 'RSS', atom: 'Atom', json: 'JSONFeed' };

/**
 * An OPML 2.0 document listing every edition's feed in `format`, with its front page.
 *
 * @example opml(model) // '<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">…<outline type="rss" text="Commons" xmlUrl="https://…/commons/rss.xml" …/>…'
 * @example opml(model, 'atom') // '…<outline type="rss" version="Atom" text="Commons" xmlUrl="https://…/commons/atom.xml" …/>…'
 */
export function opml(model: SiteModel, format: FeedFormat = 'rss'): string {
  const { paths, db } = model;
  const outlines = model.editions.map((e) => {
    const attrs = {
      type: 'rss',
      version: VERSIONS[format],
      text: e.title,
      title: e.title,
      ...(e.description && { description: e.description }),
      xmlUrl: paths.absolute(paths.editionFeed(e.id, format)),
      htmlUrl: paths.absolute(paths.edition(e.id)),
      language: db.site.lang,
    };
    return opmlOutline(attrs);
  });
  const name = format === 'rss' ? 'edition feeds' : `edition feeds (${FEED_FORMATS[format].name})`;
  return opmlDocument(`${db.site.title}: ${name}`, model.now, outlines);
}
