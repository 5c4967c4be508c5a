/**
 * Unsupervised training and scoring throughput (METHODS.md §6; issue #5 "Performance"): one line
 * per registered unsupervised detector, windows/s of training (fitted windows × epochs / training
 * seconds) and of scoring, on the TF.js backend a worker resolves (tf-runtime.ts). No PyTorch
 * reference exists for these models, so no ratio is printed.
 *
 *   npx tsx bench/unsupervised.bench.ts                 demo-like data (F = 10, W = 4), 12,000 windows, 2 epochs
 *   BENCH_QUICK=1 npx tsx bench/unsupervised.bench.ts   < 1 min: 2,000 windows, 1 epoch
 *   BENCH_BATCHES=32,256  BENCH_UNSUP_MODELS=mvas-cscd   subsets
 *
 * Data: a daily-like wave per counter and server plus noise, min–max range [0, 1], sliding
 * windows of 4 five-minute steps (the demo's shape, METHODS.md §3). One thread (one worker's share;
 * a comparison runs one task per core).
 */
import { UNSUPERVISED_MODELS, type UnsupervisedModelKind } from '../shared/domain/models.js';
import { Rng } from '../src-main/core/engine/rng.js';
import { UNSUPERVISED_REGISTRY } from '../src-main/core/models/unsupervised/registry.js';
import { ensureTfBackend } from '../src-main/core/models/unsupervised/tf-runtime.js';
import type { WindowBatch } from '../src-main/core/models/unsupervised/types.js';

const QUICK = process.env['BENCH_QUICK'] === '1';
const N = QUICK ? 2000 : 12000;
const EPOCHS = QUICK ? 1 : 2;
const BATCHES = (process.env['BENCH_BATCHES'] ?? (QUICK ? '256' : '32,256')).split(',').map(Number);
const MODELS = (process.env['BENCH_UNSUP_MODELS']?.split(',') ?? [...UNSUPERVISED_MODELS]) as UnsupervisedModelKind[];
const F = 10;
const W = 4;

function demoLike(n: number, seed: number): WindowBatch {
  const rng = new Rng(seed);
  const objects = 4;
  const steps = Math.ceil(n / objects) + W - 1;
  const x = new Float32Array(n * F * W);
  const objectIndex = new Int32Array(n);
  const endMs = new Float64Array(n);
  const series = new Float32Array(F * steps);
  let w = 0;
  for (let o = 0; o < objects && w < n; o++) {
    for (let f = 0; f < F; f++) for (let t = 0; t < steps; t++) series[f * steps + t] = Math.min(1, Math.max(0, 0.5 + (0.2 + 0.02 * f) * Math.sin((2 * Math.PI * t) / 288 + o + f * 0.4) + 0.03 * rng.normal()));
    for (let s = 0; s + W <= steps && w < n; s++, w++) {
      for (let f = 0; f < F; f++) for (let t = 0; t < W; t++) x[(w * F + f) * W + t] = series[f * steps + s + t]!;
      objectIndex[w] = o;
      endMs[w] = (s + W - 1) * 300_000;
    }
  }
  return { x, n, F, W, objectIndex, endMs };
}

const backend = await ensureTfBackend();
console.log(`unsupervised detectors on TF.js ${backend.name} (${backend.device}); skipped: ${backend.skipped.map((s) => `${s.name} (${s.reason})`).join('; ') || 'none'}`);
console.log(`${N} demo-like windows (F = ${F}, W = ${W}), ${EPOCHS} epoch(s), 1 thread${QUICK ? ' [quick]' : ''}`);
const data = demoLike(N, 1);
for (const kind of MODELS) {
  const entry = UNSUPERVISED_REGISTRY[kind];
  if (!entry) {
    console.log(`${kind}: not registered in this build`);
    continue;
  }
  for (const batchSize of BATCHES) {
    const det = await entry.fit(data, entry.defaults, { epochs: EPOCHS, batchSize, seed: 1 });
    // the detectors train on the fitted part (the held-out tail calibrates the threshold)
    const fitted = Math.round(N * (1 - Number(entry.defaults['validationFraction'] ?? 0.1)));
    const trainRate = (fitted * det.lossHistory.length) / Math.max(det.trainSeconds, 1e-9);
    const t0 = performance.now();
    det.score(data);
    const scoreRate = N / ((performance.now() - t0) / 1000);
    console.log(`${kind.padEnd(18)} batch ${String(batchSize).padStart(3)}: train ${trainRate.toFixed(0).padStart(6)} windows/s (${det.trainSeconds.toFixed(1)} s, ${det.paramCount} params, loss ${det.lossHistory[0]?.toFixed(3)} → ${det.lossHistory.at(-1)?.toFixed(3)}) · score ${scoreRate.toFixed(0)} windows/s`);
    det.dispose();
  }
}
