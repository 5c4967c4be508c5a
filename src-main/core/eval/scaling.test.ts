import { describe, expect, it } from 'vitest';
import { applyMinMaxRows, applyMinMaxWindows, fitMinMaxRows, fitMinMaxTrainWindows, fitMinMaxWindows, trainingRowsMask, windowEndRows } from './scaling';

// Series [T=8, F=3]: feature 0 rises, feature 1 is constant, feature 2 has a spike at row 7.
const T = 8;
const F = 3;
const W = 2;
const series = new Float64Array(T * F);
for (let t = 0; t < T; t++) {
  series[t * F] = t * 1.5;
  series[t * F + 1] = 4;
  series[t * F + 2] = t === 7 ? 100 : t % 3;
}

/** Protocol windows of the series: [M, F, W] feature-major (WindowSet layout), M = T − W + 1. */
function windowsOf(s: Float64Array): Float32Array {
  const M = T - W + 1;
  const x = new Float32Array(M * F * W);
  for (let i = 0; i < M; i++) for (let f = 0; f < F; f++) for (let t = 0; t < W; t++) x[(i * F + f) * W + t] = s[(i + t) * F + f] as number;
  return x;
}

describe('min–max scaling on the training rows (PROTOCOL.md §3)', () => {
  it('training rows = rows covered by a training window', () => {
    // windows 0 and 4 (W = 2) cover rows 0–1 and 4–5.
    const mask = trainingRowsMask(windowEndRows(Int32Array.from([0, 4]), W), T, W);
    expect([...mask]).toEqual([1, 1, 0, 0, 1, 1, 0, 0]);
  });

  it('fits on training rows only, range 0 → 1, no clipping, float64 then float32', () => {
    const mm = fitMinMaxTrainWindows(series, T, F, windowEndRows(Int32Array.from([0, 1, 2]), W), W); // rows 0–3
    expect([...mm.min]).toEqual([0, 4, 0]);
    expect([...mm.range]).toEqual([4.5, 1, 2]);
    const xs = applyMinMaxRows(series, T, F, mm);
    expect(xs).toBeInstanceOf(Float32Array);
    expect(xs[3 * F]).toBe(1);
    expect(xs[7 * F]).toBe(Math.fround(10.5 / 4.5)); // test row beyond the training max: > 1, kept
    expect(xs[7 * F + 2]).toBe(50);
    expect(xs[5 * F + 1]).toBe(0); // constant feature: range 1
    for (let i = 0; i < T * F; i++) expect(xs[i]).toBe(Math.fround(((series[i] as number) - (mm.min[i % F] as number)) / (mm.range[i % F] as number)));
  });

  it('window-level fallback gives the same min/max as the row-level fit', () => {
    const x = windowsOf(series);
    const train = Int32Array.from([0, 1, 2, 5]);
    const rows = fitMinMaxRows(series, T, F, trainingRowsMask(windowEndRows(train, W), T, W));
    const wins = fitMinMaxWindows(x, F, W, train);
    expect([...wins.min]).toEqual([...rows.min]);
    expect([...wins.range]).toEqual([...rows.range]);
    const scaledWin = applyMinMaxWindows(x, T - W + 1, F, W, wins);
    expect(scaledWin).toEqual(windowsOf(Float64Array.from(applyMinMaxRows(series, T, F, rows))));
  });
});
