// What the lenient reader had to repair, kept short enough for one line of a run's report:
// one entry per kind of repair, with where it first happened and how often.

interface Repair {
  offset: number;
  message: string;
  count: number;
}

/**
 * Collects repairs by kind while a document is read; `describe` turns them into report notes.
 *
 * @example
 * const recovery = new Recovery();
 * recovery.note('bare-ampersand', 120, 'bare "&" read as text');
 * recovery.describe(text) // ['bare "&" read as text (line 4)']
 */
export class Recovery {
  readonly #repairs = new Map<string, Repair>();

  note(kind: string, offset: number, message: string): void {
    const repair = this.#repairs.get(kind);
    if (repair) repair.count++;
    else this.#repairs.set(kind, { offset, message, count: 1 });
  }

  get size(): number {
    return this.#repairs.size;
  }

  /** One note per kind, in the order first met: `bare "&" read as text (line 7, 3 times)`. */
  describe(text: string): string[] {
    const repairs = [...this.#repairs.values()].sort((a, b) => a.offset - b.offset);
    return repairs.map(({ offset, message, count }) => {
      const where = offset >= 0 ? `line ${lineAt(text, offset)}` : '';
      const times = count > 1 ? `${count} times` : '';
      const detail = [where, times].filter(Boolean).join(', ');
      return detail ? `${message} (${detail})` : message;
    });
  }
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
