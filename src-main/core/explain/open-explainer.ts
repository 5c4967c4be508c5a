/**
 * Opens the explainer of a saved model (METHODS.md §7): engine models from their TF.js artifacts
 * (engine/saved-weights.ts, no TF.js needed), unsupervised detectors through their registry.
 */
import { SUPERVISED_MODELS, type SupervisedModelKind } from '../../../shared/domain/models.js';
import { VigilError } from '../../../shared/errors.js';
import { isDetectorDir, readDetector } from '../models/unsupervised/weights-io.js';
import { loadDetector } from '../models/unsupervised/registry.js';
import { DetectorExplainer } from './detector-explainer.js';
import { EngineConvExplainer } from './engine-explainer.js';
import type { WindowExplainer } from './explainer.js';
import { readSavedWeights } from '../engine/saved-weights.js';
import { LstmExplainer } from './lstm-explainer.js';

export interface OpenExplainerOptions {
  /** Model kind (`cnn`, `lstm`, `contrastive`, or an unsupervised kind); an ablation suffix is ignored here. */
  kind: string;
  params: Record<string, unknown>;
  F: number;
  W: number;
  /** [F] normal level for occlusion (unsupervised); default 0.5 of the min–max range. */
  normalLevel?: Float32Array;
  /** Largest batch (buffers are sized for it; 1 for a single window keeps the load cheap). */
  capacity?: number;
}

export function openExplainer(dir: string, o: OpenExplainerOptions): WindowExplainer & { dispose(): void } {
  const kind = o.kind.split(':')[0]!;
  if ((SUPERVISED_MODELS as readonly string[]).includes(kind)) {
    const weights = readSavedWeights(dir);
    const ex = kind === 'lstm' ? new LstmExplainer(o.F, o.W, weights, dir) : new EngineConvExplainer(kind as SupervisedModelKind, o.params, o.F, o.W, weights, dir, o.capacity ?? 256);
    return Object.assign(ex, { dispose: () => undefined });
  }
  if (!isDetectorDir(dir)) throw new VigilError('NOT_FOUND', `no saved ${o.kind} model in ${dir}`, { where: { file: dir }, hint: 'Run the comparison again with saved models (the default).' });
  const det = loadDetector(readDetector(dir));
  if (det.F !== o.F || det.W !== o.W) throw new VigilError('INVALID_SETTINGS', `the saved ${kind} detector expects windows of ${det.F} × ${det.W}, the run has ${o.F} × ${o.W}`, { where: { file: dir } });
  const ex = new DetectorExplainer(det, o.normalLevel ?? new Float32Array(o.F).fill(0.5));
  return Object.assign(ex, { dispose: () => det.dispose() });
}
