/**
 * Score calibration on normal data (METHODS.md §6.3): quantile normalisation Q, fitted on a normal
 * validation split, puts score parts with different units (a Mahalanobis distance, a residual norm,
 * a kNN distance) on one scale before they are weighted; the threshold is δ = median + λ·MAD of the
 * validation scores. Labels are never used here.
 */
import { VigilError } from '../../../../shared/errors.js';
import type { WindowBatch } from './types.js';
import { windowsByObject } from '../../windows/by-object.js';

/** Most knots a fitted Q keeps (enough resolution, small JSON in the saved run). */
const MAX_KNOTS = 1001;

/** JSON-safe fitted quantile normaliser (stored in SavedDetector.meta). */
export interface QuantileFit {
  /** Ascending values at probabilities k/(K−1), k = 0..K−1. */
  knots: number[];
}

function finiteSorted(values: ArrayLike<number>, what: string): Float64Array {
  const s = Float64Array.from(values);
  if (s.length === 0) throw new VigilError('EMPTY_INPUT', `${what}: no values to fit on`, { where: { field: what } });
  for (let i = 0; i < s.length; i++) {
    if (!Number.isFinite(s[i]!)) throw new VigilError('INVALID_REQUEST', `${what}: value ${i} is ${s[i]} (not finite)`, { where: { field: what } });
  }
  return s.sort();
}

/** Value at probability p of ascending `s` (linear interpolation, numpy's default 'linear'). */
function quantileOfSorted(s: Float64Array, p: number): number {
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo]! + (h - lo) * (s[hi]! - s[lo]!);
}

export function fitQuantiles(values: ArrayLike<number>, what = 'scores'): QuantileFit {
  const s = finiteSorted(values, what);
  const K = Math.min(s.length, MAX_KNOTS);
  const knots: number[] = [];
  for (let k = 0; k < K; k++) knots.push(K === 1 ? s[0]! : quantileOfSorted(s, k / (K - 1)));
  return { knots };
}

/**
 * Q(v): the empirical CDF of the fitted values, piecewise linear between knots, so Q ∈ [0, 1] on the
 * validation range. Above the largest knot Q keeps growing, 1 + (v − max)/spread with spread the
 * validation inter-quartile range: windows beyond every normal one must still be ranked against
 * each other (an anomaly score that saturates at 1 would tie them all). Below the smallest knot
 * Q = 0 (unusually *normal* is not interesting).
 */
export function applyQuantiles(fit: QuantileFit, values: Float32Array): Float32Array {
  const k = fit.knots;
  const K = k.length;
  const out = new Float32Array(values.length);
  const max = k[K - 1]!;
  const spread = K > 1 ? Math.max(quantileOfKnots(k, 0.75) - quantileOfKnots(k, 0.25), (max - k[0]!) * 1e-3, 1e-12) : 1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v > max) {
      out[i] = 1 + (v - max) / spread;
      continue;
    }
    if (K === 1) {
      out[i] = v >= max ? 1 : 0;
      continue;
    }
    if (v < k[0]!) {
      out[i] = 0;
      continue;
    }
    // largest j with k[j] <= v (ties: the last of equal knots, so Q(v) counts all of them)
    let lo = 0;
    let hi = K - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (k[mid]! <= v) lo = mid;
      else hi = mid - 1;
    }
    const j = lo;
    if (j === K - 1) {
      out[i] = 1;
      continue;
    }
    const f = (v - k[j]!) / (k[j + 1]! - k[j]!);
    out[i] = (j + f) / (K - 1);
  }
  return out;
}

function quantileOfKnots(k: number[], p: number): number {
  const h = (k.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, k.length - 1);
  return k[lo]! + (h - lo) * (k[hi]! - k[lo]!);
}

export function median(values: ArrayLike<number>, what = 'scores'): number {
  return quantileOfSorted(finiteSorted(values, what), 0.5);
}

/** Median absolute deviation (unscaled: no 1.4826 factor, the formula of METHODS.md §6.3 as written). */
export function mad(values: ArrayLike<number>, what = 'scores'): number {
  const m = median(values, what);
  const dev = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) dev[i] = Math.abs(values[i]! - m);
  return median(dev, what);
}

/** δ = median(A) + λ·MAD(A) over normal validation scores (METHODS.md §6.3); anomalous iff A ≥ δ. */
export function madThreshold(values: ArrayLike<number>, lambda: number, what = 'scores'): number {
  if (!Number.isFinite(lambda) || lambda < 0) throw new VigilError('INVALID_SETTINGS', `threshold λ must be a finite number ≥ 0, got ${lambda}`, { where: { field: 'lambda' } });
  return median(values, what) + lambda * mad(values, what);
}

