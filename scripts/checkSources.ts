// npm run check-sources: fetch each feed and rating file that a change adds, once, and prove it is real.
import { execFile } from 'node:child_process';
import { relative } from 'node:path';
import { promisify } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { digest } from '../src/lib/ingest/articleId.ts';
import { changedSources, type ChangedSource } from '../src/lib/editor/changedSources.ts';
import { formatProblem, lineOf, parseYamlSource, type ConfigProblem } from '../src/lib/check/configError.ts';
import { decodeBody } from '../src/lib/ingest/decodeBody.ts';
import { FeedParseError, parseFeed } from '../src/lib/ingest/parseFeed.ts';
import { parseRatings, RatingFileError } from '../src/lib/ratings/parseRatings.ts';
import { contingentOfRater } from '../src/lib/ratings/speakers.ts';
import { verifyDetached } from '../src/lib/ratings/signature.ts';
import type { Config } from '../src/lib/check/validateConfig.ts';
import { annotation, githubAnnotationsOn } from './cli/annotations.ts';
import { contentDirFrom, parseCli, runMain } from './cli/cli.ts';
import { fetchOptionsFor, loadEditableConfig } from './cli/editConfig.ts';
import { displayPath } from './cli/loadConfig.ts';
import { FeedFetchError } from './aggregator/fetchErrors.ts';
import { fetchSource, type FetchOptions } from './aggregator/fetchSource.ts';

const git = promisify(execFile);

const HELP = `
Usage: npm run check-sources -- [--base <git ref>] [options]

Compares content/contingents.yaml and content/raters.yaml with their versions at <git ref>
and fetches each new or changed feed and rating file once: a feed must parse as RSS, Atom or
JSON Feed; a rating file must be widenet-ratings/1 and match content/scales.yaml. Every problem
is printed as file:line. The Check workflow runs it on pull requests. Exits 1 on any problem.

Options:
  --base <ref>      what to compare with (default: origin/$GITHUB_BASE_REF, else origin/main)
  --github          also print GitHub annotations (::error file=…,line=…::); default inside GitHub Actions
  --content <dir>   the content folder (default: ./content or $WIDENET_CONTENT)
  -h, --help        show this help
`;

