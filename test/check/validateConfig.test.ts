import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/lib/check/configError.ts';
import { validateConfig, type ConfigTexts } from '../../src/lib/check/validateConfig.ts';

const site = `network: Wide Net\ntitle: Test\nurl: https://example.org\n`;
const contingents = `- id: abc
  name: ABC
  home: https://abc.example
  feeds: [https://abc.example/feed.xml]
  license: CC0-1.0
  rater: alice
- id: xyz
  name: XYZ
  home: https://xyz.example
  feeds: [https://xyz.example/feed.xml]
  license: CC0-1.0
`;
const raters = `- id: alice
  name: Alice
  url: https://alice.example/ratings.json
`;
const scales = `- id: newsworthy
  name: Newsworthy
  min: 0
  max: 5
  neutral: 2
  description: How much it matters
`;

function texts(over: Partial<Record<'site' | 'contingents' | 'raters' | 'scales', string>> = {}, editions: Record<string, string> = {}): ConfigTexts {
  const f = (name: string, text: string) => ({ file: `content/${name}.yaml`, text });
  return {
    site: f('site', over.site ?? site),
    contingents: f('contingents', over.contingents ?? contingents),
    raters: f('raters', over.raters ?? raters),
    scales: f('scales', over.scales ?? scales),
    editions: Object.entries(editions).map(([id, text]) => ({ id, file: `content/editions/${id}.yaml`, text })),
  };
}

function messages(t: ConfigTexts): string[] {
  return validateConfig(t).problems.map(formatProblem);
}