/** Throws a VigilError naming the field when `b`'s arrays do not match its n, F, W (or F/W differ from `expect`). */
export function checkWindowBatch(b: WindowBatch, what: string, expect?: { F: number; W: number }): void {
  const bad = (field: string, msg: string) => new VigilError('INVALID_REQUEST', `${what}: ${msg}`, { where: { field } });
  if (!(Number.isInteger(b.n) && b.n >= 0 && Number.isInteger(b.F) && b.F >= 1 && Number.isInteger(b.W) && b.W >= 1)) throw bad('n', `bad shape n=${b.n}, F=${b.F}, W=${b.W}`);
  if (expect && (b.F !== expect.F || b.W !== expect.W)) throw bad('F', `windows are ${b.F} counters × ${b.W} steps but the model was trained on ${expect.F} × ${expect.W}`);
  if (b.x.length < b.n * b.F * b.W) throw bad('x', `x holds ${b.x.length} values, expected ${b.n} × ${b.F} × ${b.W}`);
  if (b.objectIndex.length !== b.n) throw bad('objectIndex', `objectIndex has ${b.objectIndex.length} entries, expected ${b.n}`);
  if (b.endMs.length !== b.n) throw bad('endMs', `endMs has ${b.endMs.length} entries, expected ${b.n}`);
  const fw = b.F * b.W;
  for (let i = 0; i < b.n * fw; i++) {
    if (!Number.isFinite(b.x[i]!)) throw bad('x', `window ${Math.floor(i / fw)}, counter ${Math.floor((i % fw) / b.W)}, step ${i % b.W} is ${b.x[i]} (not finite)`);
  }
}

/** Throws a VigilError when `x` does not hold n windows of F × W values (embed / attention take raw arrays). */
export function checkWindowArray(x: Float32Array, n: number, F: number, W: number, what: string): void {
  if (!Number.isInteger(n) || n < 0 || x.length < n * F * W) {
    throw new VigilError('INVALID_REQUEST', `${what}: expected ${n} windows of ${F} × ${W} values, x holds ${x.length}`, { where: { field: 'x' } });
  }
}

/** Windows `idx` of `b` (copies; `idx` order kept). */
export function selectWindows(b: WindowBatch, idx: ArrayLike<number>): WindowBatch {
  const m = b.F * b.W;
  const x = new Float32Array(idx.length * m);
  const objectIndex = new Int32Array(idx.length);
  const endMs = new Float64Array(idx.length);
  for (let r = 0; r < idx.length; r++) {
    const i = idx[r]!;
    x.set(b.x.subarray(i * m, (i + 1) * m), r * m);
    objectIndex[r] = b.objectIndex[i]!;
    endMs[r] = b.endMs[i]!;
  }
  return { x, n: idx.length, F: b.F, W: b.W, objectIndex, endMs };
}

/**
 * Holds out the last `fraction` of each object's windows (by endMs) as the normal validation split
 * that fits Q and δ. A time tail, not a random subset: both parts keep consecutive windows, so the
 * temporal terms (neighbours.ts) mean the same thing in each, and validation windows are not
 * near-copies (overlapping windows) of training ones. Objects with fewer than 2 windows stay in `fit`.
 * Throws when the split would leave either part empty.
 */
export function holdOutTail(b: WindowBatch, fraction: number): { fit: WindowBatch; validation: WindowBatch } {
  if (!(fraction > 0 && fraction < 1)) throw new VigilError('INVALID_SETTINGS', `validation fraction must be in (0, 1), got ${fraction}`, { where: { field: 'validationFraction' } });
  const fitIdx: number[] = [];
  const valIdx: number[] = [];
  for (const l of windowsByObject(b.objectIndex, b.endMs, b.n).values()) {
    const nVal = l.length < 2 ? 0 : Math.min(l.length - 1, Math.max(1, Math.round(l.length * fraction)));
    for (let k = 0; k < l.length; k++) (k < l.length - nVal ? fitIdx : valIdx).push(l[k]!);
  }
  if (fitIdx.length === 0 || valIdx.length === 0) {
    throw new VigilError('EMPTY_INPUT', `too few training windows (${b.n}) to hold out a validation split`, { hint: 'use more training windows or a longer time range' });
  }
  fitIdx.sort((a, c) => a - c);
  valIdx.sort((a, c) => a - c);
  return { fit: selectWindows(b, fitIdx), validation: selectWindows(b, valIdx) };
}
