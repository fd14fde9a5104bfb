// npm run new-edition -- <id>: write a commented edition file that passes `npm run check`.
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { editionTemplate } from '../src/lib/editor/editionTemplate.ts';
import { Id } from '../src/lib/config/schema.ts';
import { RESERVED_EDITION_IDS, validateConfig } from '../src/lib/check/validateConfig.ts';
import { contentDirFrom, parseCli, runMain } from './cli/cli.ts';
import { loadEditableConfig } from './cli/editConfig.ts';
import { displayPath } from './cli/loadConfig.ts';
import { writeAtomic } from './aggregator/writeAtomic.ts';
import { formatProblem } from '../src/lib/check/configError.ts';

const HELP = `
Usage: npm run new-edition -- <id> [options]

Writes content/editions/<id>.yaml: an edition that keeps every article, with every field of the
edition language shown in comments (filled in with your scales, raters and contingents), ready
to uncomment and edit. The id is the edition's URL: /<id>/.

Options:
  --title <text>         the edition's title (default: from the id)
  --description <text>   one sentence on what it selects
  --dry-run              print the file without writing it
  --content <dir>        the content folder (default: ./content or $WIDENET_CONTENT)
  -h, --help             show this help
`;

runMain('new-edition', async () => {
  const { values, positionals } = parseCli({ title: { type: 'string' }, description: { type: 'string' }, 'dry-run': { type: 'boolean' }, content: { type: 'string' } }, HELP);
  const id = positionals[0];
  if (!id || positionals.length > 1) {
    process.stderr.write(`[new-edition] give one edition id, such as "weekly-digest".\n\n${HELP.trimStart()}`);
    return 2;
  }
  if (!Id.safeParse(id).success) return refuse(`"${id}" is not a valid edition id: use lower-case letters, digits and dashes, such as "weekly-digest".`);
  if ((RESERVED_EDITION_IDS as readonly string[]).includes(id)) return refuse(`"${id}" is a path the site itself uses (${RESERVED_EDITION_IDS.join(', ')}). Choose another id, such as "${id}-edition".`);
  const contentDir = contentDirFrom(values.content);
  const path = join(contentDir, 'editions', `${id}.yaml`);
  const exists = await access(path).then(() => true, () => access(path.replace(/\.yaml$/, '.yml')).then(() => true, () => false));
  if (exists) return refuse(`${displayPath(path)} already exists. Edit it, or choose another id.`);

  const { config, texts } = await loadEditableConfig(contentDir);
  const title = values.title?.trim() || id.split('-').map((w, i) => (i === 0 ? w[0]!.toUpperCase() + w.slice(1) : w)).join(' ');
  const text = editionTemplate({ id, title, description: values.description, network: config.site.network, scales: config.scales, raters: config.raters, contingents: config.contingents });
  // The tool must never write a file that check rejects.
  const { problems } = validateConfig({ ...texts, editions: [...texts.editions, { id, file: displayPath(path), text }] });
  if (problems.length > 0) throw new Error(`the new edition would not pass check:\n${problems.map(formatProblem).join('\n')}`);
  if (values['dry-run']) {
    process.stdout.write(text);
    console.error(`[new-edition] dry run: ${displayPath(path)} was not written.`);
    return 0;
  }
  await writeAtomic(path, text);
  console.error(`[new-edition] wrote ${displayPath(path)}. Edit it, run \`npm run check\`, then \`npm run build\`: the edition is at /${id}/.`);
  return 0;
});

function refuse(message: string): number {
  console.error(`[new-edition] ${message}`);
  return 1;
}
