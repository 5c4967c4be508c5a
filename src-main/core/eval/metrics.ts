/**
 * Fold metrics (PROTOCOL.md §8, exact given predictions and scores; METHODS.md §5).
 * On the test windows of a fold, anomaly = positive class.
 *  - TP, TN, FP, FN; ACC = (TP+TN)/n; TPR = Recall = TP/(TP+FN); FPR = FP/(FP+TN);
 *    Precision = TP/(TP+FP); F1 = 2TP/(2TP+FP+FN); balanced accuracy = (TPR + (1 − FPR)) / 2
 *    (null unless both classes are present — not in the protocol, our definition).
 *    Any ratio whose denominator is 0 is null (never 0 or 1).
 *  - ROC-AUC / PR-AUC and curves: ./ranking.ts. Event recall, lead time, alerts/day: ./events.ts.
 *  - Across folds (`summarizeFolds`, as `summarize.py`): mean and population sd (np.std, ddof 0)
 *    over the folds where a metric is defined, with that count; pooled metrics from the summed
 *    confusion counts (and, via `pooledScoreMetrics`, from concatenated out-of-fold scores —
 *    which mixes the score scales of K separately trained models).
 */
import type { FoldMetrics } from '../../../shared/domain/models';
import { alertsPerDay, eventMetrics, type AlertRateOptions, type EventColumns, type EventOptions } from './events';
import { averagePrecision, rocAuc } from './ranking';

export { averagePrecision, downsample, prCurve, rocAuc, rocCurve, type PrPoint, type RocPoint } from './ranking';
export { alertsPerDay, eventMetrics, testSpanDays, DEFAULT_LOOKBACK_MIN, type EventColumns, type EventMetrics, type EventOptions, type OutageOutcome } from './events';

export interface Confusion {
  tp: number;
  tn: number;
  fp: number;
  fn: number;
}

export interface RatioMetrics {
  acc: number | null;
  balancedAcc: number | null;
  tpr: number | null;
  fpr: number | null;
  precision: number | null;
  /** = tpr (kept for readers of the paper's tables). */
  recall: number | null;
  f1: number | null;
}

/** Confusion counts of `pred` [n] against `y` [n] (both 0/1). */
export function confusion(y: ArrayLike<number>, pred: ArrayLike<number>): Confusion {
  if (y.length !== pred.length) throw new RangeError(`labels (${y.length}) and predictions (${pred.length}) differ in length`);
  let tp = 0;
  let tn = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < y.length; i++) {
    const pos = !!y[i];
    const flag = !!pred[i];
    if (pos) flag ? tp++ : fn++;
    else flag ? fp++ : tn++;
  }
  return { tp, tn, fp, fn };
}

/** a / b, or null when b = 0 (PROTOCOL.md §8). */
export function ratio(a: number, b: number): number | null {
  return b > 0 ? a / b : null;
}

export function ratioMetrics(c: Confusion): RatioMetrics {
  const { tp, tn, fp, fn } = c;
  const tpr = ratio(tp, tp + fn);
  const fpr = ratio(fp, fp + tn);
  return {
    acc: ratio(tp + tn, tp + tn + fp + fn),
    balancedAcc: tpr !== null && fpr !== null ? (tpr + (1 - fpr)) / 2 : null,
    tpr,
    fpr,
    precision: ratio(tp, tp + fp),
    recall: tpr,
    f1: ratio(2 * tp, 2 * tp + fp + fn),
  };
}

export interface FoldMetricsInput {
  fold: number;
  /** The window set's event columns (all windows), for event recall / lead time / alerts per day. */
  windows: EventColumns;
  /** [m] ascending test window indices. */
  testIdx: Int32Array;
  /** [m] test labels, [m] scores (higher = more anomalous), [m] 0/1 predictions, aligned with testIdx. */
  y: ArrayLike<number>;
  score: ArrayLike<number>;
  pred: ArrayLike<number>;
  threshold: number;
  events?: EventOptions;
  alerts?: AlertRateOptions;
}

/** Everything of `FoldMetrics` for one fold. */
export function foldMetrics(inp: FoldMetricsInput): FoldMetrics {
  const c = confusion(inp.y, inp.pred);
  const r = ratioMetrics(c);
  const ev = eventMetrics(inp.windows, inp.testIdx, inp.pred, inp.events);
  return {
    fold: inp.fold,
    ...c,
    acc: r.acc,
    balancedAcc: r.balancedAcc,
    tpr: r.tpr,
    fpr: r.fpr,
    precision: r.precision,
    f1: r.f1,
    rocAuc: rocAuc(inp.y, inp.score),
    prAuc: averagePrecision(inp.y, inp.score),
    eventRecall: ev.eventRecall,
    leadTimesMin: ev.leadTimesMin,
    alertsPerDay: alertsPerDay(inp.windows, inp.testIdx, inp.pred, inp.alerts),
    threshold: inp.threshold,
  };
}

export interface MetricSummary {
  /** null when no fold defines the metric. */
  mean: number | null;
  /** Population sd (np.std); null when no fold defines the metric. */
  std: number | null;
  /** Folds where the metric is defined. */
  folds: number;
}

export const SUMMARIZED_METRICS = ['acc', 'balancedAcc', 'tpr', 'fpr', 'precision', 'f1', 'rocAuc', 'prAuc', 'eventRecall', 'alertsPerDay', 'meanLeadTimeMin'] as const;
export type SummarizedMetric = (typeof SUMMARIZED_METRICS)[number];

export interface FoldSummary {
  folds: number;
  metrics: Record<SummarizedMetric, MetricSummary>;
  /** From the summed confusion counts. */
  pooled: Confusion & RatioMetrics & { leadTimesMin: number[]; meanLeadTimeMin: number | null };
}

export function meanStd(values: readonly number[]): MetricSummary {
  const n = values.length;
  if (n === 0) return { mean: null, std: null, folds: 0 };
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const variance = values.reduce((s, v) => s + (v - mean) * (v - mean), 0) / n;
  return { mean, std: Math.sqrt(variance), folds: n };
}

const meanOf = (v: readonly number[]): number | null => (v.length ? v.reduce((s, x) => s + x, 0) / v.length : null);

export function summarizeFolds(folds: readonly FoldMetrics[]): FoldSummary {
  const value = (f: FoldMetrics, m: SummarizedMetric): number | null => (m === 'meanLeadTimeMin' ? meanOf(f.leadTimesMin) : f[m]);
  const metrics = Object.fromEntries(
    SUMMARIZED_METRICS.map((m) => [m, meanStd(folds.map((f) => value(f, m)).filter((v): v is number => v !== null && Number.isFinite(v)))]),
  ) as Record<SummarizedMetric, MetricSummary>;
  const c: Confusion = { tp: 0, tn: 0, fp: 0, fn: 0 };
  for (const f of folds) {
    c.tp += f.tp;
    c.tn += f.tn;
    c.fp += f.fp;
    c.fn += f.fn;
  }
  const leadTimesMin = folds.flatMap((f) => f.leadTimesMin);
  return { folds: folds.length, metrics, pooled: { ...c, ...ratioMetrics(c), leadTimesMin, meanLeadTimeMin: meanOf(leadTimesMin) } };
}

/** ROC-AUC / PR-AUC over the concatenated out-of-fold labels and scores (PROTOCOL.md §8 "pooled"). */
export function pooledScoreMetrics(y: ArrayLike<number>, score: ArrayLike<number>): { rocAuc: number | null; prAuc: number | null } {
  return { rocAuc: rocAuc(y, score), prAuc: averagePrecision(y, score) };
}
