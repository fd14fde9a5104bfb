// Deterministic synthetic databases for benchmarks and build tests: the same options always give the same data.
import type { Database } from '../src/lib/config/database.ts';
import { ANTI_REFORMIST, DIGEST_SIGNATURE, DIGEST_TITLE, NEWSWORTHY, NEWSWORTHY_RANK, SPAM, openChallengesEdition, statementsEdition, toEditions } from '../test/helpers/editionFixtures.ts';
import { SiteConfig, type Article, type Contingent, type Rater, type Rating, type Scale, type StoredRatings, type Challenge } from '../src/lib/config/schema.ts';

export interface GenerateOptions {
  articles: number;
  contingents: number;
  raters: number;
  ratings: number;
  seed: number;
  /** The moment the data is generated "at": articles are published in the 60 days before it. */
  now?: Date;
}

/** Default `now` of generated databases, so benchmarks never read the wall clock. */
export const GENERATED_NOW = new Date('2026-11-20T12:00:00Z');

const DAY = 86_400_000;
const SCALES: Scale[] = [
  { id: 'newsworthy', name: 'Newsworthy', min: 1, max: 5, neutral: 3, description: 'How much this matters now' },
  { id: 'anti-reformist', name: 'Anti-reformist', min: -2, max: 2, neutral: 0, description: 'How clearly it rejects reformism' },
  { id: 'spam', name: 'Spam', min: 0, max: 1, neutral: 0, description: 'Junk, ads or off-topic' },
  { id: 'endorse', name: 'Endorse', min: -1, max: 1, neutral: 0, description: 'The contingent signs this statement' },
];
const TAGS = ['strike', 'election', 'labor', 'housing', 'climate', 'health', 'transit', 'schools', 'rent', 'wages', 'courts', 'police', 'water', 'energy', 'media', 'budget'];
const WORDS = ['workers', 'council', 'vote', 'union', 'deal', 'city', 'rent', 'strike', 'port', 'nurses', 'teachers', 'budget', 'court', 'march', 'plan', 'tenants', 'river', 'grid', 'wage', 'transit'];
const NOTES = ['Names the deal for what it is', 'Solid sourcing', 'Old news', 'Misleading headline', 'Worth reading in full'];

/**
 * Generates a valid Database of the given size, deterministically from `seed`: skewed contingent
 * activity, ratings by URL (some with utm parameters) and by id, updates, retracts, pending ratings,
 * challenge articles and answers, rating-file challenges, and five editions (one composed from another).
 *
 * @example
 * const db = generateDatabase({ articles: 10_000, contingents: 50, raters: 20, ratings: 30_000, seed: 1 });
 * db.editions.map((e) => e.id) // ['latest', 'newsworthy', 'digest', 'statements', 'challenges']
 */