describe('validateConfig', () => {
  it('accepts a valid config and fills defaults', () => {
    const { config, problems } = validateConfig(texts({}, { commons: 'title: Commons\n' }));
    expect(problems).toEqual([]);
    expect(config?.site.base).toBe('/');
    expect(config?.editions).toEqual([{ id: 'commons', title: 'Commons', description: '', from: 'all' }]);
  });

  it.each([
    [
      'a duplicate id',
      texts({ raters: raters + raters }),
      '[config] content/raters.yaml:4 [1].id: duplicate id "alice" (also at entry 1). Ids must be unique: rename one of them.',
    ],
    [
      'a feed URL that is not http(s)',
      texts({ contingents: contingents.replace('https://xyz.example/feed.xml', 'ftp://xyz.example/feed.xml') }),
      '[config] content/contingents.yaml:10 [1].feeds[0]: expected an http:// or https:// URL',
    ],
    [
      'a malformed key',
      texts({ raters: raters + '  key: "ed25519:abc"\n' }),
      '[config] content/raters.yaml:4 [0].key: expected "ed25519:" followed by the base64 of a 32-byte public key (run `npm run rater -- keygen`)',
    ],
    [
      'an unknown rater in an edition',
      texts({}, { d: 'title: D\nraters:\n  bob: 1\n' }),
      '[config] content/editions/d.yaml:3 raters.bob: unknown rater "bob". Known raters: alice',
    ],
    [
      'an unknown scale in a rule',
      texts({}, { d: 'title: D\ninclude:\n  - { scale: spam, gte: 1 }\n' }),
      '[config] content/editions/d.yaml:3 include[0].scale: unknown scale "spam". Add it to scales.yaml or use one of: newsworthy',
    ],
    [
      'an unknown contingent',
      texts({}, { d: 'title: D\ncontingents: { include: [abc, nope] }\n' }),
      '[config] content/editions/d.yaml:2 contingents.include[1]: unknown contingent "nope". Known contingents: abc, xyz',
    ],
    [
      'a threshold outside its scale',
      texts({}, { d: 'title: D\nexclude:\n  - any:\n      - { scale: newsworthy, gte: 9 }\n' }),
      '[config] content/editions/d.yaml:4 exclude[0].any[0].gte: expected a number from 0 to 5 (scale newsworthy), got 9',
    ],
    [
      'a wrong type inside a rule',
      texts({}, { d: 'title: D\ninclude:\n  - { scale: newsworthy, gte: high }\n' }),
      '[config] content/editions/d.yaml:3 include[0].gte: expected a number, got "high"',
    ],
    [
      'a fraction out of range, in words',
      texts({ site: site + 'quorum: 1.5\n' }),
      '[config] content/site.yaml:4 quorum: expected a number above 0 and at most 1 (a fraction: 0.67 is two thirds), got 1.5',
    ],
    [
      'a fraction written as a division',
      texts({ site: site + 'quorum: 2/3\n' }),
      '[config] content/site.yaml:4 quorum: expected a number above 0 and at most 1 (a fraction: 0.67 is two thirds), got "2/3"',
    ],
    [
      'a whole number out of range, nested',
      texts({ site: site + 'aggregator:\n  timeoutSeconds: 10\n  retries: 9\n' }),
      '[config] content/site.yaml:6 aggregator.retries: expected a whole number from 0 to 5, got 9',
    ],
    [
      'a range inside a rule',
      texts({}, { d: 'title: D\ninclude:\n  - { scale: newsworthy, minRaters: 0 }\n' }),
      '[config] content/editions/d.yaml:3 include[0].minRaters: expected a whole number of at least 1, got 0',
    ],
    [
      'an unknown key inside a rule, by name',
      texts({}, { d: 'title: D\ninclude:\n  - { scale: newsworthy, gt: 3 }\n' }),
      '[config] content/editions/d.yaml:3 include[0].gt: unknown field "gt". Check the spelling against the config reference in README.md.',
    ],
    [
      'a rule that mixes two kinds',
      texts({}, { d: 'title: D\ninclude:\n  - { scale: newsworthy, tag: strike }\n' }),
      '[config] content/editions/d.yaml:3 include[0]: one rule mixes "scale" and "tag". Write each as its own rule, inside `all: [...]` to require every one.',
    ],
    [
      'an unknown key whose value starts on the next line, on the key\'s own line',
      texts({}, { d: 'title: D\nrnak:\n  sum:\n    - { scale: newsworthy, w: 1 }\n' }),
      '[config] content/editions/d.yaml:2 rnak: unknown field "rnak".',
    ],
    [
      'a misspelt field',
      texts({}, { d: 'title: D\nlimt: 5\n' }),
      '[config] content/editions/d.yaml:2 limt: unknown field "limt". Check the spelling against the config reference in README.md.',
    ],
    [
      'a missing required field',
      texts({ scales: scales.replace('  neutral: 2\n', '') }),
      '[config] content/scales.yaml:1 [0].neutral: missing required field (expected number). Add it.',
    ],
    [
      'an unknown seed in a trust-weighted edition',
      texts({}, { d: 'title: D\nraters:\n  trust:\n    seeds: { alice: 1, bob: 0.7 }\n' }),
      '[config] content/editions/d.yaml:4 raters.trust.seeds.bob: unknown rater "bob". Known raters: alice',
    ],
    [
      'a misspelt field of trust',
      texts({}, { d: 'title: D\nraters:\n  trust: { seeds: { alice: 1 }, depht: 3 }\n' }),
      '[config] content/editions/d.yaml:3 raters.trust.depht: unknown field "depht".',
    ],
    [
      'a trust depth out of range',
      texts({}, { d: 'title: D\nraters:\n  trust: { seeds: { alice: 1 }, depth: 9 }\n' }),
      '[config] content/editions/d.yaml:3 raters.trust.depth: expected a whole number from 1 to 6, got 9',
    ],
    [
      'trust without seeds',
      texts({}, { d: 'title: D\nraters:\n  trust: { seeds: {} }\n' }),
      '[config] content/editions/d.yaml:3 raters.trust.seeds: expected at least one seed rater, such as { alice: 1.0 }',
    ],
    [
      'a rater weight that is not a number',
      texts({}, { d: 'title: D\nraters:\n  alice: lots\n' }),
      '[config] content/editions/d.yaml:3 raters.alice: expected a number of at least 0, got "lots"',
    ],
    [
      'raters that are neither weights nor trust',
      texts({}, { d: 'title: D\nraters: [alice]\n' }),
      '[config] content/editions/d.yaml:2 raters: expected rater weights such as { alice: 1.0, bob: 0.7 }, or { trust: { seeds: { alice: 1.0 }, depth: 3, cap: 0.25 } }',
    ],
    [
      'a rule of no known kind',
      texts({}, { d: 'title: D\ninclude:\n  - { colour: red }\n' }),
      '[config] content/editions/d.yaml:3 include[0]: not a known rule. Expected one of: { scale, gte?, lte?, minRaters? }',
    ],
    [
      'a discover depth out of range',
      texts({ site: site + 'discover: { depth: 0 }\n' }),
      '[config] content/site.yaml:4 discover.depth: expected a whole number from 1 to 6, got 0',
    ],
    [
      'broken YAML',
      texts({ site: 'title: [unclosed\n' }),
      '[config] content/site.yaml:2: invalid YAML',
    ],
  ])('reports %s with file, line and field', (_name, input, expected) => {
    const found = messages(input);
    expect(found.some((m) => m.startsWith(expected)), `${found.join('\n')}\n  expected: ${expected}`).toBe(true);
  });

  it('accepts a trust-weighted edition and fills its defaults', () => {
    const { config, problems } = validateConfig(texts({ site: site + 'discover: {}\n' }, { d: 'title: D\nraters: { trust: { seeds: { alice: 1 } } }\n' }));
    expect(problems).toEqual([]);
    expect(config?.editions[0]?.raters).toEqual({ trust: { seeds: { alice: 1 }, depth: 3, cap: 1 } });
    expect(config?.site.discover).toEqual({ depth: 2, max: 100 });
  });

  it('refuses an edition id that is one of the site\'s own paths', () => {
    expect(messages(texts({}, { articles: 'title: A\n' }))[0]).toMatch(/^\[config\] content\/editions\/articles.yaml: the edition id "articles" is a path the site itself uses/);
  });

  it('reports a cycle in from:', () => {
    const found = messages(texts({}, { a: 'title: A\nfrom: b\n', b: 'title: B\nfrom: c\n', c: 'title: C\nfrom: a\n' }));
    expect(found).toContain(
      '[config] content/editions/a.yaml:2 from: editions form a cycle through "from:": a → b → c → a. Point one of them at "all" or at an edition outside the cycle.',
    );
  });

  describe('who speaks for whom', () => {
    const contingent = (id: string, name: string, rater?: string) =>
      `- id: ${id}\n  name: ${name}\n  home: https://${id}.example\n  feeds: [https://${id}.example/feed.xml]\n  license: CC0-1.0\n${rater ? `  rater: ${rater}\n` : ''}`;
    const rater = (id: string, name: string) => `- id: ${id}\n  name: ${name}\n  url: https://${id}.example/r.json\n`;
    it.each<[string, Partial<Record<'contingents' | 'raters', string>>, string[]]>([
      ['a desk of each contingent, named like it', { contingents: contingent('abc', 'ABC', 'desk') + contingent('xyz', 'XYZ'), raters: rater('desk', 'ABC') }, []],
      [
        'one rater speaking for two contingents',
        { contingents: contingent('abc', 'ABC', 'desk') + contingent('xyz', 'XYZ', 'desk'), raters: rater('desk', 'Desk') },
        ['[config] content/contingents.yaml:12 [1].rater: rater "desk" already speaks for contingent abc; a rater speaks for at most one contingent. Give xyz a rater of its own in raters.yaml.'],
      ],
      [
        'two raters with one name',
        { raters: rater('alice', 'Alice') + rater('alice-2', ' alice ') },
        ['[config] content/raters.yaml:5 [1].name: rater alice is already named "Alice"; readers could not tell them apart. Give each rater its own name.'],
      ],
      [
        'two contingents with one name',
        { contingents: contingent('abc', 'ABC') + contingent('abc-2', 'ＡＢＣ') },
        ['[config] content/contingents.yaml:7 [1].name: contingent abc is already named "ABC"; readers could not tell them apart. Give each contingent its own name.'],
      ],
      [
        'a rater named like a contingent it does not speak for',
        { contingents: contingent('abc', 'ABC Bulletin', 'alice') + contingent('xyz', 'XYZ'), raters: rater('alice', 'Alice') + rater('mallory', 'abc bulletin') },
        ['[config] content/raters.yaml:5 [1].name: "abc bulletin" is the name of contingent abc, and this rater is not its rater; its ratings would read as the contingent\'s. Rename the rater, or make it abc\'s rater in contingents.yaml.'],
      ],
    ])('%s', (_name, over, expected) => {
      expect(messages(texts(over))).toEqual(expected);
    });
  });

  it('says a tab in the indentation once, at its line', () => {
    expect(messages(texts({ contingents: contingents.replace('  name: XYZ', '\tname: XYZ') }))).toEqual([
      '[config] content/contingents.yaml:8: a tab in the indentation. YAML indents with spaces only: replace the tab with spaces (most editors have "convert indentation to spaces").',
    ]);
  });

  it('reports the problems of every file in one run, even when one file is broken', () => {
    expect(messages(texts({ site: site + 'titel: x\n', raters: 'key: [\n' }, { d: 'title: D\ninclude:\n  - { scale: spam, gte: 1 }\n  - { contingent: nope }\n' }))).toEqual([
      '[config] content/site.yaml:4 titel: unknown field "titel". Check the spelling against the config reference in README.md.',
      '[config] content/raters.yaml:2: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]. Check the indentation and quoting near this line.',
      '[config] content/editions/d.yaml:3 include[0].scale: unknown scale "spam". Add it to scales.yaml or use one of: newsworthy',
      '[config] content/editions/d.yaml:4 include[1].contingent: unknown contingent "nope". Known contingents: abc, xyz',
    ]);
  });

  it('reports every problem, not just the first', () => {
    const found = messages(texts({}, { d: 'title: D\nraters: { bob: 1, carol: 1 }\nfrom: nowhere\n' }));
    expect(found).toHaveLength(3);
  });
});
