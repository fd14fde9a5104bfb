// node scripts/checkSiteSize.ts [dir]: whether the built site fits its host, before the deploy. For
// GitHub Pages (the default) a site over 1 GB stops the Publish workflow here, with what to do,
// rather than failing at the deploy; for object storage (--host s3) it only prints the size.
import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { formatBytes, PAGES_LIMIT_BYTES, siteSizeProblem, type SiteSize } from '../src/lib/check/siteSize.ts';
import { parseCli, runMain } from './cli/cli.ts';

const HELP = `
Usage: node scripts/checkSiteSize.ts [dir] [--host pages|s3] [--limit <bytes>]

Adds up the files of a built site (default $WIDENET_OUT or dist/). For --host pages (the default; the
repository variable WIDENET_DEPLOY in the Publish workflow) it exits 1 when the site is larger than
GitHub Pages serves (1 GB), and warns above 90 % of it. --limit sets another limit in bytes.
`;

async function measure(dir: string): Promise<SiteSize> {
  const byTop = new Map<string, number>();
  let bytes = 0;
  let files = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    const size = (await stat(full)).size;
    const rel = full.slice(dir.length).replace(/^[/\\]+/, '');
    const top = rel.includes('/') ? `${rel.split('/')[0]}/` : rel;
    byTop.set(top, (byTop.get(top) ?? 0) + size);
    bytes += size;
    files++;
  }
  const largest = [...byTop].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([path, b]) => ({ path, bytes: b }));
  return { bytes, files, largest };
}

runMain('site-size', async () => {
  const { values, positionals } = parseCli({ host: { type: 'string' }, limit: { type: 'string' } }, HELP);
  const dir = positionals[0] ?? process.env.WIDENET_OUT ?? 'dist';
  const host = values.host || 'pages';
  if (host !== 'pages' && host !== 's3') {
    process.stderr.write(`[site-size] --host "${host}" (WIDENET_DEPLOY): expected pages or s3, or leave it unset for pages\n`);
    return 2;
  }
  const limit = values.limit === undefined ? PAGES_LIMIT_BYTES : Number(values.limit);
  if (!Number.isSafeInteger(limit) || limit <= 0) {
    process.stderr.write(`[site-size] --limit "${values.limit}": expected a whole number of bytes\n`);
    return 2;
  }
  if (!existsSync(dir)) {
    process.stderr.write(`[site-size] ${dir}: no built site there; run npm run build first (or name the folder)\n`);
    return 2;
  }
  const size = await measure(dir);
  const line = `[site-size] ${dir.replace(/\/?$/, '/')} is ${formatBytes(size.bytes)} in ${size.files.toLocaleString('en-US')} files`;
  if (host === 's3') {
    process.stderr.write(`${line}; object storage has no limit on a site's size.\n`);
    return 0;
  }
  const problem = siteSizeProblem(size, limit, dir.replace(/\/?$/, '/'));
  const github = process.env.GITHUB_ACTIONS === 'true';
  if (!problem) {
    process.stderr.write(`${line}, ${Math.round((size.bytes / limit) * 100)} % of the ${formatBytes(limit)} GitHub Pages serves.\n`);
    return 0;
  }
  if (github) process.stdout.write(`::${problem.level} title=Site size::${problem.message}\n`);
  process.stderr.write(`[site-size] ${problem.level === 'error' ? 'error' : 'warning'}: ${problem.message}\n`);
  return problem.level === 'error' ? 1 : 0;
});
