// One zod schema per file kind. The aggregator (which writes content/) and
// src/astro/readDatabase.ts (which the build reads content/ with) both import from here.
// Over 250 lines on purpose: the whole public file contract in one place, which the JSON Schemas
// (schemas/, npm run schemas) are generated from and README's formats describe, read top to bottom.
import { z } from 'astro/zod';

/** Ids appear in URLs and file names, so they are lower-case slugs. */
export const Id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'expected a lower-case id of letters, digits and dashes, such as "abc-news"');

/** Durations such as `30d`, `36h`, `90m`, `2w`. */
export const Duration = z
  .string()
  .regex(/^\d+(\.\d+)?(m|h|d|w)$/, 'expected a duration such as "90m", "36h", "30d" or "2w"');

export const HttpUrl = z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' });

export const Ed25519Key = z
  .string()
  .regex(/^ed25519:[A-Za-z0-9+/]{43}=$/, 'expected "ed25519:" followed by the base64 of a 32-byte public key (run `npm run rater -- keygen`)');

const IsoDate = z.iso.datetime({ offset: true });

// ---------------------------------------------------------------- config files

export const SiteConfig = z.strictObject({
  $schema: z.string().optional(),
  network: z.string().min(1).describe('Name of the whole network, used in signatures: "The ABC contingent of <network>"'),
  title: z.string().min(1),
  description: z.string().default(''),
  url: HttpUrl.describe('Public origin of the deployed site, such as https://you.github.io'),
  base: z
    .string()
    .regex(/^\/([^\s?#]*\/)?$/, 'expected a path that starts and ends with "/", such as "/" or "/wide-net/"')
    .default('/'),
  lang: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/, 'expected a language tag such as "en" or "pt-BR"').default('en'),
  defaultEdition: Id.optional(),
  quorum: z
    .number()
    .gt(0)
    .lte(1)
    .default(2 / 3)
    .describe('Fraction of all contingents that must endorse before a statement is signed as the whole network'),
  pageSize: z.number().int().min(1).max(500).default(25),
  aggregator: z
    .strictObject({
      timeoutSeconds: z.number().positive().max(300).default(20),
      maxBytes: z.number().int().positive().default(10_000_000),
      concurrency: z.number().int().min(1).max(64).default(16),
      perHost: z.number().int().min(1).max(16).default(2),
      retries: z.number().int().min(0).max(5).default(2),
      backlogDays: z.number().min(0).default(7).describe('Items of a new contingent older than this are marked as backlog'),
    })
    .prefault({}),
  websub: z
    .strictObject({
      hub: HttpUrl.describe('The WebSub hub, such as https://pubsubhubbub.appspot.com/: every feed names it (rel="hub"), and the Publish workflow notifies it after each deploy'),
    })
    .optional()
    .describe('WebSub: feed readers subscribed through the hub hear of new articles at once instead of polling'),
  discover: z
    .strictObject({
      depth: z.number().int().min(1).max(6).default(2).describe('How many steps of `trust` to follow from the raters in raters.yaml'),
      max: z.number().int().min(1).max(10_000).default(100).describe('At most this many discovered rating files are fetched'),
    })
    .optional()
    .describe('Also fetch rating files reachable through `trust` from listed raters (off when absent)'),
  upstream: z
    .strictObject({
      url: HttpUrl.describe('The upstream site (origin and base), such as https://wide-net.github.io/wide-net/; its database is read from <url>data/manifest.json'),
    })
    .optional()
    .describe('Import the database of the site this one was forked from, for every contingent and rater both share, instead of fetching those sources again'),
});
export type SiteConfig = z.infer<typeof SiteConfig>;

export const Contingent = z.strictObject({
  id: Id,
  name: z.string().min(1),
  home: HttpUrl,
  feeds: z.array(HttpUrl).min(1, 'a contingent needs at least one feed URL'),
  license: z.string().min(1).describe('License of the contingent\'s articles, such as "CC0-1.0" or "public domain"'),
  signature: z.string().optional().describe('How the contingent signs; default "The <name> contingent of <network>"'),
  rater: Id.optional().describe('The contingent\'s desk: the rater through which it endorses statements and raises challenges; a rater is the desk of at most one contingent'),
});
export type Contingent = z.infer<typeof Contingent>;
export const ContingentsFile = z.array(Contingent);

export const Rater = z.strictObject({
  id: Id,
  name: z.string().min(1),
  url: HttpUrl,
  format: z.enum(['json', 'csv']).optional(),
  key: Ed25519Key.optional(),
});
export type Rater = z.infer<typeof Rater>;
export const RatersFile = z.array(Rater);

export const Scale = z
  .strictObject({
    id: Id,
    name: z.string().min(1),
    min: z.number(),
    max: z.number(),
    neutral: z.number(),
    labels: z.record(z.string().regex(/^-?\d+(\.\d+)?$/, 'label keys are scale values'), z.string()).optional(),
    description: z.string().min(1),
  })
  .superRefine((s, ctx) => {
    if (s.min >= s.max) ctx.addIssue({ code: 'custom', path: ['max'], message: `expected max to be greater than min (${s.min})` });
    if (s.neutral < s.min || s.neutral > s.max)
      ctx.addIssue({ code: 'custom', path: ['neutral'], message: `expected a neutral value from ${s.min} to ${s.max}` });
  });
export type Scale = z.infer<typeof Scale>;
export const ScalesFile = z.array(Scale);

// ---------------------------------------------------------------- editions

export type Rule =
  | { scale: string; gte?: number; lte?: number; minRaters?: number }
  | { tag: string }
  | { contingent: string }
  | { quorum: { scale: string; fraction?: number } }
  | { openChallenges: { olderThan: string } }
  | { all: Rule[] }
  | { any: Rule[] }
  | { not: Rule };

export const Rule: z.ZodType<Rule> = z.lazy(() =>
  z.union([
    z.strictObject({
      scale: Id,
      gte: z.number().optional(),
      lte: z.number().optional(),
      minRaters: z.number().int().min(1).optional(),
    }),
    z.strictObject({ tag: z.string().min(1) }),
    z.strictObject({ contingent: Id }),
    z.strictObject({ quorum: z.strictObject({ scale: Id, fraction: z.number().gt(0).lte(1).optional() }) }),
    z.strictObject({ openChallenges: z.strictObject({ olderThan: Duration }) }),
    z.strictObject({ all: z.array(Rule).min(1) }),
    z.strictObject({ any: z.array(Rule).min(1) }),
    z.strictObject({ not: Rule }),
  ]),
);

/** Rater weights derived from trust propagated from seed raters, instead of a list of weights. */
export const TrustWeights = z.strictObject({
  seeds: z
    .record(Id, z.number().min(0))
    .refine((seeds) => Object.keys(seeds).length > 0, 'expected at least one seed rater, such as { alice: 1.0 }')
    .describe('Raters from raters.yaml whose trust counts, with their own weights'),
  depth: z.number().int().min(1).max(6).default(3).describe('Trust reaches at most this many steps from a seed'),
  cap: z.number().gt(0).default(1).describe('The most weight a rater gets through trust (seeds keep their own)'),
});
export type TrustWeights = z.infer<typeof TrustWeights>;

/** `{ alice: 1.0, bob: 0.7 }`, or `{ trust: { seeds: {…}, depth, cap } }`. */
export const EditionRaters = z.union(
  [
    z.strictObject({ trust: TrustWeights }),
    z.record(
      Id.refine((id) => id !== 'trust', '"trust" is not a rater id here: write raters: { trust: { seeds: {…} } }'),
      z.number().min(0),
    ),
  ],
  { error: 'expected rater weights such as { alice: 1.0, bob: 0.7 }, or { trust: { seeds: { alice: 1.0 }, depth: 3, cap: 0.25 } }' },
);
export type EditionRaters = z.infer<typeof EditionRaters>;

export const Edition = z.strictObject({
  $schema: z.string().optional(),
  title: z.string().min(1),
  description: z.string().default(''),
  signature: z.string().optional(),
  from: z.union([z.literal('all'), Id]).default('all'),
  contingents: z.strictObject({ include: z.array(Id).optional(), exclude: z.array(Id).optional() }).optional(),
  raters: EditionRaters.optional().describe('Whose ratings count: weights per rater, or trust from seed raters; default every rater in raters.yaml at 1.0'),
  window: Duration.optional(),
  include: z.array(Rule).optional(),
  exclude: z.array(Rule).optional(),
  rank: z
    .strictObject({
      sum: z.array(z.strictObject({ scale: Id, w: z.number() })).min(1),
      halfLife: Duration.optional(),
    })
    .optional(),
  limit: z.number().int().min(1).optional(),
});
export type Edition = z.infer<typeof Edition> & { id: string };

// ---------------------------------------------------------------- rating files

/** A rating as published, before it is matched to an article. */
export const Rating = z.strictObject({
  article: z.string().min(1).describe('Article URL or Wide Net id'),
  scale: Id,
  value: z.number().optional(),
  at: IsoDate,
  note: z.string().max(2000).optional(),
  retract: z.boolean().optional(),
});
export type Rating = z.infer<typeof Rating>;

/** A public challenge listed by a rater: `by` challenges `article`. */
export const Challenge = z.strictObject({
  article: z.string().min(1),
  by: Id.optional().describe('The contingent whose rater this file is (contingents.yaml), or left out; any other contingent is rejected'),
  at: IsoDate,
  note: z.string().max(2000).optional(),
  url: HttpUrl.optional().describe('Where the challenge is written up'),
});
export type Challenge = z.infer<typeof Challenge>;

/** A rater the file's author trusts, named by its rating file's URL. `w: 0` withdraws earlier trust. */
export const TrustEntry = z.strictObject({
  rater: HttpUrl.describe('The trusted rater\'s rating-file URL'),
  w: z.number().min(0).max(1).describe('How much, from 0 (withdrawn) to 1'),
  note: z.string().max(2000).optional(),
});
export type TrustEntry = z.infer<typeof TrustEntry>;

export const RatingFile = z.object({
  format: z.literal('widenet-ratings/1'),
  rater: z.object({ name: z.string(), home: z.string().optional() }).optional(),
  issued: IsoDate.optional(),
  ratings: z.array(z.unknown()),
  challenges: z.array(z.unknown()).optional(),
  trust: z.array(z.unknown()).optional(),
});

/**
 * A widenet-ratings/1 JSON file as a rater publishes it, row by row: for its JSON Schema
 * (schemas/ratings.schema.json). Reading is row-tolerant (RatingFile plus parseRatings), not this.
 */
export const PublishedRatingFile = z.object({
  $schema: z.string().optional(),
  format: z.literal('widenet-ratings/1'),
  rater: z.object({ name: z.string(), home: z.string().optional() }).optional(),
  issued: IsoDate.optional().describe('When this copy was issued; a copy older than the last accepted one is refused as a rollback'),
  ratings: z.array(Rating),
  challenges: z.array(Challenge).optional(),
  trust: z.array(TrustEntry).optional().describe('Raters this file\'s author trusts, by rating-file URL'),
});

/** content/ratings/<rater>.json: the last good copy of a rating file, normalized. */
export const StoredRatings = z.strictObject({
  rater: Id,
  url: z.string(),
  issued: IsoDate.optional(),
  sha256: z.string(),
  ratings: z.array(Rating),
  challenges: z.array(Challenge).default([]),
  /** Absent when the file trusts no one, so stored files of raters without trust stay as they were. */
  trust: z.array(TrustEntry).optional(),
});
export type StoredRatings = z.infer<typeof StoredRatings>;

/**
 * A rater the aggregator found through `trust` (site.yaml `discover`), not listed in raters.yaml.
 * It speaks only for itself: it is never a contingent's desk, and counts only in editions weighted by trust.
 */
export const DiscoveredRater = z.strictObject({
  id: Id,
  url: HttpUrl,
  name: z.string().max(200).optional().describe('The name its file gives itself (rater.name), unverified; never shown when it is a contingent\'s or a listed rater\'s'),
  depth: z.number().int().min(1).describe('Steps of trust from the nearest rater in raters.yaml'),
  vouchedBy: z.array(Id).describe('Raters whose files trust this one'),
  firstSeen: IsoDate,
});
export type DiscoveredRater = z.infer<typeof DiscoveredRater>;

/** content/state/discovered.json */
export const DiscoveredFile = z.strictObject({ raters: z.array(DiscoveredRater) });
export type DiscoveredFile = z.infer<typeof DiscoveredFile>;

// ---------------------------------------------------------------- articles

export const Media = z.strictObject({
  url: z.string(),
  type: z.string().optional(),
  medium: z.enum(['image', 'audio', 'video', 'document', 'other']).optional(),
  length: z.number().optional(),
  title: z.string().optional(),
});
export type Media = z.infer<typeof Media>;

export const Revision = z.strictObject({
  at: IsoDate.describe('When the aggregator saw this version replaced'),
  hash: z.string(),
  title: z.string(),
  summary: z.string(),
  html: z.string(),
});
export type Revision = z.infer<typeof Revision>;

export const Article = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  contingent: Id,
  title: z.string(),
  url: z.string(),
  guid: z.string().optional(),
  authors: z.array(z.string()).default([]),
  published: IsoDate,
  updated: IsoDate.optional(),
  firstSeen: IsoDate,
  summary: z.string(),
  html: z.string(),
  tags: z.array(z.string()).default([]),
  license: z.string(),
  media: z.array(Media).default([]),
  inReplyTo: z.array(z.string()).optional(),
  via: z.string().optional(),
  backlog: z.boolean().optional(),
  alsoIn: z.array(z.string()).optional().describe('Ids of copies of the same URL carried by other contingents'),
  hash: z.string(),
  revisions: z.array(Revision).default([]),
});
export type Article = z.infer<typeof Article>;

