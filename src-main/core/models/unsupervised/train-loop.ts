/**
 * The training loop of the unsupervised detectors (METHODS.md §6): TF.js Adam over the model's
 * variables, a fresh seeded permutation of the training windows every epoch (engine/rng.ts), an
 * optional linear learning-rate warm-up (§6.1 "linear warm-up"), per-batch progress, per-epoch
 * mean loss, and cancellation polled between batches.
 *
 * Contrastive losses need in-batch negatives, so no batch holds fewer than `minBatch` windows: a
 * remainder smaller than that joins the previous batch.
 */
import type { Rng } from '../../engine/rng.js';
import { tf } from './tf-runtime.js';

export interface TrainLoopOptions {
  /** Number of training windows (batches hold indices 0 … n−1). */
  n: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Linear warm-up from ~0 to `learningRate` over this many epochs (0 = constant rate). */
  warmupEpochs: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  /** Smallest batch (2 for NT-Xent). */
  minBatch?: number;
  rng: Rng;
  variables: tf.Variable[];
  /** Loss of one batch of window indices; evaluated under the optimiser's gradient tape. */
  loss(idx: Int32Array): tf.Scalar;
  onBatch?(b: number, nb: number): void;
  onEpoch?(epoch: number, loss: number): void;
  shouldStop?(): boolean;
}

export interface TrainLoopResult {
  /** Per completed epoch, mean batch loss weighted by batch size. */
  lossHistory: number[];
  stopped: boolean;
  seconds: number;
  steps: number;
  epochsCompleted: number;
}

/** Batch boundaries for n windows: sizes ≥ minBatch (a small remainder joins the last batch). */
export function batchBounds(n: number, batchSize: number, minBatch: number): number[] {
  const B = Math.max(minBatch, Math.floor(batchSize));
  const bounds = [0];
  for (let s = B; s < n; s += B) bounds.push(s);
  bounds.push(n);
  if (bounds.length > 2 && n - bounds[bounds.length - 2]! < minBatch) bounds.splice(bounds.length - 2, 1);
  return bounds;
}

export function trainLoop(o: TrainLoopOptions): TrainLoopResult {
  const minBatch = o.minBatch ?? 2;
  if (o.n < minBatch) throw new Error(`training needs at least ${minBatch} windows, got ${o.n}`);
  const bounds = batchBounds(o.n, o.batchSize, minBatch);
  const nbPerEpoch = bounds.length - 1;
  const totalBatches = nbPerEpoch * o.epochs;
  const warmupSteps = Math.max(0, Math.round(o.warmupEpochs * nbPerEpoch));
  const opt = tf.train.adam(o.learningRate, o.beta1 ?? 0.9, o.beta2 ?? 0.999, o.epsilon ?? 1e-7);
  // AdamOptimizer reads `learningRate` at every step; the warm-up rewrites it before each batch.
  const setLr = (lr: number) => {
    (opt as unknown as { learningRate: number }).learningRate = lr;
  };
  const perm = new Int32Array(o.n);
  const lossHistory: number[] = [];
  let steps = 0;
  let stopped = false;
  const t0 = performance.now();
  try {
    for (let e = 0; e < o.epochs && !stopped; e++) {
      for (let i = 0; i < o.n; i++) perm[i] = i;
      o.rng.shuffle(perm);
      let tot = 0;
      for (let b = 0; b < nbPerEpoch; b++) {
        if (o.shouldStop?.()) {
          stopped = true;
          break;
        }
        const idx = perm.subarray(bounds[b]!, bounds[b + 1]!);
        setLr(warmupSteps > 0 && steps < warmupSteps ? (o.learningRate * (steps + 1)) / warmupSteps : o.learningRate);
        const cost = opt.minimize(() => o.loss(idx), true, o.variables);
        const v = cost ? (cost.dataSync()[0] as number) : NaN;
        cost?.dispose();
        if (!Number.isFinite(v)) throw new Error(`training diverged: loss ${v} at epoch ${e + 1}, batch ${b + 1}`);
        tot += v * idx.length;
        steps++;
        o.onBatch?.(e * nbPerEpoch + b + 1, totalBatches);
      }
      if (stopped) break;
      lossHistory.push(tot / o.n);
      o.onEpoch?.(e, tot / o.n);
    }
  } finally {
    opt.dispose();
  }
  return { lossHistory, stopped, seconds: (performance.now() - t0) / 1000, steps, epochsCompleted: lossHistory.length };
}
