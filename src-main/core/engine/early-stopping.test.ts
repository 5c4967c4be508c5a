/**
 * Early stopping: the stratified validation split, the settings' checks, and real training runs
 * that stop on a rising validation loss and hand back the best epoch's weights.
 */
import { describe, expect, it } from 'vitest';
import { VigilError } from '../../../shared/errors.js';
import type { WindowSet } from '../../../shared/domain/windows.js';
import { earlyStoppingSettings, stratifiedHoldout } from './early-stopping.js';
import { Rng } from './rng.js';
import { synthWindows } from './test-helpers.js';
import { trainModel } from './train.js';

describe('stratifiedHoldout', () => {
  const n = 1000;
  const y = Uint8Array.from({ length: n }, (_, i) => (i % 25 === 0 ? 1 : 0)); // 40 positives
  it('holds out the fraction per class, disjoint, covering every window', () => {
    const { train, val } = stratifiedHoldout(y, n, 0.2, 3);
    expect(train.length + val.length).toBe(n);
    const seen = new Uint8Array(n);
    for (const i of [...train, ...val]) seen[i]!++;
    expect(seen.every((v) => v === 1)).toBe(true);
    expect(Array.from(val).filter((i) => y[i] === 1).length).toBe(8); // round(0.2 · 40)
    expect(Array.from(val).filter((i) => y[i] === 0).length).toBe(192); // round(0.2 · 960)
    expect(Array.from(train)).toEqual([...train].sort((a, b) => a - b));
  });
  it('is seeded: same seed same split, other seed other split', () => {
    const a = stratifiedHoldout(y, n, 0.1, 5).val;
    expect(Array.from(stratifiedHoldout(y, n, 0.1, 5).val)).toEqual(Array.from(a));
    expect(Array.from(stratifiedHoldout(y, n, 0.1, 6).val)).not.toEqual(Array.from(a));
  });
  it('keeps a rare class on both sides (2 positives → 1 validation, 1 training)', () => {
    const y2 = Uint8Array.from({ length: 50 }, (_, i) => (i === 7 || i === 30 ? 1 : 0));
    const { train, val } = stratifiedHoldout(y2, 50, 0.05, 1);
    expect(Array.from(val).filter((i) => y2[i] === 1).length).toBe(1);
    expect(Array.from(train).filter((i) => y2[i] === 1).length).toBe(1);
  });
});

describe('earlyStoppingSettings', () => {
  it('is off at validationFraction 0 and reads the rest', () => {
    expect(earlyStoppingSettings({ validationFraction: 0, patience: 5 })).toBeNull();
    expect(earlyStoppingSettings({})).toBeNull();
    expect(earlyStoppingSettings({ validationFraction: 0.1, patience: 3, minDelta: 0.001 })).toEqual({ validationFraction: 0.1, patience: 3, minDelta: 0.001 });
  });
  it.each([
    [{ validationFraction: 0.7 }, /validationFraction must be between 0 and 0.5, got 0.7/],
    [{ validationFraction: -0.1 }, /validationFraction/],
    [{ validationFraction: 0.1, patience: 0 }, /patience must be a whole number ≥ 1, got 0/],
    [{ validationFraction: 0.1, patience: 2.5 }, /patience/],
    [{ validationFraction: 0.1, minDelta: -1 }, /minDelta must be ≥ 0/],
  ])('rejects %o with a VigilError', (cfg, msg) => {
    expect(() => earlyStoppingSettings(cfg)).toThrow(VigilError);
    expect(() => earlyStoppingSettings(cfg)).toThrow(msg);
  });
});

/** Windows whose labels are noise: a CNN at a high learning rate overfits and its validation loss rises. */
function noiseSet(n: number, F: number, W: number, seed: number): WindowSet {
  const rng = new Rng(seed);
  const x = Float32Array.from({ length: n * F * W }, () => rng.next());
  const y = Uint8Array.from({ length: n }, () => (rng.next() < 0.5 ? 1 : 0));
  return { F, W, n, x, y, counters: [], objects: [], endMs: new Float64Array(n), objectIndex: new Int32Array(n), outageIndex: new Int32Array(n).fill(-1) };
}

/** Mean cross-entropy of the model's probabilities over the given windows. */
function meanCe(p: Float32Array, y: Uint8Array, idx: Int32Array): number {
  let s = 0;
  for (let q = 0; q < idx.length; q++) {
    const pi = p[q]!;
    s -= Math.log(Math.max(y[idx[q]!] === 1 ? pi : 1 - pi, 1e-30));
  }
  return s / idx.length;
}

describe('trainModel with early stopping', () => {
  it('stops when the validation loss stops improving and restores the best epoch', () => {
    const set = noiseSet(400, 20, 4, 4);
    const params = { validationFraction: 0.25, patience: 3, learningRate: 3e-3 };
    const m = trainModel({ kind: 'cnn', params }, set, { epochs: 40, batchSize: 10, seed: 8 });
    expect(m.earlyStopped).toBe(true);
    expect(m.maxEpochs).toBe(40);
    expect(m.epochsCompleted).toBeLessThan(40);
    expect(m.validationLossHistory.length).toBe(m.epochsCompleted);
    expect(m.lossHistory.length).toBe(m.epochsCompleted);
    const best = Math.min(...m.validationLossHistory);
    expect(m.bestEpoch).toBe(m.validationLossHistory.indexOf(best) + 1);
    // stopped exactly `patience` epochs after the best one
    expect(m.epochsCompleted).toBe(m.bestEpoch + 3);
    // the returned weights are the best epoch's: recomputing the validation loss gives its value
    const { val } = stratifiedHoldout(set.y, set.n, 0.25, 8);
    expect(m.validationWindows).toBe(val.length);
    expect(Math.abs(val.length - 100)).toBeLessThanOrEqual(1); // 25 % of 400, rounded per class
    const fw = 20 * 4;
    const xv = new Float32Array(val.length * fw);
    val.forEach((i, q) => xv.set(set.x.subarray(i * fw, (i + 1) * fw), q * fw));
    expect(Math.abs(meanCe(m.score(xv, val.length), set.y, val) - best)).toBeLessThan(1e-4);
    expect(m.validationLossHistory.at(-1)! - best).toBeGreaterThan(1e-3); // the last epoch's weights were worse
  });

  it('runs to the ceiling on a learnable set when patience is long, for every model', () => {
    const set = synthWindows(300, 10, 4, 21);
    for (const kind of ['cnn', 'lstm', 'contrastive'] as const) {
      const m = trainModel({ kind, params: { validationFraction: 0.2, patience: 50, learningRate: 1e-3 } }, set, { epochs: 2, batchSize: 16, seed: 1 });
      expect(m.earlyStopped, kind).toBe(false);
      expect(m.epochsCompleted, kind).toBe(2);
      expect(m.validationLossHistory.length, kind).toBe(2);
      expect(m.validationWindows, kind).toBe(stratifiedHoldout(set.y, set.n, 0.2, 1).val.length);
      expect(m.validationLossHistory.every(Number.isFinite), kind).toBe(true);
    }
  });

  it('is off by default: no validation split, every epoch runs', () => {
    const m = trainModel({ kind: 'cnn', params: {} }, synthWindows(100, 10, 4, 2), { epochs: 2, batchSize: 10, seed: 1 });
    expect(m.validationLossHistory).toEqual([]);
    expect(m.validationWindows).toBe(0);
    expect(m.earlyStopped).toBe(false);
    expect(m.epochsCompleted).toBe(2);
    expect(m.bestEpoch).toBe(2);
  });
});
