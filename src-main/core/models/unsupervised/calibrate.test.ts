import { describe, expect, it } from 'vitest';
import { VigilError } from '../../../../shared/errors';
import { applyQuantiles, checkWindowArray, checkWindowBatch, fitQuantiles, holdOutTail, mad, madThreshold, median } from './calibrate';
import type { WindowBatch } from './types';

describe('quantile normalisation Q (METHODS.md §6.3)', () => {
  it('hand-checked CDF on 0..4', () => {
    const fit = fitQuantiles([4, 0, 2, 1, 3]); // knots 0,1,2,3,4 at p = 0, .25, .5, .75, 1
    expect(fit.knots).toEqual([0, 1, 2, 3, 4]);
    const q = applyQuantiles(fit, Float32Array.from([-1, 0, 0.5, 2, 3.5, 4]));
    expect([...q].map((v) => +v.toFixed(6))).toEqual([0, 0, 0.125, 0.5, 0.875, 1]);
    // beyond the max Q keeps ranking: 1 + (v − 4)/IQR, IQR = 3 − 1 = 2
    const hi = applyQuantiles(fit, Float32Array.from([5, 8]));
    expect(hi[0]).toBeCloseTo(1.5, 6);
    expect(hi[1]).toBeCloseTo(3, 6);
  });

  it('ties and large inputs: monotone, knots capped', () => {
    const fit = fitQuantiles([1, 1, 1, 2]);
    const q = applyQuantiles(fit, Float32Array.from([1, 1.5, 2]));
    expect(q[0]).toBeCloseTo(2 / 3, 6); // the last of the equal knots counts
    expect(q[1]).toBeGreaterThan(q[0]!);
    expect(q[2]).toBe(1);
    const big = Float32Array.from({ length: 5000 }, (_, i) => (i * 7919) % 5000);
    const f2 = fitQuantiles(big);
    expect(f2.knots.length).toBe(1001);
    const grid = Float32Array.from({ length: 200 }, (_, i) => i * 30 - 500);
    const qs = applyQuantiles(f2, grid);
    for (let i = 1; i < qs.length; i++) expect(qs[i]!).toBeGreaterThanOrEqual(qs[i - 1]!);
    expect(applyQuantiles(f2, Float32Array.from([2499.5]))[0]).toBeCloseTo(0.5, 3);
  });

  it('rejects empty and non-finite input', () => {
    expect(() => fitQuantiles([])).toThrow(VigilError);
    expect(() => fitQuantiles([1, Infinity], 'mahalanobis')).toThrow(/mahalanobis: value 1/);
  });
});

describe('threshold δ = median + λ·MAD', () => {
  it('hand-checked', () => {
    const v = [1, 2, 3, 4, 100]; // median 3, |dev| = 2,1,0,1,97 → MAD 1
    expect(median(v)).toBe(3);
    expect(mad(v)).toBe(1);
    expect(madThreshold(v, 3)).toBe(6);
    expect(madThreshold([1, 2, 3, 4], 2)).toBeCloseTo(2.5 + 2 * 1, 9);
    expect(() => madThreshold(v, -1)).toThrow(/λ/);
  });
});

describe('holdOutTail', () => {
  it('takes the latest windows of each object, keeps order and data', () => {
    // object 0: windows at t = 5,1,3,2,4 (indices 0..4); object 1: t = 1,2 (indices 5,6); object 2: one window
    const F = 1;
    const W = 2;
    const n = 8;
    const x = Float32Array.from({ length: n * F * W }, (_, i) => i);
    const b: WindowBatch = { x, n, F, W, objectIndex: Int32Array.from([0, 0, 0, 0, 0, 1, 1, 2]), endMs: Float64Array.from([5, 1, 3, 2, 4, 1, 2, 9]) };
    const { fit, validation } = holdOutTail(b, 0.4);
    // object 0: 2 of 5 held out (t = 4, 5 → indices 4, 0); object 1: 1 of 2 (index 6); object 2 stays
    expect(validation.n).toBe(3);
    expect([...validation.endMs]).toEqual([5, 4, 2]);
    expect([...validation.x]).toEqual([0, 1, 8, 9, 12, 13]);
    expect(fit.n).toBe(5);
    expect([...fit.objectIndex]).toEqual([0, 0, 0, 1, 2]);
    expect(() => holdOutTail(b, 1)).toThrow(/fraction/);
    const single: WindowBatch = { x: new Float32Array(2), n: 1, F: 1, W: 2, objectIndex: Int32Array.from([0]), endMs: Float64Array.from([0]) };
    expect(() => holdOutTail(single, 0.2)).toThrow(/too few/);
  });
});

describe('window checks', () => {
  it('name the field and the bad value', () => {
    const b: WindowBatch = { x: Float32Array.from([0, 1, 2, 3]), n: 2, F: 1, W: 2, objectIndex: new Int32Array(2), endMs: new Float64Array(2) };
    expect(() => checkWindowBatch(b, 'test')).not.toThrow();
    expect(() => checkWindowBatch(b, 'test', { F: 2, W: 2 })).toThrow(/trained on 2 × 2/);
    expect(() => checkWindowBatch({ ...b, endMs: new Float64Array(1) }, 'test')).toThrow(/endMs has 1 entries, expected 2/);
    expect(() => checkWindowBatch({ ...b, x: Float32Array.from([0, 1, Infinity, 3]) }, 'test')).toThrow(/window 1, counter 0, step 0 is Infinity/);
    expect(() => checkWindowArray(new Float32Array(3), 2, 1, 2, 'embed')).toThrow(/embed: expected 2 windows of 1 × 2 values, x holds 3/);
  });
});
