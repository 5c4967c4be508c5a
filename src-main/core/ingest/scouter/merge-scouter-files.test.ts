import { describe, expect, it } from 'vitest';
import { expectInputError } from '../ingest-test-helpers';
import { mergeScouterColumns, mergeScouterFiles } from './merge-scouter-files';
import type { ScouterFile } from './parse-scouter-csv';

const T0 = Date.UTC(2024, 2, 4, 0, 0);
const STEP = 300_000;

/** A parsed file built by hand: `columns` maps object → values on a 5-minute grid from `from`. */
function file(counter: string, columns: Record<string, number[]>, opts: { objType?: string; from?: number; cadenceMs?: number } = {}): ScouterFile {
  const cadenceMs = opts.cadenceMs ?? STEP;
  const from = opts.from ?? T0;
  const objects = Object.keys(columns);
  const n = columns[objects[0]!]!.length;
  return {
    file: `[x]${opts.objType ?? 'tomcat'}_${counter}.csv`,
    kind: cadenceMs === STEP ? 'daily' : 'past',
    counter,
    objType: opts.objType ?? 'tomcat',
    objects,
    times: Float64Array.from({ length: n }, (_, i) => from + i * cadenceMs),
    columns: objects.map((o) => Float64Array.from(columns[o]!)),
    encoding: 'utf-8',
    decimalMark: '.',
    cadenceMs,
    timeZone: 'UTC',
    stats: { rows: n, cells: n * objects.length, missing: 0, nonFinite: 0 },
    warnings: [],
  };
}

describe('mergeScouterFiles (METHODS.md §1)', () => {
  it('builds one series per object with counters in paper order, then alphabetical', () => {
    const series = mergeScouterFiles([
      file('Zeta', { '/a': [1, 2] }),
      file('TPS', { '/a': [3, 4], '/b': [5, 6] }),
      file('ActiveService', { '/b': [7, 8] }),
      file('Alpha', { '/a': [9, 10] }),
    ]);
    expect(series.map((s) => s.object)).toEqual(['/a', '/b']);
    expect(series[0]!.counters).toEqual(['ActiveService', 'TPS', 'Alpha', 'Zeta']);
    // /a: [T, C] row-major; ActiveService absent for /a → NaN, never 0.
    expect(Array.from(series[0]!.values)).toEqual([NaN, 3, 9, 1, NaN, 4, 10, 2]);
    expect(Array.from(series[1]!.values)).toEqual([7, 5, NaN, NaN, 8, 6, NaN, NaN]);
    expect(Array.from(series[0]!.times)).toEqual([T0, T0 + STEP]);
  });

  it('puts all objects of a type on the union grid; gaps are NaN', () => {
    const series = mergeScouterFiles([file('TPS', { '/a': [1, 2] }), file('GcTime', { '/a': [3] }, { from: T0 + 3 * STEP })]);
    expect(series[0]!.counters).toEqual(['TPS', 'GcTime']);
    expect(series[0]!.times.length).toBe(4);
    expect(Array.from(series[0]!.values)).toEqual([1, NaN, 2, NaN, NaN, NaN, NaN, 3]);
  });

  it('keeps the same object name under two objTypes apart', () => {
    const series = mergeScouterFiles([file('TPS', { '/a': [1] }, { objType: 'tomcat' }), file('Cpu', { '/a': [50] }, { objType: 'linux' })]);
    expect(series.map((s) => [s.objType, s.object, s.counters.join()])).toEqual([
      ['linux', '/a', 'Cpu'],
      ['tomcat', '/a', 'TPS'],
    ]);
  });

  it('joins consecutive exports of one counter, rejects overlapping ones', () => {
    const joined = mergeScouterFiles([file('TPS', { '/a': [1, 2] }), file('TPS', { '/a': [3, 4] }, { from: T0 + 2 * STEP })]);
    expect(Array.from(joined[0]!.values)).toEqual([1, 2, 3, 4]);
    expectInputError(() => mergeScouterFiles([file('TPS', { '/a': [1, 2] }), file('TPS', { '/a': [3, 4] }, { from: T0 + STEP })]), { code: 'PARSE_ERROR', field: 'TPS', says: 'overlap' });
  });

  it('resamples to a chosen cadence: mean of finite values per bucket, missing stays NaN', () => {
    // 2 s Past All rows → 10 s buckets.
    const values = [1, 2, 3, NaN, 4, NaN, NaN, NaN, NaN, NaN, 10];
    const series = mergeScouterFiles([file('ElapsedTime', { '/a': values }, { cadenceMs: 2000 })], { cadenceMs: 10_000 });
    expect(series[0]!.cadenceMs).toBe(10_000);
    expect(Array.from(series[0]!.values)).toEqual([2.5, NaN, 10]);
  });

  it('defaults to the coarsest cadence when Past All and Daily All files are mixed', () => {
    const series = mergeScouterFiles([file('TPS', { '/a': [1, 2] }), file('ElapsedTime', { '/a': [4, 6] }, { cadenceMs: 2000 })]);
    expect(series[0]!.cadenceMs).toBe(STEP);
    expect(series[0]!.counters).toEqual(['ElapsedTime', 'TPS']);
    expect(Array.from(series[0]!.values)).toEqual([5, 1, NaN, 2]);
  });

  it('builds the same series column-major, handing over whole-grid file columns without copying', () => {
    const tps = file('TPS', { '/a': [1, 2, 3, 4], '/b': [5, NaN, 7, 8] });
    const gc = file('GcTime', { '/a': [9, 10] }, { from: T0 + 2 * STEP }); // half the grid: padded
    const rows = mergeScouterFiles([tps, gc]);
    const cols = mergeScouterColumns([tps, gc]);
    expect(cols.map((s) => [s.object, s.counters, s.cadenceMs])).toEqual(rows.map((s) => [s.object, s.counters, s.cadenceMs]));
    cols.forEach((s, i) => {
      expect(Array.from(s.times)).toEqual(Array.from(rows[i]!.times));
      const C = s.counters.length;
      s.columns.forEach((col, c) => expect(Array.from(col)).toEqual(Array.from(rows[i]!.values).filter((_, p) => p % C === c)));
    });
    expect(cols[0]!.columns[0]).toBe(tps.columns[0]); // /a TPS: the parsed array itself
    expect(cols[1]!.columns[0]).toBe(tps.columns[1]);
    expect(cols[0]!.columns[1]).not.toBe(gc.columns[0]); // padded copy
    expect(Array.from(cols[1]!.columns[1]!)).toEqual([NaN, NaN, NaN, NaN]); // /b has no GcTime
  });
});
