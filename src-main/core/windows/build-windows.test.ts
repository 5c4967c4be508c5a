import { describe, expect, it } from 'vitest';
import { buildWindows } from './build-windows';
import { augmentAbnormal } from './augment';
import { rowLabels, businessHoursMask, DEFAULT_BUSINESS_HOURS } from '../labeling/row-labels';
import type { ObjectSeries } from '../../../shared/domain/series';

const FIVE = 300_000;
// 2022-04-30 00:00 +09:00 → UTC ms.
const DAY0 = Date.UTC(2022, 3, 29, 15, 0);

function series(T: number, counters = ['A', 'B'], start = DAY0): ObjectSeries {
  const C = counters.length;
  const values = new Float64Array(T * C);
  for (let i = 0; i < T; i++) for (let k = 0; k < C; k++) values[i * C + k] = i * 10 + k;
  return { object: '/WAS/A', objType: 'tomcat', counters, cadenceMs: FIVE, times: Float64Array.from({ length: T }, (_, i) => start + i * FIVE), values };
}

describe('row labels', () => {
  it('labels the 5-minute samples inside an outage (METHODS.md §2 example)', () => {
    const s = series(288);
    // 08:13:47 → 08:49:52 KST labels 08:15 … 08:45.
    const start = DAY0 + (8 * 60 + 13) * 60_000 + 47_000;
    const end = DAY0 + (8 * 60 + 49) * 60_000 + 52_000;
    const y = rowLabels(s.times, [{ object: null, startMs: start, endMs: end }], '/WAS/A');
    const ones = [...y.keys()].filter((i) => y[i] === 1);
    expect(ones.map((i) => (i * 5) / 60)).toEqual([8.25, 8.333333333333334, 8.416666666666666, 8.5, 8.583333333333334, 8.666666666666666, 8.75]);
    expect(rowLabels(s.times, [{ object: '/WAS/B', startMs: start, endMs: end }], '/WAS/A').every((v) => v === 0)).toBe(true);
  });

  it('keeps 07:00–20:00 local by default and can drop weekends', () => {
    const s = series(288 * 7);
    const m = businessHoursMask(s.times, DEFAULT_BUSINESS_HOURS(540));
    expect(m[Math.round((6 * 60 + 55) / 5)]).toBe(0);
    expect(m[7 * 12]).toBe(1);
    expect(m[20 * 12 - 1]).toBe(1);
    expect(m[20 * 12]).toBe(0);
    expect(m.reduce((a, b) => a + b, 0)).toBe(7 * 13 * 12);
    // 2022-04-30 is a Saturday.
    const wk = businessHoursMask(s.times, { ...DEFAULT_BUSINESS_HOURS(540), weekdaysOnly: true });
    expect(wk[7 * 12]).toBe(0);
    expect(wk[2 * 288 + 7 * 12]).toBe(1);
  });
});

describe('buildWindows', () => {
  it('paper mode: abnormal windows end at the first outage row with the 15 minutes before it', () => {
    const s = series(40);
    const y = new Uint8Array(40);
    y.fill(1, 20, 26);
    const ws = buildWindows([{ series: s, labels: y }], { W: 4, counters: ['B', 'A'] }, { kind: 'paper' });
    const abn = [...ws.y.keys()].filter((i) => ws.y[i] === 1);
    expect(abn).toHaveLength(1);
    const a = abn[0]!;
    expect(ws.endMs[a]).toBe(s.times[20]);
    // x[a, f=0 (counter B), t] = rows 17..20 of B.
    expect(Array.from(ws.x.subarray(a * 8, a * 8 + 4))).toEqual([171, 181, 191, 201]);
    expect(Array.from(ws.x.subarray(a * 8 + 4, a * 8 + 8))).toEqual([170, 180, 190, 200]);
    // Normal windows do not overlap and contain no anomalous row.
    const normals = [...ws.y.keys()].filter((i) => ws.y[i] === 0).map((i) => (ws.endMs[i]! - s.times[0]!) / FIVE);
    expect(normals).toEqual([3, 7, 11, 15, 19, 29, 33, 37]);
    expect(ws.outageIndex[a]).toBe(0);
  });

  it('sliding mode labels each window by its last row and skips grid gaps and masked rows', () => {
    const s = series(12);
    s.times = Float64Array.from(s.times, (t, i) => (i >= 6 ? t + FIVE : t)); // one missing row after index 5
    const y = new Uint8Array(12);
    y[10] = 1;
    const mask = new Uint8Array(12).fill(1);
    mask[2] = 0;
    const ws = buildWindows([{ series: s, labels: y, mask }], { W: 3, counters: ['A'] }, { kind: 'sliding', stride: 1 });
    expect(Array.from(ws.endMs, (t) => s.times.indexOf(t))).toEqual([5, 8, 9, 10, 11]);
    expect(Array.from(ws.y)).toEqual([0, 0, 0, 1, 0]);
  });

  it('fills missing cells forward and refuses windows longer than the series', () => {
    const s = series(6, ['A']);
    s.values[3] = NaN;
    const ws = buildWindows([{ series: s, labels: new Uint8Array(6) }], { W: 6, counters: ['A'] }, { kind: 'sliding', stride: 1 });
    expect(Array.from(ws.x)).toEqual([0, 10, 20, 20, 40, 50]);
    expect(() => buildWindows([{ series: s, labels: new Uint8Array(6) }], { W: 7, counters: ['A'] }, { kind: 'paper' })).toThrow(/longer than the series/);
    expect(() => buildWindows([{ series: s, labels: new Uint8Array(6) }], { W: 2, counters: ['Z'] }, { kind: 'paper' })).toThrow(/no counter Z/);
  });

  it("Algorithm 1: replaces an abnormal window's first half with the nearest normal window's", () => {
    const s = series(40, ['A']);
    const y = new Uint8Array(40);
    y.fill(1, 20, 26);
    const ws = buildWindows([{ series: s, labels: y }], { W: 4, counters: ['A'] }, { kind: 'paper' });
    const { x, source } = augmentAbnormal(ws);
    expect(source.length).toBe(1);
    // nearest normal window ends at row 19 (rows 16..19) → first two steps 160, 170.
    expect(Array.from(x)).toEqual([160, 170, 190, 200]);
  });
});
