// npm run check: validate every config file and rating file, offline.
import { readFile } from 'node:fs/promises';
import { formatProblem, type ConfigProblem } from '../src/lib/check/configError.ts';
import { checkRatingFile, ratingFileFormat } from '../src/lib/check/checkRatingFile.ts';
import { contingentOfRater } from '../src/lib/ratings/speakers.ts';
import { validateConfig } from '../src/lib/check/validateConfig.ts';
import { annotation, githubAnnotationsOn } from './cli/annotations.ts';
import { contentDirFrom, parseCli, runMain } from './cli/cli.ts';
import { contentProblems } from './cli/contentProblems.ts';
import { storedSpeakerProblems } from './cli/storedSpeakers.ts';
import { displayPath, readConfigTexts } from './cli/loadConfig.ts';

const HELP = `
Usage: npm run check -- [rating-file ...] [--rater <id>] [--content <dir>]

Validates content/site.yaml, contingents.yaml, raters.yaml, scales.yaml, every edition, and
every file the aggregator wrote (articles, stored rating files, state/sources.json), offline. Rating files given as arguments (JSON or CSV,
widenet-ratings/1) are checked against scales.yaml too: raters use this before publishing.
Every problem is printed as file:line field: what is wrong and what to do. Exits 1 on any problem.

Options:
  --rater <id>      check the rating files as this rater's (raters.yaml): a challenge may then say
                    it is "by" the contingent whose rater it is; without it, by no contingent
  --content <dir>   the content folder (default: ./content or $WIDENET_CONTENT)
  --github          also print each problem as a GitHub annotation (::error file=…,line=…::);
                    on by default when GITHUB_ACTIONS=true
`;

runMain('check', async () => {
  const { values, positionals } = parseCli({ content: { type: 'string' }, rater: { type: 'string' }, github: { type: 'boolean' } }, HELP);
  const contentDir = contentDirFrom(values.content);
  const texts = await readConfigTexts(contentDir);
  const { config, problems } = validateConfig(texts);
  const all: ConfigProblem[] = [...problems];

  // What the aggregator wrote: articles, stored rating files, the sources state.
  all.push(...(await contentProblems(contentDir)));
  if (config) all.push(...(await storedSpeakerProblems(contentDir, config)));

  for (const path of positionals) {
    const file = displayPath(path);
    const body = await readFile(path).catch(() => undefined);
    if (!body) {
      all.push({ file, message: 'cannot read this file. Check the path.' });
      continue;
    }
    if (!config) continue;
    if (values.rater !== undefined && !config.raters.some((r) => r.id === values.rater)) {
      all.push({ file: '--rater', message: `no rater has the id "${values.rater}". Check raters.yaml.` });
      break;
    }
    const checked = checkRatingFile(body.toString('utf8'), {
      file,
      format: ratingFileFormat(path),
      scales: config.scales,
      rater: values.rater,
      contingent: values.rater === undefined ? undefined : contingentOfRater(config.contingents, values.rater),
      url: path,
    });
    all.push(...checked.problems);
    if (checked.summary) console.log(`[check] ${checked.summary}`);
  }

  for (const p of all) console.error(formatProblem(p));
  if (githubAnnotationsOn(values.github)) for (const p of all) console.log(annotation(p));
  if (all.length > 0) {
    console.error(`[check] ${all.length} problem${all.length === 1 ? '' : 's'} found.`);
    return 1;
  }
  console.log(`[check] ok: ${config!.contingents.length} contingents, ${config!.raters.length} raters, ${config!.scales.length} scales, ${config!.editions.length} editions`);
  return 0;
});
