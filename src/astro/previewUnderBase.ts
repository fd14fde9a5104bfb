// `npm run preview` serves a build under the base it was built with (a single-edition build with
// WIDENET_BASE=/my-edition/, say), so its links work without setting the variable again.
import { access, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

interface BuildRecord {
  base: string;
  edition?: string;
}

/** Where builds are recorded, by output folder: outside any output folder, so it is never deployed. */
function recordPath(root: URL): string {
  return join(fileURLToPath(root), 'node_modules', '.astro', 'widenet-builds.json');
}

async function readRecords(root: URL): Promise<Record<string, BuildRecord>> {
  try {
    const data = JSON.parse(await readFile(recordPath(root), 'utf8')) as unknown;
    return data && typeof data === 'object' ? (data as Record<string, BuildRecord>) : {};
  } catch {
    return {};
  }
}

/**
 * An Astro integration: a build records its base by output folder; a preview of that folder
 * serves under that base unless WIDENET_BASE says otherwise.
 */
export function previewUnderBase(): AstroIntegration {
  let outDir = '';
  let base = '/';
  let root: URL | undefined;
  return {
    name: 'wide-net:preview-under-base',
    hooks: {
      'astro:config:setup': async ({ command, config, updateConfig, logger }) => {
        if (command !== 'preview' || process.env.WIDENET_BASE) return;
        const built = (await readRecords(config.root))[fileURLToPath(config.outDir)];
        if (!built || built.base === config.base) return;
        updateConfig({ base: built.base });
        logger.info(`serving ${fileURLToPath(config.outDir)} under ${built.base}, the base it was built with${built.edition ? ` (edition ${built.edition})` : ''}`);
      },
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
        base = config.base;
        root = config.root;
      },
      'astro:build:done': async () => {
        if (!root) return;
        const records: Record<string, BuildRecord> = {};
        // Output folders that are gone (test builds, say) leave the record.
        for (const [dir, record] of Object.entries(await readRecords(root))) if (await access(dir).then(() => true, () => false)) records[dir] = record;
        records[outDir] = { base, ...(process.env.WIDENET_EDITION && { edition: process.env.WIDENET_EDITION }) };
        const path = recordPath(root);
        await mkdir(dirname(path), { recursive: true });
        const temp = `${path}.${process.pid}.tmp`;
        await writeFile(temp, `${JSON.stringify(records, null, 2)}\n`);
        await rename(temp, path);
      },
    },
  };
}
