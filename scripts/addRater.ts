// npm run add-rater -- <rating file URL>: fetch a rating file, check it against scales.yaml, append it to raters.yaml.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { digest } from '../src/lib/ingest/articleId.ts';
import { decodeBody } from '../src/lib/ingest/decodeBody.ts';
import { normalizeUrl } from '../src/lib/urls/normalizeUrl.ts';
import { parseRatings, RatingFileError } from '../src/lib/ratings/parseRatings.ts';
import { contingentOfRater } from '../src/lib/ratings/speakers.ts';
import { nameKey } from '../src/lib/config/names.ts';
import { idProblem, proposeRater, takenIds } from '../src/lib/editor/proposeEntry.ts';
import { Ed25519Key, type Rating } from '../src/lib/config/schema.ts';
import { verifyDetached } from '../src/lib/ratings/signature.ts';
import { appendToYamlList } from '../src/lib/editor/yamlList.ts';
import { contentDirFrom, parseCli, runMain } from './cli/cli.ts';
import { fetchOptionsFor, loadEditableConfig, writeListFile } from './cli/editConfig.ts';
import { FeedFetchError } from './aggregator/fetchErrors.ts';
import { fetchSource } from './aggregator/fetchSource.ts';
import { displayPath } from './cli/loadConfig.ts';

const HELP = `
Usage: npm run add-rater -- <rating file URL> [options]

Fetches a rating file (widenet-ratings/1, JSON or CSV) once, checks every row against
content/scales.yaml, reports how many of its ratings match articles already in the database,
and appends the rater to content/raters.yaml, keeping the file's comments and layout.

Options:
  --id <id>            the rater's id (default: from the file's rater.name, or its host)
  --name <name>        its name, shown next to its ratings (default: the file's rater.name)
  --format json|csv    the file's format (default: guessed from the URL and Content-Type)
  --key ed25519:<…>    the rater's public key: the file must then be signed at <url>.sig
  --dry-run            show the entry without writing it
  --content <dir>      the content folder (default: ./content or $WIDENET_CONTENT)
  -h, --help           show this help

Exits 1 when the URL is not a rating file, or the rater is already there.
`;

