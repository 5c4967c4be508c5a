import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setupTfjs } from './tfjs-setup';
import type { WindowSet } from '../../shared/domain/windows';
import { serveTasks } from './worker-runtime';
import { fileLoadHandler, loadTfjs } from '../core/engine/tfjs-export';
import { checkModelMeta, MODEL_META_FILE } from '../core/eval/train-final';
import { VigilError } from '../../shared/errors';

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
