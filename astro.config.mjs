// @ts-check
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defineConfig } from 'astro/config';
import { parse } from 'yaml';

// The site's origin and base come from content/site.yaml, so forkers never edit code.
const contentDir = resolve(process.env.WIDENET_CONTENT ?? 'content');
const site = /** @type {{ url?: string, base?: string }} */ (parse(readFileSync(join(contentDir, 'site.yaml'), 'utf8')) ?? {});

export default defineConfig({
  site: site.url ?? 'https://wide-net.github.io',
  base: site.base ?? '/',
  trailingSlash: 'always',
  outDir: process.env.WIDENET_OUT ?? './dist',
  build: { format: 'directory' },
  compressHTML: true,
  devToolbar: { enabled: false },
});
