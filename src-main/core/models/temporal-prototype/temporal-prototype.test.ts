import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VigilError } from '../../../../shared/errors';
import { aucOf, injectJump, syntheticBatch } from '../metric-graph/test-helpers';
import { detectorContractTests } from '../unsupervised/detector-contract-tests';
import { ensureTfBackend, tf } from '../unsupervised/tf-runtime';
import type { FittedDetector, UnsupervisedFitOptions } from '../unsupervised/types';
import { readDetector, writeDetector } from '../unsupervised/weights-io';
import { TEMPORAL_PROTOTYPE_ABLATIONS, TEMPORAL_PROTOTYPE_DEFAULTS, type TemporalPrototypeConfig } from './config';
import { scoreWeights, TEMPORAL_PROTOTYPE_ENTRY } from './model';

const F = 5;
const W = 6;
const train = syntheticBatch({ objects: 3, steps: 90, F, W, noise: 0.03, seed: 1 });
const test = syntheticBatch({ objects: 2, steps: 40, F, W, noise: 0.03, seed: 2, phase: 0.4 });
const opts = { epochs: 4, batchSize: 48, seed: 21 };
const fit = (over: Partial<TemporalPrototypeConfig> = {}, o: Partial<UnsupervisedFitOptions> = {}) =>
  TEMPORAL_PROTOTYPE_ENTRY.fit(train, { ...TEMPORAL_PROTOTYPE_DEFAULTS, ...over } as TemporalPrototypeConfig, { ...opts, ...o });

let det: FittedDetector;
const tmp = mkdtempSync(join(tmpdir(), 'vigil-tp-'));

beforeAll(async () => {
  await ensureTfBackend();
  det = await fit();
});
afterAll(() => {
  det?.dispose();
  rmSync(tmp, { recursive: true, force: true });
});

