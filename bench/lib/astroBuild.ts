// One measured `astro build` of a content folder, in a child: wall time, peak RSS, pages, dist/ size,
// and which pages an incremental build rendered again. Shared by the build, scale and hourly benches.
import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runProcess } from '../../scripts/cli/runProcess.ts';
import { renderLog } from '../../test/helpers/renderLog.ts';
import { measureNode } from './measure.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ASTRO = join(ROOT, 'node_modules', 'astro', 'bin', 'astro.mjs');
export const GNU_TIME = '/usr/bin/time';

export interface MeasuredBuild {
  wallMs: number;
  peakRssMb: number;
  /** What Astro printed: one line per page, "(+12ms)" when rendered, "(cached)" when reused. */
  output: string;
}

/** Runs `astro build` in a child and measures wall time and peak RSS: GNU time when there is one. */
export async function measureBuild(env: NodeJS.ProcessEnv): Promise<MeasuredBuild> {
  const fullEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env };
  if (!existsSync(GNU_TIME)) {
    const run = await measureNode([ASTRO, 'build'], fullEnv);
    if (run.code !== 0) throw new Error(`astro build failed:\n${run.stderr.slice(-3000)}${run.stdout.slice(-3000)}`);
    return { ...run, output: run.stdout + run.stderr };
  }
  // A page is one line of Astro's log: 100,000 pages print about 10 MB.
  const { code, output, wallMs } = await runProcess(GNU_TIME, ['-v', process.execPath, ASTRO, 'build'], { cwd: ROOT, env: fullEnv, maxBytes: 512 * 1024 * 1024 });
  if (code !== 0) throw new Error(`astro build failed (${code}):\n${output.slice(-3000)}`);
  const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(output)?.[1] ?? 0);
  return { wallMs, peakRssMb: kb / 1024, output };
}

/**
 * How many pages (and endpoint files) Astro rendered, and how many it reused from its incremental cache.
 *
 * @example renderedFiles('  ├─ /a/index.html (+3ms)\n  └─ /b/index.html (cached)') // { rendered: 1, reused: 1 }
 */
export function renderedFiles(output: string): { rendered: number; reused: number } {
  const { rendered, reused } = renderLog(output);
  return { rendered: rendered.size, reused: reused.size };
}

/** HTML pages under `dir`, and the bytes of every file there. */
export async function siteCount(dir: string): Promise<{ pages: number; bytes: number }> {
  let pages = 0;
  let bytes = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    if (entry.name.endsWith('.html')) pages++;
    bytes += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return { pages, bytes };
}
