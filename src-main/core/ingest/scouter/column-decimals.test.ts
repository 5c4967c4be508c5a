import { describe, expect, it } from 'vitest';
import { MAX_DECIMAL_SCALE, scanDecimals } from './column-decimals';
import { mergeScouterColumns, mergeScouterFiles } from './merge-scouter-files';
import { parseScouterCsv } from './parse-scouter-csv';

const scan = (xs: number[], start = 0) => scanDecimals(Float64Array.from(xs), 0, 1, xs.length, start);

describe('scanDecimals', () => {
  it('finds the smallest exact scale and the largest magnitude, skipping missing values', () => {
    expect(scan([1.5, -2.25, Number.NaN, 3])).toEqual({ scale: 2, maxAbs: 3 });
    expect(scan([12, 7])).toEqual({ scale: 0, maxAbs: 12 });
    expect(scan([1.5], 3)).toEqual({ scale: 3, maxAbs: 1.5 });
    // Strided: only every second value (counter 1 of a [T, 2] row-major block) counts.
    expect(scanDecimals(Float64Array.from([0.123, 4, 0.001, 5.5]), 1, 2, 2)).toEqual({ scale: 1, maxAbs: 5.5 });
  });

  it('marks values no DECIMAL(9, s) holds exactly: -0, too many digits, sums with binary error', () => {
    expect(scan([1, -0]).scale).toBeGreaterThan(MAX_DECIMAL_SCALE);
    expect(scan([0.1234567]).scale).toBeGreaterThan(MAX_DECIMAL_SCALE);
    expect(scan([0.1 + 0.2]).scale).toBeGreaterThan(MAX_DECIMAL_SCALE);
    expect(scan([0.000001]).scale).toBe(6);
  });
});

describe('decimal summaries from parse to merge', () => {
  const csv = (rows: string[]) => new TextEncoder().encode(`"Time","/a","/b"\n${rows.join('\n')}\n`);
  const opts = { timeZone: 'UTC' };

  it('the parser summarises each column as scanDecimals would', () => {
    const f = parseScouterCsv(csv(['"2024-03-04 00:00","1,234.5","0.25"', '"2024-03-04 00:05","","7"']), '[20240304-20240304]tomcat_TPS.csv', opts);
    expect(f.decimals).toEqual(f.columns.map((c) => scanDecimals(c, 0, 1, c.length)));
    expect(f.decimals).toEqual([{ scale: 1, maxAbs: 1234.5 }, { scale: 2, maxAbs: 7 }]);
  });

  it('merge keeps a summary only for a column that is a file\'s array as is, and none in the row-major form', () => {
    const full = parseScouterCsv(csv(['"2024-03-04 00:00","1.5","2"', '"2024-03-04 00:05","3","4.75"']), '[20240304-20240304]tomcat_TPS.csv', opts);
    const short = parseScouterCsv(csv(['"2024-03-04 00:00","0.125","9"']), '[20240304-20240304]tomcat_Cpu.csv', opts);
    const [a] = mergeScouterColumns([full, short]);
    const tps = a!.counters.indexOf('TPS');
    const cpu = a!.counters.indexOf('Cpu');
    expect(a!.columns[tps]).toBe(full.columns[0]);
    expect(a!.decimals?.[tps]).toEqual({ scale: 1, maxAbs: 3 });
    // Cpu covers one of two grid steps: padded with NaN into a copy, so the writer rescans it.
    expect(a!.columns[cpu]).not.toBe(short.columns[0]);
    expect(a!.decimals?.[cpu]).toBeUndefined();
    expect(mergeScouterFiles([full, short]).every((s) => !('decimals' in s))).toBe(true);
  });
});
