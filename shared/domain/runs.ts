import type { JobState, SerializedError } from './jobs';
import type { BackendInfo, RobustnessCurve } from './models';

/**
 * A stored comparison read back for the Compare area (`runs:get`), and the per-window predictions
 * behind its threshold slider (`runs:predictions`). Plain data; the engine builds it from the
 * `runs`, `fold_metrics` and `predictions` tables.
 */

/** The metrics summarised across folds (same names as core/eval/metrics.ts SUMMARIZED_METRICS). */
export const RUN_METRICS = ['acc', 'balancedAcc', 'tpr', 'fpr', 'precision', 'f1', 'rocAuc', 'prAuc', 'eventRecall', 'alertsPerDay', 'meanLeadTimeMin'] as const;
export type RunMetric = (typeof RUN_METRICS)[number];

/** Lower is better for these; higher for every other metric. */
export const LOWER_IS_BETTER: readonly RunMetric[] = ['fpr', 'alertsPerDay'];

export interface MetricStat {
  /** null when no fold defines the metric. */
  mean: number | null;
  /** Population sd over the folds that define it. */
  std: number | null;
  /** Folds where the metric is defined. */
  folds: number;
}

export interface XY {
  x: number;
  y: number;
}

export interface RunModelRow {
  model: string;
  /** Folds that finished. */
  folds: number;
  metrics: Record<RunMetric, MetricStat>;
  /** Summed over folds. */
  confusion: { tp: number; tn: number; fp: number; fn: number };
  /** Lead time (minutes) of each caught outage, per fold. */
  leadTimes: { fold: number; minutes: number[] }[];
  trainWindowsPerSec: number | null;
  trainSeconds: number | null;
  /** Pooled out-of-fold curves (x = FPR, y = TPR) and (x = recall, y = precision). */
  roc: XY[];
  pr: XY[];
}

export interface RunGroup {
  /** `split/sampling`, as stored. */
  setting: string;
  split: string;
  sampling: string;
  folds: number;
  foldsWithAnomalies: number;
  rows: RunModelRow[];
}

export interface RunDetail {
  id: string;
  kind: string;
  state: JobState;
  createdAtMs: number;
  finishedAtMs: number | null;
  labelSetId: string | null;
  labelVersion: number | null;
  dataHash: string | null;
  seed: number | null;
  backend: BackendInfo | null;
  settings: Record<string, unknown>;
  versions: Record<string, string>;
  error: SerializedError | null;
  groups: RunGroup[];
  /** Robustness curves (issue #5 item 5); absent or [] when the run had none. */
  robustness?: RobustnessCurve[];
}

/** Column arrays of one model × setting's test windows, all folds (`runs:predictions`). */
export interface RunPredictions {
  /** [n] epoch ms of each window's last row, ascending within an object. */
  endMs: number[];
  /** [n] 0/1. */
  label: number[];
  /** [n] higher = more anomalous (scales differ between folds: separately trained models). */
  score: number[];
  objectIndex: number[];
  fold: number[];
}

export interface ReportFile {
  /** Base name without extension, e.g. `vigil-report-20260101-120000`. */
  name: string;
  html: string;
  pdf: string | null;
  createdAtMs: number;
  bytes: number;
}