// ---------------------------------------------------------------- sources state

export const SourceState = z.strictObject({
  kind: z.enum(['feed', 'ratings']),
  owner: Id,
  url: z.string(),
  redirect: z.string().optional().describe('Permanent redirect target, used on the next run'),
  status: z.number().int().optional(),
  error: z.string().optional(),
  consecutiveFailures: z.number().int().min(0).default(0).describe('Failures recorded since the last success; a failure like the last one is recorded at most once a day'),
  failingSince: IsoDate.optional().describe('First failure since the last success; after a day of failing, the source is tried once a day'),
  gone: z.boolean().optional().describe('410 Gone: polling stopped, articles kept'),
  rejected: z.boolean().optional().describe('Rating files: the last copy fetched was refused (signature, rollback, unreadable); the last good copy is kept'),
  retryAfter: IsoDate.optional(),
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  sha256: z.string().optional().describe('Digest of the last body, to skip unchanged bodies from servers without validators'),
  items: z.number().int().optional(),
  issued: IsoDate.optional().describe('Rating files: `issued` of the last accepted copy'),
  lastAttempt: IsoDate.optional(),
  lastSuccess: IsoDate.optional(),
  lastChange: IsoDate.optional(),
});
export type SourceState = z.infer<typeof SourceState>;

export const SourcesFile = z.strictObject({
  sources: z.record(z.string(), SourceState),
});
export type SourcesFile = z.infer<typeof SourcesFile>;
