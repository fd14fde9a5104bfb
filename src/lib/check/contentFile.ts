// The files the aggregator writes (articles, stored rating files, the sources state), read back
// with their schema: damage is reported by file and line with what to do, never read as empty.
import { Article, SourcesFile, StoredRatings } from '../config/schema.ts';
import { formatPath, formatProblem, type ConfigProblem } from './configError.ts';

export type ContentFileKind = 'article' | 'ratings' | 'sources';

const SCHEMAS = { article: Article, ratings: StoredRatings, sources: SourcesFile } as const;
type Parsed<K extends ContentFileKind> = K extends 'article' ? Article : K extends 'ratings' ? StoredRatings : SourcesFile;

/** How to repair each kind of file, after restoring it from git. */
const REPAIR: Record<ContentFileKind, string> = {
  article: 'or delete it: the next `npm run aggregate` re-creates it from its feed if the feed still carries the article (its earlier versions are then lost)',
  ratings: 'or delete it: the next `npm run aggregate` fetches the rating file again and keeps it as the last good copy',
  sources: 'or delete it: the next `npm run aggregate` fetches every source afresh, forgetting validators, backoff and 410s',
};

/** A damaged file under content/: not JSON, or not what its schema says. Nothing overwrites it until it is fixed. */
export class ContentFileError extends Error {
  override name = 'ContentFileError';
  readonly problem: ConfigProblem;
  readonly file: string;
  constructor(problem: ConfigProblem, options?: { cause?: unknown }) {
    super(formatProblem(problem), options);
    this.problem = problem;
    this.file = problem.file;
  }
}

/**
 * Parses a content file's text with its schema, or says what is wrong with it, where, and what to do.
 *
 * @example readContentFile('content/articles/abc/abc-1.json', 'article', '{"id": "abc-1",').problem?.message
 * // 'not valid JSON: Unexpected end of JSON input. It was probably cut short by … Restore it from git (`git checkout -- content/articles/abc/abc-1.json`), or delete it: …'
 */
export function readContentFile<K extends ContentFileKind>(file: string, kind: K, text: string): { data: Parsed<K>; problem?: undefined } | { data?: undefined; problem: ConfigProblem } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message.split('\n')[0]!.replace(/, "[\s\S]*$/, '').replace(/ in JSON at position \d+.*$/, '');
    return { problem: { scope: 'content', file, line: errorLine(text, (error as Error).message), message: `not valid JSON: ${message}. ${repairAdvice(file, kind, text, 'cut short by an interrupted copy or a bad merge')}` } };
  }
  const result = SCHEMAS[kind].safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more)` : '';
    return { problem: { scope: 'content', file, field: formatPath(issue.path) || undefined, message: `${issue.message}${more}: not a valid ${kind === 'article' ? 'article' : kind === 'ratings' ? 'stored rating file' : 'sources state'}. ${repairAdvice(file, kind, text, 'edited by hand or by a bad merge')}` } };
  }
  return { data: result.data as Parsed<K> };
}

function repairAdvice(file: string, kind: ContentFileKind, text: string, cause: string): string {
  // A merge that stopped on a conflict leaves its markers in the file.
  if (/^(<{7}|>{7}) /m.test(text)) return `It holds an unresolved git merge conflict. Keep your side with \`git checkout --ours -- ${file}\` (then \`npm run aggregate\` brings it up to date), ${REPAIR[kind]}.`;
  return `It was probably ${cause}. Restore it from git (\`git checkout -- ${file}\`), ${REPAIR[kind]}.`;
}

/** The 1-based line of a JSON.parse error: its position, a conflict marker, or the last line when the text ends early. */
function errorLine(text: string, message: string): number | undefined {
  const at = /at position (\d+)/.exec(message);
  if (at) return text.slice(0, Number(at[1])).split('\n').length;
  const marker = /^(<{7}|={7}|>{7})/m.exec(text);
  if (marker) return text.slice(0, marker.index).split('\n').length;
  if (/end of JSON input/.test(message)) return text.replace(/\s+$/, '').split('\n').length;
  return undefined;
}