describe('temporal-prototype detector (METHODS.md §6.3)', () => {
  it('trains: loss decreases; threshold from the validation split', () => {
    expect(det.lossHistory).toHaveLength(opts.epochs);
    expect(det.lossHistory.at(-1)!).toBeLessThan(det.lossHistory[0]!);
    expect(det.embeddingSize).toBe(TEMPORAL_PROTOTYPE_DEFAULTS.hidden);
    expect(det.embed(test.x, 3)).toHaveLength(3 * det.embeddingSize);
    // A is a weighted mean of quantile-normalised parts: a normal-data threshold sits inside (0, 2)
    expect(det.threshold).toBeGreaterThan(0);
    expect(det.threshold).toBeLessThan(2);
  });

  detectorContractTests(() => det, test, fit, 22);

  it('score = α·Q(D) + β·Q(T) + μ·Q(R), each part returned; an injected jump scores above normal', () => {
    const idx = Array.from({ length: test.n }, (_, i) => i).filter((i) => i % 4 === 0);
    const s = det.score(injectJump(test, idx, 2, 0.4));
    expect(Object.keys(s.parts).sort()).toEqual(['knn', 'mahalanobis', 'temporal']);
    for (let i = 0; i < test.n; i++) {
      const { mahalanobis, temporal, knn } = s.parts as Record<string, Float32Array>;
      expect(s.score[i]).toBeCloseTo((mahalanobis![i]! + temporal![i]! + knn![i]!) / 3, 5);
    }
    expect(aucOf(s.score, new Set(idx))).toBeGreaterThan(0.95);
    for (const i of idx) expect(s.score[i]!).toBeGreaterThanOrEqual(det.threshold);
    // the parts are on one (quantile) scale: a normal window's parts lie mostly in [0, 1]
    const clean = det.score(test);
    let inside = 0;
    for (const v of clean.parts['knn']!) if (v >= 0 && v <= 1) inside++;
    expect(inside / test.n).toBeGreaterThan(0.5);
  });

  it('temporal attention α: [n, W], each row sums to 1', () => {
    const n = 9;
    const a = det.attention!(test.x, n).temporal!;
    expect(a).toHaveLength(n * W);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let t = 0; t < W; t++) {
        expect(a[i * W + t]!).toBeGreaterThan(0);
        s += a[i * W + t]!;
      }
      expect(s).toBeCloseTo(1, 5);
    }
    expect(a.some((v) => Math.abs(v - 1 / W) > 1e-4)).toBe(true); // learned, not uniform
  });

  it('save → write → read → load gives identical scores and parts (and the CPU backend agrees)', async () => {
    const want = det.score(test);
    writeDetector(join(tmp, 'tp'), det.save());
    const loaded = TEMPORAL_PROTOTYPE_ENTRY.load(readDetector(join(tmp, 'tp')));
    const got = loaded.score(test);
    expect(loaded.threshold).toBe(det.threshold);
    expect(got.score).toEqual(want.score);
    expect(got.parts).toEqual(want.parts);
    expect(loaded.attention!(test.x, 4).temporal).toEqual(det.attention!(test.x, 4).temporal);
    loaded.dispose();
    const before = tf.getBackend();
    await ensureTfBackend('cpu');
    try {
      const onCpu = TEMPORAL_PROTOTYPE_ENTRY.load(det.save());
      const s = onCpu.score(test).score;
      for (let i = 0; i < s.length; i++) expect(s[i]).toBeCloseTo(want.score[i]!, 3);
      onCpu.dispose();
    } finally {
      await tf.setBackend(before);
    }
  });

  it('score weights are renormalised over the enabled parts', () => {
    expect(scoreWeights({ ...TEMPORAL_PROTOTYPE_DEFAULTS, beta: 0 })).toEqual({ mahalanobis: 0.5, knn: 0.5 });
    expect(scoreWeights({ ...TEMPORAL_PROTOTYPE_DEFAULTS, prototypes: false, alpha: 2, beta: 1, mu: 3 })).toEqual({ temporal: 0.25, knn: 0.75 });
    expect(() => scoreWeights({ ...TEMPORAL_PROTOTYPE_DEFAULTS, alpha: 0, beta: 0, mu: 0 })).toThrow(VigilError);
  });

  it('each ablation changes the computation', async () => {
    expect(Object.keys(TEMPORAL_PROTOTYPE_ENTRY.ablations).sort()).toEqual(['no-attention', 'no-knn', 'no-prototypes', 'no-temporal-residual']);
    const base = await fit({}, { epochs: 1 });
    const baseScore = base.score(test);
    const run = async (name: string) => {
      const d = await fit(TEMPORAL_PROTOTYPE_ABLATIONS[name], { epochs: 1 });
      const s = d.score(test);
      const a = d.attention!(test.x, 2).temporal!;
      const loss = d.lossHistory[0];
      d.dispose();
      return { s, a, loss };
    };
    const noT = await run('no-temporal-residual');
    expect(Object.keys(noT.s.parts).sort()).toEqual(['knn', 'mahalanobis']);
    expect(noT.loss).toBe(base.lossHistory[0]); // same training, different score
    expect(noT.s.score).not.toEqual(baseScore.score);
    const noK = await run('no-knn');
    expect(Object.keys(noK.s.parts).sort()).toEqual(['mahalanobis', 'temporal']);
    const noP = await run('no-prototypes');
    expect(Object.keys(noP.s.parts).sort()).toEqual(['knn', 'temporal']);
    expect(noP.loss).not.toBe(base.lossHistory[0]); // L_pro left the loss
    const noA = await run('no-attention');
    for (const v of noA.a) expect(v).toBeCloseTo(1 / W, 6); // mean pooling = uniform α
    expect(noA.loss).not.toBe(base.lossHistory[0]);
    base.dispose();
  });

  it('bad input and config → VigilError', async () => {
    await expect(fit({ kernel: 2 })).rejects.toThrow(/kernel/);
    await expect(fit({ attention: 'yes' as unknown as boolean })).rejects.toThrow(/attention must be true or false/);
    await expect(fit({ alpha: 0, beta: 0, mu: 0 })).rejects.toThrow(VigilError);
    expect(() => det.score({ ...test, objectIndex: new Int32Array(2) })).toThrow(/objectIndex/);
    expect(() => det.embed(new Float32Array(5), 1)).toThrow(/embed: expected 1 windows of 5 × 6/);
    const saved = det.save();
    expect(() => TEMPORAL_PROTOTYPE_ENTRY.load({ ...saved, meta: { ...saved.meta, quantiles: {} } })).toThrow(/quantiles.mahalanobis is missing/);
    expect(() => TEMPORAL_PROTOTYPE_ENTRY.load({ ...saved, weights: saved.weights.filter((w) => w.name !== 'prototypePrecisions') })).toThrow(/prototypePrecisions/);
  });
});
