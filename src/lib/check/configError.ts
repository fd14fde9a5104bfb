import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'astro/zod';
import { rangeInWords, schemaAt, unionOptionsAt } from './numberRange.ts';

/** One problem in a config or rating file, with enough context to fix it. */
export interface ConfigProblem {
  /** What kind of file: `config` (the YAML the user edits, the default) or `content` (files the aggregator writes). */
  scope?: 'config' | 'content';
  file: string;
  line?: number;
  field?: string;
  message: string;
}

/** A config problem that stops a run, carrying every problem found. */
export class ConfigError extends Error {
  readonly problems: ConfigProblem[];
  constructor(problems: ConfigProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/**
 * @example formatProblem({ file: 'content/raters.yaml', line: 4, field: '[0].url', message: 'expected an http:// or https:// URL' })
 * // '[config] content/raters.yaml:4 [0].url: expected an http:// or https:// URL'
 */
export function formatProblem(p: ConfigProblem): string {
  const where = p.line ? `${p.file}:${p.line}` : p.file;
  return `[${p.scope ?? 'config'}] ${where}${p.field ? ` ${p.field}` : ''}: ${p.message}`;
}

/** `['include', 0, 'gte']` → `include[0].gte` */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`))
    .join('');
}

/** A YAML file parsed with positions, so any field can be traced to its line. */
export interface YamlSource {
  file: string;
  doc: Document;
  lines: LineCounter;
  data: unknown;
}

export function parseYamlSource(file: string, text: string): { source?: YamlSource; problems: ConfigProblem[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    // A tab in the indentation derails the parser into a cascade of errors; one line says it all.
    const tab = text.split('\n').findIndex((line) => /^ *\t/.test(line));
    if (tab >= 0) {
      return { problems: [{ file, line: tab + 1, message: 'a tab in the indentation. YAML indents with spaces only: replace the tab with spaces (most editors have "convert indentation to spaces").' }] };
    }
    return {
      problems: doc.errors.map((e) => ({
        file,
        line: lines.linePos(e.pos[0]).line,
        message: `invalid YAML: ${e.message.split('\n')[0]}. Check the indentation and quoting near this line.`,
      })),
    };
  }
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (error) {
    // The yaml library refuses to expand aliases past a limit: a "billion laughs" file.
    const alias = text.search(/(^|[\s[{,:])\*[^\s,\]}]+/);
    const line = alias >= 0 ? lines.linePos(alias + 1).line : undefined;
    return { problems: [{ file, line, message: `refused: its aliases (*name) expand into too many values (${(error as Error).message}), as a "billion laughs" attack does. Write the values out instead of repeating aliases.` }] };
  }
  return { source: { file, doc, lines, data }, problems: [] };
}

/** The line of the deepest node that exists along `path` (a missing field points at its parent). */
export function lineOf(source: YamlSource, path: readonly PropertyKey[]): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = source.doc.getIn(path.slice(0, n) as unknown[], true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return source.lines.linePos(node.range[0]).line;
  }
  return undefined;
}

export function problemAt(source: YamlSource, path: readonly PropertyKey[], message: string): ConfigProblem {
  return { file: source.file, line: lineOf(source, path), field: formatPath(path) || undefined, message };
}

/** The line of a key itself (not of its value, which may start on the next line). */
function keyLineOf(source: YamlSource, parent: readonly PropertyKey[], key: string): number | undefined {
  const map = parent.length ? source.doc.getIn(parent as unknown[], true) : source.doc.contents;
  if (isMap(map)) {
    const pair = map.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
    const range = pair && isScalar(pair.key) ? pair.key.range : undefined;
    if (range) return source.lines.linePos(range[0]).line;
  }
  return lineOf(source, [...parent, key]);
}

/** The value at `path` as the author wrote it, for "got …" in messages. */
function valueAt(source: YamlSource, path: readonly PropertyKey[]): string | undefined {
  const node = source.doc.getIn(path as unknown[], true);
  if (!isScalar(node)) return undefined;
  return typeof node.value === 'string' ? JSON.stringify(node.value) : String(node.value);
}

/** A number out of range, or not a number, said with the range in words: "expected a whole number from 1 to 500, got 0". */
function numberProblem(source: YamlSource, path: readonly PropertyKey[], inRoot: readonly PropertyKey[], root: z.ZodType | undefined): ConfigProblem | undefined {
  const range = root && rangeInWords(schemaAt(root, inRoot));
  if (!range) return undefined;
  const got = valueAt(source, path);
  const fraction = /above 0 and at most 1$/.test(range) ? ' (a fraction: 0.67 is two thirds)' : '';
  return problemAt(source, path, `expected ${range}${fraction}${got === undefined ? '' : `, got ${got}`}`);
}

const RULES = '{ scale, gte?, lte?, minRaters? }, { tag }, { contingent }, { quorum: { scale, fraction? } }, { openChallenges: { olderThan } }, { all: [...] }, { any: [...] }, { not: {...} }';

/**
 * Turns zod issues into problems with lines; for a union (such as an edition rule) it reports the
 * closest branch. `root`, the schema that was parsed, lets range errors state the range in words.
 */
export function zodProblems(source: YamlSource, issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[] = [], root?: z.ZodType): ConfigProblem[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const sorted = [...issue.errors].sort((a, b) => branchDistance(a) - branchDistance(b));
      const closest = sorted[0]!;
      const onlyUnknownKeys = (branch: readonly z.core.$ZodIssue[]) => branch.every((i) => i.code === 'unrecognized_keys');
      const ties = sorted.filter((b) => branchDistance(b) === branchDistance(closest) && onlyUnknownKeys(b));
      if (ties.length > 1) {
        const keys = [...new Set(ties.flatMap((b) => b.flatMap((i) => (i.code === 'unrecognized_keys' ? i.keys : []))))].sort();
        return [problemAt(source, path, `one rule mixes ${keys.map((k) => `"${k}"`).join(' and ')}. Write each as its own rule, inside \`all: [...]\` to require every one.`)];
      }
      // Rules are unions: the branch that fails only on values, or only on unknown keys, is the one the author meant.
      if (branchDistance(closest) < 2 || onlyUnknownKeys(closest)) return zodProblems(source, closest, path, root && unionOptionsAt(root, issue.path)?.[(issue.errors as readonly unknown[]).indexOf(closest)]);
      // A union with its own message (edition `raters:`) names the forms it accepts; a rule lists the rule kinds.
      return [problemAt(source, path, issue.message && issue.message !== 'Invalid input' ? issue.message : `not a known rule. Expected one of: ${RULES}`)];
    }
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        ...problemAt(source, [...path, key], `unknown field "${key}". Check the spelling against the config reference in README.md.`),
        line: keyLineOf(source, path, key),
      }));
    }
    if (issue.code === 'too_big' || issue.code === 'too_small' || (issue.code === 'invalid_type' && issue.expected === 'number' && !isMissing(issue))) {
      const problem = numberProblem(source, path, issue.path, root);
      if (problem) return [problem];
    }
    if (isMissing(issue)) {
      return [problemAt(source, path, `missing required field (expected ${'expected' in issue ? issue.expected : 'a value'}). Add it.`)];
    }
    return [problemAt(source, path, issue.message)];
  });
}

// zod does not keep the input in issues; a required field that is absent reads "received undefined".
function isMissing(issue: z.core.$ZodIssue): boolean {
  return issue.code === 'invalid_type' && issue.message.endsWith('received undefined');
}

// A branch that fails only on values (not on its shape) is the one the author meant; a value of the
// wrong kind altogether (a list where a map belongs) fits no branch.
function branchDistance(issues: readonly z.core.$ZodIssue[]): number {
  return issues.reduce((n, i) => n + (i.code === 'unrecognized_keys' || isMissing(i) || (i.code === 'invalid_type' && i.path.length === 0) ? 2 : 1), 0);
}
