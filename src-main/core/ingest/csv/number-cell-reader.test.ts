import { describe, expect, it } from 'vitest';
import { NumberCellReader } from './number-cell-reader';

function readAll(cells: string[], forced?: '.' | ',') {
  const text = cells.join('|');
  const r = new NumberCellReader(forced);
  const out: number[] = [];
  let at = 0;
  cells.forEach((c, i) => {
    out.push(r.read(text, at, at + c.length, 0, i));
    if (r.failure) throw new Error(`failure at ${i}: ${r.failure.kind}`);
    at += c.length + 1;
  });
  const mark = r.finish((_col, row, v) => (out[row] = v));
  return { out, mark, missing: r.missing, nonFinite: r.nonFinite, reader: r };
}

describe('NumberCellReader', () => {
  it('keeps missing and zero apart', () => {
    const { out, missing } = readAll(['0', '', '5']);
    expect(out[0]).toBe(0);
    expect(out[1]).toBeNaN();
    expect(missing).toBe(1);
  });

  it('counts non-finite cells and stores them as NaN', () => {
    const { out, nonFinite } = readAll(['NaN', '∞', '-∞', '1']);
    expect(out.slice(0, 3).every(Number.isNaN)).toBe(true);
    expect(nonFinite).toBe(3);
  });

  it('defaults to dot-decimal when every cell is ambiguous (the en/ko default)', () => {
    const r = readAll(['1,454', '44', '1,180']);
    expect(r.mark).toBe('.');
    expect(r.out).toEqual([1454, 44, 1180]);
  });

  it('re-reads ambiguous cells once comma-decimal evidence appears', () => {
    const r = readAll(['1.454', '44', '1.180', '12,5']);
    expect(r.mark).toBe(',');
    expect(r.out).toEqual([1454, 44, 1180, 12.5]);
  });

  it('flags a file that mixes locales, naming the first evidence', () => {
    const text = '1,234.5|1.234,5';
    const r = new NumberCellReader();
    expect(r.read(text, 0, 7, 2, 0)).toBe(1234.5);
    expect(r.read(text, 8, 15, 3, 1)).toBeNaN();
    expect(r.failure).toEqual({ kind: 'mixed', mark: ',', evidence: { column: 2, row: 0, text: '1,234.5' } });
  });

  it('honours a forced mark and rejects evidence against it', () => {
    expect(readAll(['1.454'], ',').out).toEqual([1454]);
    expect(() => readAll(['12.5'], ',')).toThrow(/mixed/);
  });
});
