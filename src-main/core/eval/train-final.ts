import type { ModelKind } from '../../../shared/domain/models';
import { SUPERVISED_MODELS } from '../../../shared/domain/models';
import type { WindowSet } from '../../../shared/domain/windows';
import { VigilError } from '../../../shared/errors';
import { trainModel, type TrainedModel } from '../engine/train';
import { isUnsupervisedKind, resolveUnsupervisedConfig, unsupervisedEntry } from '../models/unsupervised/registry';
import { ensureTfBackend } from '../models/unsupervised/tf-runtime';
import type { FittedDetector } from '../models/unsupervised/types';
import { negativeSample } from '../windows/negative-sampling';
import { applyMinMaxWindows, fitMinMaxWindows } from './scaling';
import type { DeploymentThreshold, ThresholdRule, TrainingFlags } from '../../../shared/domain/models';
import { deploymentThreshold, PROBABILITY_THRESHOLD } from './threshold';

/** What a saved model needs besides its weights to score new data the way it was trained. */
export interface ModelMeta {
  format: 'vigil-model';
  formatVersion: 1;
  model: ModelKind;
  params: Record<string, number>;
  F: number;
  W: number;
  counters: string[];
  /** Per-counter min–max fitted on the training windows (PROTOCOL.md §3). */
  scaling: { min: number[]; range: number[] };
  /** Decision: score ≥ threshold. */
  threshold: number;
  /** How the threshold was chosen and what it flags on the training windows (absent in files of earlier builds). */
  thresholdRule?: ThresholdRule;
  trainingFlags?: TrainingFlags;
  trained: { windows: number; anomalies: number; negativeSampling: boolean; epochs: number; batchSize: number; seed: number; dataHash: string; labelSetId: string | null; labelVersion: number | null };
  createdAtMs: number;
}

export const MODEL_META_FILE = 'vigil-model.json';

/**
 * Trains one supervised model on every window (no cross-validation): the model a user deploys
 * to score new data (`vigil score`). Scaling is fitted on all training windows; the decision
 * rule is p ≥ 0.5 (PROTOCOL.md §6), or with `alertsPerDay` the threshold that flags at most that
 * many of ALL the training windows (before negative sampling) a day.
 */
export function trainFinal(ws: WindowSet, o: { model: ModelKind; params: Record<string, number>; epochs: number; batchSize: number; seed: number; negativeSampling: boolean; alertsPerDay?: number | undefined }, hooks: { onProgress?(v: number): void; onEpoch?(e: number, epochs: number, loss: number): void; shouldStop?(): boolean } = {}): { trained: TrainedModel; scaling: ModelMeta['scaling']; windows: number } & DeploymentThreshold {
  if (!(SUPERVISED_MODELS as readonly string[]).includes(o.model)) throw new VigilError('INVALID_SETTINGS', `only the supervised models (cnn, lstm, contrastive) and the unsupervised detectors (fitFinalDetector) can be trained for scoring; ${o.model} is a comparison baseline`, { where: { field: 'model' } });
  const all = Int32Array.from({ length: ws.n }, (_, i) => i);
  const train = o.negativeSampling ? negativeSample(all, ws.y, 0, o.seed).train : all;
  const mm = fitMinMaxWindows(ws.x, ws.F, ws.W, all);
  const xs = applyMinMaxWindows(ws.x, ws.n, ws.F, ws.W, mm);
  const fw = ws.F * ws.W;
  const x = new Float32Array(train.length * fw);
  train.forEach((w, j) => x.set(xs.subarray(w * fw, (w + 1) * fw), j * fw));
  const subset: WindowSet = { ...ws, n: train.length, x, y: Uint8Array.from(train, (i) => ws.y[i] ?? 0), endMs: Float64Array.from(train, (i) => ws.endMs[i] ?? 0), objectIndex: Int32Array.from(train, (i) => ws.objectIndex[i] ?? 0), outageIndex: Int32Array.from(train, (i) => ws.outageIndex[i] ?? -1) };
  const trained = trainModel({ kind: o.model, params: o.params }, subset, {
    epochs: o.epochs,
    batchSize: o.batchSize,
    seed: o.seed,
    onBatch: (b, nb) => hooks.onProgress?.(b / nb),
    onEpoch: (e, loss, phase) => {
      if (phase !== 'pretrain') hooks.onEpoch?.(e + 1, o.epochs, loss);
    },
    ...(hooks.shouldStop ? { shouldStop: hooks.shouldStop } : {}),
  });
  if (trained.stopped) throw new VigilError('JOB_CANCELLED', 'training was cancelled');
  return { trained, scaling: { min: Array.from(mm.min), range: Array.from(mm.range) }, ...deploymentThreshold(trained.score(xs, ws.n), ws.endMs, PROBABILITY_THRESHOLD, o.alertsPerDay), windows: train.length };
}

