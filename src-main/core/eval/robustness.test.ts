import { describe, expect, it } from 'vitest';
import type { FoldMetrics } from '../../../shared/domain/models';
import type { WindowSet } from '../../../shared/domain/windows';
import { VigilError } from '../../../shared/errors';
import { mulberry32 } from '../windows/prng';
import { addFeatureNoise, featureRanges, flipLabels, gaussian, isIdentityLevel, parseRobustness, perturbWindows, reduceTraining, shiftSplit, summarizeRobustness, validateRobustness } from './robustness';

// Two windows of F = 2 counters × W = 2 steps: [n, F, W] feature-major.
const x = Float32Array.from([
  // window 0: counter 0 = 1, 3; counter 1 = 10, 10
  1, 3, 10, 10,
  // window 1: counter 0 = 5, 0; counter 1 = 10, 10
  5, 0, 10, 10,
]);

describe('featureRanges', () => {
  it('is max − min per counter over the given windows only', () => {
    expect(Array.from(featureRanges(x, 2, 2, [0, 1]))).toEqual([5, 0]);
    expect(Array.from(featureRanges(x, 2, 2, [0]))).toEqual([2, 0]);
    expect(Array.from(featureRanges(x, 2, 2, []))).toEqual([0, 0]);
  });
});

describe('gaussian', () => {
  it('draws standard normal values (mean ≈ 0, sd ≈ 1) deterministically under a seed', () => {
    const g = gaussian(mulberry32(3));
    const v = Array.from({ length: 20000 }, g);
    const mean = v.reduce((a, b) => a + b, 0) / v.length;
    const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length);
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(sd - 1)).toBeLessThan(0.03);
    const again = gaussian(mulberry32(3));
    expect(again()).toBe(v[0]);
  });
});

describe('addFeatureNoise', () => {
  it('adds level × range × z to the listed windows only, never to constant counters, and leaves the input alone', () => {
    const before = Float32Array.from(x);
    const ranges = [5, 0];
    const out = addFeatureNoise(x, 2, 2, [1], ranges, 0.4, 9);
    expect(x).toEqual(before);
    expect(Array.from(out.slice(0, 4))).toEqual([1, 3, 10, 10]); // window 0 untouched
    expect(Array.from(out.slice(6, 8))).toEqual([10, 10]); // range 0: no noise
    // Exact: the same seeded normals, scaled by sd = 0.4 × 5 = 2.
    const g = gaussian(mulberry32(9));
    const z0 = g();
    const z1 = g();
    expect(out[4]).toBeCloseTo(5 + 2 * z0, 5);
    expect(out[5]).toBeCloseTo(0 + 2 * z1, 5);
  });

  it('level 0 is the identity; levels share one draw (noise at 0.4 is twice the noise at 0.2)', () => {
    expect(addFeatureNoise(x, 2, 2, [0, 1], [5, 0], 0, 1)).toEqual(x);
    const a = addFeatureNoise(x, 2, 2, [0, 1], [5, 1], 0.2, 4);
    const b = addFeatureNoise(x, 2, 2, [0, 1], [5, 1], 0.4, 4);
    for (let i = 0; i < x.length; i++) expect((b[i]! - x[i]!)).toBeCloseTo(2 * (a[i]! - x[i]!), 4);
  });
});

describe('flipLabels', () => {
  const y = Uint8Array.from([0, 0, 0, 1, 1, 0, 0, 0, 0, 0]);
  it('flips exactly round(share × |idx|) labels, only at idx, seeded and nested across shares', () => {
    const idx = [0, 1, 2, 3, 4];
    const a = flipLabels(y, idx, 0.4, 5);
    const changed = (o: Uint8Array) => Array.from(o.keys()).filter((i) => o[i] !== y[i]);
    expect(changed(a)).toHaveLength(2);
    expect(changed(a).every((i) => idx.includes(i))).toBe(true);
    expect(flipLabels(y, idx, 0.4, 5)).toEqual(a);
    const b = flipLabels(y, idx, 0.8, 5);
    expect(changed(b)).toHaveLength(4);
    expect(changed(a).every((i) => changed(b).includes(i))).toBe(true);
    expect(flipLabels(y, idx, 0, 5)).toEqual(y);
    expect(y[0]).toBe(0); // input unchanged
  });
});

describe('shiftSplit', () => {
  it('trains on the earliest share, tests on the last 20 %, with a W-window purge gap, in time order', () => {
    // 20 windows whose end times run backwards: time order is index order reversed.
    const endMs = Array.from({ length: 20 }, (_, i) => 1000 - i);
    const { train, test } = shiftSplit(endMs, 0.5, 0.2, 2);
    expect(Array.from(test)).toEqual([0, 1, 2, 3]); // the 4 latest windows
    expect(Array.from(train)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]); // the 10 earliest
    const full = shiftSplit(endMs, 0.8, 0.2, 2);
    expect(full.train).toHaveLength(14); // 16 minus the purge gap of 2
    expect(Math.min(...full.train)).toBe(6);
  });

  it('refuses shares that leave nothing to train on or overlap', () => {
    const endMs = Array.from({ length: 10 }, (_, i) => i);
    expect(() => shiftSplit(endMs, 0.9, 0.2, 1)).toThrow(VigilError);
    expect(() => shiftSplit(endMs, 0.1, 0.2, 8)).toThrow(/no training window/);
  });
});

