// Builds a content folder into a throwaway site with the real `astro build`, in a child process so
// each build reads its own environment (content, edition, base, now) as `npm run build` would.
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runProcess } from '../../scripts/cli/runProcess.ts';
import { SITE_FIXTURE_DIR, SITE_NOW } from './writeSiteFixture.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ASTRO = join(ROOT, 'node_modules', 'astro', 'bin', 'astro.mjs');

/**
 * A fresh work folder for one build, inside the project. Astro stages prerendered chunks in
 * `<outDir>/.prerender/` when outDir is inside the working directory, but in the one shared
 * `<project>/.astro/.prerender/` otherwise, so builds into /tmp running side by side break each other.
 *
 * @example const work = await makeBuildWorkDir(); // …/node_modules/.cache/widenet-builds/site-Ab12Cd
 */
export async function makeBuildWorkDir(prefix = 'site-'): Promise<string> {
  const parent = join(ROOT, 'node_modules', '.cache', 'widenet-builds');
  await mkdir(parent, { recursive: true });
  return mkdtemp(join(parent, prefix));
}

export interface BuildOptions {
  /** The content folder; default the site fixture. */
  content?: string;
  /** WIDENET_EDITION: build one edition as a standalone site. */
  edition?: string;
  /** WIDENET_BASE: deploy under this base instead of site.yaml's. */
  base?: string;
  /** WIDENET_NOW; default the fixture's pinned time. */
  now?: string;
  /** WIDENET_CACHE: a cache folder kept between builds (an incremental build); default a fresh one. */
  cache?: string;
}

export interface BuiltSite {
  outDir: string;
  /** Every output file, relative to outDir, with forward slashes, sorted. */
  files: string[];
  read(path: string): Promise<string>;
  log: string;
  cleanup(): Promise<void>;
}

/**
 * Runs `astro build` on a content folder into a fresh work folder, with its own content-layer cache,
 * so builds running side by side never share state. Throws with the build's output when it fails.
 *
 * @example
 * const site = await buildSite({ edition: 'digest', base: '/my-edition/' });
 * await site.read('index.html');
 */
export async function buildSite(options: BuildOptions = {}): Promise<BuiltSite> {
  const work = await makeBuildWorkDir();
  const outDir = join(work, 'dist');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ASTRO_TELEMETRY_DISABLED: '1',
    WIDENET_CONTENT: options.content ?? SITE_FIXTURE_DIR,
    WIDENET_OUT: outDir,
    WIDENET_CACHE: options.cache ?? join(work, 'cache'),
    WIDENET_NOW: options.now ?? SITE_NOW,
  };
  // Vitest exports Vite's own variables (BASE_URL, MODE, NODE_ENV=test…); the build must not inherit them.
  for (const key of ['WIDENET_EDITION', 'WIDENET_BASE', 'BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'NODE_ENV', 'TEST']) delete env[key];
  for (const key of Object.keys(env)) if (key.startsWith('VITE')) delete env[key];
  if (options.edition) env.WIDENET_EDITION = options.edition;
  if (options.base) env.WIDENET_BASE = options.base;

  const { code, signal, output: log } = await runProcess(process.execPath, [ASTRO, 'build'], { cwd: ROOT, env });
  if (code !== 0) throw new Error(`[buildSite] astro build exited with ${code ?? signal}:\n${log.slice(-4000)}`);

  const files = (await listFiles(outDir)).map((f) => relative(outDir, f).split('\\').join('/')).sort();
  return builtSiteAt(outDir, files, log, () => rm(work, { recursive: true, force: true }));
}

/**
 * A BuiltSite over an output folder already built.
 *
 * @example builtSiteAt(outDir, ['index.html'], '', async () => {}).read('index.html')
 */
export function builtSiteAt(outDir: string, files: string[], log: string, cleanup: () => Promise<void>): BuiltSite {
  return { outDir, files, read: (path) => readFile(join(outDir, path), 'utf8'), log, cleanup };
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(path)));
    else out.push(path);
  }
  return out;
}