runMain('add-rater', async () => {
  const { values, positionals } = parseCli(
    {
      id: { type: 'string' },
      name: { type: 'string' },
      format: { type: 'string' },
      key: { type: 'string' },
      'dry-run': { type: 'boolean' },
      content: { type: 'string' },
    },
    HELP,
  );
  const url = positionals[0];
  if (!url || positionals.length > 1) {
    process.stderr.write(`[add-rater] give one rating file URL.\n\n${HELP.trimStart()}`);
    return 2;
  }
  if (!/^https?:\/\//i.test(url)) return refuse(`${url} is not an http:// or https:// URL.`);
  if (values.format !== undefined && values.format !== 'json' && values.format !== 'csv') return refuse(`--format must be json or csv, not "${values.format}".`);
  if (values.key !== undefined && !Ed25519Key.safeParse(values.key).success) return refuse('--key must be "ed25519:" followed by the base64 of a 32-byte public key (see `npm run rater -- keygen`).');
  const contentDir = contentDirFrom(values.content);
  const file = displayPath(join(contentDir, 'raters.yaml'));
  const { config, texts } = await loadEditableConfig(contentDir);
  const taken = takenIds(config.raters);
  if (values.id !== undefined) {
    const problem = idProblem(values.id, taken, 'rater');
    if (problem) return refuse(`${problem}.`);
  }
  const same = config.raters.find((r) => normalizeUrl(r.url) === normalizeUrl(url));
  if (same) return refuse(`${url} is already the rating file of the rater "${same.id}" in ${file}. Nothing to add.`);

  console.error(`[add-rater] fetching ${url}`);
  const options = fetchOptionsFor(config);
  let result;
  try {
    result = await fetchSource({ url }, options);
  } catch (error) {
    if (error instanceof FeedFetchError) return refuse(`${url}: ${error.message}. Nothing was added.`);
    throw error;
  }
  if (result.kind !== 'ok') return refuse(`${url}: ${result.status}${result.kind === 'retry-later' ? `, retry after ${result.retryAfter}` : ''}. Nothing was added.`);
  if (values.key) {
    const sig = await fetchSource({ url: `${result.url}.sig` }, options).catch((e: unknown) => e as Error);
    if (sig instanceof Error || sig.kind !== 'ok') return refuse(`the signature ${result.url}.sig cannot be fetched (${sig instanceof Error ? sig.message : sig.status}). A rater with a key must publish one.`);
    if (!verifyDetached(result.body, sig.body, values.key)) return refuse(`the signature ${result.url}.sig does not match --key. Check the key, or sign the file again with \`npm run rater -- sign\`.`);
    console.error('[add-rater] signature ok');
  }

  const format = (values.format as 'json' | 'csv' | undefined) ?? (/\.csv($|\?)/i.test(url) || /text\/csv/i.test(result.contentType ?? '') ? 'csv' : 'json');
  const text = decodeBody(result.body, result.contentType);
  let parsed;
  try {
    parsed = parseRatings(text, { rater: 'new', contingent: values.id === undefined ? undefined : contingentOfRater(config.contingents, values.id), url, format, scales: config.scales, sha256: digest(text, 32) });
  } catch (error) {
    if (!(error instanceof RatingFileError)) throw error;
    return refuse(`${url} is not a usable rating file: ${error.message}. See "Rating files, v1" in README.md. Nothing was added.`);
  }
  const { stored, problems } = parsed;
  for (const p of problems.slice(0, 20)) console.error(`[add-rater] ${url} ${p.row}: ${p.message} (skipped)`);
  if (problems.length > 20) console.error(`[add-rater] … and ${problems.length - 20} more skipped rows`);
  const known = await knownArticles(contentDir);
  const live = stored.ratings.filter((r) => !r.retract);
  const matched = live.filter((r) => known.has(r.article));
  console.error(
    `[add-rater] ${format.toUpperCase()} rating file: ${stored.ratings.length} rating${stored.ratings.length === 1 ? '' : 's'} valid, ${problems.length} skipped; ` +
      `${matched.length} of ${live.length} rate articles already in the database (${new Set(matched.map((r) => r.article)).size} articles)` +
      `${scalesUsed(live)}. Ratings of articles not in the database yet count once they arrive.`,
  );

  const claimed = format === 'json' ? raterName(text) : undefined;
  const takenNames = new Set([...config.contingents, ...config.raters].map((x) => nameKey(x.name)));
  const entry = proposeRater({ url, name: claimed, format }, taken, { id: values.id, name: values.name }, takenNames);
  if (claimed && !values.name && entry.name !== claimed.trim())
    console.error(`[add-rater] warning: the file calls its rater "${claimed}", a name already shown here for a contingent or rater; proposing "${entry.name}". Give another with --name.`);
  const withKey = values.key ? { ...entry, key: values.key } : entry;
  process.stdout.write(stringify([withKey]));
  if (values['dry-run']) {
    console.error(`[add-rater] dry run: ${file} was not changed.`);
    return 0;
  }
  await writeListFile(contentDir, texts, 'raters', appendToYamlList(texts.raters.text, [withKey], { comment: ` Added with npm run add-rater -- ${url}` }));
  console.error(`[add-rater] added "${entry.id}" to ${file}. Editions count its ratings once they list it under \`raters:\` (or list no raters at all).`);
  return 0;
});

function refuse(message: string): number {
  console.error(`[add-rater] ${message}`);
  return 1;
}

/** The normalized URLs and the ids of every article in content/articles: a light scan, no validation. */
async function knownArticles(contentDir: string): Promise<Set<string>> {
  const known = new Set<string>();
  const dir = join(contentDir, 'articles');
  for (const contingent of await readdir(dir).catch(() => [] as string[])) {
    for (const name of await readdir(join(dir, contingent)).catch(() => [] as string[])) {
      if (!name.endsWith('.json') || name.startsWith('.')) continue;
      const article = JSON.parse(await readFile(join(dir, contingent, name), 'utf8').catch(() => 'null')) as { id?: string; url?: string } | null;
      if (article?.id) known.add(article.id);
      if (article?.url) known.add(normalizeUrl(article.url));
    }
  }
  return known;
}

function raterName(text: string): string | undefined {
  try {
    const name = (JSON.parse(text.replace(/^\uFEFF/, '')) as { rater?: { name?: unknown } }).rater?.name;
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}

function scalesUsed(ratings: Rating[]): string {
  const counts = new Map<string, number>();
  for (const r of ratings) counts.set(r.scale, (counts.get(r.scale) ?? 0) + 1);
  return counts.size === 0 ? '' : `; scales: ${[...counts].sort().map(([s, n]) => `${s} ${n}`).join(', ')}`;
}
