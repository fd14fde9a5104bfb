// CSV as rating files use it (RFC 4180: commas, double quotes, CRLF or LF), read and written by the
// same pure code in Node and in the browser, so the desk's export is exactly what the aggregator reads.

/** One record: its cells, trimmed, and the line it starts on (1-based). */
export interface CsvRecord {
  cells: string[];
  line: number;
}

/** The text is not CSV: an unclosed quote, or a quote inside an unquoted cell. */
export class CsvSyntaxError extends Error {
  override name = 'CsvSyntaxError';
}

/**
 * Reads CSV into records. Cells are trimmed (outside quotes), blank lines are skipped, and records
 * may have any number of cells. A quoted cell may hold commas, newlines and doubled quotes.
 *
 * @example readCsv('article,scale\n"https://a.example/x, y",newsworthy\n')
 * // [{ cells: ['article', 'scale'], line: 1 }, { cells: ['https://a.example/x, y', 'newsworthy'], line: 2 }]
 */
export function readCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false; // the current cell was quoted: its text is kept as is
  let inQuotes = false;
  let line = 1;
  let start = 1;
  let blank = true; // nothing but whitespace on the record so far
  const endCell = () => {
    cells.push(quoted ? cell : cell.trim());
    cell = '';
    quoted = false;
  };
  const endRecord = () => {
    endCell();
    if (!blank) records.push({ cells, line: start });
    cells = [];
    blank = true;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"') {
      if (quoted || cell.trim() !== '') throw new CsvSyntaxError(`line ${line}: a quote inside an unquoted cell; wrap the cell in quotes and double the quote ("")`);
      if (blank) start = line;
      cell = '';
      quoted = true;
      inQuotes = true;
      blank = false;
    } else if (ch === ',') {
      if (blank) start = line;
      blank = false;
      endCell();
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
    } else if (quoted) {
      if (!/\s/.test(ch)) throw new CsvSyntaxError(`line ${line}: text after a closing quote; put the whole cell inside the quotes`);
    } else {
      if (blank && !/\s/.test(ch)) {
        blank = false;
        start = line;
      }
      cell += ch;
    }
  }
  if (inQuotes) throw new CsvSyntaxError(`line ${start}: a quote is never closed`);
  endRecord();
  return records;
}

/**
 * One CSV line, ending in LF: a cell is quoted when it holds a comma, a quote, a line break, or
 * leading or trailing spaces, which the reader would otherwise trim.
 *
 * @example writeCsvLine(['https://a.example/x', 'newsworthy', '4', '2026-11-20T10:00:00Z', 'Say "yes", then', ''])
 * // 'https://a.example/x,newsworthy,4,2026-11-20T10:00:00Z,"Say ""yes"", then",\n'
 */
export function writeCsvLine(cells: readonly string[]): string {
  return `${cells.map((c) => (/[",\r\n]|^\s|\s$/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')}\n`;
}
