import { parse as csvParse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, readCsv, writeCsvLine } from '../../src/lib/ratings/csv.ts';

describe('readCsv', () => {
  it.each<[string, string, { cells: string[]; line: number }[]]>([
    ['plain rows', 'a,b\n1,2\n', [{ cells: ['a', 'b'], line: 1 }, { cells: ['1', '2'], line: 2 }]],
    ['CRLF and no final newline', 'a,b\r\n1,2', [{ cells: ['a', 'b'], line: 1 }, { cells: ['1', '2'], line: 2 }]],
    ['blank lines are skipped, line numbers kept', 'a\n\n  \nb\n', [{ cells: ['a'], line: 1 }, { cells: ['b'], line: 4 }]],
    ['cells are trimmed outside quotes', ' a , b \n', [{ cells: ['a', 'b'], line: 1 }]],
    ['a quoted cell keeps commas, quotes and spaces', '" a, ""b"" ",c\n', [{ cells: [' a, "b" ', 'c'], line: 1 }]],
    ['a quoted newline: the record starts on its first line', 'x\n"one\ntwo",y\nz\n', [{ cells: ['x'], line: 1 }, { cells: ['one\ntwo', 'y'], line: 2 }, { cells: ['z'], line: 4 }]],
    ['empty cells', 'a,,c,\n', [{ cells: ['a', '', 'c', ''], line: 1 }]],
    ['rows of different lengths', 'a,b,c\n1\n', [{ cells: ['a', 'b', 'c'], line: 1 }, { cells: ['1'], line: 2 }]],
  ])('%s', (_name, text, expected) => {
    expect(readCsv(text)).toEqual(expected);
  });

  it.each([
    ['an unclosed quote', 'a\n"open,b\nc\n', 'line 2: a quote is never closed'],
    ['a quote inside an unquoted cell', 'a\nab"c,d\n', 'line 2: a quote inside an unquoted cell'],
    ['text after a closing quote', '"a"b,c\n', 'line 1: text after a closing quote'],
  ])('refuses %s', (_name, text, message) => {
    expect(() => readCsv(text)).toThrow(CsvSyntaxError);
    expect(() => readCsv(text)).toThrow(message);
  });

  it('reads what csv-parse reads (the reader the aggregator used before), on generated files', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'Z', '1', ' ', ',', '"', '\n', 'é', '-', ':') });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }), (rows) => {
        const text = rows.map(writeCsvLine).join('');
        const theirs = (csvParse(text, { relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][]);
        expect(readCsv(text).map((r) => r.cells)).toEqual(theirs);
      }),
      { numRuns: 500 },
    );
  });
});

describe('writeCsvLine', () => {
  it.each<[string[], string]>([
    [['article', 'scale', 'value'], 'article,scale,value\n'],
    [['a, b', 'say "hi"', 'two\nlines'], '"a, b","say ""hi""","two\nlines"\n'],
    [[' padded ', ''], '" padded ",\n'],
  ])('%j', (cells, line) => {
    expect(writeCsvLine(cells)).toBe(line);
  });

  it('round-trips through readCsv', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string(), { minLength: 2, maxLength: 6 }), { minLength: 1, maxLength: 6 }), (rows) => {
        // A record whose cells are all blank reads as a blank line, which readers skip.
        const kept = rows.filter((r) => r.some((c) => c.trim() !== '' ));
        const back = readCsv(kept.map(writeCsvLine).join('')).map((r) => r.cells);
        expect(back).toEqual(kept);
      }),
      { numRuns: 500 },
    );
  });
});
