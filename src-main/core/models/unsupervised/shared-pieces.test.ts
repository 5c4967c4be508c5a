import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../engine/rng.js';
import { downsample, frequencyWindow, gatherBatch, indexReplaceWindow, jitterWindow, maskWindow, mvasView, type MvasAugmentConfig } from './augment.js';
import { attentionPool, meanPool, stepMajor, TemporalEncoder } from './encoder.js';
import { ntXent, ntXentGraph, ntXentReference } from './nt-xent.js';
import { ensureTfBackend, tf } from './tf-runtime.js';
import { batchBounds, trainLoop } from './train-loop.js';
import { isDetectorDir, ParamStore, readDetector, writeDetector } from './weights-io.js';

let dir = '';
beforeAll(async () => {
  await ensureTfBackend();
  dir = mkdtempSync(join(tmpdir(), 'vigil-unsup-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('NT-Xent (METHODS.md §6.1)', () => {
  it('matches the plain-JS formula for 2 and 3 views', () => {
    const rng = new Rng(3);
    for (const V of [2, 3]) {
      const B = 5;
      const d = 4;
      const views = Array.from({ length: V }, () => Float32Array.from({ length: B * d }, () => rng.normal()));
      for (const tau of [0.1, 0.01]) {
        // τ = 0.01: e^{1/τ} of the self-similarity would overflow float32; the shift keeps it finite
        const got = tf.tidy(() => ntXent(views.map((v) => tf.tensor2d(v, [B, d])), tau).dataSync()[0]!);
        expect(got).toBeCloseTo(ntXentReference(views, B, d, tau), tau < 0.05 ? 1 : 3);
      }
    }
  });
  it('the fast custom-gradient op and the TF.js graph give the same gradient', () => {
    const rng = new Rng(8);
    const z = tf.variable(tf.tensor2d(Float32Array.from({ length: 3 * 6 * 5 }, () => rng.normal()), [18, 5]));
    const views = () => [0, 1, 2].map((v) => tf.slice(z, [v * 6, 0], [6, 5]) as tf.Tensor2D);
    const fast = tf.variableGrads(() => ntXent(views(), 0.2), [z]);
    const slow = tf.variableGrads(() => ntXentGraph(views(), 0.2), [z]);
    expect(fast.value.dataSync()[0]).toBeCloseTo(slow.value.dataSync()[0]!, 4);
    const gf = Object.values(fast.grads)[0]!.dataSync();
    const gs = Object.values(slow.grads)[0]!.dataSync();
    expect(Math.max(...Array.from(gs, Math.abs))).toBeGreaterThan(1e-3);
    for (let i = 0; i < gf.length; i++) expect(gf[i]).toBeCloseTo(gs[i]!, 4);
    tf.dispose([z, fast.value, slow.value, ...Object.values(fast.grads), ...Object.values(slow.grads)]);
  });
  it('is low when the views agree and high when they are unrelated', () => {
    const rng = new Rng(4);
    const B = 8;
    const d = 6;
    const a = Float32Array.from({ length: B * d }, () => rng.normal());
    const b = Float32Array.from({ length: B * d }, () => rng.normal());
    const same = tf.tidy(() => ntXent([tf.tensor2d(a, [B, d]), tf.tensor2d(a, [B, d])], 0.1).dataSync()[0]!);
    const diff = tf.tidy(() => ntXent([tf.tensor2d(a, [B, d]), tf.tensor2d(b, [B, d])], 0.1).dataSync()[0]!);
    expect(same).toBeLessThan(diff);
    expect(() => ntXent([tf.zeros([1, 3]) as tf.Tensor2D, tf.zeros([1, 3]) as tf.Tensor2D], 0.1)).toThrow(/two windows/);
  });
});

describe('temporal encoder', () => {
  it('takes views of any length through the same weights and pools them', () => {
    const store = new ParamStore();
    const enc = new TemporalEncoder(store, 'e', 3, { hidden: 5, layers: 2, kernel: 3 }, new Rng(1));
    for (const W of [4, 2, 1]) {
      const x = Float32Array.from({ length: 2 * 3 * W }, (_, i) => (i % 7) / 7);
      const u = tf.tidy(() => enc.apply(stepMajor(x, 2, 3, W)));
      expect(u.shape).toEqual([2, W, 5]);
      const h = tf.tidy(() => meanPool(u));
      expect(h.shape).toEqual([2, 5]);
      tf.dispose([u, h]);
    }
    const q = tf.ones([5]) as tf.Tensor1D;
    const { z, alpha } = tf.tidy(() => attentionPool(tf.randomUniform([2, 4, 5], 0, 1, 'float32', 1) as tf.Tensor3D, q));
    const sums = tf.sum(alpha, 1).dataSync();
    expect(z.shape).toEqual([2, 5]);
    for (const s of sums) expect(s).toBeCloseTo(1, 5);
    expect(store.count).toBe(3 * 3 * 5 + 5 + 3 * 5 * 5 + 5);
    store.dispose();
  });
  it('a convolution tap sees the neighbouring step (im2col is a real temporal convolution)', () => {
    const store = new ParamStore();
    const enc = new TemporalEncoder(store, 'e', 1, { hidden: 1, layers: 1, kernel: 3 }, new Rng(1));
    // kernel rows [t−1, t, t+1] = [1, 0, 0]: output step t = input step t−1 (0 at t = 0)
    store.get('e/conv0/kernel').assign(tf.tensor2d([1, 0, 0], [3, 1]));
    const out = tf.tidy(() => enc.apply(stepMajor(Float32Array.from([1, 2, 3, 4]), 1, 1, 4)).dataSync());
    expect(Array.from(out)).toEqual([0, 1, 2, 3]);
    store.dispose();
  });
});

describe('MVAS augmentations and CSCD scales', () => {
  const F = 3;
  const W = 8;
  const base = () => Float32Array.from({ length: F * W }, (_, i) => 0.2 + 0.6 * Math.abs(Math.sin(i)));
  it('frequency transform with zero perturbation is the identity (DFT → inverse)', () => {
    const w = base();
    const before = Float32Array.from(w);
    frequencyWindow(w, F, W, 0, 0, new Rng(1));
    for (let i = 0; i < w.length; i++) expect(w[i]).toBeCloseTo(before[i]!, 5);
    frequencyWindow(w, F, W, 0.3, 0.5, new Rng(1));
    expect(w.some((v, i) => Math.abs(v - before[i]!) > 1e-3)).toBe(true);
    // the DC bin (window mean per counter) is untouched
    for (let f = 0; f < F; f++) {
      let a = 0;
      let b = 0;
      for (let t = 0; t < W; t++) {
        a += w[f * W + t]!;
        b += before[f * W + t]!;
      }
      expect(a / W).toBeCloseTo(b / W, 5);
    }
  });
  it('masking zeroes one contiguous span; index replacement only copies values of the same window', () => {
    const w = base();
    maskWindow(w, F, W, 0.25, new Rng(2));
    const zeros = Array.from(w).filter((v) => v === 0).length;
    expect(zeros).toBeGreaterThanOrEqual(2);
    expect(zeros % 2).toBe(0);
    const r = base();
    const src = new Set(Array.from(r));
    indexReplaceWindow(r, F, W, 0.25, new Rng(3));
    for (const v of r) expect(src.has(v)).toBe(true);
    expect(Array.from(r)).not.toEqual(Array.from(base()));
  });
  it('jitter shifts and perturbs; views are reproducible from the seed', () => {
    const w = base();
    jitterWindow(w, F, W, 0, 1, new Rng(5));
    expect(Array.from(w)).not.toEqual(Array.from(base()));
    const x = new Float32Array(4 * F * W).map((_, i) => (i % 11) / 11);
    const cfg: MvasAugmentConfig = { jitter: true, jitterSigma: 0.05, maxShift: 1, frequency: true, freqAmpSigma: 0.1, freqPhaseSigma: 0.2, mask: true, maskFraction: 0.25, indexReplace: true, replaceFraction: 0.25 };
    const a = new Float32Array(4 * F * W);
    const b = new Float32Array(4 * F * W);
    mvasView(x, [0, 1, 2, 3], F, W, cfg, new Rng(9), a);
    mvasView(x, [0, 1, 2, 3], F, W, cfg, new Rng(9), b);
    expect(Array.from(a)).toEqual(Array.from(b));
    const none = new Float32Array(4 * F * W);
    mvasView(x, [3, 2, 1, 0], F, W, { ...cfg, jitter: false, frequency: false, mask: false, indexReplace: false }, new Rng(9), none);
    expect(Array.from(none)).toEqual(Array.from(gatherBatch(x, [3, 2, 1, 0], F * W)));
  });
  it('down-sampling averages groups of steps, the last group may be shorter', () => {
    const x = Float32Array.from([1, 2, 3, 4, 5, 10, 20, 30, 40, 50]); // n = 1, F = 2, W = 5
    expect(Array.from(downsample(x, 1, 2, 5, 2))).toEqual([1.5, 3.5, 5, 15, 35, 50]);
    expect(Array.from(downsample(x, 1, 2, 5, 4))).toEqual([2.5, 5, 25, 50]);
  });
});

describe('train loop', () => {
  it('batches keep ≥ 2 windows, loss falls, runs are deterministic, cancellation stops between batches', () => {
    expect(batchBounds(10, 4, 2)).toEqual([0, 4, 8, 10]);
    expect(batchBounds(9, 4, 2)).toEqual([0, 4, 9]);
    const run = (stopAfter = Infinity) => {
      const store = new ParamStore();
      const rng = new Rng(7);
      const w = store.add('w', [2, 1], 'glorot', rng);
      const xs = tf.tensor2d(Float32Array.from({ length: 40 }, (_, i) => ((i * 7) % 13) / 13), [20, 2]);
      const ys = tf.tensor2d(Float32Array.from({ length: 20 }, (_, i) => 3 * xs.dataSync()[2 * i]! - xs.dataSync()[2 * i + 1]!), [20, 1]);
      let batches = 0;
      const res = trainLoop({
        n: 20,
        epochs: 30,
        batchSize: 8,
        learningRate: 0.05,
        warmupEpochs: 1,
        rng,
        variables: [w],
        loss: (idx) => {
          const i = tf.tensor1d(idx, 'int32');
          return tf.mean(tf.square(tf.sub(tf.matMul(tf.gather(xs, i), w as tf.Tensor2D), tf.gather(ys, i))));
        },
        onBatch: () => batches++,
        shouldStop: () => batches >= stopAfter,
      });
      const out = { res, w: Array.from(w.dataSync()), batches };
      tf.dispose([xs, ys]);
      store.dispose();
      return out;
    };
    const a = run();
    expect(a.res.lossHistory).toHaveLength(30);
    expect(a.res.lossHistory[29]!).toBeLessThan(a.res.lossHistory[0]! * 0.2);
    expect(run().w).toEqual(a.w);
    const s = run(5);
    expect(s.res.stopped).toBe(true);
    expect(s.batches).toBe(5);
  });
});

describe('weights-io', () => {
  it('writes model.json + weights.bin and reads them back exactly; other versions are refused', () => {
    const store = new ParamStore();
    const rng = new Rng(11);
    store.add('a/kernel', [3, 2], 'glorot', rng);
    store.add('a/bias', [2], 'ones', rng);
    const saved = { kind: 'mvas-cscd' as const, meta: { threshold: 1.5 }, weights: store.toSaved() };
    const d = join(dir, 'det');
    writeDetector(d, saved);
    expect(isDetectorDir(d)).toBe(true);
    const back = readDetector(d);
    expect(back.meta).toEqual({ threshold: 1.5 });
    expect(back.weights.map((w) => w.name)).toEqual(['a/kernel', 'a/bias']);
    expect(Array.from(back.weights[0]!.data)).toEqual(Array.from(saved.weights[0]!.data));
    const other = new ParamStore();
    other.add('a/kernel', [3, 2], 'zeros', rng);
    other.add('a/bias', [2], 'zeros', rng);
    other.assign(back.weights);
    expect(Array.from(other.get('a/kernel').dataSync())).toEqual(Array.from(saved.weights[0]!.data));
    const wrong = new ParamStore();
    wrong.add('a/kernel', [2, 3], 'zeros', rng);
    expect(() => wrong.assign(back.weights)).toThrow(/shape \[3, 2\], expected \[2, 3\]/);
    const json = JSON.parse(readFileSync(join(d, 'model.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(d, 'model.json'), JSON.stringify({ ...json, formatVersion: 99 }));
    expect(() => readDetector(d)).toThrow(/format version 99/);
    [store, other, wrong].forEach((s) => s.dispose());
  });
});
