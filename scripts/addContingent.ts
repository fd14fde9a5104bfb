// npm run add-contingent -- <site or feed URL>: find the feed, check it, append it to contingents.yaml.
import { join } from 'node:path';
import { stringify } from 'yaml';
import { contingentWithFeed, idProblem, proposeContingent, takenIds, UNKNOWN_LICENSE } from '../src/lib/editor/proposeEntry.ts';
import { nameKey } from '../src/lib/config/names.ts';
import { appendToYamlList } from '../src/lib/editor/yamlList.ts';
import { contentDirFrom, parseCli, runMain } from './cli/cli.ts';
import { discoverFeed, FeedDiscoveryError } from './cli/findFeed.ts';
import { fetchOptionsFor, loadEditableConfig, writeListFile } from './cli/editConfig.ts';
import { displayPath } from './cli/loadConfig.ts';

const HELP = `
Usage: npm run add-contingent -- <site or feed URL> [options]

Finds the feed of a site (the URL itself, its page's <link rel="alternate"> feeds, then
/feed, /rss.xml, /atom.xml, /feed.xml, /index.xml, /feed.json), fetches it once, checks that it
is a real RSS, Atom or JSON feed, and appends a contingent to content/contingents.yaml. The
file's comments and layout are kept. The id and name come from the feed's title.

Options:
  --id <id>          the contingent's id (default: from the feed's title, made unique)
  --name <name>      its name, shown as the credit (default: the feed's title)
  --license <text>   the licence of its articles, such as "CC0-1.0" or "public domain"
                     (default: "${UNKNOWN_LICENSE}", with a warning)
  --home <url>       its home page (default: the feed's link, or the page given)
  --dry-run          show the entry without writing it
  --content <dir>    the content folder (default: ./content or $WIDENET_CONTENT)
  -h, --help         show this help

Exits 1 when the URL has no feed, or the feed or id is already there.
`;

runMain('add-contingent', async () => {
  const { values, positionals } = parseCli(
    {
      id: { type: 'string' },
      name: { type: 'string' },
      license: { type: 'string' },
      home: { type: 'string' },
      'dry-run': { type: 'boolean' },
      content: { type: 'string' },
    },
    HELP,
  );
  const url = positionals[0];
  if (!url || positionals.length > 1) {
    process.stderr.write(`[add-contingent] give one site or feed URL.\n\n${HELP.trimStart()}`);
    return 2;
  }
  if (!/^https?:\/\//i.test(url)) return refuse(`${url} is not an http:// or https:// URL.`);
  const contentDir = contentDirFrom(values.content);
  const file = displayPath(join(contentDir, 'contingents.yaml'));
  const { config, texts } = await loadEditableConfig(contentDir);
  const taken = takenIds(config.contingents);
  if (values.id !== undefined) {
    const problem = idProblem(values.id, taken, 'contingent');
    if (problem) return refuse(`${problem}.`);
  }
  const already = contingentWithFeed(config.contingents, url);
  if (already) return refuse(`${url} is already a feed of the contingent "${already.id}" in ${file}. Nothing to add.`);

  console.error(`[add-contingent] fetching ${url}`);
  let found;
  try {
    found = await discoverFeed(url, fetchOptionsFor(config));
  } catch (error) {
    if (!(error instanceof FeedDiscoveryError)) throw error;
    for (const t of error.tried.slice(1)) console.error(`[add-contingent]   tried ${t.url}: ${t.why}`);
    return refuse(`${error.message} Nothing was added.`);
  }
  if (found.via !== 'given') console.error(`[add-contingent] found the feed ${found.feedUrl} (${found.via === 'link' ? 'announced by the page' : 'at a usual place'})`);
  const owner = found.feedUrl !== url ? contingentWithFeed(config.contingents, found.feedUrl) : undefined;
  if (owner) return refuse(`${found.feedUrl} (found through ${url}) is already a feed of the contingent "${owner.id}" in ${file}. Nothing to add.`);
  const { feed } = found;
  console.error(`[add-contingent] ${feed.format.toUpperCase()} feed "${feed.title || '(untitled)'}" with ${feed.items.length} item${feed.items.length === 1 ? '' : 's'}`);
  if (feed.items.length === 0) console.error('[add-contingent] warning: the feed has no items yet; it is added all the same.');

  const { entry, unknownLicense } = proposeContingent(
    { feedUrl: found.feedUrl, title: feed.title, home: feed.home, pageUrl: found.pageUrl },
    taken,
    { id: values.id, name: values.name, license: values.license, home: values.home },
    new Set([...config.contingents, ...config.raters].map((x) => nameKey(x.name))),
  );
  const text = appendToYamlList(texts.contingents.text, [entry], { comment: ` Added with npm run add-contingent -- ${url}` });
  process.stdout.write(stringify([entry]));
  if (unknownLicense) console.error(`[add-contingent] warning: the licence is "${UNKNOWN_LICENSE}". Ask the publisher, then set \`license:\` for "${entry.id}" in ${file} (or pass --license).`);
  if (values['dry-run']) {
    console.error(`[add-contingent] dry run: ${file} was not changed.`);
    return 0;
  }
  await writeListFile(contentDir, texts, 'contingents', text);
  console.error(`[add-contingent] added "${entry.id}" to ${file}. Run \`npm run aggregate -- --only ${entry.id}\` to fetch its articles.`);
  return 0;
});

function refuse(message: string): number {
  console.error(`[add-contingent] ${message}`);
  return 1;
}
