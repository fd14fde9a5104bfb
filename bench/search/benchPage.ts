// Writes a copy of a built search page whose script is the bench's entry (benchEntry.ts), so the
// bench can time queries in the page while the shipped page carries no benchmark hooks.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ENTRY = fileURLToPath(new URL('./benchEntry.ts', import.meta.url));

/**
 * Copies `<outDir>/<searchDir>index.html` to `<searchDir minus "/">-bench/`, its module scripts
 * replaced by the bundled bench entry. Returns the page's path inside the site.
 *
 * @example await writeSearchBenchPage(site.outDir, 'search/') // 'search-bench/'
 */
export async function writeSearchBenchPage(outDir: string, searchDir: string): Promise<string> {
  const html = await readFile(join(outDir, searchDir, 'index.html'), 'utf8');
  const scripts = /<script type="module"[^>]*>[\s\S]*?<\/script>/g;
  if (!scripts.test(html)) throw new Error(`[bench] ${searchDir}index.html has no module script to replace`);
  const bundle = await build({ entryPoints: [ENTRY], bundle: true, format: 'esm', target: 'es2022', minify: true, write: false });
  const path = `${searchDir.replace(/\/$/, '')}-bench/`;
  await mkdir(join(outDir, path), { recursive: true });
  await writeFile(join(outDir, path, 'bench.js'), bundle.outputFiles[0]!.contents);
  await writeFile(join(outDir, path, 'index.html'), html.replace(scripts, '').replace('</body>', '<script type="module" src="bench.js"></script></body>'));
  return path;
}
