/** Detector families Vigil trains and compares (METHODS.md §4–6). */
export const SUPERVISED_MODELS = ['cnn', 'lstm', 'contrastive'] as const;
export const UNSUPERVISED_MODELS = ['mvas-cscd', 'metric-graph', 'temporal-prototype'] as const;
export const BASELINE_MODELS = ['random', 'pca', 'iforest'] as const;

export type SupervisedModelKind = (typeof SUPERVISED_MODELS)[number];
export type UnsupervisedModelKind = (typeof UNSUPERVISED_MODELS)[number];
export type BaselineModelKind = (typeof BASELINE_MODELS)[number];
export type ModelKind = SupervisedModelKind | UnsupervisedModelKind | BaselineModelKind;

export const ALL_MODELS: readonly ModelKind[] = [...SUPERVISED_MODELS, ...UNSUPERVISED_MODELS, ...BASELINE_MODELS];

/** A model plus every hyper-parameter it was built with (recorded in each run). */
export interface ModelSpec {
  kind: ModelKind;
  params: Record<string, number | string | boolean | number[]>;
}

/** random = stratified k-fold over windows (the paper's protocol; leaks through time). */
export type SplitKind = 'blocked' | 'kfold';

export interface ComparisonSettings {
  models: ModelKind[];
  split: SplitKind;
  folds: number;
  negativeSampling: boolean;
  /** Paper mode: score the negatively-sampled setting on a balanced test set too. */
  paperMode: boolean;
  epochs: number;
  batchSize: number;
  seed: number;
}

/** Confusion counts and derived metrics of one fold; undefined metrics are null, never 0. */
export interface FoldMetrics {
  fold: number;
  tp: number;
  tn: number;
  fp: number;
  fn: number;
  acc: number | null;
  balancedAcc: number | null;
  tpr: number | null;
  fpr: number | null;
  precision: number | null;
  f1: number | null;
  rocAuc: number | null;
  prAuc: number | null;
  eventRecall: number | null;
  /** Minutes between the first flag and the health-check failure, per caught outage. */
  leadTimesMin: number[];
  alertsPerDay: number | null;
  threshold: number;
}

/** How a deployed model's threshold was chosen (vigil-model.json, the train run). */
export type ThresholdRule = { kind: 'default' } | { kind: 'alerts-per-day'; alertsPerDay: number };

/** What a threshold does on the training windows it was chosen on. */
export interface TrainingFlags {
  /** Fraction of the training windows with score ≥ threshold. */
  fraction: number;
  /** Flagged training windows per day of the time they span (all objects together). */
  alertsPerDay: number;
  spanDays: number;
}

/** A deployed model's decision, `score ≥ threshold` (core/eval/threshold.ts deploymentThreshold). */
export interface DeploymentThreshold {
  threshold: number;
  thresholdRule: ThresholdRule;
  trainingFlags: TrainingFlags;
}

/** A finished `train` run's outcome, stored under `settings.result` (the Training area lists it). */
export interface DeployedModelResult extends DeploymentThreshold {
  trainSeconds: number;
  /** Training windows (after negative sampling for the supervised models). */
  windows: number;
}

/** The backend a worker resolved, and why the better ones were skipped (DESIGN.md §4). */
export interface BackendInfo {
  name: 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu' | 'vigil-native';
  device: string;
  skipped: { name: string; reason: string }[];
  threads: number;
}

/**
 * Ablations are configurations, not code copies (issue #5 item 4): a comparison entry is `kind`
 * or `kind:ablation`. Names and their display text live here so the renderer can offer them; the
 * parameter overrides live beside each model (core/eval/ablations.ts, the unsupervised registry).
 */
export const MODEL_ABLATIONS: Partial<Record<ModelKind, Record<string, string>>> = {
  contrastive: { 'no-pretraining': 'no pre-training' },
  'mvas-cscd': { 'no-mvas': 'no MVAS', 'no-cscd': 'no CSCD', 'no-alignment': 'no alignment term' },
  'metric-graph': { 'no-graph': 'no graph aggregation', 'no-smoothing': 'no temporal smoothing' },
  'temporal-prototype': { 'no-temporal-residual': 'no temporal residual', 'no-prototypes': 'no prototypes', 'no-knn': 'no kNN support', 'no-attention': 'no temporal attention' },
};

/** `kind` or `kind:variant` → its parts (no validation: core/eval/ablations.ts validates). */
export function splitModelEntry(entry: string): { kind: string; variant: string | null } {
  const i = entry.indexOf(':');
  return i < 0 ? { kind: entry, variant: null } : { kind: entry.slice(0, i), variant: entry.slice(i + 1) };
}

/** How a comparison entry is shown: `mvas-cscd:no-cscd` → "mvas-cscd (no CSCD)". */
export function modelLabel(entry: string): string {
  const { kind, variant } = splitModelEntry(entry);
  if (variant === null) return kind;
  return `${kind} (${MODEL_ABLATIONS[kind as ModelKind]?.[variant] ?? variant})`;
}

/**
 * Robustness runs (METHODS.md §6.1, issue #5 item 5), each a curve of metric vs level:
 * noise = Gaussian noise on the test windows' features, sd = level × the feature's training range;
 * label-noise = that share of the test labels flipped; shift = train on the first `level` share of
 * time, test on the last ROBUSTNESS_SHIFT_TEST share; reduced = keep the last `level` share of the
 * training windows (reduced-first: the first share).
 */
export const ROBUSTNESS_KINDS = ['noise', 'label-noise', 'shift', 'reduced', 'reduced-first'] as const;
export type RobustnessKind = (typeof ROBUSTNESS_KINDS)[number];
export const ROBUSTNESS_SHIFT_TEST = 0.2;

export interface RobustnessOption {
  kind: RobustnessKind;
  /** Ascending, each in [0, 1] (noise: up to 1 = 100 % of the range). */
  levels: number[];
}

/** The metrics a robustness curve plots. */
export const ROBUSTNESS_METRICS = ['f1', 'rocAuc', 'prAuc', 'eventRecall'] as const;
export type RobustnessMetric = (typeof ROBUSTNESS_METRICS)[number];

export interface RobustnessStat {
  mean: number | null;
  std: number | null;
  /** Folds where the metric is defined. */
  folds: number;
}

export interface RobustnessPoint {
  level: number;
  /** Folds that finished at this level. */
  folds: number;
  metrics: Record<RobustnessMetric, RobustnessStat>;
}

export interface RobustnessCurve {
  kind: RobustnessKind;
  /** `split/sampling` of the comparison the curve was run under. */
  setting: string;
  levels: number[];
  /** One line per comparison entry (`kind` or `kind:variant`), points in level order. */
  models: { model: string; points: RobustnessPoint[] }[];
}
