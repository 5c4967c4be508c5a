import type { FoldMetrics, ModelKind } from '../../../shared/domain/models';
import type { WindowSet } from '../../../shared/domain/windows';
import { VigilError } from '../../../shared/errors';
import { trainModel, type TrainedModel } from '../engine/train';
import { fitBaseline, gatherWindows, normalWindows } from '../models/baselines';
import { isUnsupervisedKind, resolveUnsupervisedConfig, unsupervisedEntry } from '../models/unsupervised/registry';
import { ensureTfBackend } from '../models/unsupervised/tf-runtime';
import type { FittedDetector, WindowBatch } from '../models/unsupervised/types';
import { applyMinMaxWindows, fitMinMaxWindows } from './scaling';
import { predictAbove, predictProbability, PROBABILITY_THRESHOLD, scoreThreshold, trainAnomalyRate } from './threshold';
import { foldMetrics, prCurve, rocCurve, type PrPoint, type RocPoint } from './metrics';

export interface FoldRun {
  model: ModelKind;
  params: Record<string, number | string | boolean | number[]>;
  fold: number;
  epochs: number;
  batchSize: number;
  /** Run seed; the model's own generator gets seed·1000 + fold (PROTOCOL.md §10). */
  seed: number;
  /** Ascending window indices. */
  train: Int32Array;
  trainBeforeSampling: Int32Array;
  test: Int32Array;
}

export interface FoldHooks {
  onProgress?(value: number): void;
  onEpoch?(epoch: number, epochs: number, loss: number): void;
  shouldStop?(): boolean;
}

export interface FoldOutcome {
  metrics: FoldMetrics;
  /** [m] test scores (supervised: anomaly probability; baselines: their score), aligned with `test`. */
  scores: Float32Array;
  flags: Uint8Array;
  roc: RocPoint[];
  pr: PrPoint[];
  trainSeconds: number;
  scoreSeconds: number;
  trainWindowsPerSec: number;
  paramCount: number;
  lossHistory: number[];
  /** Set for the supervised models: the trained network, for saving as TF.js artifacts. */
  trained: TrainedModel | null;
  /** Set for the unsupervised models: the fitted detector, for saving (weights-io.ts); the caller disposes it. */
  detector?: FittedDetector | null;
  /** Unsupervised models: the named [m] parts of the test scores (METHODS.md §6.3), {} for a single-part score. */
  scoreParts?: Record<string, Float32Array>;
}

/** Windows `idx` of the scaled [n, F, W] array with what temporal terms need (object, time). */
function windowBatch(xs: Float32Array, idx: Int32Array, ws: WindowSet): WindowBatch {
  return { x: gatherWindows(xs, idx, ws.F, ws.W), n: idx.length, F: ws.F, W: ws.W, objectIndex: Int32Array.from(idx, (i) => ws.objectIndex[i] ?? 0), endMs: Float64Array.from(idx, (i) => ws.endMs[i] ?? 0) };
}

const SUPERVISED = new Set<ModelKind>(['cnn', 'lstm', 'contrastive']);
const BASELINES = new Set<ModelKind>(['random', 'pca', 'iforest']);

/**
 * One fold of one model (METHODS.md §5; PROTOCOL.md §3, §6–8): min–max scaling fitted on the
 * fold's training windows, training (supervised: the engine; baselines: fit on the normal
 * training windows), scoring the test windows, thresholding on training data only, metrics.
 */
