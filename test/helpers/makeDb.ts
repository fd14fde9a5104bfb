// Builds a valid Database from terse inputs, so tests state only what they are about.
import type { Database } from '../../src/lib/config/database.ts';
import {
  Article,
  Challenge,
  Contingent,
  DiscoveredRater,
  Edition,
  Rater,
  Rating,
  Scale,
  SiteConfig,
  type StoredRatings,
} from '../../src/lib/config/schema.ts';

/** A fixed clock for tests: never the wall clock. */
export const NOW = new Date('2026-11-20T12:00:00Z');

/** ISO time `hours` before NOW (negative: after). */
export function hoursAgo(hours: number, now: Date = NOW): string {
  return new Date(now.getTime() - hours * 3_600_000).toISOString();
}

/** Scales used when a test gives none. */
export const DEFAULT_SCALES: Scale[] = [
  { id: 'newsworthy', name: 'Newsworthy', min: 1, max: 5, neutral: 3, description: 'How much this matters now' },
  { id: 'anti-reformist', name: 'Anti-reformist', min: -2, max: 2, neutral: 0, description: 'Against reformism' },
  { id: 'spam', name: 'Spam', min: 0, max: 1, neutral: 0, description: 'Junk' },
  { id: 'endorse', name: 'Endorse', min: -1, max: 1, neutral: 0, description: 'The contingent signs this' },
];

export type ArticleInput = Partial<Omit<Article, 'id'>> & { id: string };
/** `[article, scale, value | 'retract', at?, note?]`, or a full rating. */
export type RatingInput = [string, string, number | 'retract', string?, string?] | (Partial<Rating> & { article: string; scale: string });
export type ContingentInput = string | (Partial<Contingent> & { id: string });
export type EditionInput = Partial<Omit<Edition, 'id'>> & { id: string };

export interface DbInput {
  articles?: ArticleInput[];
  /** Rating files by rater id; raters not listed in `raters` are added. */
  ratings?: Record<string, RatingInput[]>;
  /** Challenges listed in rating files, by rater id. */
  challenges?: Record<string, (Partial<Challenge> & { article: string })[]>;
  /** When given, exactly these contingents (quorum totals depend on it); else those the articles name. */
  contingents?: ContingentInput[];
  raters?: string[];
  /** Raters found through trust rather than listed in raters.yaml (they go to `db.discovered`). */
  discovered?: string[];
  /** Trust lists by rater id: `[target, w]` where target is a rater id (its test URL) or a URL. */
  trust?: Record<string, [string, number][]>;
  scales?: Scale[];
  editions?: EditionInput[];
  site?: Partial<SiteConfig>;
}

/**
 * @example
 * makeDb({
 *   articles: [{ id: 'a1', contingent: 'abc', published: hoursAgo(2), tags: ['strike'] }],
 *   ratings: { alice: [['a1', 'newsworthy', 5]] },
 * })
 */
export function makeDb(input: DbInput = {}): Database {
  const articles = (input.articles ?? []).map(makeArticle);

  const contingents = new Map<string, Contingent>();
  for (const c of input.contingents ?? []) {
    const contingent = makeContingent(typeof c === 'string' ? { id: c } : c);
    contingents.set(contingent.id, contingent);
  }
  // Contingents named only by articles are added after the listed ones, in first-seen order.
  if (!input.contingents) for (const a of articles) if (!contingents.has(a.contingent)) contingents.set(a.contingent, makeContingent({ id: a.contingent }));

  const raterIds = new Set(input.raters ?? []);
  for (const id of Object.keys(input.ratings ?? {})) raterIds.add(id);
  for (const id of Object.keys(input.challenges ?? {})) raterIds.add(id);
  for (const id of Object.keys(input.trust ?? {})) raterIds.add(id);
  for (const c of contingents.values()) if (c.rater) raterIds.add(c.rater);
  const discovered = new Set(input.discovered ?? []);
  for (const id of discovered) raterIds.delete(id);

  const fileIds = new Set([...Object.keys(input.ratings ?? {}), ...Object.keys(input.challenges ?? {}), ...Object.keys(input.trust ?? {}), ...discovered]);
  const ratings: StoredRatings[] = [...fileIds].map((rater) => ({
    rater,
    url: raterUrl(rater),
    sha256: '0'.repeat(64),
    ratings: (input.ratings?.[rater] ?? []).map(makeRating),
    challenges: (input.challenges?.[rater] ?? []).map((c) => Challenge.parse({ at: NOW.toISOString(), ...c })),
    ...(input.trust?.[rater] && { trust: input.trust[rater].map(([to, w]) => ({ rater: /^https?:/.test(to) ? to : raterUrl(to), w })) }),
  }));

  return {
    site: SiteConfig.parse({ network: 'Wide Net', title: 'Test network', url: 'https://example.org', ...input.site }),
    contingents: [...contingents.values()],
    raters: [...raterIds].map((id) => Rater.parse({ id, name: id, url: raterUrl(id) })),
    scales: (input.scales ?? DEFAULT_SCALES).map((s) => Scale.parse(s)),
    editions: (input.editions ?? []).map(makeEdition),
    articles,
    ratings,
    sources: { sources: {} },
    ...(discovered.size && {
      discovered: [...discovered].map((id) => DiscoveredRater.parse({ id, url: raterUrl(id), depth: 1, vouchedBy: [], firstSeen: NOW.toISOString() })),
    }),
  };
}

/** The rating-file URL makeDb gives a rater. */
export const raterUrl = (id: string) => `https://${id}.example/ratings.json`;

export function makeArticle({ id, ...rest }: ArticleInput): Article {
  const contingent = rest.contingent ?? 'abc';
  const published = rest.published ?? hoursAgo(1);
  return Article.parse({
    id,
    contingent,
    title: `Article ${id}`,
    url: `https://${contingent}.example/${id}`,
    published,
    firstSeen: published,
    summary: '',
    html: '',
    license: 'CC0-1.0',
    hash: id,
    ...rest,
  });
}

export function makeEdition({ id, ...rest }: EditionInput): Edition {
  return { ...Edition.parse({ title: id, ...rest }), id };
}

function makeContingent(c: Partial<Contingent> & { id: string }): Contingent {
  return Contingent.parse({ name: c.id, home: `https://${c.id}.example/`, feeds: [`https://${c.id}.example/feed.xml`], license: 'CC0-1.0', ...c });
}

function makeRating(r: RatingInput): Rating {
  if (!Array.isArray(r)) return Rating.parse({ at: NOW.toISOString(), ...r });
  const [article, scale, value, at = hoursAgo(0.5), note] = r;
  return Rating.parse({
    article,
    scale,
    at,
    ...(value === 'retract' ? { retract: true } : { value }),
    ...(note !== undefined && { note }),
  });
}
