import type { RunPredictions } from '../../shared/domain/runs';

/**
 * The threshold slider of the Compare area, client-side over `runs:predictions`.
 *
 * Each fold is a separately trained model with its own score scale, so a threshold is a rank
 * within each fold: "flag the top q of windows" (q in [0, 1]). An outage is a maximal run of
 * anomalous windows (label 1) of one object consecutive in time among the test windows
 * (folds pooled: each window is tested once); it is caught when any of its windows is flagged.
 * Alerts per day = flagged windows ÷ Σ over objects of (last − first window end), in days.
 */

export interface ThresholdModel {
  n: number;
  /** Outage id per window (−1 = normal), [n]. */
  outageOf: Int32Array;
  outages: number;
  days: number;
  /** Per fold, its windows' indices sorted by score descending. */
  byFold: Map<number, Int32Array>;
  score: Float64Array;
}

export interface ThresholdPoint {
  q: number;
  flagged: number;
  alertsPerDay: number | null;
  caught: number;
  outages: number;
  /** caught / outages, null when there is none. */
  eventRecall: number | null;
}

const MS_PER_DAY = 86_400_000;

/** Precomputes outages, span and per-fold orderings (O(n log n)); `evaluate` is then O(n). */
export function prepareThreshold(p: RunPredictions): ThresholdModel {
  const n = p.endMs.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (p.objectIndex[a] as number) - (p.objectIndex[b] as number) || (p.endMs[a] as number) - (p.endMs[b] as number));
  const outageOf = new Int32Array(n).fill(-1);
  let outages = 0;
  let prev = -1;
  const lo = new Map<number, number>();
  const hi = new Map<number, number>();
  for (const i of order) {
    const obj = p.objectIndex[i] as number;
    const t = p.endMs[i] as number;
    lo.set(obj, Math.min(lo.get(obj) ?? Infinity, t));
    hi.set(obj, Math.max(hi.get(obj) ?? -Infinity, t));
    if (p.label[i]) {
      const continues = prev >= 0 && p.label[prev] === 1 && p.objectIndex[prev] === obj;
      outageOf[i] = continues ? (outageOf[prev] as number) : outages++;
    }
    prev = i;
  }
  let spanMs = 0;
  for (const [obj, a] of lo) spanMs += (hi.get(obj) as number) - a;
  const folds = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const f = p.fold[i] as number;
    const list = folds.get(f);
    if (list) list.push(i);
    else folds.set(f, [i]);
  }
  const score = Float64Array.from(p.score);
  const byFold = new Map<number, Int32Array>();
  for (const [f, idx] of folds) byFold.set(f, Int32Array.from(idx.sort((a, b) => (score[b] as number) - (score[a] as number) || a - b)));
  return { n, outageOf, outages, days: spanMs / MS_PER_DAY, byFold, score };
}

/** Flags the top `q` of each fold's windows (ties with the last flagged score flagged too). */
export function flagsAt(m: ThresholdModel, q: number): Uint8Array {
  const flags = new Uint8Array(m.n);
  const frac = Math.min(1, Math.max(0, q));
  for (const idx of m.byFold.values()) {
    const k = Math.ceil(frac * idx.length);
    if (k === 0) continue;
    const cut = m.score[idx[k - 1] as number] as number;
    for (const i of idx) {
      if ((m.score[i] as number) >= cut) flags[i] = 1;
      else break;
    }
  }
  return flags;
}

export function evaluateThreshold(m: ThresholdModel, q: number): ThresholdPoint {
  const flags = flagsAt(m, q);
  let flagged = 0;
  const caught = new Uint8Array(m.outages);
  for (let i = 0; i < m.n; i++) {
    if (!flags[i]) continue;
    flagged++;
    const o = m.outageOf[i] as number;
    if (o >= 0) caught[o] = 1;
  }
  const c = caught.reduce((a, v) => a + v, 0);
  return { q, flagged, alertsPerDay: m.days > 0 ? flagged / m.days : null, caught: c, outages: m.outages, eventRecall: m.outages ? c / m.outages : null };
}

/** The sweep behind the "alerts/day vs outages caught" curve: one point per slider position. */
export function sweepThreshold(m: ThresholdModel): ThresholdPoint[] {
  return SLIDER_POSITIONS.map((pos) => evaluateThreshold(m, sliderToQ(pos)));
}

/** Slider position 0…100 → fraction flagged: 0, then log-spaced from 0.1 % to 100 % (the useful end is small). */
export function sliderToQ(pos: number): number {
  if (pos <= 0) return 0;
  return Math.pow(10, -3 + (3 * Math.min(100, pos)) / 100);
}

export const SLIDER_POSITIONS: readonly number[] = Array.from({ length: 101 }, (_, k) => k);
