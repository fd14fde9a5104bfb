// opml.xml: every edition feed of the build, for feed readers that import subscription lists.
import type { SiteModel } from '../siteModel.ts';
import { opmlDocument, opmlOutline } from './xml.ts';

/**
 * An OPML 2.0 document listing every edition's RSS feed, with its front page.
 *
 * @example opml(model) // '<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">…<outline type="rss" text="Commons" xmlUrl="https://…/commons/rss.xml" …/>…'
 */
export function opml(model: SiteModel): string {
  const { paths, db } = model;
  const outlines = model.editions.map((e) => {
    const attrs = {
      type: 'rss',
      text: e.title,
      title: e.title,
      ...(e.description && { description: e.description }),
      xmlUrl: paths.absolute(paths.editionRss(e.id)),
      htmlUrl: paths.absolute(paths.edition(e.id)),
      language: db.site.lang,
    };
    return opmlOutline(attrs);
  });
  return opmlDocument(`${db.site.title}: edition feeds`, model.now, outlines);
}
