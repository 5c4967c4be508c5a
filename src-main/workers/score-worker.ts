import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setupTfjs } from './tfjs-setup';
import type { WindowSet } from '../../shared/domain/windows';
import { serveTasks } from './worker-runtime';
import { fileLoadHandler, loadTfjs } from '../core/engine/tfjs-export';
import { checkModelMeta, MODEL_META_FILE, type ModelMeta } from '../core/eval/train-final';
import { VigilError } from '../../shared/errors';
import { isDetectorDir, readDetector } from '../core/models/unsupervised/weights-io';
import { loadDetector } from '../core/models/unsupervised/registry';
import { ensureTfBackend } from '../core/models/unsupervised/tf-runtime';

setupTfjs();

export interface ScoreTaskPayload {
  modelDir: string;
  /** Windows to score; their counters may be a superset of the model's. */
  windows: WindowSet;
}

/**
 * Applies a saved TF.js model to new windows (issue: training engine, item 6): the windows are
 * re-ordered to the model's counters, scaled with its training min–max, predicted in batches.
 */
serveTasks(async (raw, ctx) => {
  const p = raw as ScoreTaskPayload;
  const metaFile = join(p.modelDir, MODEL_META_FILE);
  let metaJson: unknown;
  try {
    metaJson = JSON.parse(await readFile(metaFile, 'utf8'));
  } catch (e) {
    throw new VigilError('NOT_FOUND', `cannot read ${MODEL_META_FILE}`, { where: { file: metaFile }, hint: 'Pick a model folder written by `vigil train`.', cause: e });
  }
  const meta = checkModelMeta(metaJson, metaFile, p.windows.counters);
  if (isDetectorDir(p.modelDir)) return scoreDetector(p, meta, metaFile, ctx.cancelled);
  const { tf, tfl } = await loadTfjs();
  const model = await tfl.loadLayersModel(fileLoadHandler(p.modelDir));
  const { W, n } = p.windows;
  if (W !== meta.W) throw new VigilError('INVALID_SETTINGS', `the model reads windows of ${meta.W} steps, these have ${W}`, { where: { file: metaFile, field: 'W' } });
  const F = meta.F;
  const srcF = p.windows.F;
  const colOf = meta.counters.map((c) => p.windows.counters.indexOf(c));
  const scores = new Float32Array(n);
  const B = 1024;
  const buf = new Float32Array(B * F * W);
  for (let s = 0; s < n; s += B) {
    if (ctx.cancelled()) throw new VigilError('JOB_CANCELLED', 'scoring cancelled');
    const m = Math.min(B, n - s);
    for (let i = 0; i < m; i++) {
      for (let f = 0; f < F; f++) {
        const src = ((s + i) * srcF + (colOf[f] as number)) * W;
        const lo = meta.scaling.min[f] as number;
        const r = meta.scaling.range[f] as number;
        for (let t = 0; t < W; t++) buf[(i * F + f) * W + t] = ((p.windows.x[src + t] as number) - lo) / r;
      }
    }
    // Every exported model takes [m, F, W] and reshapes/permutes inside (core/models/*/model.ts).
    const probs = tf.tidy(() => {
      const x = tf.tensor(buf.subarray(0, m * F * W), [m, F, W]);
      const out = model.predict(x) as import('@tensorflow/tfjs-core').Tensor;
      return tf.reshape(tf.slice(out, [0, 1], [m, 1]), [m]);
    });
    scores.set(await probs.data(), s);
    probs.dispose();
    ctx.emit({ kind: 'progress', value: Math.min(1, (s + m) / n) });
  }
  model.dispose();
  return { scores, threshold: meta.threshold, model: meta.model };
});

/** Windows re-ordered to the model's counters and scaled with its training min–max: [n, F, W]. */
function scaledForModel(w: WindowSet, meta: ModelMeta): Float32Array {
  const { W, n } = w;
  const F = meta.F;
  const colOf = meta.counters.map((c) => w.counters.indexOf(c));
  const out = new Float32Array(n * F * W);
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < F; f++) {
      const src = (i * w.F + (colOf[f] as number)) * W;
      const lo = meta.scaling.min[f] as number;
      const r = meta.scaling.range[f] as number;
      for (let t = 0; t < W; t++) out[(i * F + f) * W + t] = ((w.x[src + t] as number) - lo) / r;
    }
  }
  return out;
}

/**
 * An unsupervised detector (METHODS.md §6): score = its anomaly score, flags = score ≥ its
 * threshold; the score's parts (e.g. D, T, R of §6.3) come back beside the total.
 */
async function scoreDetector(p: ScoreTaskPayload, meta: ModelMeta, metaFile: string, cancelled: () => boolean): Promise<{ scores: Float32Array; threshold: number; model: string; parts: Record<string, Float32Array> }> {
  if (p.windows.W !== meta.W) throw new VigilError('INVALID_SETTINGS', `the model reads windows of ${meta.W} steps, these have ${p.windows.W}`, { where: { file: metaFile, field: 'W' } });
  await ensureTfBackend();
  const detector = loadDetector(readDetector(p.modelDir));
  try {
    if (cancelled()) throw new VigilError('JOB_CANCELLED', 'scoring cancelled');
    const { score, parts } = detector.score({ x: scaledForModel(p.windows, meta), n: p.windows.n, F: meta.F, W: meta.W, objectIndex: p.windows.objectIndex, endMs: p.windows.endMs });
    return { scores: score, threshold: detector.threshold, model: meta.model, parts };
  } finally {
    detector.dispose();
  }
}
