// Statements of the whole network: the quorum at and just below two thirds, site.yaml's quorum and a
// rule's own fraction, and the open-challenges rule from YAML to the engine.
import { describe, expect, it } from 'vitest';
import { statementStatus } from '../../src/lib/ratings/endorsements.ts';
import { createRatingIndex, evaluateEdition } from '../../src/lib/editions/evaluateEdition.ts';
import { validateConfig } from '../../src/lib/check/validateConfig.ts';
import { hoursAgo, makeDb, makeEdition, NOW, type RatingInput } from '../helpers/makeDb.ts';

// Six contingents, each endorsing through its own desk: two thirds is four.
const CONTINGENTS = ['a', 'b', 'c', 'd', 'e', 'f'];
const endorse = (value: number): RatingInput[] => [['s', 'endorse', value]];
function network(endorsers: number, { rejecters = 0, quorum }: { rejecters?: number; quorum?: number } = {}) {
  const ratings: Record<string, RatingInput[]> = {};
  CONTINGENTS.forEach((c, i) => {
    if (i < endorsers) ratings[`${c}-desk`] = endorse(1);
    else if (i < endorsers + rejecters) ratings[`${c}-desk`] = endorse(-1);
  });
  return makeDb({
    contingents: CONTINGENTS.map((id) => ({ id, rater: `${id}-desk` })),
    articles: [{ id: 's', contingent: 'a', published: hoursAgo(5) }],
    ratings,
    ...(quorum !== undefined && { site: { quorum } }),
    editions: [{ id: 'statements', include: [{ quorum: { scale: 'endorse' } }] }],
  });
}

describe('statementStatus', () => {
  it.each<[string, number, number, number | undefined, boolean, number]>([
    ['exactly two thirds', 4, 0, undefined, true, 4],
    ['one short of two thirds', 3, 1, undefined, false, 4],
    ['everyone', 6, 0, undefined, true, 4],
    ['no one', 0, 6, undefined, false, 4],
    ['site.yaml quorum 0.5, at it', 3, 0, 0.5, true, 3],
    ['site.yaml quorum 1, one short', 5, 1, 1, false, 6],
  ])('%s: %i endorse, %i reject, quorum %s → reached %s (needs %i)', (_, endorsers, rejecters, quorum, reached, needed) => {
    const db = network(endorsers, { rejecters, ...(quorum !== undefined && { quorum }) });
    const status = statementStatus(createRatingIndex(db), 's', db.site.quorum);
    expect(status).toMatchObject({ reached, needed, total: 6 });
    expect(status.endorsed).toEqual(CONTINGENTS.slice(0, endorsers));
    // Those that rejected and those that said nothing are all "not endorsed".
    expect(status.notEndorsed).toEqual(CONTINGENTS.slice(endorsers));
    // The engine's statements edition agrees with the page.
    expect(evaluateEdition(db, db.editions[0]!, NOW).entries.length).toBe(reached ? 1 : 0);
  });

  it("a rule's own fraction overrides site.yaml's quorum in the edition, but never makes a network statement", () => {
    const db = network(3);
    const lenient = makeEdition({ id: 'lenient', include: [{ quorum: { scale: 'endorse', fraction: 0.5 } }] });
    const strict = makeEdition({ id: 'strict', include: [{ quorum: { scale: 'endorse', fraction: 0.667 } }] });
    expect(evaluateEdition(db, lenient, NOW).entries.map((e) => e.article.id)).toEqual(['s']);
    expect(evaluateEdition(db, strict, NOW).entries).toEqual([]);
    // The article page signs by the network's own quorum only.
    expect(statementStatus(createRatingIndex(db), 's', db.site.quorum).reached).toBe(false);
  });

  it('a contingent without a rater counts in the total and never endorses', () => {
    const db = makeDb({
      contingents: [{ id: 'a', rater: 'a-desk' }, { id: 'b', rater: 'b-desk' }, 'c'],
      articles: [{ id: 's', contingent: 'a' }],
      ratings: { 'a-desk': endorse(1), 'b-desk': endorse(1) },
    });
    expect(statementStatus(createRatingIndex(db), 's', 2 / 3)).toEqual({ endorsed: ['a', 'b'], notEndorsed: ['c'], total: 3, needed: 2, fraction: 2 / 3, reached: true });
  });
});

describe('{ openChallenges: { olderThan: 14d } } from YAML to the engine', () => {
  const f = (name: string, text: string) => ({ file: `content/${name}.yaml`, text });
  const texts = {
    site: f('site', 'network: Wide Net\ntitle: Test\nurl: https://example.org\n'),
    contingents: f('contingents', ['abc', 'xyz'].map((id) => `- id: ${id}\n  name: ${id}\n  home: https://${id}.example/\n  feeds: [https://${id}.example/feed.xml]\n  license: CC0-1.0\n`).join('')),
    raters: f('raters', '[]\n'),
    scales: f('scales', '- id: newsworthy\n  name: Newsworthy\n  min: 1\n  max: 5\n  neutral: 3\n  description: How much it matters\n'),
    editions: [{ id: 'unanswered', file: 'content/editions/unanswered.yaml', text: 'title: Unanswered\ninclude:\n  - { openChallenges: { olderThan: 14d } }\n' }],
  };
  it('the config check accepts it, and the engine keeps only challenges open for more than 14 days', () => {
    const { config, problems } = validateConfig(texts);
    expect(problems).toEqual([]);
    const edition = config!.editions[0]!;
    expect(edition.include).toEqual([{ openChallenges: { olderThan: '14d' } }]);
    const db = makeDb({
      contingents: ['abc', 'xyz'],
      articles: [
        { id: 'old', contingent: 'abc', published: hoursAgo(24 * 20) },
        { id: 'ch-old', contingent: 'xyz', published: hoursAgo(24 * 15), tags: ['challenge'], inReplyTo: ['old'] },
        { id: 'recent', contingent: 'abc', published: hoursAgo(24 * 20) },
        { id: 'ch-recent', contingent: 'xyz', published: hoursAgo(24 * 13), tags: ['challenge'], inReplyTo: ['recent'] },
        { id: 'answered', contingent: 'abc', published: hoursAgo(24 * 20) },
        { id: 'ch-answered', contingent: 'xyz', published: hoursAgo(24 * 15), tags: ['challenge'], inReplyTo: ['answered'] },
        { id: 'reply', contingent: 'abc', published: hoursAgo(24), inReplyTo: ['ch-answered'] },
      ],
    });
    const result = evaluateEdition({ ...db, editions: [edition] }, edition, NOW);
    expect(result.entries.map((e) => e.article.id)).toEqual(['old']);
    expect(result.entries[0]!.matched[0]).toMatch(/^a challenge unanswered for more than 14d \(from xyz since /);
  });
});
