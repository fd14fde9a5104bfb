// A raters.yaml entry as text to paste, for people who propose it through GitHub's web editor.
import type { Rater } from '../config/schema.ts';

/**
 * One raters.yaml list item, strings quoted (a JSON string is a YAML double-quoted scalar), with a
 * blank line before it so it can be pasted at the end of the file.
 *
 * @example raterEntryText({ id: 'jane-doe', name: 'Jane Doe', url: 'https://jane.github.io/r/ratings.json', format: 'json' })
 * // => '\n- id: jane-doe\n  name: "Jane Doe"\n  url: "https://jane.github.io/r/ratings.json"\n  format: json\n'
 */
export function raterEntryText(entry: Rater): string {
  const lines = [`- id: ${entry.id}`, `  name: ${JSON.stringify(entry.name)}`, `  url: ${JSON.stringify(entry.url)}`];
  if (entry.format) lines.push(`  format: ${entry.format}`);
  if (entry.key) lines.push(`  key: ${JSON.stringify(entry.key)}`);
  return `\n${lines.join('\n')}\n`;
}