export async function runFold(ws: WindowSet, run: FoldRun, hooks: FoldHooks = {}): Promise<FoldOutcome> {
  const { F, W } = ws;
  if (run.train.length === 0) throw new VigilError('INVALID_SETTINGS', `fold ${run.fold} has no training windows`, { hint: 'Use fewer folds.' });
  const mm = fitMinMaxWindows(ws.x, F, W, run.trainBeforeSampling);
  const xs = applyMinMaxWindows(ws.x, ws.n, F, W, mm); // [n, F, W] scaled
  for (let i = 0; i < xs.length; i++) {
    if (!Number.isFinite(xs[i] as number)) throw new VigilError('INVALID_SETTINGS', 'a window holds a value that is not a finite number after scaling', { hint: 'Import the data again; missing cells are filled, but ±Infinity cannot be used.' });
  }
  const trainX = gatherWindows(xs, run.train, F, W);
  const trainY = Uint8Array.from(run.train, (i) => ws.y[i] ?? 0);
  const testX = gatherWindows(xs, run.test, F, W);
  const testY = Uint8Array.from(run.test, (i) => ws.y[i] ?? 0);
  const m = run.test.length;
  let scores: Float32Array;
  let flags: Uint8Array;
  let threshold: number;
  let trainSeconds: number;
  let paramCount: number;
  let lossHistory: number[] = [];
  let trained: TrainedModel | null = null;
  let detector: FittedDetector | null = null;
  let scoreParts: Record<string, Float32Array> | undefined;
  let epochsRan = 1;
  let scoreSeconds: number;

  if (SUPERVISED.has(run.model)) {
    const trainSet: WindowSet = { ...ws, n: run.train.length, x: trainX, y: trainY, endMs: Float64Array.from(run.train, (i) => ws.endMs[i] ?? 0), objectIndex: Int32Array.from(run.train, (i) => ws.objectIndex[i] ?? 0), outageIndex: Int32Array.from(run.train, (i) => ws.outageIndex[i] ?? -1) };
    trained = trainModel({ kind: run.model, params: run.params }, trainSet, {
      epochs: run.epochs,
      batchSize: run.batchSize,
      seed: run.seed * 1000 + run.fold,
      onBatch: (b, nb) => hooks.onProgress?.(b / nb),
      onEpoch: (e, loss, phase) => {
        if (phase !== 'pretrain') hooks.onEpoch?.(e + 1, run.epochs, loss);
      },
      ...(hooks.shouldStop ? { shouldStop: hooks.shouldStop } : {}),
    });
    if (trained.stopped) throw new VigilError('JOB_CANCELLED', 'training was cancelled');
    trainSeconds = trained.trainSeconds;
    paramCount = trained.paramCount;
    lossHistory = trained.lossHistory;
    const t0 = performance.now();
    scores = trained.score(testX, m);
    scoreSeconds = (performance.now() - t0) / 1000;
    threshold = PROBABILITY_THRESHOLD;
    flags = predictProbability(scores, threshold);
  } else if (BASELINES.has(run.model)) {
    const t0 = performance.now();
    const normal = normalWindows(run.train, ws.y);
    if (normal.length === 0) throw new VigilError('INVALID_SETTINGS', `fold ${run.fold} has no normal training window to fit ${run.model} on`);
    const fitX = gatherWindows(xs, normal, F, W);
    const model = fitBaseline(run.model as 'random' | 'pca' | 'iforest', fitX, normal.length, F, W, run.seed * 1000 + run.fold);
    const trainScores = model.score(trainX, run.train.length);
    threshold = scoreThreshold(trainScores, trainAnomalyRate(trainY));
    trainSeconds = (performance.now() - t0) / 1000;
    paramCount = model.paramCount;
    const t1 = performance.now();
    scores = Float32Array.from(model.score(testX, m));
    scoreSeconds = (performance.now() - t1) / 1000;
    flags = predictAbove(scores, threshold);
    hooks.onProgress?.(1);
  } else if (isUnsupervisedKind(run.model)) {
    // METHODS.md §6: fitted WITHOUT labels on the fold's training windows (same min–max scaling as
    // the others). Negative sampling (`ns` / `paper`) is a supervised device — it balances the
    // classes by reading the labels — so these models always see the fold's training windows
    // before sampling; labels only score the test windows below. The threshold is the detector's
    // own (median + λ·MAD over held-out training windows, assumed normal).
    await ensureTfBackend();
    const cfg = resolveUnsupervisedConfig(run.model, null, run.params);
    const num = (k: string, d: number) => (typeof run.params[k] === 'number' && (run.params[k] as number) > 0 ? Math.floor(run.params[k] as number) : d);
    const epochs = num('epochs', run.epochs);
    detector = await unsupervisedEntry(run.model).fit(windowBatch(xs, run.trainBeforeSampling, ws), cfg, {
      epochs,
      batchSize: num('batchSize', run.batchSize),
      seed: run.seed * 1000 + run.fold,
      onBatch: (b, nb) => hooks.onProgress?.(b / nb),
      onEpoch: (e, loss) => hooks.onEpoch?.(e + 1, epochs, loss),
      ...(hooks.shouldStop ? { shouldStop: hooks.shouldStop } : {}),
    });
    if (detector.stopped) {
      detector.dispose();
      throw new VigilError('JOB_CANCELLED', 'training was cancelled');
    }
    trainSeconds = detector.trainSeconds;
    paramCount = detector.paramCount;
    lossHistory = detector.lossHistory;
    epochsRan = detector.lossHistory.length;
    const t0 = performance.now();
    const scored = detector.score(windowBatch(xs, run.test, ws));
    scoreSeconds = (performance.now() - t0) / 1000;
    scores = scored.score;
    scoreParts = scored.parts;
    threshold = detector.threshold;
    const thr = threshold;
    flags = Uint8Array.from(scores, (v) => (v >= thr ? 1 : 0)); // METHODS.md §6.3: anomalous iff A_i ≥ δ
  } else {
    throw new VigilError('INVALID_SETTINGS', `model ${run.model} cannot run in a comparison yet`, { where: { field: 'models' } });
  }
  const metrics = foldMetrics({ fold: run.fold, windows: ws, testIdx: run.test, y: testY, score: scores, pred: flags, threshold });
  return {
    metrics,
    scores,
    flags,
    roc: rocCurve(testY, scores),
    pr: prCurve(testY, scores),
    trainSeconds,
    scoreSeconds,
    trainWindowsPerSec: detector
      ? (run.trainBeforeSampling.length * epochsRan) / Math.max(trainSeconds, 1e-9)
      : (run.train.length * (trained ? trained.epochsCompleted : 1)) / Math.max(trainSeconds, 1e-9), // epochs that ran (early stopping: params.validationFraction)
    paramCount,
    lossHistory,
    trained,
    detector,
    ...(scoreParts ? { scoreParts } : {}),
  };
}
