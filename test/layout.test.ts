// The house's rules, checked on every file of src/lib: a pure core (no file system, no network, no
// clock, no environment) whose capability folders import one way only.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/runCli.ts';

const LIB = join(ROOT, 'src/lib');

/** Which capability folders each folder may import from (besides itself). */
const MAY_IMPORT: Record<string, readonly string[]> = {
  config: [],
  urls: ['config'],
  html: ['config', 'urls'],
  ingest: ['config', 'urls', 'html'],
  ratings: ['config', 'urls'],
  editions: ['config', 'urls', 'ratings'],
  transparency: ['config', 'urls', 'html', 'ratings'],
  search: ['config', 'urls', 'html', 'ratings', 'editions'],
  check: ['config', 'urls', 'ratings', 'editions'],
  editor: ['config', 'urls', 'html'],
  site: ['config', 'urls', 'html', 'ratings', 'editions', 'transparency', 'search', 'check'],
  // The public export (widenet-db/1) and the import from upstream: shards, manifest, what is shared.
  commons: ['config', 'urls'],
};

const IMPURE: readonly [RegExp, string][] = [
  [/from\s+['"](node:)?(fs|fs\/promises|child_process|net|http|https|worker_threads)['"]/, 'imports a Node I/O module'],
  [/\bfetch\s*\(/, 'calls fetch'],
  [/\bDate\.now\s*\(/, 'reads the clock (pass `now` in)'],
  [/\bnew Date\(\s*\)/, 'reads the clock (pass `now` in)'],
  [/\bprocess\.env\b/, 'reads the environment'],
];

function libFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? libFiles(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The capability folder a path under src/lib belongs to, or undefined outside src/lib. */
function folderOf(path: string): string | undefined {
  const rel = relative(LIB, path);
  return rel.startsWith('..') ? undefined : rel.split(sep)[0];
}

/** Relative import specifiers of a source text, resolved against its file. */
function importsOf(file: string, text: string): string[] {
  const specs = [...text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]!);
  return specs.map((spec) => resolve(dirname(file), spec));
}

/** Every rule a source text breaks, as `file: reason` lines. */
function violations(file: string, text: string): string[] {
  const name = relative(ROOT, file);
  const own = folderOf(file)!;
  const found = IMPURE.filter(([pattern]) => pattern.test(text.replace(/^\s*(\/\/|\*).*$/gm, ''))).map(([, why]) => `${name}: ${why}`);
  for (const target of importsOf(file, text)) {
    const other = folderOf(target);
    if (other === undefined) found.push(`${name}: imports ${relative(ROOT, target)}, outside src/lib`);
    else if (other !== own && !(MAY_IMPORT[own] ?? []).includes(other)) found.push(`${name}: ${own}/ may not import ${other}/ (${relative(ROOT, target)})`);
  }
  return found;
}

describe('src/lib layout', () => {
  const files = libFiles(LIB);

  it('has one folder per capability and no loose files', () => {
    expect(files.length).toBeGreaterThan(60);
    const folders = new Set(files.map(folderOf));
    expect([...folders].sort()).toEqual(Object.keys(MAY_IMPORT).sort());
  });

  it('is pure, and its folders import one way', () => {
    const found = files.flatMap((file) => violations(file, readFileSync(file, 'utf8')));
    expect(found).toEqual([]);
  });

  it.each([
    ['src/lib/ratings/x.ts', "import { readFileSync } from 'node:fs';", 'imports a Node I/O module'],
    ['src/lib/ratings/x.ts', 'const now = Date.now();', 'reads the clock'],
    ['src/lib/ratings/x.ts', 'const t = new Date();', 'reads the clock'],
    ['src/lib/site/x.ts', 'const body = await fetch(url);', 'calls fetch'],
    ['src/lib/editions/x.ts', 'const base = process.env.BASE;', 'reads the environment'],
    ['src/lib/urls/x.ts', "import { sanitizeHtml } from '../html/sanitizeHtml.ts';", 'urls/ may not import html/'],
    ['src/lib/ratings/x.ts', "import { evaluateEdition } from '../editions/evaluateEdition.ts';", 'ratings/ may not import editions/'],
    ['src/lib/site/x.ts', "import { runAggregate } from '../../../scripts/aggregator/runAggregate.ts';", 'outside src/lib'],
  ])('catches %s: %s', (path, text, reason) => {
    expect(violations(join(ROOT, path), text).join('\n')).toContain(reason);
  });

  it('lets a folder import what is below it', () => {
    expect(violations(join(ROOT, 'src/lib/site/x.ts'), "import { evaluateEdition } from '../editions/evaluateEdition.ts';\nconst d = new Date(iso);")).toEqual([]);
  });
});
