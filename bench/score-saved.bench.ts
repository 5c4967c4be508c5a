/**
 * `vigil score` throughput: a saved supervised model (model.json + weights.bin) read into the
 * engine and applied to windows (saved-scorer.ts), against the same files loaded with TF.js on
 * its plain-JS cpu backend (the only TF.js backend here without libtensorflow; what scored saved
 * models before). Synthetic windows, F = 38, W = 4 (SMD's shape); each model trained 1 epoch on
 * 600 windows (speed does not depend on the weights). Load time included on both sides.
 *
 *   npx tsx bench/score-saved.bench.ts       (BENCH_QUICK=1: fewer windows)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSavedScorer } from '../src-main/core/engine/saved-scorer.js';
import { fileLoadHandler, loadTfjs, saveTfjsArtifacts } from '../src-main/core/engine/tfjs-export.js';
import { mulberry32 } from '../src-main/core/engine/rng.js';
import { trainModel } from '../src-main/core/engine/train.js';
import { setupTfjs } from '../src-main/workers/tfjs-setup.js';

setupTfjs();
const QUICK = process.env['BENCH_QUICK'] === '1';
const [F, W] = [38, 4];
const N_ENGINE = QUICK ? 20_000 : 100_000;
/** TF.js cpu is ~100× slower: a smaller sample, windows/s compared. */
const N_TFJS: Record<string, number> = { cnn: QUICK ? 256 : 1024, lstm: QUICK ? 512 : 2048, contrastive: QUICK ? 64 : 256 };
const rnd = mulberry32(7);
const x = Float32Array.from({ length: N_ENGINE * F * W }, () => rnd());
const nTrain = 600;
const ws = { F, W, n: nTrain, x: x.subarray(0, nTrain * F * W), y: Uint8Array.from({ length: nTrain }, (_, i) => (i % 9 === 0 ? 1 : 0)), counters: [], objects: [], endMs: new Float64Array(0), objectIndex: new Int32Array(0), outageIndex: new Int32Array(0) };
const { tf, tfl } = await loadTfjs();
await tf.setBackend('cpu');
const fmt = (v: number) => Math.round(v).toLocaleString('en-US');
for (const kind of ['cnn', 'lstm', 'contrastive'] as const) {
  const m = trainModel({ kind, params: { pretrainEpochs: 1 } }, ws, { epochs: 1, batchSize: 256, seed: 1 });
  const dir = await mkdtemp(join(tmpdir(), 'vigil-score-bench-'));
  try {
    await saveTfjsArtifacts(await m.toTfjsArtifacts(), dir);
    const t0 = performance.now();
    const scorer = openSavedScorer(dir, kind, {}, F, W);
    scorer.score(x, N_ENGINE);
    const engine = N_ENGINE / ((performance.now() - t0) / 1000);
    const n = N_TFJS[kind]!;
    const t1 = performance.now();
    const model = await tfl.loadLayersModel(fileLoadHandler(dir));
    const p = tf.tidy(() => tf.slice(model.predict(tf.tensor(x.subarray(0, n * F * W), [n, F, W])) as import('@tensorflow/tfjs-core').Tensor, [0, 1], [n, 1]));
    await p.data();
    const tfjs = n / ((performance.now() - t1) / 1000);
    p.dispose();
    model.dispose();
    console.log(`vigil score ${kind} engine ${fmt(engine)} win/s (${fmt(N_ENGINE)} windows, kernel ${scorer.kernel}) tfjs-cpu ${fmt(tfjs)} win/s (${fmt(n)} windows) ratio ${(engine / tfjs).toFixed(1)}  [incl. model load, 1 thread]`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
