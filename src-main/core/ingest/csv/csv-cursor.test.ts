import { describe, expect, it } from 'vitest';
import { expectInputError, seededRandom } from '../ingest-test-helpers';
import { CsvCursor } from './csv-cursor';

function records(text: string): string[][] {
  const c = new CsvCursor(text, { file: 'x.csv' });
  const out: string[][] = [];
  while (c.next()) out.push(c.fields());
  return out;
}

describe('CsvCursor', () => {
  it('reads quoted fields, "" escapes, and embedded delimiters (opencsv output, SCOUTER-CSV.md §3)', () => {
    expect(records('"Time","/a","say ""hi"""\n"10:00:00","1,454",""\n')).toEqual([
      ['Time', '/a', 'say "hi"'],
      ['10:00:00', '1,454', ''],
    ]);
  });

  it('handles LF, CRLF, CR and a missing final line end alike', () => {
    const want = [['a', 'b'], ['1', '2']];
    expect(records('a,b\n1,2\n')).toEqual(want);
    expect(records('a,b\r\n1,2\r\n')).toEqual(want);
    expect(records('a,b\r1,2')).toEqual(want);
    expect(records('a,b\n1,2')).toEqual(want);
  });

  it('skips a BOM and says so', () => {
    const c = new CsvCursor('\uFEFF"Time","/a"\n', { file: 'x.csv' });
    expect(c.hadBom).toBe(true);
    c.next();
    expect(c.fields()).toEqual(['Time', '/a']);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(records('a,,b,\n')).toEqual([['a', '', 'b', '']]);
  });

  it('tracks lines across quoted line breaks', () => {
    const c = new CsvCursor('h1,h2\n"multi\nline",x\n"y",z\n', { file: 'x.csv' });
    c.next();
    c.next();
    expect(c.recordLine).toBe(2);
    expect(c.field(0)).toBe('multi\nline');
    expect(c.lineOfField(1)).toBe(3);
    c.next();
    expect(c.recordLine).toBe(4);
  });

  it('reports an unclosed quote with line and column', () => {
    expectInputError(() => records('a,b\n1,"2\n3,4\n'), { code: 'PARSE_ERROR', file: 'x.csv', line: 2, column: 2, says: 'never closed' });
  });

  it('reports text after a closing quote', () => {
    expectInputError(() => records('"a"x,b\n'), { code: 'PARSE_ERROR', file: 'x.csv', line: 1, column: 1, says: 'after a closing quote' });
  });

  it('detects semicolon-separated quoted fields', () => {
    expectInputError(() => records('"Time";"/a"\n'), { code: 'UNSUPPORTED_FORMAT', file: 'x.csv', line: 1, column: 1, says: 'semicolons' });
  });

  it('detects tab- or semicolon-separated unquoted headers', () => {
    for (const [text, says] of [
      ['Time;/a;/b\n', 'semicolons'],
      ['Time\t/a\n', 'tabs'],
    ] as const) {
      const c = new CsvCursor(text, { file: 'x.csv' });
      c.next();
      expectInputError(() => c.assertDelimiterLooksRight(), { code: 'UNSUPPORTED_FORMAT', file: 'x.csv', line: 1, column: 1, says });
    }
  });

  it('stops a 10 MB single-line field quickly with a clear error', () => {
    const big = 'x'.repeat(10 * 1024 * 1024);
    const t0 = performance.now();
    expectInputError(() => records(big), { code: 'PARSE_ERROR', file: 'x.csv', line: 1, column: 1, says: 'characters long' });
    expectInputError(() => records(`"${big}`), { code: 'PARSE_ERROR', file: 'x.csv', line: 1, column: 1, says: 'never closed' });
    expect(performance.now() - t0).toBeLessThan(5000);
  });

  it('reads a 10 MB line of many short quoted fields in linear time', () => {
    const line = Array.from({ length: 1_000_000 }, () => '"1,2"').join(',');
    const t0 = performance.now();
    expectInputError(() => records(line), { code: 'PARSE_ERROR', says: 'more than 65536 fields' });
    expect(performance.now() - t0).toBeLessThan(5000);
  });

  it('round-trips 500 random tables with quotes, delimiters, line breaks and CRLF', () => {
    const rand = seededRandom(7);
    const alphabet = ['a', 'Z', '1', ',', '"', '\n', '\r\n', ' ', '가', ';'];
    for (let t = 0; t < 500; t++) {
      const width = 1 + rand(5);
      const table = Array.from({ length: 1 + rand(6) }, () =>
        Array.from({ length: width }, () => Array.from({ length: rand(6) }, () => alphabet[rand(alphabet.length)]).join('')),
      );
      // Quote every field (opencsv style) or only those that need it.
      const quoteAll = rand(2) === 0;
      const eol = rand(2) === 0 ? '\n' : '\r\n';
      const text = table
        .map((row) => row.map((f) => (quoteAll || /[",\r\n]/.test(f) || f === '' ? `"${f.replaceAll('"', '""')}"` : f)).join(','))
        .join(eol) + eol;
      expect(records(text)).toEqual(table);
    }
  });
});
