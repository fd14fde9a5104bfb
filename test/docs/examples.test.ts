// The JSDoc examples of src/lib are true: every @example whose result is written `// => value`
// (after the expression, or alone on the next line) runs here against its module's exports and
// must give that value. Examples about a whole site may use the site fixture's `db`, `model` and
// `now`. Examples without `=>` are illustrations that name values from their context.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { transformSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { createPaths } from '../../src/lib/site/paths.ts';
import { createSiteModel } from '../../src/lib/site/siteModel.ts';
import { ROOT } from '../helpers/runCli.ts';
import { SITE_NOW, siteFixtureDatabase } from '../helpers/writeSiteFixture.ts';

const LIB = join(ROOT, 'src/lib');
/** Fewer than this many checked examples means the extraction below broke, not that examples went. */
const AT_LEAST = 120;

interface Example {
  file: string;
  line: number;
  code: string;
  checks: number;
}

function libFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? libFiles(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

/**
 * The checked examples of one file, as the body of an async function: `expr // => value` and
 * `expr` followed by a line `// => value` become `__check(line, expr, value)`.
 */
function examplesOf(file: string): Example[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const examples: Example[] = [];
  for (let i = 0; i < lines.length; i++) {
    const start = /^\s*\* @example\s?(.*)$/.exec(lines[i]!);
    if (!start) continue;
    const body: { text: string; line: number }[] = [];
    if (start[1]!.trim()) body.push({ text: start[1]!, line: i + 1 });
    for (let j = i + 1; j < lines.length && !/^\s*\*\/|^\s*\* @/.test(lines[j]!); j++) body.push({ text: lines[j]!.replace(/^\s*\* ?/, ''), line: j + 1 });
    const code: string[] = [];
    let checks = 0;
    for (let k = 0; k < body.length; k++) {
      const { text, line } = body[k]!;
      const inline = /^(.*?)\s*\/\/ => (.+)$/.exec(text);
      const next = /^\s*\/\/ => (.+)$/.exec(body[k + 1]?.text ?? '');
      if (inline && inline[1]!.trim()) {
        code.push(`await __check(${line}, async () => (${inline[1]}), async () => (${inline[2]}));`);
        checks++;
      } else if (next) {
        code.push(`await __check(${line}, async () => (${text}), async () => (${next[1]}));`);
        checks++;
        k++;
      } else code.push(text);
    }
    if (checks) examples.push({ file, line: i + 1, code: code.join('\n'), checks });
  }
  return examples;
}

const db = siteFixtureDatabase();
const now = new Date(SITE_NOW);
const fixture = { db, now, model: createSiteModel(db, { now, paths: createPaths({ base: '/', site: 'https://example.org' }) }) };
const examples = libFiles(LIB).flatMap(examplesOf);

describe('JSDoc examples', () => {
  it(`at least ${AT_LEAST} results are checked`, () => {
    expect(examples.reduce((n, e) => n + e.checks, 0)).toBeGreaterThanOrEqual(AT_LEAST);
  });

  it.each(examples.map((e) => [`${relative(ROOT, e.file)}:${e.line}`, e] as const))('%s', async (_, example) => {
    const exports = (await import(example.file)) as Record<string, unknown>;
    const scope: Record<string, unknown> = { ...fixture, ...exports };
    const js = transformSync(`const __run = async (__check) => {\n${example.code}\n};`, { loader: 'ts' }).code;
    const run = new Function(...Object.keys(scope), `${js}\nreturn __run;`)(...Object.values(scope)) as (check: unknown) => Promise<void>;
    await run(async (line: number, actual: () => Promise<unknown>, expected: () => Promise<unknown>) => {
      expect(await actual(), `${relative(ROOT, example.file)}:${line}`).toEqual(await expected());
    });
  });
});