export function generateDatabase(options: GenerateOptions): Database {
  const random = mulberry32(options.seed);
  const now = (options.now ?? GENERATED_NOW).getTime();
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)] as T;
  const hex = (length: number) => Array.from({ length }, () => '0123456789abcdef'[int(16)]).join('');
  const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  const pad = (n: number) => String(n + 1).padStart(2, '0');

  const raters: Rater[] = Array.from({ length: options.raters }, (_, i) => ({
    id: `rater-${pad(i)}`,
    name: `Rater ${pad(i)}`,
    url: `https://rater-${pad(i)}.example/ratings.json`,
  }));
  const contingents: Contingent[] = Array.from({ length: options.contingents }, (_, i) => ({
    id: `c-${pad(i)}`,
    name: `Contingent ${pad(i)}`,
    home: `https://c-${pad(i)}.example/`,
    feeds: [`https://c-${pad(i)}.example/feed.xml`],
    license: i % 3 === 0 ? 'public domain' : 'CC0-1.0',
    // The first contingents endorse through their own rater, as the quorum rule needs.
    ...(i < raters.length && { rater: raters[i]!.id }),
  }));

  // Articles, oldest first, so replies and challenges point back in time.
  const published = Array.from({ length: options.articles }, () => now - random() * 60 * DAY).sort((a, b) => a - b);
  const ids = new Set<string>();
  const articles: Article[] = [];
  const challengesAgainst = new Map<string, Article[]>();
  for (const [n, ms] of published.entries()) {
    // A few contingents publish most of the articles.
    const contingent = contingents[Math.floor(contingents.length * random() ** 2)] ?? contingents[0];
    if (!contingent) break;
    let id: string;
    do id = `${contingent.id}-${hex(12)}`;
    while (ids.has(id));
    ids.add(id);
    const title = Array.from({ length: 4 + int(5) }, () => pick(WORDS)).join(' ');
    const url = `https://${contingent.id}.example/${new Date(ms).getUTCFullYear()}/${title.replaceAll(' ', '-')}-${n}`;
    const tags = [...new Set(Array.from({ length: int(4) }, () => pick(TAGS)))];
    const article: Article = {
      id,
      contingent: contingent.id,
      title: title[0]!.toUpperCase() + title.slice(1),
      url,
      guid: n % 2 ? url : `tag:${contingent.id}.example,2026:${n}`,
      authors: n % 4 ? [`Author ${int(30)}`] : [],
      published: iso(ms),
      firstSeen: iso(Math.min(now, ms + random() * 3_600_000)),
      summary: `${title}.`,
      html: `<p>${title}.</p>`,
      tags,
      license: contingent.license,
      media: [],
      hash: hex(16),
      revisions: [],
    };
    const earlier = articles.length ? articles[int(articles.length)] : undefined;
    const open = challengesAgainst.get(contingent.id);
    if (earlier && earlier.contingent !== contingent.id && random() < 0.02) {
      // A challenge to an earlier article of another contingent.
      article.tags = [...tags, 'challenge'];
      article.inReplyTo = [earlier.url];
      challengesAgainst.set(earlier.contingent, [...(challengesAgainst.get(earlier.contingent) ?? []), article]);
    } else if (open?.length && random() < 0.3) {
      // An answer to a challenge against this contingent, by id or by URL.
      const challenge = open.splice(int(open.length), 1)[0]!;
      article.inReplyTo = [random() < 0.5 ? challenge.id : challenge.url];
    } else if (earlier && random() < 0.02) {
      article.inReplyTo = [earlier.url];
    }
    articles.push(article);
  }

  // Endorsements gather on a few "statement" articles, so quorums can be reached.
  const statements = Array.from({ length: Math.min(50, articles.length) }, () => int(articles.length));
  const files = new Map<string, StoredRatings>(
    raters.map((r) => [r.id, { rater: r.id, url: r.url, issued: iso(now), sha256: hex(64), ratings: [], challenges: [] }]),
  );
  const fileList = [...files.values()];
  for (let n = 0; n < options.ratings && fileList.length && articles.length; n++) {
    const file = pick(fileList);
    const previous = file.ratings.length ? file.ratings[file.ratings.length - 1 - int(Math.min(20, file.ratings.length))] : undefined;
    if (previous && random() < 0.05) {
      // Later, the rater changes its mind or retracts.
      const at = iso(Math.min(now, Date.parse(previous.at) + random() * 2 * DAY));
      const retract = random() < 0.5;
      const scale = SCALES.find((s) => s.id === previous.scale)!;
      file.ratings.push({ article: previous.article, scale: previous.scale, at, ...(retract ? { retract: true } : { value: valueOn(scale, random) }) });
      continue;
    }
    const roll = random();
    const scale = SCALES[roll < 0.5 ? 0 : roll < 0.7 ? 1 : roll < 0.85 ? 2 : 3]!;
    const article = scale.id === 'endorse' ? articles[pick(statements)]! : articles[Math.floor(articles.length * (1 - random() ** 1.5))]!;
    const at = iso(Date.parse(article.published) + random() * (now - Date.parse(article.published)));
    let ref: string;
    const how = random();
    if (how < 0.02) ref = `https://${article.contingent}.example/not-yet/${n}`; // pending: the article has not arrived
    else if (how < 0.3) ref = article.id;
    else if (how < 0.4) ref = `${article.url.replace('.example', '.EXAMPLE')}?utm_source=rss#comments`;
    else ref = article.url;
    const rating: Rating = {
      article: ref,
      scale: scale.id,
      value: scale.id === 'endorse' ? (random() < 0.85 ? 1 : -1) : valueOn(scale, random),
      at,
      ...(random() < 0.1 && { note: pick(NOTES) }),
    };
    file.ratings.push(rating);
  }
  for (const file of fileList) {
    for (let i = int(3); i > 0 && articles.length; i--) {
      const target = pick(articles);
      const challenge: Challenge = { article: target.url, at: iso(Date.parse(target.published) + random() * (now - Date.parse(target.published))), url: `https://${file.rater}.example/challenges/${hex(8)}` };
      file.challenges.push(challenge);
    }
  }

  const weighted = Object.fromEntries(raters.slice(0, 5).map((r, i) => [r.id, [1, 0.7, 0.5, 1, 0.3][i]!]));
  const firstContingent = contingents[0]?.id ?? 'none';
  // The site fixture's editions, at a network's scale: the digest composed from a newsworthy edition.
  const editions = toEditions([
    { id: 'latest', title: 'Latest', description: 'Everything from the last week, newest first.', window: '7d', limit: 200 },
    {
      id: 'newsworthy',
      title: 'Newsworthy',
      description: 'What raters judge most newsworthy, fading over a day and a half.',
      window: '30d',
      include: [NEWSWORTHY],
      exclude: [SPAM],
      rank: NEWSWORTHY_RANK,
      limit: 200,
    },
    {
      id: 'digest',
      title: DIGEST_TITLE,
      description: 'The newsworthy edition, narrowed by trusted raters.',
      signature: DIGEST_SIGNATURE,
      from: 'newsworthy',
      raters: weighted,
      include: [ANTI_REFORMIST, { tag: 'strike' }, { any: [{ tag: 'election' }, { all: [{ contingent: firstContingent }, { not: { tag: 'labor' } }] }] }],
      limit: 100,
    },
    statementsEdition(0.3, 'Articles endorsed by many contingents.'),
    openChallengesEdition('challenges', '7d', 'Challenged articles still unanswered after a week.'),
  ]);

  return {
    site: SiteConfig.parse({
      network: 'Wide Net',
      title: 'Wide Net (generated)',
      description: `A generated network: ${options.articles} articles, seed ${options.seed}.`,
      url: 'https://example.org',
      defaultEdition: 'latest',
    }),
    contingents,
    raters,
    scales: SCALES,
    editions,
    articles,
    ratings: fileList,
    sources: { sources: {} },
  };
}

/** A value on the scale's grid: whole steps on wide scales, halves on narrow ones. */
function valueOn(scale: Scale, random: () => number): number {
  const step = scale.max - scale.min > 2 ? 1 : 0.5;
  const steps = Math.round((scale.max - scale.min) / step);
  return scale.min + Math.floor(random() * (steps + 1)) * step;
}

/**
 * A small seeded PRNG (mulberry32): fast, and the same seed gives the same sequence on every platform.
 *
 * @example mulberry32(1)() // 0.6270739405881613
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