/**
 * The deployable unsupervised detector (METHODS.md §6): fitted WITHOUT labels on every window
 * (negative sampling reads labels, so it does not apply), scaled like `trainFinal`; the decision
 * rule is the detector's own threshold (median + λ·MAD over its held-out, assumed-normal tail),
 * or with `alertsPerDay` the one that flags at most that many training windows a day.
 */
export async function fitFinalDetector(ws: WindowSet, o: { model: ModelKind; params: Record<string, number>; epochs: number; batchSize: number; seed: number; alertsPerDay?: number | undefined }, hooks: { onProgress?(v: number): void; onEpoch?(e: number, epochs: number, loss: number): void; shouldStop?(): boolean } = {}): Promise<{ detector: FittedDetector; scaling: ModelMeta['scaling']; windows: number } & DeploymentThreshold> {
  if (!isUnsupervisedKind(o.model)) throw new VigilError('INVALID_SETTINGS', `${o.model} is not an unsupervised detector`, { where: { field: 'model' } });
  await ensureTfBackend();
  const all = Int32Array.from({ length: ws.n }, (_, i) => i);
  const mm = fitMinMaxWindows(ws.x, ws.F, ws.W, all);
  const xs = applyMinMaxWindows(ws.x, ws.n, ws.F, ws.W, mm);
  const detector = await unsupervisedEntry(o.model).fit({ x: xs, n: ws.n, F: ws.F, W: ws.W, objectIndex: ws.objectIndex, endMs: ws.endMs }, resolveUnsupervisedConfig(o.model, null, o.params), {
    epochs: o.epochs,
    batchSize: o.batchSize,
    seed: o.seed,
    onBatch: (b, nb) => hooks.onProgress?.(b / nb),
    onEpoch: (e, loss) => hooks.onEpoch?.(e + 1, o.epochs, loss),
    ...(hooks.shouldStop ? { shouldStop: hooks.shouldStop } : {}),
  });
  if (detector.stopped) {
    detector.dispose();
    throw new VigilError('JOB_CANCELLED', 'training was cancelled');
  }
  const { score } = detector.score({ x: xs, n: ws.n, F: ws.F, W: ws.W, objectIndex: ws.objectIndex, endMs: ws.endMs });
  return { detector, scaling: { min: Array.from(mm.min), range: Array.from(mm.range) }, ...deploymentThreshold(score, ws.endMs, detector.threshold, o.alertsPerDay), windows: ws.n };
}

/** Checks a saved model's metadata before scoring; a file from another version is refused clearly. */
export function checkModelMeta(raw: unknown, file: string, counters: readonly string[]): ModelMeta {
  const m = raw as Partial<ModelMeta> | null;
  if (!m || m.format !== 'vigil-model') throw new VigilError('UNSUPPORTED_FORMAT', 'not a Vigil model (no vigil-model format marker)', { where: { file }, hint: 'Pick a folder written by `vigil train`.' });
  if (m.formatVersion !== 1) throw new VigilError('UNSUPPORTED_FORMAT', `model format version ${String(m.formatVersion)} is not supported by this Vigil (it reads version 1)`, { where: { file, field: 'formatVersion' }, hint: 'Train the model again with this version of Vigil.' });
  const missing = (m.counters ?? []).filter((c) => !counters.includes(c));
  if (missing.length) throw new VigilError('INVALID_SETTINGS', `the data lacks counter(s) the model was trained on: ${missing.join(', ')}`, { where: { file, field: 'counters' }, hint: 'Import those counters, or train a model on the counters you have.' });
  return m as ModelMeta;
}
