import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeScouterFiles } from './merge-scouter-files';
import { parseScouterCsv } from './parse-scouter-csv';

/**
 * The two SYNTHETIC fixtures of SCOUTER-CSV.md §10, read in place (their licence forbids copying
 * them into the project). Skipped when the shared datasets folder is absent.
 */
const dir = process.env.VIGIL_SCOUTER_SAMPLES ?? resolve(import.meta.dirname, '../../../../../shared/datasets/scouter-samples');
const DAILY = 'SYNTHETIC_[20240304-20240305]tomcat_TPS.csv';
const PAST = 'SYNTHETIC_[20240305_100000-100500]tomcat_ElapsedTime.csv';
const SEOUL = { timeZone: 'Asia/Seoul' };

describe.skipIf(!existsSync(join(dir, DAILY)) || !existsSync(join(dir, PAST)))('SYNTHETIC Scouter samples (SCOUTER-CSV.md §10)', () => {
  const read = (name: string) => parseScouterCsv(readFileSync(join(dir, name)), name, SEOUL);

  it('imports the Daily All sample exactly', () => {
    const f = read(DAILY);
    expect(f).toMatchObject({ kind: 'daily', counter: 'TPS', objType: 'tomcat', objects: ['/MIS-WAS/MIS-WAS-D', '/MIS-WAS/MIS-WAS-E'], encoding: 'utf-8', decimalMark: '.', cadenceMs: 300_000 });
    expect(f.stats).toEqual({ rows: 576, cells: 1152, missing: 288, nonFinite: 0 });
    // 2024-03-04 00:00 and 2024-03-05 23:55 in Asia/Seoul (+09:00).
    expect(f.times[0]).toBe(Date.UTC(2024, 2, 3, 15, 0));
    expect(f.times[575]).toBe(Date.UTC(2024, 2, 5, 14, 55));
    const [d, e] = f.columns as [Float64Array, Float64Array];
    expect([d[0], e[0], d[1], e[1]]).toEqual([40.29, 60.44, 34.84, 52.26]); // lines 2–3
    // Line 7: "2024-03-04 00:25","0","69.66": a zero bucket is a real 0, not missing (§6).
    expect([d[5], e[5]]).toEqual([0, 69.66]);
    expect(Array.from(d).filter((v) => v === 0)).toHaveLength(6);
    // Object E is absent on day 2: all 288 of its day-2 cells are missing, none on day 1.
    expect(Array.from(e.subarray(0, 288)).some(Number.isNaN)).toBe(false);
    expect(Array.from(e.subarray(288)).every(Number.isNaN)).toBe(true);
    expect([d[574], d[575]]).toEqual([36.76, 39.57]);
  });

  it('imports the Past All sample exactly', () => {
    const f = read(PAST);
    expect(f).toMatchObject({ kind: 'past', counter: 'ElapsedTime', objType: 'tomcat', objects: ['/MIS-WAS/MIS-WAS-D', '/MIS-WAS/MIS-WAS-E', '/MIS-WAS2/MIS-WAS-F'], cadenceMs: 2000 });
    expect(f.stats).toEqual({ rows: 150, cells: 450, missing: 170, nonFinite: 0 });
    // The date comes from the bracket: 2024-03-05 10:00:00 … 10:04:58 (+09:00).
    expect(f.times[0]).toBe(Date.UTC(2024, 2, 5, 1, 0, 0));
    expect(f.times[149]).toBe(Date.UTC(2024, 2, 5, 1, 4, 58));
    const [d, e, fcol] = f.columns as [Float64Array, Float64Array, Float64Array];
    // "1,454" is 1454 (grouping, en/ko locale), not 1.454.
    expect([d[0], e[0], d[1], e[1]]).toEqual([1454, 44, 1180, 52]);
    // Object E stops for 40 s: 10:02:00 … 10:02:38 (rows 60–79) are missing.
    expect(Array.from(e.subarray(60, 80)).every(Number.isNaN)).toBe(true);
    expect([e[59], e[80]]).toEqual([22, 35]);
    expect(Array.from(e).filter(Number.isNaN)).toHaveLength(20);
    // Object F has no data at all but keeps its column (§4).
    expect(Array.from(fcol).every(Number.isNaN)).toBe(true);
    expect(d[149]).toBe(1652);
    // Every number here is an integer like "1,454": nothing shows the decimal mark, so say so.
    expect(f.decimalMark).toBe('.');
    expect(f.warnings.join()).toMatch(/"\." was assumed .* "1,454" \(line 2\)/);
  });

  it('merges both into per-object series with NaN where a counter has no data', () => {
    const series = mergeScouterFiles([read(DAILY), read(PAST)]);
    expect(series.map((s) => s.object)).toEqual(['/MIS-WAS/MIS-WAS-D', '/MIS-WAS/MIS-WAS-E', '/MIS-WAS2/MIS-WAS-F']);
    const d = series[0]!;
    expect(d.counters).toEqual(['ElapsedTime', 'TPS']);
    expect(d.cadenceMs).toBe(300_000);
    expect(d.times.length).toBe(576);
    // 10:00–10:04:58 on day 2 is bucket 2024-03-05 10:00 (+09:00): mean of the 150 Past All values.
    const row = (Date.UTC(2024, 2, 5, 1, 0) - d.times[0]!) / 300_000;
    const past = read(PAST).columns[0]!;
    expect(d.values[row * 2]).toBe(past.reduce((a, b) => a + b, 0) / past.length);
    expect(d.values[row * 2]).toBeCloseTo(1209.21, 2);
    expect(d.values[row * 2 + 1]).toBe(57.5); // TPS at "2024-03-05 10:00" (line 410)
    expect(Number.isNaN(d.values[0])).toBe(true); // no ElapsedTime on day 1
  });
});
