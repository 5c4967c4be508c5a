import { describe, expect, it } from 'vitest';
import { parseLabelledCsv } from './labelled-csv';

const enc = (s: string) => new TextEncoder().encode(s);

describe('parseLabelledCsv', () => {
  it('reads features, ignores time columns, strips grouping, keeps missing as NaN', () => {
    const r = parseLabelledCsv(enc('timestamp,cpu,"mem",label\n2024-01-01,"1,234.5",3,0\n2024-01-02,,4,1\n'), 'x.csv');
    expect(r.features).toEqual(['cpu', 'mem']);
    expect(r.rows).toBe(2);
    expect(Array.from(r.values.subarray(0, 2))).toEqual([1234.5, 3]);
    expect(Number.isNaN(r.values[2]!)).toBe(true);
    expect(Array.from(r.labels)).toEqual([0, 1]);
  });

  it('names the line, column and field of bad input', () => {
    expect(() => parseLabelledCsv(enc('a,b\n1,2\n'), 'x.csv')).toThrow(/last column must be named "label"/);
    expect(() => parseLabelledCsv(enc('a,label\n1,0\nfoo,1\n'), 'x.csv')).toThrow(expect.objectContaining({ where: { file: 'x.csv', line: 3, column: 1, field: 'a' } }));
    expect(() => parseLabelledCsv(enc('a,label\n1,2\n'), 'x.csv')).toThrow(/not 0 or 1/);
    expect(() => parseLabelledCsv(enc('a,label\n1\n'), 'x.csv')).toThrow(/1 fields where the header has 2/);
    expect(() => parseLabelledCsv(enc(''), 'x.csv')).toThrow(/empty/);
  });
});
