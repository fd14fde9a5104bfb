// GitHub Actions workflow commands, so that config problems show on the changed line of a pull request.
import type { ConfigProblem } from '../../src/lib/check/configError.ts';

/** Annotations are on with `--github`, and by default inside GitHub Actions (GITHUB_ACTIONS=true). */
export function githubAnnotationsOn(flag: boolean | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
  return flag ?? env.GITHUB_ACTIONS === 'true';
}

/**
 * One problem as a GitHub annotation (a workflow command on standard output).
 *
 * @example
 * annotation({ file: 'content/raters.yaml', line: 4, field: '[0].url', message: 'expected an http:// or https:// URL' })
 * // '::error file=content/raters.yaml,line=4,title=[0].url::[0].url: expected an http:// or https:// URL'
 */
export function annotation(p: ConfigProblem, level: 'error' | 'warning' | 'notice' = 'error'): string {
  const props = [`file=${escapeProperty(p.file)}`, ...(p.line ? [`line=${p.line}`] : []), ...(p.field ? [`title=${escapeProperty(p.field)}`] : [])];
  return `::${level} ${props.join(',')}::${escapeData(p.field ? `${p.field}: ${p.message}` : p.message)}`;
}

// The runner's own escaping rules (toolkit/core command.ts): data escapes % CR LF; properties also : and ,.
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