runMain('check-sources', async () => {
  const { values } = parseCli({ base: { type: 'string' }, github: { type: 'boolean' }, content: { type: 'string' } }, HELP);
  const contentDir = contentDirFrom(values.content);
  const ref = values.base ?? `origin/${process.env.GITHUB_BASE_REF || 'main'}`;
  const { config, texts } = await loadEditableConfig(contentDir);
  const root = (await git('git', ['rev-parse', '--show-toplevel'], { cwd: contentDir }).catch(() => ({ stdout: '' }))).stdout.trim();
  if (!root) {
    console.error(`[check-sources] ${displayPath(contentDir)} is not in a git repository, so there is no earlier version to compare it with. Run it in a clone of your repository, or check a rating file with \`npm run check -- <file>\`.`);
    return 2;
  }
  const repoPath = (name: string) => relative(root, `${contentDir}/${name}`).split('\\').join('/');
  const found = await git('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: root }).then(() => true, () => false);
  if (!found) {
    console.error(`[check-sources] cannot find the git ref "${ref}". Fetch it first (git fetch origin main), or pass --base <ref>.`);
    return 2;
  }
  const showAtBase = async (name: string) =>
    (await git('git', ['show', `${ref}:${repoPath(name)}`], { cwd: root, maxBuffer: 64 * 1024 * 1024 }).catch(() => ({ stdout: '' }))).stdout;
  const base = { contingents: looseYaml(await showAtBase('contingents.yaml')), raters: looseYaml(await showAtBase('raters.yaml')) };
  const changed = changedSources(base, config);
  if (changed.length === 0) {
    console.log(`[check-sources] no new or changed feed or rating file since ${ref}.`);
    return 0;
  }

  const sources = { feed: parseYamlSource(repoPath('contingents.yaml'), texts.contingents.text).source!, ratings: parseYamlSource(repoPath('raters.yaml'), texts.raters.text).source! };
  const options = fetchOptionsFor(config);
  const errors: ConfigProblem[] = [];
  const warnings: ConfigProblem[] = [];
  for (const source of changed) {
    const yaml = sources[source.kind];
    const at = (message: string): ConfigProblem => ({ file: yaml.file, line: lineOf(yaml, source.path), field: `[${source.owner}]`, message });
    const outcome = await checkOne(source, config, options);
    if (outcome.ok) console.log(`[check-sources] ok: [${source.owner}] ${source.url}: ${outcome.ok}`);
    if (outcome.error) errors.push(at(outcome.error));
    for (const w of outcome.warnings ?? []) warnings.push(at(w));
  }

  for (const p of errors) console.error(formatProblem(p));
  for (const p of warnings) console.error(formatProblem(p).replace(/^\[config\]/, '[config] warning:'));
  if (githubAnnotationsOn(values.github)) {
    for (const p of errors) console.log(annotation(p));
    for (const p of warnings) console.log(annotation(p, 'warning'));
  }
  const checked = `${changed.length} new or changed source${changed.length === 1 ? '' : 's'} since ${ref}`;
  if (errors.length > 0) {
    console.error(`[check-sources] ${errors.length} of ${checked} failed.`);
    return 1;
  }
  console.log(`[check-sources] ok: ${checked}.`);
  return 0;
});

type Outcome = { ok?: string; error?: string; warnings?: string[] };

/** Fetches one source once and parses it as its kind demands. */
async function checkOne(source: ChangedSource, config: Config, options: FetchOptions): Promise<Outcome> {
  const what = source.kind === 'feed' ? 'feed' : 'rating file';
  let result;
  try {
    result = await fetchSource({ url: source.url }, options);
  } catch (error) {
    if (error instanceof FeedFetchError) return { error: `${source.url}: ${error.message}. Check the URL: the ${what} must be publicly reachable.` };
    throw error;
  }
  if (result.kind !== 'ok') return { error: `${source.url}: ${result.status}${result.kind === 'gone' ? ' Gone' : ', asked to retry later'}. Check the URL.` };
  const moved = result.permanentRedirect ? [`${source.url} moved permanently to ${result.permanentRedirect}; use the new URL.`] : [];
  const text = decodeBody(result.body, result.contentType);

  if (source.kind === 'feed') {
    try {
      const feed = await parseFeed(text, result.url);
      return { ok: `${feed.format.toUpperCase()} feed "${feed.title || '(untitled)'}", ${feed.items.length} items`, warnings: [...moved, ...(feed.items.length === 0 ? [`${source.url}: the feed has no items.`] : [])] };
    } catch (error) {
      if (!(error instanceof FeedParseError)) throw error;
      const hint = error.code === 'html' ? ' Give the feed URL, not the site: `npm run add-contingent -- <site>` finds it.' : '';
      return { error: `${source.url}: ${error.message}.${hint}` };
    }
  }

  if (source.key) {
    const sig = await fetchSource({ url: `${result.url}.sig` }, options).catch((e: unknown) => e as Error);
    if (sig instanceof Error || sig.kind !== 'ok') return { error: `${result.url}.sig: the signature cannot be fetched (${sig instanceof Error ? sig.message : sig.status}); a rater with a key must publish one.` };
    if (!verifyDetached(result.body, sig.body, source.key)) return { error: `${result.url}.sig does not match the key. Sign the file again (npm run rater -- sign), or fix the key.` };
  }
  const format = source.format ?? (/\.csv($|\?)/i.test(source.url) || /text\/csv/i.test(result.contentType ?? '') ? 'csv' : 'json');
  try {
    const { stored, problems } = parseRatings(text, { rater: source.owner, contingent: contingentOfRater(config.contingents, source.owner), url: source.url, format, scales: config.scales, sha256: digest(text, 32) });
    const rows = problems.slice(0, 10).map((p) => `${source.url} ${p.row}: ${p.message} (the row is skipped)`);
    if (problems.length > 10) rows.push(`${source.url}: ${problems.length - 10} more rows skipped`);
    return { ok: `${format.toUpperCase()} rating file, ${stored.ratings.length} ratings${problems.length ? `, ${problems.length} rows skipped` : ''}`, warnings: [...moved, ...rows] };
  } catch (error) {
    if (!(error instanceof RatingFileError)) throw error;
    return { error: `${source.url}: ${error.message}. See "Rating files, v1" in README.md.` };
  }
}

function looseYaml(text: string): unknown {
  try {
    return parseYaml(text);
  } catch {
    return [];
  }
}
