// The site fixture: a small, deterministic database that exercises every page of the site.
// Regenerate test/fixtures/site-content/ on purpose with: node test/helpers/writeSiteFixture.ts
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Database } from '../../src/lib/config/database.ts';
import { Article, Contingent, Rater, Scale, SiteConfig, SourceState, StoredRatings, type Rating } from '../../src/lib/config/schema.ts';
import { writeDatabase } from '../../scripts/aggregator/writeDatabase.ts';
import { ANTI_REFORMIST, DIGEST_SIGNATURE, DIGEST_TITLE, NEWSWORTHY, NEWSWORTHY_RANK, SPAM, openChallengesEdition, statementsEdition, toEditions } from './editionFixtures.ts';

/** The build time every site test pins (WIDENET_NOW). */
export const SITE_NOW = '2026-11-20T12:00:00Z';
export const SITE_FIXTURE_DIR = fileURLToPath(new URL('../fixtures/site-content/', import.meta.url));

const HOUR = 3_600_000;
const at = (hoursBefore: number) => new Date(Date.parse(SITE_NOW) - hoursBefore * HOUR).toISOString().replace('.000Z', 'Z');
const TOPICS = ['Port workers vote to strike', 'Tenants win rent freeze', 'Council budget cuts transit', 'Nurses picket the clinic', 'Teachers reject the deal', 'Water board delays repairs', 'Grid outage hits east side', 'Court blocks evictions', 'Wage deal falls short', 'Union drive at the depot'];
const TAGS = [['strike', 'labor'], ['rent', 'housing'], ['budget', 'transit'], ['health', 'strike'], ['schools'], ['water'], ['energy'], ['courts', 'housing'], ['wages', 'labor'], ['labor']];

