// contingents.opml: every contingent's feeds, so a feed reader (or another Wide Net with
// `npm run import-opml`) can subscribe to the whole list.
import type { Contingent } from '../../config/schema.ts';
import { escapeXml, opmlDocument, opmlOutline } from './xml.ts';

/**
 * An OPML 2.0 subscription list with one outline per feed of every contingent, sorted by id.
 * A contingent with several feeds gets a folder outline holding them.
 *
 * @example
 * contingentsOpml({ title: 'Wide Net', contingents, now })
 * // '<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">…<outline type="rss" text="ABC Bulletin" title="ABC Bulletin" xmlUrl="…" htmlUrl="…"/>…'
 */
export function contingentsOpml(input: { title: string; contingents: readonly Contingent[]; now: Date }): string {
  const feedOutline = (c: Contingent, url: string, indent: string) => opmlOutline({ type: 'rss', text: c.name, title: c.name, xmlUrl: url, htmlUrl: c.home }, indent);
  const outlines = [...input.contingents]
    .sort((a, b) => a.id.localeCompare(b.id))
    .flatMap((c) =>
      c.feeds.length === 1
        ? [feedOutline(c, c.feeds[0]!, '    ')]
        : [`    <outline text="${escapeXml(c.name)}" title="${escapeXml(c.name)}">`, ...c.feeds.map((f) => feedOutline(c, f, '      ')), '    </outline>'],
    );
  return opmlDocument(`${input.title}: contingents`, input.now, outlines);
}
