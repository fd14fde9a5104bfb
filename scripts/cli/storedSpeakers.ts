// Stored rating copies that would speak for another: read back for `check` (the site ignores what they claim).
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConfigProblem } from '../../src/lib/check/configError.ts';
import type { Config } from '../../src/lib/check/validateConfig.ts';
import { StoredRatings } from '../../src/lib/config/schema.ts';
import { byProblem, contingentOfRater } from '../../src/lib/ratings/speakers.ts';
import { displayPath } from './loadConfig.ts';

/**
 * Problems of content/ratings/<rater>.json copies that name another rater than their file, or keep
 * a challenge `by` a contingent their rater does not speak for (stored before the rule, or before
 * contingents.yaml changed). Damaged copies are `contentProblems`' to report.
 *
 * @example (await storedSpeakerProblems('content', config)).map(formatProblem)
 * // ['[config] content/ratings/alice.json challenges[0]: by "abc" is not the contingent of this rating file: …']
 */
export async function storedSpeakerProblems(contentDir: string, config: Pick<Config, 'contingents'>): Promise<ConfigProblem[]> {
  const dir = join(contentDir, 'ratings');
  const problems: ConfigProblem[] = [];
  for (const name of (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort()) {
    const file = displayPath(join(dir, name));
    const parsed = StoredRatings.safeParse(parseJson(await readFile(join(dir, name), 'utf8').catch(() => '')));
    if (!parsed.success) continue;
    // The aggregator names each copy after its rater; a copy that says otherwise would speak for another.
    if (`${parsed.data.rater}.json` !== name) {
      problems.push({ file, field: 'rater', message: `"${parsed.data.rater}" is not this file's rater (${name.slice(0, -5)}). Delete the file and run npm run aggregate to fetch it again.` });
      continue;
    }
    const contingent = contingentOfRater(config.contingents, parsed.data.rater);
    parsed.data.challenges.forEach((c, i) => {
      const problem = byProblem(c.by, contingent);
      if (problem) problems.push({ file, field: `challenges[${i}]`, message: `${problem}. The site ignores this challenge; run npm run aggregate to store the rater's file again.` });
    });
  }
  return problems;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
