// View models of the contingent page, of a public challenge, and of what every page shares.
import { feedAlternates, feedLinks, type AlternateLink, type FeedLinkView } from './feedLinks.ts';
import type { ChallengeRecord } from '../../ratings/challenges.ts';
import type { LinkView } from './editionView.ts';
import { isAnswered } from '../../transparency/challengeStats.ts';
import { formatDate, formatDuration, plural, revisedLabel, signatureOf } from './format.ts';
import type { SiteModel } from '../siteModel.ts';
import type { SourceRow } from './sourcesView.ts';
import { isDemoNetwork } from './links.ts';
import { challengerLink } from './challenger.ts';

export interface ContingentView {
  id: string;
  name: string;
  signature: string;
  home: string;
  license: string;
  rater?: LinkView;
  rssHref: string;
  /** The contingent's own feed here in every format, and the head links that advertise them. */
  feedLinks: FeedLinkView[];
  alternates: AlternateLink[];
  feeds: SourceRow[];
  articles: (LinkView & { date: string; published: string; revised?: string })[];
  challenges: { against: ChallengeView[]; raised: ChallengeView[] };
  /** Challenges received: "3 received, 2 answered, 1 open", and the median time to answer. */
  challengeSummary: { received: number; answered: number; open: number; medianAnswer?: string };
}

export interface ChallengeView {
  article: LinkView;
  /** Addressed to this contingent: who raised it (a contingent, or a rater in its own name). Raised: the contingent challenged. */
  other: LinkView;
  date: string;
  answered: boolean;
  /** Open: how long it has waited, "20 days". */
  age?: string;
  /** Answered: how long the answer took. */
  answeredIn?: string;
  answer?: LinkView;
  url?: string;
  note?: string;
}

/**
 * One public challenge as a row: the challenged article, the other party, when, and whether and how
 * fast it was answered (as of the build's `now`).
 *
 * @example challengeView(model, record, challengerLink(model, record)).age // '4 days'
 */
export function challengeView(model: SiteModel, r: ChallengeRecord, other: LinkView): ChallengeView {
  const { paths } = model;
  const articleLink = (id: string): LinkView => {
    const a = model.index.article(id);
    const text = a ? a.title || a.url : id;
    return { text, href: model.inScope(id) ? paths.article(id) : (a?.url ?? '') };
  };
  const nowMs = model.now.getTime();
  const answered = isAnswered(r, nowMs);
  return {
    article: articleLink(r.article),
    other,
    date: formatDate(r.at, model.db.site.lang),
    answered,
    ...(answered
      ? { answeredIn: formatDuration(Math.max(0, Date.parse(r.answeredAt!) - Date.parse(r.at))) }
      : { age: formatDuration(Math.max(0, nowMs - Date.parse(r.at))) }),
    ...(r.answerId !== undefined && answered && { answer: articleLink(r.answerId) }),
    ...(r.url !== undefined && { url: r.url }),
    ...(r.note !== undefined && { note: r.note }),
  };
}

/**
 * A contingent's page: credit, feed health, its articles newest first, and the public challenges
 * it has answered or not, and raised.
 */
export function contingentView(model: SiteModel, contingentId: string): ContingentView | undefined {
  const c = model.contingent(contingentId);
  if (!c) return undefined;
  const { paths, db } = model;
  const lang = db.site.lang;
  const challenge = (r: ChallengeRecord, other: LinkView) => challengeView(model, r, other);
  const challenges = model.challengesOf(c.id);
  const summary = model.challengeSummaries.find((s) => s.contingent === c.id);
  return {
    id: c.id,
    name: c.name,
    signature: signatureOf(c, db.site),
    home: c.home,
    license: c.license,
    ...(c.rater !== undefined && model.rater(c.rater) && { rater: { text: model.rater(c.rater)!.name, href: paths.rater(c.rater) } }),
    rssHref: paths.contingentRss(c.id),
    feedLinks: feedLinks(paths, { contingent: c.id }),
    alternates: feedAlternates(paths, { contingent: c.id }, c.name),
    feeds: model.sources.filter((r) => r.kind === 'feed' && r.owner === c.id),
    articles: model.articlesOf(c.id).map((a) => {
      const revised = revisedLabel(a.revisions.length);
      return { text: a.title || a.url, href: paths.article(a.id), date: formatDate(a.published, lang), published: a.published, ...(revised && { revised }) };
    }),
    challenges: {
      against: challenges.against.map((r) => challenge(r, challengerLink(model, r))),
      raised: challenges.raised.map((r) => challenge(r, challengerLink(model, { challenger: r.challengedContingent }))),
    },
    challengeSummary: {
      received: summary?.received ?? 0,
      answered: summary?.answered ?? 0,
      open: summary?.open ?? 0,
      ...(summary?.medianAnswerMs !== undefined && { medianAnswer: formatDuration(summary.medianAnswerMs) }),
    },
  };
}

export interface LayoutView {
  lang: string;
  siteName: string;
  brand: LinkView;
  nav: LinkView[];
  footer: LinkView[];
  network: string;
  /** The head links of a page that follows no feed of its own: the default (or the only) edition's feeds. */
  alternates: AlternateLink[];
  /** In the demo, why its publishers' links lead nowhere. */
  demoNote?: string;
}

/** Editions named in the header; more than this and the hub lists them. */
const NAV_EDITIONS = 5;

/**
 * What every page shares: the brand, the navigation and the footer links. In a single-edition
 * build the brand is the edition, and no link points at pages the build does not have.
 */
export function layoutView(model: SiteModel): LayoutView {
  const { paths, db } = model;
  const editions = model.single ? [] : model.editions.slice(0, NAV_EDITIONS);
  return {
    lang: db.site.lang,
    siteName: model.single ? `${model.single.title} · ${db.site.title}` : db.site.title,
    brand: { text: model.single?.title ?? db.site.title, href: paths.hub() },
    nav: [...editions.map((e) => ({ text: e.title, href: paths.edition(e.id) })), { text: 'Sources', href: paths.sources() }],
    footer: [
      ...model.editions.map((e) => ({ text: `${e.title} RSS`, href: paths.editionRss(e.id) })),
      { text: 'OPML', href: paths.opml() },
      { text: 'Sitemap', href: paths.sitemap() },
    ],
    network: db.site.network,
    alternates: model.editions[0] ? feedAlternates(paths, { edition: model.editions[0].id }, model.editions[0].title) : [],
    ...(isDemoNetwork(db.contingents) && {
      demoNote: 'This is a demonstration: its publishers and their articles are fictional. Their addresses end in .example, which no real site can have, so links to them lead nowhere.',
    }),
  };
}
