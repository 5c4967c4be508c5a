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

/** The backend a worker resolved, and why the better ones were skipped (DESIGN.md §4). */
export interface BackendInfo {
  name: 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu' | 'vigil-native';
  device: string;
  skipped: { name: string; reason: string }[];
  threads: number;
}
