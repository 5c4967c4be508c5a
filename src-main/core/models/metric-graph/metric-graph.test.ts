import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VigilError } from '../../../../shared/errors';
import { detectorContractTests } from '../unsupervised/detector-contract-tests';
import { ensureTfBackend, tf } from '../unsupervised/tf-runtime';
import type { FittedDetector, UnsupervisedFitOptions, WindowBatch } from '../unsupervised/types';
import { readDetector, writeDetector } from '../unsupervised/weights-io';
import { METRIC_GRAPH_ABLATIONS, METRIC_GRAPH_DEFAULTS, type MetricGraphConfig } from './config';
import { METRIC_GRAPH_ENTRY } from './model';
import { aucOf, injectJump, syntheticBatch } from './test-helpers';

const F = 5;
const W = 6;
const train = syntheticBatch({ objects: 3, steps: 90, F, W, noise: 0.03, seed: 1 });
const test = syntheticBatch({ objects: 2, steps: 40, F, W, noise: 0.03, seed: 2, phase: 0.4 });
const opts = { epochs: 4, batchSize: 48, seed: 11 };
const fit = (over: Partial<MetricGraphConfig> = {}, o: Partial<UnsupervisedFitOptions> = {}) => METRIC_GRAPH_ENTRY.fit(train, { ...METRIC_GRAPH_DEFAULTS, ...over } as MetricGraphConfig, { ...opts, ...o });

let det: FittedDetector;
const tmp = mkdtempSync(join(tmpdir(), 'vigil-mg-'));

beforeAll(async () => {
  await ensureTfBackend();
  det = await fit();
});
afterAll(() => {
  det?.dispose();
  rmSync(tmp, { recursive: true, force: true });
});

describe('metric-graph detector (METHODS.md §6.2)', () => {
  it('trains: loss decreases, sizes and threshold are reported', () => {
    expect(det.lossHistory).toHaveLength(opts.epochs);
    expect(det.lossHistory.at(-1)!).toBeLessThan(det.lossHistory[0]!);
    expect(det.embeddingSize).toBe(2 * METRIC_GRAPH_DEFAULTS.hidden); // [mean, max] over nodes
    expect(det.embed(test.x, 3)).toHaveLength(3 * det.embeddingSize);
    expect(det.paramCount).toBeGreaterThan(0);
    expect(Number.isFinite(det.threshold) && det.threshold > 0).toBe(true);
    expect(det.stopped).toBe(false);
  });

  detectorContractTests(() => det, test, fit, 12);

  it('an injected anomaly (one counter jumps) scores above the normal windows', () => {
    const idx = Array.from({ length: test.n }, (_, i) => i).filter((i) => i % 4 === 0);
    const bad = injectJump(test, idx, 2, 0.4);
    const s = det.score(bad);
    expect(s.parts).toEqual({});
    expect(aucOf(s.score, new Set(idx))).toBeGreaterThan(0.95);
    // every jumped window crosses the threshold fitted on normal validation windows
    for (const i of idx) expect(s.score[i]!).toBeGreaterThanOrEqual(det.threshold);
  });

  it('adjacency A: [n, F, F], rows are distributions', () => {
    const n = 7;
    const a = det.attention!(test.x, n).adjacency!;
    expect(a).toHaveLength(n * F * F);
    for (let r = 0; r < n * F; r++) {
      let s = 0;
      for (let j = 0; j < F; j++) {
        expect(a[r * F + j]!).toBeGreaterThanOrEqual(0);
        s += a[r * F + j]!;
      }
      expect(s).toBeCloseTo(1, 5);
    }
    // not uniform: the learned cosine structure shows (some row differs from 1/F by > 1e-3)
    expect(a.some((v) => Math.abs(v - 1 / F) > 1e-3)).toBe(true);
  });

  it('save → write → read → load gives identical scores (and the CPU backend agrees)', async () => {
    const want = det.score(test).score;
    writeDetector(join(tmp, 'mg'), det.save());
    const loaded = METRIC_GRAPH_ENTRY.load(readDetector(join(tmp, 'mg')));
    expect(loaded.threshold).toBe(det.threshold);
    expect(loaded.lossHistory).toEqual(det.lossHistory);
    expect(loaded.score(test).score).toEqual(want);
    loaded.dispose();
    const before = tf.getBackend();
    await ensureTfBackend('cpu');
    try {
      const onCpu = METRIC_GRAPH_ENTRY.load(det.save());
      const s = onCpu.score(test).score;
      for (let i = 0; i < s.length; i++) expect(s[i]).toBeCloseTo(want[i]!, 4);
      onCpu.dispose();
    } finally {
      await tf.setBackend(before);
    }
  });

  it('ablations change the computation: no-graph → A = I, no-smoothing → another loss', async () => {
    expect(Object.keys(METRIC_GRAPH_ENTRY.ablations).sort()).toEqual(['no-graph', 'no-smoothing']);
    const noGraph = await fit(METRIC_GRAPH_ABLATIONS['no-graph'], { epochs: 1 });
    const a = noGraph.attention!(test.x, 2).adjacency!;
    for (let r = 0; r < 2 * F; r++) for (let j = 0; j < F; j++) expect(a[r * F + j]).toBe(r % F === j ? 1 : 0);
    const base1 = await fit({}, { epochs: 1 });
    expect(noGraph.lossHistory[0]).not.toBe(base1.lossHistory[0]);
    const noSmooth = await fit(METRIC_GRAPH_ABLATIONS['no-smoothing'], { epochs: 1 });
    expect(noSmooth.lossHistory[0]).not.toBe(base1.lossHistory[0]);
    expect(noSmooth.score(test).score).not.toEqual(base1.score(test).score);
    // readout 'pool' ([mean, max] over nodes) is a config choice too: other embedding, same size
    const pool = await fit({ readout: 'pool' }, { epochs: 1 });
    expect(pool.embeddingSize).toBe(base1.embeddingSize);
    expect(pool.embed(test.x, 2)).not.toEqual(base1.embed(test.x, 2));
    await expect(fit({ readout: 'sum' })).rejects.toThrow(/readout/);
    for (const d of [noGraph, base1, noSmooth, pool]) d.dispose();
  });

  it('cancellation and bad input', async () => {
    const stopped = await fit({}, { epochs: 3, shouldStop: () => true });
    expect(stopped.stopped).toBe(true);
    stopped.dispose();
    const wrong: WindowBatch = { ...test, F: F + 1, x: new Float32Array(test.n * (F + 1) * W) };
    expect(() => det.score(wrong)).toThrow(/trained on 5 × 6/);
    expect(() => det.attention!(new Float32Array(3), 1)).toThrow(/attention: expected 1 windows of 5 × 6/);
    const nan = Float32Array.from(train.x);
    nan[3 * F * W + 2 * W + 1] = NaN;
    await expect(METRIC_GRAPH_ENTRY.fit({ ...train, x: nan }, METRIC_GRAPH_DEFAULTS, opts)).rejects.toThrow(/window 3, counter 2, step 1/);
    await expect(fit({ hidden: 0 })).rejects.toThrow(VigilError);
    await expect(fit({ graph: 1 as unknown as boolean })).rejects.toThrow(/graph must be true or false/);
    const saved = det.save();
    expect(() => METRIC_GRAPH_ENTRY.load({ ...saved, weights: saved.weights.filter((w) => w.name !== 'memoryBank') })).toThrow(/weight "memoryBank" is missing/);
    expect(() => METRIC_GRAPH_ENTRY.load({ ...saved, meta: { ...saved.meta, threshold: 'x' } })).toThrow(/meta.threshold/);
  });
});