describe('reduceTraining', () => {
  const train = Int32Array.from([2, 3, 5, 8, 9, 11, 12, 20, 21, 30]);
  it('keeps the last or first ceil(share × n) training windows, at least one', () => {
    expect(Array.from(reduceTraining(train, 0.5, 'last'))).toEqual([11, 12, 20, 21, 30]);
    expect(Array.from(reduceTraining(train, 0.25, 'first'))).toEqual([2, 3, 5]);
    expect(Array.from(reduceTraining(train, 1, 'last'))).toEqual(Array.from(train));
    expect(Array.from(reduceTraining(train, 0.01, 'last'))).toEqual([30]);
  });
});

describe('perturbWindows', () => {
  const ws: WindowSet = { F: 2, W: 2, counters: ['a', 'b'], objects: ['o'], n: 2, x, y: Uint8Array.from([0, 1]), endMs: Float64Array.from([1, 2]), objectIndex: new Int32Array(2), outageIndex: Int32Array.from([-1, 0]) };
  it('noises the test windows with the training range and flips test labels, on copies', () => {
    const run = { fold: 0, seed: 1, trainBeforeSampling: Int32Array.from([0]), test: Int32Array.from([1]) };
    const n = perturbWindows(ws, run, { kind: 'noise', level: 0.5 });
    expect(Array.from(n.x.slice(0, 4))).toEqual([1, 3, 10, 10]);
    expect(n.x[4]).not.toBe(5);
    expect(n.x[6]).toBe(10); // counter 1 is constant in training
    expect(n.y).toBe(ws.y);
    const l = perturbWindows(ws, run, { kind: 'label-noise', level: 1 });
    expect(Array.from(l.y)).toEqual([0, 0]);
    expect(Array.from(ws.y)).toEqual([0, 1]);
  });
});

describe('parseRobustness / validateRobustness', () => {
  it('parses kind:levels, sorted and distinct', () => {
    expect(parseRobustness('noise:0.4,0,0.2,0.2')).toEqual({ kind: 'noise', levels: [0, 0.2, 0.4] });
    expect(parseRobustness(' reduced:1,0.5,0.25 ')).toEqual({ kind: 'reduced', levels: [0.25, 0.5, 1] });
  });
  it('names what is wrong', () => {
    expect(() => parseRobustness('nois:0.1')).toThrow(/unknown kind "nois"; valid: noise, label-noise, shift, reduced, reduced-first/);
    expect(() => parseRobustness('noise')).toThrow(/write noise:level/);
    expect(() => parseRobustness('noise:0.1,abc')).toThrow(/level "abc"/);
    expect(() => parseRobustness('noise:1.5')).toThrow(/\[0, 1\]/);
    expect(() => parseRobustness('reduced:0,0.5')).toThrow(/nothing to train on/);
    expect(() => parseRobustness('shift:0.9')).toThrow(/\(0, 0.8\]/);
    expect(() => validateRobustness({ kind: 'label-noise', levels: [0.6] })).toThrow(/inverts/);
  });
  it('marks the levels identical to the plain comparison', () => {
    expect(isIdentityLevel('noise', 0)).toBe(true);
    expect(isIdentityLevel('reduced', 1)).toBe(true);
    expect(isIdentityLevel('reduced', 0.5)).toBe(false);
    expect(isIdentityLevel('shift', 0.5)).toBe(false);
  });
});

describe('summarizeRobustness', () => {
  const m = (f1: number | null, fold: number): FoldMetrics => ({ fold, tp: 0, tn: 0, fp: 0, fn: 0, acc: null, balancedAcc: null, tpr: null, fpr: null, precision: null, f1, rocAuc: 0.5, prAuc: null, eventRecall: null, leadTimesMin: [], alertsPerDay: null, threshold: 0 });
  it('is mean ± population sd per model and level over the folds defining the metric', () => {
    const curves = summarizeRobustness([{ kind: 'noise', levels: [0, 0.2] }], ['pca', 'cnn'], 'blocked/full', [
      { model: 'pca', kind: 'noise', level: 0, setting: 'blocked/full', metrics: m(0.8, 0) },
      { model: 'pca', kind: 'noise', level: 0, setting: 'blocked/full', metrics: m(0.6, 1) },
      { model: 'pca', kind: 'noise', level: 0.2, setting: 'blocked/full', metrics: m(null, 0) },
    ]);
    expect(curves).toHaveLength(1);
    const pca = curves[0]!.models[0]!;
    expect(pca.model).toBe('pca');
    expect(pca.points[0]!.metrics.f1.mean).toBeCloseTo(0.7, 10);
    expect(pca.points[0]!.metrics.f1.std).toBeCloseTo(0.1, 10);
    expect(pca.points[1]!).toMatchObject({ level: 0.2, folds: 1, metrics: { f1: { mean: null, folds: 0 }, rocAuc: { mean: 0.5, folds: 1 } } });
    expect(curves[0]!.models[1]!.points[0]!.folds).toBe(0);
  });
});
