import { Document, isSeq, parseDocument } from 'yaml';

/**
 * Appends entries to a YAML file whose top level is a list (contingents.yaml, raters.yaml),
 * keeping every comment, blank line and formatting choice of the existing text byte for byte.
 * Each new entry is set off by a blank line, with `comment` (if any) on the line before it.
 *
 * The yaml package's document API parses the file and serializes the new nodes. The new text is
 * the old one plus those nodes, rather than the whole document re-serialized, because
 * re-serializing re-wraps folded strings (`description: >-`) and would touch lines nobody edited.
 *
 * @example
 * appendToYamlList('# Contingents\n- id: abc\n  name: ABC\n', [{ id: 'xyz', name: 'XYZ' }], { comment: ' Added by add-contingent' })
 * // => '# Contingents\n- id: abc\n  name: ABC\n\n# Added by add-contingent\n- id: xyz\n  name: XYZ\n'
 */
export function appendToYamlList(text: string, entries: readonly object[], opts: { comment?: string } = {}): string {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new Error(`cannot edit: the file is not valid YAML (${doc.errors[0]!.message.split('\n')[0]})`);
  const contents = doc.contents;
  if (contents !== null && !isSeq(contents)) throw new Error('cannot edit: the top level of the file is not a list (expected lines starting with "- id: …")');

  const added = new Document(entries);
  const seq = added.contents;
  if (!isSeq(seq)) throw new Error('unreachable: a list of entries always makes a sequence');
  seq.items.forEach((item, i) => {
    const node = item as { spaceBefore?: boolean; commentBefore?: string | null };
    if (i > 0) node.spaceBefore = true;
    if (i === 0 && opts.comment) node.commentBefore = opts.comment;
  });

  // An empty list written as `[]` (or a flow list) cannot take block items after it: rewrite that one line.
  if (contents && (contents.flow || contents.items.length === 0)) {
    contents.flow = false;
    contents.items.push(...(seq.items as typeof contents.items));
    return doc.toString();
  }
  const head = text.replace(/\s+$/, '');
  return `${head}${head ? '\n\n' : ''}${added.toString()}`;
}
