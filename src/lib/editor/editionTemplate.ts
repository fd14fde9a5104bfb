// The commented edition file that `npm run new-edition` writes. Pure.
import type { Scale } from '../config/schema.ts';

export interface EditionTemplateInput {
  id: string;
  title: string;
  description?: string;
  network: string;
  scales: readonly Pick<Scale, 'id' | 'name' | 'min' | 'max' | 'neutral'>[];
  raters: readonly { id: string }[];
  contingents: readonly { id: string }[];
}

/**
 * A new edition that keeps every article (so it passes `npm run check` as written), with every
 * other field of the edition language shown commented out, filled in with this network's own
 * scales, raters and contingents so that uncommenting a line gives a valid edition.
 *
 * @example editionTemplate({ id: 'weekly', title: 'Weekly', network: 'Wide Net', scales, raters, contingents })
 * // '# yaml-language-server: $schema=../../schemas/edition.schema.json\n#\n# The "weekly" edition …'
 */
export function editionTemplate(input: EditionTemplateInput): string {
  const scale = input.scales[0];
  // A scale that marks what to drop reads best in `exclude` (the demo's "spam"); else the last one.
  const second = input.scales.find((s) => s.id === 'spam') ?? input.scales[input.scales.length - 1];
  const raters = input.raters.slice(0, 2);
  const contingents = input.contingents.slice(0, 2).map((c) => c.id);
  const upper = (s: Pick<Scale, 'min' | 'max' | 'neutral'>) => Math.min(s.max, s.neutral + (s.max - s.neutral) / 2);
  const lines = [
    '# yaml-language-server: $schema=../../schemas/edition.schema.json',
    '#',
    `# The "${input.id}" edition: a filter over the common database, built as its own pages, RSS feed`,
    `# and search at /${input.id}/. As written it keeps every article, newest first. Uncomment and edit`,
    '# the lines below to filter and rank; `npm run check` says what is wrong, with the line.',
    '# The whole language is described in README.md, "the edition language, v1".',
    '',
    `title: ${yamlString(input.title)}`,
    `description: ${yamlString(input.description ?? `The ${input.title} edition of ${input.network}.`)}`,
    `# signature: The ${input.title} contingent of ${input.network}   # footer line; who answers for this edition`,
    '',
    'from: all # candidates: every article, or the id of another edition to filter its output',
    '',
    '# Only some contingents (ids from contingents.yaml):',
    `# contingents: { include: [${contingents.join(', ')}], exclude: [] }`,
    '',
    "# Whose ratings count, and how much (ids from raters.yaml). Without it, every rater counts at 1.",
    ...(raters.length > 0 ? ['# raters:', ...raters.map((r, i) => `#   ${r.id}: ${i === 0 ? '1' : '0.5'}`)] : ['# raters: { some-rater: 1 }']),
    '# Or weights from trust, instead of a list: the seeds, and the raters they trust (README, "Trust"):',
    `# Or: raters: { trust: { seeds: { ${raters[0]?.id ?? 'some-rater'}: 1 }, depth: 3, cap: 0.25 } }`,
    '',
    '# window: 30d              # only articles first published in the last 30 days',
    '',
    '# Kept if ANY rule holds; without `include`, every candidate is kept.',
    '# include:',
    ...(scale ? [`#   - { scale: ${scale.id}, gte: ${upper(scale)}, minRaters: 1 }   # ${scale.name}: ${scale.min} to ${scale.max}, neutral ${scale.neutral}`] : []),
    '#   - { tag: strike }',
    ...(contingents[0] ? [`#   - { contingent: ${contingents[0]} }`] : []),
    '',
    '# Dropped if ANY rule holds.',
    '# exclude:',
    ...(second ? [`#   - { scale: ${second.id}, gte: ${upper(second)} }`] : ['#   - { tag: advertising }']),
    '',
    '# Best first instead of newest first: a weighted sum of scores, halved every halfLife of age.',
    ...(scale ? ['# rank:', `#   sum: [ { scale: ${scale.id}, w: 1 } ]`, '#   halfLife: 36h'] : []),
    '',
    '# limit: 200               # at most this many articles',
  ];
  return `${lines.join('\n')}\n`;
}

/** A YAML scalar for one line of text: plain when that is safe, else double-quoted. */
function yamlString(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return /^[A-Za-z0-9][^:#{}[\]&*!|>'"%@`,]*$/.test(flat) && !/\s$/.test(flat) ? flat : JSON.stringify(flat);
}
