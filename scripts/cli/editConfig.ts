// Shared by the editor tools (add-contingent, add-rater, import-opml, new-edition): fetch options from
// site.yaml, and writing a config file only when the whole config still validates afterwards.
import { join } from 'node:path';
import { ConfigError } from '../../src/lib/check/configError.ts';
import { validateConfig, type Config, type ConfigTexts } from '../../src/lib/check/validateConfig.ts';
import type { FetchOptions } from '../aggregator/fetchSource.ts';
import { readConfigTexts } from './loadConfig.ts';
import { USER_AGENT } from '../aggregator/userAgent.ts';
import { writeAtomic } from '../aggregator/writeAtomic.ts';

/** The aggregator's own polite fetch settings, from site.yaml. */
export function fetchOptionsFor(config: Config): FetchOptions {
  const a = config.site.aggregator;
  return { userAgent: USER_AGENT, timeoutMs: a.timeoutSeconds * 1000, maxBytes: a.maxBytes, retries: a.retries };
}

/** The config and the raw texts it came from; a config with problems stops the tool before it edits anything. */
export async function loadEditableConfig(contentDir: string): Promise<{ config: Config; texts: ConfigTexts }> {
  const texts = await readConfigTexts(contentDir);
  const { config, problems } = validateConfig(texts);
  if (!config) throw new ConfigError(problems);
  return { config, texts };
}

/**
 * Writes a new text for contingents.yaml or raters.yaml, after checking that the whole config
 * still validates with it (so a tool never leaves a file that `npm run check` rejects).
 */
export async function writeListFile(contentDir: string, texts: ConfigTexts, key: 'contingents' | 'raters', text: string): Promise<void> {
  const { problems } = validateConfig({ ...texts, [key]: { ...texts[key], text } });
  if (problems.length > 0) throw new ConfigError(problems);
  await writeAtomic(join(contentDir, `${key}.yaml`), text);
}
