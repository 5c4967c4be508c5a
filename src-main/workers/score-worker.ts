import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setupTfjs } from './tfjs-setup';
import type { SupervisedModelKind } from '../../shared/domain/models';
import type { WindowSet } from '../../shared/domain/windows';
import { serveTasks } from './worker-runtime';
import { openSavedScorer } from '../core/engine/saved-scorer';
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
 * Applies a saved model to new windows (issue: training engine, item 6): the windows are
 * re-ordered to the model's counters and scaled with its training min–max; supervised models
 * score on the engine (saved-scorer.ts), unsupervised detectors through their own code.
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
  if (p.windows.W !== meta.W) throw new VigilError('INVALID_SETTINGS', `the model reads windows of ${meta.W} steps, these have ${p.windows.W}`, { where: { file: metaFile, field: 'W' } });
  const scorer = openSavedScorer(p.modelDir, meta.model as SupervisedModelKind, meta.params, meta.F, meta.W);
  const { n } = p.windows;
  const x = scaledForModel(p.windows, meta);
  let reported = 0;
  const scores = scorer.score(x, n, (done) => {
    if (ctx.cancelled()) throw new VigilError('JOB_CANCELLED', 'scoring cancelled');
    // a progress message per ~2 % (chunks are 256 windows)
    if (done === n || done - reported >= n / 50) {
      reported = done;
      ctx.emit({ kind: 'progress', value: done / n });
    }
  });
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
    // the saved threshold: the detector's own unless `vigil train --alerts-per-day` chose another
    return { scores: score, threshold: meta.threshold, model: meta.model, parts };
  } finally {
    detector.dispose();
  }
}
