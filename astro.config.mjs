// @ts-check
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defineConfig } from 'astro/config';
import { parse } from 'yaml';
import { checkBeforeBuild } from './src/astro/checkBeforeBuild.ts';
import { previewUnderBase } from './src/astro/previewUnderBase.ts';
import { dataExport } from './src/astro/dataExport.ts';

// The site's origin and base come from content/site.yaml, so forkers never edit code.
const contentDir = resolve(process.env.WIDENET_CONTENT ?? 'content');
const site = readSite();

/** site.yaml's url and base; a missing or broken file reads as empty here, and checkBeforeBuild says what is wrong. */
function readSite() {
  try {
    const data = parse(readFileSync(join(contentDir, 'site.yaml'), 'utf8'));
    return /** @type {{ url?: string, base?: string }} */ (data && typeof data === 'object' ? data : {});
  } catch {
    return {};
  }
}

export default defineConfig({
  site: site.url ?? 'https://wide-net.github.io',
  // WIDENET_BASE deploys one build elsewhere, such as a single edition at /my-edition/.
  base: process.env.WIDENET_BASE || site.base || '/',
  trailingSlash: 'always',
  outDir: process.env.WIDENET_OUT ?? './dist',
  // Astro keeps its incremental-build cache here: one per content folder, so builds of different
  // folders (tests, benches, the demo) running side by side never share one.
  cacheDir: process.env.WIDENET_CACHE ?? `./node_modules/.astro/${createHash('sha256').update(contentDir).digest('hex').slice(0, 12)}`,
  // One small stylesheet file, cached across pages, rather than a copy inlined in every page.
  // Four pages at a time: a page's file writes overlap the next page's rendering (a 10,000-article
  // hub builds in 21 s rather than 29 s; more is no faster, and the bytes are the same).
  build: { format: 'directory', inlineStylesheets: 'never', concurrency: 4 },
  compressHTML: true,
  devToolbar: { enabled: false },
  experimental: {
    // An hourly build renders again only the pages whose data changed: every getStaticPaths route
    // gives a cacheKey, a digest of what its page shows (src/astro/cacheKeys.ts), and Astro keeps
    // each page's last output in cacheDir. Keep that folder between builds (the Publish workflow
    // caches it); without it a build is simply cold.
    incrementalBuild: true,
  },
  // Before the build, the content is checked; after it, /data/ is written: the whole database as shards and a manifest (widenet-db/1).
  integrations: [checkBeforeBuild(contentDir), previewUnderBase(), dataExport({ contentDir })],
});