/** Texts long enough for copy detection, from test/fixtures/copies/, as sanitized HTML paragraphs. */
const storyHtml = (name: string) =>
  readFileSync(new URL(`../fixtures/copies/${name}.txt`, import.meta.url), 'utf8')
    .trim()
    .split(/\n\s*\n/)
    .map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`)
    .join('');

/**
 * The fixture as a Database: 38 articles across 3 contingents, 4 raters, 4 editions. The first 30 are
 * generated; the last 8 tell the transparency stories (an adaptation with credit, a copy without,
 * a joint statement under one URL, a revised article rated before its revision, open challenges).
 */
export function siteFixtureDatabase(): Database {
  const contingents = [
    { id: 'abc', name: 'ABC', home: 'https://abc.example/', feeds: ['https://abc.example/feed.xml'], license: 'CC0-1.0', rater: 'abc-desk' },
    { id: 'xyz', name: 'XYZ Collective', home: 'https://xyz.example/', feeds: ['https://xyz.example/atom.xml'], license: 'public domain', rater: 'xyz-desk', signature: 'Signed by the XYZ Collective, a contingent of Wide Net' },
    { id: 'def', name: 'DEF', home: 'https://def.example/', feeds: ['https://def.example/rss', 'https://def.example/old-feed'], license: 'CC0-1.0' },
  ].map((c) => Contingent.parse(c));
  const raters = [
    { id: 'alice', name: 'Alice', url: 'https://alice.example/ratings.json' },
    { id: 'bob', name: 'Bob', url: 'https://bob.example/ratings.csv', format: 'csv' },
    // The desks sign their rating files (the last fetch of each was refused; see sources below).
    { id: 'abc-desk', name: 'ABC desk', url: 'https://abc.example/ratings.json', key: 'ed25519:AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=' },
    { id: 'xyz-desk', name: 'XYZ desk', url: 'https://xyz.example/ratings.json', key: 'ed25519:ISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+P0A=' },
  ].map((r) => Rater.parse(r));
  const scales = [
    { id: 'newsworthy', name: 'Newsworthy', min: 1, max: 5, neutral: 3, labels: { '1': 'ignore', '3': 'ordinary', '5': 'essential' }, description: 'How much this matters now' },
    { id: 'anti-reformist', name: 'Anti-reformist', min: -2, max: 2, neutral: 0, description: 'How clearly it rejects reformism' },
    { id: 'spam', name: 'Spam', min: 0, max: 1, neutral: 0, labels: { '1': 'spam' }, description: 'Junk, ads or off-topic' },
    { id: 'endorse', name: 'Endorse', min: -1, max: 1, neutral: 0, labels: { '1': 'endorses', '-1': 'rejects' }, description: 'The contingent signs this statement' },
  ].map((s) => Scale.parse(s));

  const articles: Article[] = [];
  for (let n = 0; n < 30; n++) {
    const contingent = contingents[n % 3]!;
    const id = `${contingent.id}-${String(n + 1).padStart(2, '0')}`;
    const title = `${TOPICS[n % TOPICS.length]}${n >= 10 ? ` (${n >= 20 ? 'week three' : 'week two'})` : ''}`;
    const url = `https://${contingent.id}.example/2026/11/${id}`;
    const published = at(6 * n + 1);
    const paragraphs = Array.from({ length: 2 + (n % 3) }, (_, p) => `<p>${title}: paragraph ${p + 1}. Workers and neighbours describe what happened, in their own words. <a href="${url}#p${p}">Source</a>.</p>`);
    articles.push(
      Article.parse({
        id,
        contingent: contingent.id,
        title,
        url,
        guid: url,
        authors: n % 4 === 0 ? [] : [`Reporter ${(n % 5) + 1}`],
        published,
        ...(n % 7 === 3 && { updated: at(6 * n - 2) }),
        firstSeen: published,
        summary: `${title}. A short summary of the story.`,
        html: paragraphs.join(''),
        tags: TAGS[n % TAGS.length],
        license: contingent.license,
        media: [],
        hash: `h${n}`,
        revisions: [],
      }),
    );
  }
  const byId = (id: string) => articles.find((a) => a.id === id)!;
  // A revised article: two earlier versions, kept when the publisher changed the text.
  Object.assign(byId('abc-01'), {
    revisions: [
      { at: at(0.5), hash: 'r2', title: 'Port workers vote to strike (corrected)', summary: 'Second version.', html: '<p>Second version of the text, with a corrected count.</p>' },
      { at: at(0.8), hash: 'r1', title: 'Port workers may strike', summary: 'First version.', html: '<p>First version of the text.</p>' },
    ],
    updated: at(0.5),
    media: [
      { url: 'https://abc.example/media/picket.jpg', type: 'image/jpeg', medium: 'image', title: 'Pickets at the port gate at dawn' },
      { url: 'https://abc.example/media/interview.mp3', type: 'audio/mpeg', medium: 'audio', length: 4_200_000, title: 'Interview with a docker' },
    ],
  });
  // Replies: an answer by xyz to abc's story (by URL), and a challenge by def with abc's answer.
  byId('xyz-02').inReplyTo = [byId('abc-01').url];
  byId('def-03').inReplyTo = [byId('abc-04').url];
  byId('def-03').tags = [...byId('def-03').tags, 'challenge'];
  byId('abc-07').inReplyTo = [byId('def-03').id];
  byId('xyz-05').inReplyTo = ['https://elsewhere.example/original-story'];

  // Transparency stories, added after the generated articles (older than most, within the same week).
  const story = (id: string, hoursBefore: number, title: string, html: string, extra: Partial<Article> = {}): Article => {
    const contingent = contingents.find((c) => id.startsWith(`${c.id}-`))!;
    const url = `https://${contingent.id}.example/2026/11/${id}`;
    return Article.parse({
      id, contingent: contingent.id, title, url, guid: url, authors: [], published: at(hoursBefore), firstSeen: at(hoursBefore),
      summary: `${title}.`, html, tags: ['ferry', 'strike'], license: contingent.license, media: [], hash: `h-${id}`, revisions: [], ...extra,
    });
  };
  const ferry = storyHtml('original');
  const jointStatement = storyHtml('unrelated');
  articles.push(
    // Revised once: the count of the vote and the council's answer changed after publication.
    story('abc-31', 160, 'Ferry crews strike over staffing', ferry, {
      updated: at(150),
      revisions: [{
        at: at(150), hash: 'r31', title: 'Ferry crews walk out',
        summary: 'Ferry crews walk out.',
        html: ferry.replace('by 212 to 9', 'by 210 to 9').replace('would not pay for a service that cuts corners on safety', 'would review the subsidy'),
      }],
    }),
    // An adaptation in XYZ's own words, crediting ABC's article (RSS source / Atom link rel="via").
    story('xyz-32', 140, 'Why the ferry crews are right', storyHtml('adaptation-rewrite'), { via: 'https://abc.example/2026/11/abc-31' }),
    // DEF repeats ABC's article under a new intro, and credits no one.
    story('def-33', 130, 'Ferry strike: what happened', storyHtml('copy-new-intro')),
    // Adapted from an article that is not in the database: the page links out.
    story('def-34', 120, 'Reading the ferry dispute', '<p>A short reading of the ferry dispute, adapted from an analysis published elsewhere.</p>', { via: 'https://elsewhere.example/ferry-analysis' }),
    // One joint statement, published by ABC and republished by DEF at the same URL: a declared republication.
    story('abc-35', 110, 'Joint statement: stand with the Larkspur tenants', jointStatement, { url: 'https://tenants.example/joint-statement', guid: 'https://tenants.example/joint-statement', alsoIn: ['def-36'], tags: ['housing'] }),
    story('def-36', 110, 'Joint statement: stand with the Larkspur tenants', jointStatement, { url: 'https://tenants.example/joint-statement', guid: 'https://tenants.example/joint-statement', alsoIn: ['abc-35'], tags: ['housing'] }),
    // XYZ challenges ABC's ferry story; ABC has not answered after four days.
    story('xyz-37', 100, 'Questions ABC has not answered about the ferry strike', '<p>Who told ABC the boats sail short-handed on every crossing? We ask ABC to publish its sources.</p>', { inReplyTo: ['https://abc.example/2026/11/abc-31'], tags: ['ferry', 'challenge'] }),
    // XYZ also challenges abc-04, already challenged by DEF (and answered): one answered and one open in the same thread.
    story('xyz-38', 10, 'ABC’s account leaves out the tenants', '<p>ABC’s account of the vote leaves out the tenants who organised it.</p>', { inReplyTo: ['abc-04'], tags: ['housing', 'challenge'] }),
  );

  const ratings = (rater: string, list: [string, string, number | 'retract', number, string?][]): StoredRatings =>
    StoredRatings.parse({
      rater,
      url: raters.find((r) => r.id === rater)!.url,
      issued: at(0),
      sha256: rater.padEnd(64, '0').slice(0, 64).replace(/[^0-9a-f]/g, '0'),
      ratings: list.map(([article, scale, value, hours, note]): Rating => ({
        article: article.startsWith('http') || !articles.some((a) => a.id === article) ? article : n2url(article),
        scale,
        at: at(hours),
        ...(value === 'retract' ? { retract: true } : { value }),
        ...(note !== undefined && { note }),
      })),
      challenges: [],
    });
  // Ratings name articles by URL, as rating files usually do (and a few by id, below).
  const n2url = (id: string) => byId(id).url;
  const ratingFiles = [
    ratings('alice', [
      ['abc-01', 'newsworthy', 5, 2, 'Names the deal for what it is'],
      ['abc-01', 'anti-reformist', 1.5, 2],
      ['xyz-02', 'newsworthy', 4, 3],
      ['def-03', 'newsworthy', 3, 4],
      ['abc-04', 'newsworthy', 4, 5, 'Solid sourcing'],
      ['abc-04', 'anti-reformist', 1, 5],
      ['xyz-05', 'newsworthy', 5, 6],
      ['def-06', 'spam', 1, 6, 'An advert'],
      ['def-06', 'newsworthy', 5, 6],
      ['abc-10', 'newsworthy', 4, 7],
      ['xyz-11', 'newsworthy', 2, 8, 'Old news'],
      ['xyz-11', 'newsworthy', 4, 1, 'Changed my mind: it matters'],
      ['https://abc.example/2026/11/not-yet-here', 'newsworthy', 4, 1],
    ]),
    ratings('bob', [
      ['abc-01', 'newsworthy', 4, 3],
      ['abc-01', 'anti-reformist', 1, 3],
      ['abc-04', 'anti-reformist', 2, 4],
      ['xyz-05', 'newsworthy', 4, 5, 'Worth reading in full'],
      ['abc-13', 'newsworthy', 5, 9],
      ['abc-13', 'newsworthy', 'retract', 2],
      ['xyz-08', 'newsworthy', 4, 10],
      ['def-09', 'newsworthy', 1, 10, 'Misleading headline'],
      // Rated before abc-31 was revised: the page flags it as a rating of an earlier version.
      ['abc-31', 'anti-reformist', 1, 155, 'Rated the first version'],
    ]),
    ratings('abc-desk', [
      ['abc-01', 'endorse', 1, 2],
      ['xyz-02', 'endorse', 1, 2],
      ['def-12', 'endorse', 1, 2],
    ]),
    ratings('xyz-desk', [
      ['abc-01', 'endorse', 1, 3],
      ['xyz-02', 'endorse', 1, 3],
      ['def-12', 'endorse', -1, 3],
    ]),
  ];
  // A few ratings by id rather than URL.
  ratingFiles[1]!.ratings.push({ article: 'xyz-14', scale: 'newsworthy', value: 5, at: at(11) });

  const editions = toEditions([
    { id: 'commons', title: 'Commons', description: 'Every article from every contingent, newest first.' },
    {
      id: 'digest',
      title: DIGEST_TITLE,
      description: 'What our trusted raters judge most anti-reformist, and the most newsworthy.',
      signature: DIGEST_SIGNATURE,
      raters: { alice: 1, bob: 0.7 },
      window: '30d',
      include: [ANTI_REFORMIST, NEWSWORTHY],
      exclude: [SPAM],
      rank: NEWSWORTHY_RANK,
      limit: 50,
    },
    statementsEdition(0.667, 'Articles that two thirds of all contingents have endorsed: statements of the whole network.', 'Signed by a two-thirds quorum of the contingents of Wide Net'),
    openChallengesEdition('open-challenges', '3d', 'Articles challenged in public whose contingent has not answered for three days.'),
  ]);

  const source = (s: Record<string, unknown>) => SourceState.parse(s);
  const sources = {
    'feed:abc:https://abc.example/feed.xml': source({ kind: 'feed', owner: 'abc', url: 'https://abc.example/feed.xml', status: 200, consecutiveFailures: 0, items: 10, lastAttempt: at(1), lastSuccess: at(1), etag: '"abc1"' }),
    'feed:def:https://def.example/old-feed': source({ kind: 'feed', owner: 'def', url: 'https://def.example/old-feed', status: 410, consecutiveFailures: 1, gone: true, error: '410 Gone: polling stopped, articles kept', lastAttempt: at(30), lastSuccess: at(300) }),
    'feed:def:https://def.example/rss': source({ kind: 'feed', owner: 'def', url: 'https://def.example/rss', status: 200, consecutiveFailures: 0, items: 10, lastAttempt: at(1), lastSuccess: at(1) }),
    'feed:xyz:https://xyz.example/atom.xml': source({ kind: 'feed', owner: 'xyz', url: 'https://xyz.example/atom.xml', status: 503, consecutiveFailures: 3, error: '503 Service Unavailable, keeping 10 earlier articles', lastAttempt: at(1), lastSuccess: at(20) }),
    'ratings:alice:https://alice.example/ratings.json': source({ kind: 'ratings', owner: 'alice', url: 'https://alice.example/ratings.json', status: 200, consecutiveFailures: 0, lastAttempt: at(1), lastSuccess: at(1), issued: at(0) }),
    'ratings:bob:https://bob.example/ratings.csv': source({ kind: 'ratings', owner: 'bob', url: 'https://bob.example/ratings.csv', status: 200, consecutiveFailures: 0, lastAttempt: at(1), lastSuccess: at(1) }),
    // Signed rating files refused on the last run: a tampered file, and a rollback to an older copy.
    'ratings:abc-desk:https://abc.example/ratings.json': source({ kind: 'ratings', owner: 'abc-desk', url: 'https://abc.example/ratings.json', status: 200, consecutiveFailures: 1, rejected: true, error: 'signature https://abc.example/ratings.json.sig does not match the key in raters.yaml', lastAttempt: at(1), lastSuccess: at(5), issued: at(0) }),
    'ratings:xyz-desk:https://xyz.example/ratings.json': source({ kind: 'ratings', owner: 'xyz-desk', url: 'https://xyz.example/ratings.json', status: 200, consecutiveFailures: 2, rejected: true, error: 'rollback: issued 2026-11-18T00:00:00Z is older than the last accepted copy (2026-11-20T12:00:00Z)', lastAttempt: at(1), lastSuccess: at(6), issued: at(0) }),
  };

  return {
    site: SiteConfig.parse({
      network: 'Wide Net',
      title: 'Wide Net (test fixture)',
      description: 'A small network for the site tests: three contingents, four raters, four editions.',
      url: 'https://example.org',
      base: '/',
      lang: 'en',
      defaultEdition: 'commons',
      pageSize: 5,
    }),
    contingents,
    raters,
    scales,
    editions,
    articles,
    ratings: ratingFiles,
    sources: { sources },
  };
}

/** Writes the fixture as a content/ folder, replacing what is there. */
export async function writeSiteFixture(dir: string = SITE_FIXTURE_DIR): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await writeDatabase(siteFixtureDatabase(), dir);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await writeSiteFixture(process.argv[2] ?? SITE_FIXTURE_DIR);
  console.log(`[fixture] wrote ${process.argv[2] ?? SITE_FIXTURE_DIR}`);
}
