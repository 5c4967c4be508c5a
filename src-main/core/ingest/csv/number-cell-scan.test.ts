import { describe, expect, it } from 'vitest';
import { seededRandom } from '../ingest-test-helpers';
import {
  CELL_AMBIGUOUS,
  CELL_COMMA_EVIDENCE,
  CELL_DOT_EVIDENCE,
  CELL_INVALID,
  CELL_MISSING,
  CELL_NEUTRAL,
  CELL_NON_FINITE,
  newNumberScan,
  scanNumberCell,
} from './number-cell-scan';

function scan(cell: string) {
  const s = newNumberScan();
  scanNumberCell(cell, 0, cell.length, s);
  return s;
}

describe('scanNumberCell (DecimalFormat "#,###.##" in any locale, SCOUTER-CSV.md §6)', () => {
  it.each([
    ['', CELL_MISSING, NaN],
    ['0', CELL_NEUTRAL, 0],
    ['44', CELL_NEUTRAL, 44],
    ['-42', CELL_NEUTRAL, -42],
    ['40.29', CELL_DOT_EVIDENCE, 40.29],
    ['0.125', CELL_DOT_EVIDENCE, 0.125],
    ['1234.567', CELL_DOT_EVIDENCE, 1234.567],
    ['1,234.5', CELL_DOT_EVIDENCE, 1234.5],
    ['1,234,567.89', CELL_DOT_EVIDENCE, 1234567.89],
    ['1,234,567', CELL_DOT_EVIDENCE, 1234567],
    ['-7,181.36', CELL_DOT_EVIDENCE, -7181.36],
    ['12,5', CELL_COMMA_EVIDENCE, 12.5],
    ['1.234,5', CELL_COMMA_EVIDENCE, 1234.5],
    ['1.234.567', CELL_COMMA_EVIDENCE, 1234567],
    ['0,125', CELL_COMMA_EVIDENCE, 0.125],
    ['1 234,5', CELL_COMMA_EVIDENCE, 1234.5],
    ['1\u202F234,5', CELL_COMMA_EVIDENCE, 1234.5],
    ['NaN', CELL_NON_FINITE, NaN],
    ['∞', CELL_NON_FINITE, NaN],
    ['-∞', CELL_NON_FINITE, NaN],
    ['abc', CELL_INVALID, NaN],
    ['1,2,3', CELL_INVALID, NaN],
    ['1.', CELL_INVALID, NaN],
    ['-', CELL_INVALID, NaN],
    ['12:00', CELL_INVALID, NaN],
    ['1,234.5.6', CELL_INVALID, NaN],
  ])('%j → kind %i, value %d', (cell, kind, value) => {
    const s = scan(cell);
    expect(s.kind).toBe(kind);
    if (Number.isNaN(value)) expect(s.value).toBeNaN();
    else expect(s.value).toBe(value);
  });

  it('marks 1,454 and 1.454 ambiguous, with both readings', () => {
    expect(scan('1,454')).toMatchObject({ kind: CELL_AMBIGUOUS, value: 1454, altValue: 1.454 });
    expect(scan('1.454')).toMatchObject({ kind: CELL_AMBIGUOUS, value: 1.454, altValue: 1454 });
  });

  it('keeps 16+ significant digits exact', () => {
    expect(scan('12345678901234567.5').value).toBe(12345678901234567.5);
  });

  it('reads scientific notation (generic CSVs)', () => {
    expect(scan('1.5e3')).toMatchObject({ kind: CELL_DOT_EVIDENCE, value: 1500 });
  });

  it('reads 2,000 random values formatted as en and de DecimalFormat("#,###.##") would', () => {
    const next = seededRandom(99);
    const rand = () => next(1_000_000) / 1_000_000;
    const en = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
    const de = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 2 });
    for (let i = 0; i < 2000; i++) {
      const v = Math.round((rand() - 0.3) * 10 ** (1 + Math.floor(rand() * 9))) / 100;
      for (const [fmt, evidence] of [
        [en, CELL_DOT_EVIDENCE],
        [de, CELL_COMMA_EVIDENCE],
      ] as const) {
        const cell = fmt.format(v).replace('\u2212', '-');
        const s = scan(cell);
        if (s.kind === CELL_AMBIGUOUS) expect(evidence === CELL_DOT_EVIDENCE ? s.value : s.altValue, cell).toBe(v);
        else if (s.kind === CELL_NEUTRAL) expect(s.value, cell).toBe(v);
        else {
          expect(s.kind, cell).toBe(evidence);
          expect(s.value, cell).toBe(v);
        }
      }
    }
  });
});
