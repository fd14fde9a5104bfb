// The hub's view model: a front page of headlines, then the network's editions, contingents,
// raters, public challenges and sources health.
import { feedAlternates, type AlternateLink } from './feedLinks.ts';
import { entryView, type EntryView, type LinkView } from './editionView.ts';
import { formatDuration, plural } from './format.ts';
import type { SiteModel } from '../siteModel.ts';
import { describeHealth, healthCounts, type SourceRow } from './sourcesView.ts';

/** A headline as the hub shows it. */
export type HeadlineView = Pick<EntryView, 'id' | 'title' | 'href' | 'contingent' | 'published' | 'date' | 'summary' | 'revised' | 'alsoCarriedBy'>;

/** An edition on the hub: what it is, and its first few articles. */
export interface HubEditionView {
  id: string;
  title: string;
  description: string;
  count: string;
  href: string;
  rssHref: string;
  signature?: string;
  /** Its first articles, in its own order. */
  headlines: HeadlineView[];
}

/** Headlines of the default edition on the hub's front; the others show a few each. */
export const HUB_TOP_STORIES = 6;
export const HUB_EDITION_HEADLINES = 3;

export interface HubView {
  title: string;
  description: string;
  /** The heading over the description: "About Wide Net". */
  about: string;
  /** The default edition, with its top stories, when the build has one; it heads the page. */
  lead?: HubEditionView;
  /** Every edition, the default first. */
  editions: HubEditionView[];
  contingents: (LinkView & { count: string })[];
  /** Every contingent's feeds as OPML, to subscribe to them all in a feed reader. */
  contingentsOpml: string;
  /** Every edition's feed in every format, for the head. */
  alternates: AlternateLink[];
  raters: (LinkView & { count: string })[];
  /** Contingents by open challenges, most first. */
  challenges: ChallengeRowView[];
  sources: { feeds: string; ratings: string; failing: SourceRow[] };
}

/** One contingent's row in the hub's table of public challenges. */
export interface ChallengeRowView {
  contingent: LinkView;
  received: number;
  answered: number;
  open: number;
  /** Age of the oldest open challenge, or "—". */
  oldestOpen: string;
  /** Median time to answer, or "—". */
  medianAnswer: string;
}

/**
 * The hub, a front page: the default edition's top stories, each other edition's first few, then
 * the editions with their counts, contingents, raters, public challenges and sources health.
 *
 * @example hubView(model).lead?.headlines[0]?.title // 'Joint statement: stand with the Larkspur tenants'
 * @example hubView(model).editions.map((e) => `${e.title}: ${e.count}`) // ['Commons: 37 articles', …]
 */
export function hubView(model: SiteModel): HubView {
  const { paths, db } = model;
  const rows = model.sources;
  const lead = model.editions.find((e) => e.id === db.site.defaultEdition) ?? model.editions[0];
  const editions = model.editions.map((e): HubEditionView => {
    const listing = model.listing(e.id);
    return {
      id: e.id,
      title: e.title,
      description: e.description,
      count: plural(listing.length, 'article'),
      href: paths.edition(e.id),
      rssHref: paths.editionRss(e.id),
      ...(e.signature !== undefined && { signature: e.signature }),
      headlines: listing.slice(0, e === lead ? HUB_TOP_STORIES : HUB_EDITION_HEADLINES).map((l) => headline(entryView(model, l.entry, l.position))),
    };
  });
  return {
    title: db.site.title,
    description: db.site.description,
    about: `About ${db.site.network}`,
    ...(lead && { lead: editions.find((e) => e.id === lead.id)! }),
    editions,
    contingents: db.contingents.map((c) => ({ text: c.name, href: paths.contingent(c.id), count: plural(model.articlesOf(c.id).length, 'article') })),
    contingentsOpml: paths.contingentsOpml(),
    alternates: model.editions.flatMap((e) => feedAlternates(paths, { edition: e.id }, e.title)),
    raters: db.raters.map((r) => ({ text: r.name, href: paths.rater(r.id), count: plural(model.ratings.byRater(r.id).length + model.ratings.pendingOf(r.id), 'rating') })),
    challenges: model.challengeSummaries.map((c) => ({
      contingent: { text: model.contingent(c.contingent)?.name ?? c.contingent, href: `${paths.contingent(c.contingent)}#challenges` },
      received: c.received,
      answered: c.answered,
      open: c.open,
      oldestOpen: c.oldestOpenMs === undefined ? '—' : formatDuration(c.oldestOpenMs),
      medianAnswer: c.medianAnswerMs === undefined ? '—' : formatDuration(c.medianAnswerMs),
    })),
    sources: {
      feeds: describeHealth(healthCounts(rows, 'feed'), 'feed'),
      ratings: describeHealth(healthCounts(rows, 'ratings'), 'rating file'),
      failing: rows.filter((r) => r.health === 'failing' || r.health === 'rejected' || r.health === 'gone'),
    },
  };
}

function headline(e: EntryView): HeadlineView {
  return { id: e.id, title: e.title, href: e.href, contingent: e.contingent, published: e.published, date: e.date, summary: e.summary, alsoCarriedBy: e.alsoCarriedBy, ...(e.revised && { revised: e.revised }) };
}
