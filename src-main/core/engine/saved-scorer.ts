/**
 * Scores windows with a saved supervised model (`model.json` + `weights.bin`, tfjs-export.ts) on
 * the engine: `vigil score` and the app's Score action (issue "training engine", item 6). The
 * files stay TF.js layers models that TF.js loads as they are; plain-JS TF.js, the only TF.js
 * backend without libtensorflow, scored them at ~200 (CNN), ~500 (LSTM) and ~60 (contrastive)
 * windows/s here, the engine at ~150–500× that — the same scorer as the comparisons' test folds.
 */
import { join } from 'node:path';
import type { SupervisedModelKind } from '../../../shared/domain/models.js';
import { VigilError } from '../../../shared/errors.js';
import { resolveConfig } from '../models/index.js';
import type { KernelUsed } from './arena.js';
import { Rng } from './rng.js';
import { loadIntoParams, readSavedWeights } from './saved-weights.js';
import { scoreWindows } from './score-net.js';
import { buildNet } from './train.js';

export interface SavedScorer {
  /** The GEMM kernel that runs (wasm-simd-fma | wasm-simd | js). */
  readonly kernel: KernelUsed;
  /** p(anomaly) per window of x [n, F, W], already scaled like the training windows. */
  score(x: Float32Array, n: number, onChunk?: (done: number) => void): Float32Array;
}

export function openSavedScorer(dir: string, model: SupervisedModelKind, params: Record<string, unknown>, F: number, W: number, capacity = 256): SavedScorer {
  const weights = readSavedWeights(dir);
  const { net, arena, xin } = buildNet(model, resolveConfig(model, params), F, W, capacity, new Rng(0));
  loadIntoParams(net.params, weights, join(dir, 'model.json'));
  const fw = F * W;
  return {
    kernel: arena.kernel,
    score(x, n, onChunk) {
      if (x.length < n * fw) throw new VigilError('INVALID_SETTINGS', `${n} windows of ${F} × ${W} need ${n * fw} values, got ${x.length}`, { where: { field: 'windows' } });
      return scoreWindows(net, xin, capacity, fw, x, n, onChunk);
    },
  };
}
