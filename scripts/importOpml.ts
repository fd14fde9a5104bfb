// npm run import-opml -- <file.opml>: add every feed of a subscription list as a contingent.
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { stringify } from 'yaml';
import { normalizeUrl } from '../src/lib/urls/normalizeUrl.ts';
import { OpmlError, parseOpml, type OpmlFeed } from '../src/lib/editor/parseOpml.ts';
import { contingentWithFeed, proposeContingent, takenIds, UNKNOWN_LICENSE } from '../src/lib/editor/proposeEntry.ts';
import { nameKey } from '../src/lib/config/names.ts';
import type { Contingent } from '../src/lib/config/schema.ts';
import { appendToYamlList } from '../src/lib/editor/yamlList.ts';
import { contentDirFrom, parseCli, runMain } from './cli/cli.ts';
import { loadEditableConfig, writeListFile } from './cli/editConfig.ts';
import { displayPath } from './cli/loadConfig.ts';

const HELP = `
Usage: npm run import-opml -- <file.opml> [options]

Adds every feed of an OPML subscription list (as Feedly, NetNewsWire, Inoreader or Thunderbird
export it; folders at any depth) to content/contingents.yaml, one contingent per feed, keeping
the file's comments and layout. Feeds already there, and the same feed listed twice, are skipped.
Ids and names come from the outlines' titles. The feeds are not fetched: run
\`npm run aggregate\` afterwards, and look at /sources/ for any that fail.

Options:
  --license <text>   the licence of every imported contingent (default: "${UNKNOWN_LICENSE}")
  --dry-run          show the entries without writing them
  --content <dir>    the content folder (default: ./content or $WIDENET_CONTENT)
  -h, --help         show this help
`;

runMain('import-opml', async () => {
  const { values, positionals } = parseCli({ license: { type: 'string' }, 'dry-run': { type: 'boolean' }, content: { type: 'string' } }, HELP);
  const path = positionals[0];
  if (!path || positionals.length > 1) {
    process.stderr.write(`[import-opml] give one OPML file.\n\n${HELP.trimStart()}`);
    return 2;
  }
  const xml = await readFile(path, 'utf8').catch(() => undefined);
  if (xml === undefined) return refuse(`cannot read ${path}. Check the path.`);
  let opml;
  try {
    opml = parseOpml(xml);
  } catch (error) {
    if (!(error instanceof OpmlError)) throw error;
    return refuse(`${displayPath(path)}${error.line ? `:${error.line}` : ''}: ${error.message}. Export the list again from your feed reader.`);
  }

  const contentDir = contentDirFrom(values.content);
  const file = displayPath(join(contentDir, 'contingents.yaml'));
  const { config, texts } = await loadEditableConfig(contentDir);
  const taken = takenIds(config.contingents);
  const takenNames = new Set([...config.contingents, ...config.raters].map((x) => nameKey(x.name)));
  const seen = new Map<string, OpmlFeed>();
  const groups = new Map<string, Contingent[]>();
  let already = 0;
  let duplicates = 0;
  let invalid = 0;
  for (const feed of opml.feeds) {
    const where = `outline ${feed.position}${feed.title ? ` "${feed.title}"` : ''}`;
    if (!isHttpUrl(feed.xmlUrl)) {
      invalid++;
      console.error(`[import-opml] skipped ${where}: ${feed.xmlUrl} is not an http(s) URL`);
      continue;
    }
    const key = normalizeUrl(feed.xmlUrl);
    const first = seen.get(key);
    if (first) {
      duplicates++;
      console.error(`[import-opml] skipped ${where}: the same feed as outline ${first.position}${first.folders.length ? ` (in ${first.folders.join(' / ')})` : ''}`);
      continue;
    }
    seen.set(key, feed);
    const owner = contingentWithFeed(config.contingents, feed.xmlUrl);
    if (owner) {
      already++;
      console.error(`[import-opml] skipped ${where}: already a feed of "${owner.id}"`);
      continue;
    }
    const { entry } = proposeContingent({ feedUrl: feed.xmlUrl, title: feed.title, home: feed.htmlUrl }, taken, { license: values.license }, takenNames);
    taken.add(entry.id);
    takenNames.add(nameKey(entry.name));
    const folder = feed.folders.join(' / ');
    groups.set(folder, [...(groups.get(folder) ?? []), entry]);
  }

  const added = [...groups.values()].flat();
  const summary = `${added.length} to add, ${already} already there, ${duplicates} duplicate${duplicates === 1 ? '' : 's'} in the file${invalid ? `, ${invalid} not http(s)` : ''}`;
  if (added.length === 0) {
    console.error(`[import-opml] ${displayPath(path)}: ${opml.feeds.length} feeds, ${summary}. ${file} is unchanged.`);
    return 0;
  }
  let text = texts.contingents.text;
  const source = basename(path);
  for (const [folder, entries] of groups) {
    text = appendToYamlList(text, entries, { comment: ` Imported from ${source}${folder ? `, folder "${folder}"` : ''}` });
  }
  process.stdout.write(stringify(added));
  if (!values.license) console.error(`[import-opml] warning: the licence of each new contingent is "${UNKNOWN_LICENSE}". Ask each publisher, then set \`license:\` in ${file}.`);
  if (values['dry-run']) {
    console.error(`[import-opml] dry run: ${opml.feeds.length} feeds, ${summary}. ${file} was not changed.`);
    return 0;
  }
  await writeListFile(contentDir, texts, 'contingents', text);
  console.error(`[import-opml] ${opml.feeds.length} feeds, ${summary}: added ${added.length} to ${file}. Run \`npm run aggregate\` to fetch them.`);
  return 0;
});

function refuse(message: string): number {
  console.error(`[import-opml] ${message}`);
  return 1;
}

function isHttpUrl(url: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}
