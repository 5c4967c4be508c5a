/**
 * The contract every unsupervised detector implements (METHODS.md §6). These models learn from
 * unlabelled windows; labels are used only to evaluate them (run-fold), never to fit them.
 *
 * Shapes: windows are [n, F, W] float32, feature-major inside a window (shared/domain/windows.ts),
 * already min–max scaled by the caller. Embeddings are [n, d]. Scores: higher = more anomalous.
 */
import type { UnsupervisedModelKind } from '../../../../shared/domain/models.js';

/** Windows plus what temporal terms need: which windows follow each other (same object, time order). */
export interface WindowBatch {
  /** [n, F, W] scaled windows. */
  x: Float32Array;
  n: number;
  F: number;
  W: number;
  /** [n] object index; temporal neighbours must share it. */
  objectIndex: Int32Array;
  /** [n] epoch ms of each window's last row; neighbours are ordered by it. */
  endMs: Float64Array;
}

export interface UnsupervisedFitOptions {
  epochs: number;
  batchSize: number;
  seed: number;
  /** b = batches done so far (1-based), nb = total planned. */
  onBatch?(b: number, nb: number): void;
  onEpoch?(epoch: number, loss: number): void;
  /** Polled between batches; a true answer ends training with `stopped = true`. */
  shouldStop?(): boolean;
}

/** A score and the parts it is made of (METHODS.md §6.3 keeps D, T, R separate so the user sees which fired). */
export interface ScoredWindows {
  /** [n] the anomaly score compared with `threshold`. */
  score: Float32Array;
  /** Named [n] parts (e.g. { mahalanobis, temporal, knn }); {} when the score has a single part. */
  parts: Record<string, Float32Array>;
}

/** Attention a model computes for each window (METHODS.md §7). */
export interface WindowAttention {
  /** [n, F, F] counter-to-counter adjacency A (rows sum to 1), metric-graph model. */
  adjacency?: Float32Array;
  /** [n, W] temporal weights α_t (sum to 1 per window), temporal-prototype model. */
  temporal?: Float32Array;
}

/** What is saved per run and fold so `vigil score` / explanations can reload the detector. */
export interface SavedDetector {
  kind: UnsupervisedModelKind;
  /** JSON-safe: resolved config, fitted statistics (prototypes, quantiles, threshold, memory bank…). */
  meta: Record<string, unknown>;
  /** Weight tensors in a fixed order, with their shapes. */
  weights: { name: string; shape: number[]; data: Float32Array }[];
}

export interface FittedDetector {
  readonly kind: UnsupervisedModelKind;
  readonly config: Record<string, number | boolean | string>;
  readonly F: number;
  readonly W: number;
  readonly paramCount: number;
  readonly embeddingSize: number;
  /** Per-epoch mean training loss. */
  readonly lossHistory: number[];
  readonly trainSeconds: number;
  readonly stopped: boolean;
  /** Fitted on held-out (assumed normal) training windows only, never on test windows. */
  readonly threshold: number;
  score(batch: WindowBatch): ScoredWindows;
  /** [n, embeddingSize] representation used by the score (for the PCA scatter, §7). */
  embed(x: Float32Array, n: number): Float32Array;
  attention?(x: Float32Array, n: number): WindowAttention;
  save(): SavedDetector;
  /** Frees tensors (TF.js); the detector is unusable afterwards. */
  dispose(): void;
}

export interface UnsupervisedEntry<C extends Record<string, number | boolean | string>> {
  kind: UnsupervisedModelKind;
  /** Every hyper-parameter with its default (METHODS.md §6). */
  defaults: C;
  /**
   * Ablations are configurations, not code copies: name → overrides of `defaults`
   * (e.g. 'no-cscd': { cscd: false }). A comparison runs `kind:name`.
   */
  ablations: Record<string, Partial<C>>;
  fit(train: WindowBatch, cfg: C, opts: UnsupervisedFitOptions): Promise<FittedDetector>;
  load(saved: SavedDetector): FittedDetector;
}
