/**
 * Whole models: engine gradients vs TF.js autodiff with the same weights, real training on a
 * separable synthetic set, determinism, cancellation, TF.js layers export round trip.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SupervisedModelKind } from '../../../shared/domain/models.js';
import { softmaxCrossEntropy } from '../engine/losses.js';
import { Rng } from '../engine/rng.js';
import { auc, cpuBackend, randn, relErr, synthWindows, tf } from '../engine/test-helpers.js';
import { openSavedScorer } from '../engine/saved-scorer.js';
import { fileLoadHandler, saveTfjsArtifacts, toTfjsModel } from '../engine/tfjs-export.js';
import { buildNet, trainModel } from '../engine/train.js';
import { MODEL_REGISTRY } from './index.js';

const KINDS: SupervisedModelKind[] = ['cnn', 'lstm', 'contrastive'];
const TOL = 1e-4;

beforeAll(cpuBackend);

describe.each(KINDS)('%s: full-model gradients vs tf.variableGrads', (kind) => {
  // contrastive at F = 12: TF.js cpu autodiff of its full-resolution conv takes ~30 s at F = 38 here
  it.each(['wasm-simd', 'js'] as const)('same loss and gradients (%s kernel), W=4', async (kernel) => {
    const [F, W, B] = [kind === 'contrastive' ? 12 : 38, 4, 6];
    const rng = new Rng(11);
    const { net, xin, dLogits } = buildNet(kind, MODEL_REGISTRY[kind].defaults, F, W, 8, rng, kernel);
    net.init(rng);
    for (const p of net.params) if (p.name === 'bias') p.w.set(randn(p.w.length, rng, 0.05));
    xin.set(Float32Array.from({ length: B * F * W }, () => rng.next()));
    const labels = new Int32Array([0, 1, 0, 1, 1, 0]);
    const logits = net.forward(xin, B, false);
    const probs = new Float32Array(2 * B);
    const loss = softmaxCrossEntropy(logits, labels, B, 2, probs, dLogits);
    net.backward(xin, dLogits, B);

    const m = await toTfjsModel(net, 'linear');
    const xt = tf.tensor3d(xin.slice(0, B * F * W), [B, F, W]);
    const oh = tf.oneHot(tf.tensor1d(labels, 'int32'), 2);
    const f = () => tf.losses.softmaxCrossEntropy(oh, m.apply(xt) as tf.Tensor2D) as tf.Scalar;
    const { value, grads } = tf.variableGrads(f);
    expect(Math.abs(loss - value.dataSync()[0]!)).toBeLessThan(1e-5);
    expect(m.trainableWeights.length).toBe(net.params.length);
    m.trainableWeights.forEach((w, i) => {
      const g = grads[(w.read() as tf.Variable).name]!;
      expect(relErr(net.params[i]!.g, g.dataSync()), `${kind} ${w.originalName}`).toBeLessThan(TOL);
    });
  });
});

describe('contrastive pretraining (SimCLR NT-Xent over encoder + projection) vs TF.js', () => {
  it('same loss and gradients (F=12, W=4)', { timeout: 240_000 }, () => {
    const [F, W, B] = [12, 4, 5];
    const rng = new Rng(12);
    const cfg = MODEL_REGISTRY.contrastive.defaults;
    const { net, xin } = buildNet('contrastive', cfg, F, W, 8, rng);
    net.init(rng);
    const pre = net.pretrain!;
    for (const p of pre.params) if (p.name === 'bias') p.w.set(randn(p.w.length, rng, 0.05));
    xin.set(Float32Array.from({ length: 2 * B * F * W }, () => rng.next()));
    const loss = pre.step(xin, B, true);

    const m = tfl.sequential();
    m.add(tfl.layers.reshape({ targetShape: [F, W, 1], inputShape: [F, W] }));
    m.add(tfl.layers.conv2d({ filters: 32, kernelSize: 3, padding: 'same', activation: 'relu' }));
    m.add(tfl.layers.conv2d({ filters: 64, kernelSize: 3, padding: 'same', activation: 'relu' }));
    m.add(tfl.layers.maxPooling2d({ poolSize: 2, strides: 2, padding: 'same' }));
    m.add(tfl.layers.flatten());
    m.add(tfl.layers.dense({ units: 64, activation: 'relu' }));
    m.add(tfl.layers.dense({ units: 64 }));
    const shapes = m.getWeights().map((w) => w.shape);
    m.setWeights(pre.params.map((p, i) => tf.tensor(p.w, shapes[i]!)));
    const n2 = 2 * B;
    const target = tf.oneHot(tf.tensor1d(Array.from({ length: n2 }, (_, i) => (i < B ? i + B : i - B)), 'int32'), n2);
    const mask = tf.mul(tf.eye(n2), -1e9);
    const xt = tf.tensor3d(xin.slice(0, n2 * F * W), [n2, F, W]);
    const { value, grads } = tf.variableGrads(() => {
      const z = m.apply(xt) as tf.Tensor2D;
      const zn = tf.div(z, tf.maximum(tf.norm(z, 'euclidean', 1, true), 1e-12)) as tf.Tensor2D;
      const s = tf.add(tf.div(tf.matMul(zn, zn, false, true), 0.5), mask) as tf.Tensor2D;
      return tf.losses.softmaxCrossEntropy(target, s) as tf.Scalar;
    });
    expect(Math.abs(loss - value.dataSync()[0]!)).toBeLessThan(1e-5);
    m.trainableWeights.forEach((w, i) => {
      expect(relErr(pre.params[i]!.g, grads[(w.read() as tf.Variable).name]!.dataSync()), w.originalName).toBeLessThan(TOL);
    });
  });
});

describe('training', () => {
  const train = synthWindows(1500, 10, 4, 21);
  const test = synthWindows(600, 10, 4, 22);
  const trainSmall = synthWindows(800, 10, 4, 23);
  // LSTM: lr 1e-3 instead of the paper's 1e-4 so that a few epochs suffice in a unit test
  const settings: Record<SupervisedModelKind, { epochs: number; params: Record<string, number> }> = {
    cnn: { epochs: 3, params: {} },
    lstm: { epochs: 4, params: { learningRate: 1e-3 } },
    contrastive: { epochs: 2, params: {} },
  };

  it.each(KINDS)('%s reduces the loss and separates a synthetic set', (kind) => {
    const m = trainModel({ kind, params: settings[kind].params }, kind === 'contrastive' ? trainSmall : train, { epochs: settings[kind].epochs, batchSize: 10, seed: 3 });
    expect(m.lossHistory.length).toBe(settings[kind].epochs);
    expect(m.lossHistory[m.lossHistory.length - 1]!).toBeLessThan(m.lossHistory[0]! * 0.8);
    if (kind === 'contrastive') {
      expect(m.pretrainLossHistory.length).toBe(settings[kind].epochs);
      expect(m.pretrainLossHistory[1]!).toBeLessThan(m.pretrainLossHistory[0]!);
    }
    const s = m.score(test.x, test.n);
    expect(auc(s, test.y)).toBeGreaterThan(0.95);
    let ok = 0;
    for (let i = 0; i < test.n; i++) if ((s[i]! >= 0.5 ? 1 : 0) === test.y[i]) ok++;
    expect(ok / test.n).toBeGreaterThan(0.9);
  });

  it.each(KINDS)('%s is deterministic under a seed', (kind) => {
    const small = synthWindows(120, 10, 4, 5);
    const a = trainModel({ kind, params: {} }, small, { epochs: 1, batchSize: 7, seed: 9 });
    const b = trainModel({ kind, params: {} }, small, { epochs: 1, batchSize: 7, seed: 9 });
    const c = trainModel({ kind, params: {} }, small, { epochs: 1, batchSize: 7, seed: 10 });
    const wa = a.getWeights();
    const wb = b.getWeights();
    wa.forEach((w, i) => expect(Buffer.from(w.buffer).equals(Buffer.from(wb[i]!.buffer))).toBe(true));
    expect(Buffer.from(wa[0]!.buffer).equals(Buffer.from(c.getWeights()[0]!.buffer))).toBe(false);
  });

  it('shouldStop cancels between batches', () => {
    let batches = 0;
    const m = trainModel({ kind: 'cnn', params: {} }, train, { epochs: 5, batchSize: 10, seed: 1, onBatch: () => batches++, shouldStop: () => batches >= 3 });
    expect(m.stopped).toBe(true);
    expect(batches).toBe(3);
    expect(m.epochsCompleted).toBe(0);
  });
});

describe('TF.js layers export', () => {
  it.each(KINDS)('%s: model.json + weights.bin load with tf.loadLayersModel and into the engine scorer, and predict the same scores', async (kind) => {
    const F = kind === 'contrastive' ? 12 : 38; // TF.js cpu is slow on the contrastive encoder
    const data = synthWindows(64, F, 4, 31);
    const m = trainModel({ kind, params: {} }, data, { epochs: 1, batchSize: 16, seed: 2 });
    const dir = await mkdtemp(join(tmpdir(), 'vigil-tfjs-'));
    try {
      await saveTfjsArtifacts(await m.toTfjsArtifacts(), dir);
      const loaded = await tfl.loadLayersModel(fileLoadHandler(dir));
      const pred = (loaded.predict(tf.tensor3d(data.x, [data.n, F, 4])) as tf.Tensor2D).dataSync();
      const p1 = Float32Array.from({ length: data.n }, (_, i) => pred[2 * i + 1]!);
      const engine = m.score(data.x, data.n);
      expect(relErr(engine, p1)).toBeLessThan(1e-5);
      // `vigil score` reads the same files into the engine (saved-scorer.ts): the trained model's scores
      const scorer = openSavedScorer(dir, kind, {}, F, 4, 24); // 24: chunks of a partial size
      let chunks = 0;
      expect(Array.from(scorer.score(data.x, data.n, () => void chunks++))).toEqual(Array.from(engine));
      expect(chunks).toBe(Math.ceil(data.n / 24));
      // other hyper-parameters than the files were saved with: a clear error, not garbage scores
      const other = kind === 'lstm' ? { units: 32 } : { denseUnits: 32 };
      expect(() => openSavedScorer(dir, kind, other, F, 4)).toThrow(/the saved model has|has \d+ values/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
