// Versions of an article: the revisions the aggregator kept, numbered, and word-level diffs to the current text.
import { diffWords } from 'diff';
import { htmlToText } from '../html/htmlText.ts';
import type { Article, Revision } from '../config/schema.ts';

/** A piece of a diff: text both versions share, or text only the earlier (`removed`) or the current (`added`) has. */
export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

export interface TextDiff {
  parts: DiffPart[];
  /** Words only in the earlier text. */
  removed: number;
  /** Words only in the current text. */
  added: number;
}

/** An earlier version, numbered from 1 (the first the aggregator saw), with when it was current. */
export interface NumberedRevision extends Revision {
  number: number;
  /** When this version was first seen: the article's `firstSeen`, or when the version before it was replaced. */
  from: string;
}

// jsdiff gives up past this many edits; a text rewritten beyond it is shown as all removed, then all added.
const MAX_EDIT_LENGTH = 20_000;
const WORD = /[\p{L}\p{N}]+/gu;

/**
 * A word-level diff of two plain texts (jsdiff's diffWords): whitespace between words is kept from
 * the current text, and a change of spacing alone is no change.
 *
 * @example diffText('The union voted 212 to 9.', 'The union voted 213 to 9.').parts
 * // [{ kind: 'same', text: 'The union voted ' }, { kind: 'removed', text: '212' }, { kind: 'added', text: '213' }, { kind: 'same', text: ' to 9.' }]
 */
export function diffText(before: string, after: string): TextDiff {
  const changes = before === after ? [{ value: after, added: false, removed: false }] : diffWords(before, after, { maxEditLength: MAX_EDIT_LENGTH });
  const parts: DiffPart[] = changes
    ? changes.filter((c) => c.value !== '').map((c) => ({ kind: c.added ? 'added' : c.removed ? 'removed' : 'same', text: c.value }))
    : [
        { kind: 'removed', text: before },
        { kind: 'added', text: after },
      ];
  let removed = 0;
  let added = 0;
  for (const part of parts) {
    if (part.kind === 'removed') removed += countWords(part.text);
    else if (part.kind === 'added') added += countWords(part.text);
  }
  return { parts, removed, added };
}

/**
 * The diff from an earlier version's sanitized HTML to the current one, over their plain text
 * (one line per block, a blank line between paragraphs), so markup changes alone never show.
 *
 * @example diffHtml('<p>Voted 212 to 9.</p>', '<p>Voted <b>213</b> to 9.</p>').removed // => 1
 */
export function diffHtml(beforeHtml: string, afterHtml: string): TextDiff {
  return diffText(htmlToText(beforeHtml), htmlToText(afterHtml));
}

/**
 * An article's revisions oldest first, numbered from 1, each with the time it became current.
 * The current text is version `revisions.length + 1`.
 *
 * @example numberRevisions(article).map((r) => r.number) // [1, 2]
 */
export function numberRevisions(article: Pick<Article, 'firstSeen' | 'revisions'>): NumberedRevision[] {
  const sorted = [...article.revisions].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));
  return sorted.map((r, i) => ({ ...r, number: i + 1, from: i === 0 ? article.firstSeen : sorted[i - 1]!.at }));
}

/**
 * Which earlier version was current at `at`: the number of the first revision replaced after it,
 * or undefined when `at` is at or after the latest revision (the current text).
 *
 * @example versionAt(article, '2026-11-19T09:00:00Z') // 1: rated before the first change
 */
export function versionAt(article: Pick<Article, 'firstSeen' | 'revisions'>, at: string): number | undefined {
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) return undefined;
  return numberRevisions(article).find((r) => ms < Date.parse(r.at))?.number;
}

function countWords(text: string): number {
  return text.match(WORD)?.length ?? 0;
}
