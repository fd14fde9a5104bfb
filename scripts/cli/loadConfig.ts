import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { ConfigError } from '../../src/lib/check/configError.ts';
import { validateConfig, type Config, type ConfigTexts } from '../../src/lib/check/validateConfig.ts';

/** Reads every config file under `contentDir` (missing files read as empty); a missing folder is a ConfigError. */
export async function readConfigTexts(contentDir: string): Promise<ConfigTexts> {
  const folder = await stat(contentDir).catch(() => undefined);
  if (!folder?.isDirectory()) {
    throw new ConfigError([{ file: displayPath(contentDir), message: `${folder ? 'is not a folder' : 'no such folder'}. Give the content folder with --content <dir> (or $WIDENET_CONTENT), or run from the project's folder, where content/ is.` }]);
  }
  const read = async (name: string) => {
    const path = join(contentDir, name);
    return { file: displayPath(path), text: await readFile(path, 'utf8').catch(() => '') };
  };
  const editionsDir = join(contentDir, 'editions');
  const names = (await readdir(editionsDir).catch(() => [] as string[])).filter((n) => /\.ya?ml$/.test(n)).sort();
  return {
    site: await read('site.yaml'),
    contingents: await read('contingents.yaml'),
    raters: await read('raters.yaml'),
    scales: await read('scales.yaml'),
    editions: await Promise.all(
      names.map(async (n) => ({ id: n.replace(/\.ya?ml$/, ''), ...(await read(join('editions', n))) })),
    ),
  };
}

/** Loads and validates the config, or throws a ConfigError listing every problem. */
export async function loadConfig(contentDir: string): Promise<Config> {
  const { config, problems } = validateConfig(await readConfigTexts(contentDir));
  if (!config) throw new ConfigError(problems);
  return config;
}

export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
}
