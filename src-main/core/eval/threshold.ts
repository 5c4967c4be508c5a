/**
 * Decision thresholds (PROTOCOL.md §6 / §7).
 *  - Score-based baselines (§7): r = fraction of yw = 1 among the training windows (after negative
 *    sampling), τ = the (1 − r) quantile of the scores of ALL training windows with numpy's default
 *    'linear' interpolation; anomaly iff score > τ (strict). r = 0 → τ = largest training score.
 *  - Supervised probabilities (§6): anomaly iff p ≥ 0.5.
 *  - Operator helper: τ from a target number of alerts per day on the training scores.
 */
import type { DeploymentThreshold, ThresholdRule } from '../../../shared/domain/models';

/**
 * `np.quantile(values, q)` (method 'linear', numpy ≥ 1.22) bit for bit: virtual index
 * (n − 1)·q in the ascending sort; index ≥ n − 1 → the maximum; otherwise numpy's `_lerp`,
 * which for γ ≥ 0.5 computes `b − (b − a)(1 − γ)` instead of `a + (b − a)γ`.
 * NaNs are not supported (numpy would return NaN). Throws on empty input.
 */
export function quantileLinear(values: ArrayLike<number>, q: number): number {
  const n = values.length;
  if (n === 0) throw new RangeError('quantile of an empty array');
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile ${q} outside [0, 1]`);
  const a = Float64Array.from(values as ArrayLike<number>).sort();
  const virt = (n - 1) * q;
  if (virt >= n - 1) return a[n - 1] as number;
  const prev = Math.floor(virt);
  const lo = a[prev] as number;
  const hi = a[prev + 1] as number;
  const gamma = virt - prev;
  const diff = hi - lo;
  return gamma >= 0.5 ? hi - diff * (1 - gamma) : lo + diff * gamma;
}

/** r = fraction of anomalous (yw = 1) windows among the training labels; 0 for an empty set. */
export function trainAnomalyRate(yTrain: ArrayLike<number>): number {
  if (yTrain.length === 0) return 0;
  let pos = 0;
  for (let i = 0; i < yTrain.length; i++) if (yTrain[i]) pos++;
  return pos / yTrain.length;
}

/** PROTOCOL.md §7: τ = quantile_linear(trainScores, 1 − r); r = 0 → max(trainScores). */
export function scoreThreshold(trainScores: ArrayLike<number>, r: number): number {
  if (trainScores.length === 0) throw new RangeError('no training scores to calibrate a threshold on');
  if (r <= 0) {
    let m = -Infinity;
    for (let i = 0; i < trainScores.length; i++) m = Math.max(m, trainScores[i] as number);
    return m;
  }
  return quantileLinear(trainScores, 1 - r);
}

/** §7 decision: 1 iff score > τ (strict). */
export function predictAbove(scores: ArrayLike<number>, threshold: number): Uint8Array {
  const out = new Uint8Array(scores.length);
  for (let i = 0; i < scores.length; i++) out[i] = (scores[i] as number) > threshold ? 1 : 0;
  return out;
}

/** §6 decision for supervised models: 1 iff p ≥ 0.5. */
export const PROBABILITY_THRESHOLD = 0.5;
export function predictProbability(p: ArrayLike<number>, threshold = PROBABILITY_THRESHOLD): Uint8Array {
  const out = new Uint8Array(p.length);
  for (let i = 0; i < p.length; i++) out[i] = (p[i] as number) >= threshold ? 1 : 0;
  return out;
}

/**
 * Threshold for a target alert rate (not part of the protocol; an operator setting):
 * allowed = floor(alertsPerDay · spanDays) training windows may be flagged; τ = the
 * (allowed + 1)-th largest training score, so that `score > τ` flags at most `allowed` training
 * windows (fewer when scores tie at τ). allowed ≥ n → −Infinity (flag everything);
 * allowed = 0 → the largest score (flag nothing on the training data).
 * `spanDays` = the time the training windows cover, in days.
 */
export function thresholdForAlertsPerDay(trainScores: ArrayLike<number>, spanDays: number, alertsPerDay: number): number {
  const n = trainScores.length;
  if (n === 0) throw new RangeError('no training scores to calibrate a threshold on');
  if (!(spanDays > 0) || !(alertsPerDay >= 0)) throw new RangeError('spanDays must be > 0 and alertsPerDay ≥ 0');
  const allowed = Math.floor(alertsPerDay * spanDays);
  if (allowed >= n) return -Infinity;
  const desc = Float64Array.from(trainScores as ArrayLike<number>).sort().reverse();
  return desc[allowed] as number;
}

/** The smallest double above x (x finite): `s ≥ nextUp(τ)` ⟺ `s > τ` for any double s. */
export function nextUp(x: number): number {
  if (!Number.isFinite(x)) return x;
  if (x === 0) return Number.MIN_VALUE;
  const f = new Float64Array([x]);
  const bits = new BigInt64Array(f.buffer);
  bits[0] = bits[0]! + (x > 0 ? 1n : -1n);
  return f[0]!;
}

/**
 * The decision threshold of a deployed model (`vigil train`), applied as `score ≥ threshold`:
 * the model's default (p ≥ 0.5, or an unsupervised detector's own), or with `alertsPerDay` the
 * one that flags at most that many training windows per day (`thresholdForAlertsPerDay`, chosen
 * on the training scores only; every window when the budget covers them all). Also reports what
 * the chosen threshold flags on the training windows, so a user sees the alert load up front.
 */
export function deploymentThreshold(trainScores: ArrayLike<number>, endMs: ArrayLike<number>, defaultThreshold: number, alertsPerDay?: number): DeploymentThreshold {
  const n = trainScores.length;
  if (n === 0) throw new RangeError('no training scores to calibrate a threshold on');
  let lo = Infinity;
  let hi = -Infinity;
  let minScore = Infinity;
  for (let i = 0; i < n; i++) {
    lo = Math.min(lo, endMs[i] as number);
    hi = Math.max(hi, endMs[i] as number);
    minScore = Math.min(minScore, trainScores[i] as number);
  }
  // at least one day: a few hours of windows would otherwise turn one alert into dozens a day
  const spanDays = Math.max(1, (hi - lo) / 86_400_000);
  let threshold = defaultThreshold;
  let thresholdRule: ThresholdRule = { kind: 'default' };
  if (alertsPerDay !== undefined) {
    const tau = thresholdForAlertsPerDay(trainScores, spanDays, alertsPerDay);
    threshold = tau === -Infinity ? minScore : nextUp(tau);
    thresholdRule = { kind: 'alerts-per-day', alertsPerDay };
  }
  let flagged = 0;
  for (let i = 0; i < n; i++) if ((trainScores[i] as number) >= threshold) flagged++;
  return { threshold, thresholdRule, trainingFlags: { fraction: flagged / n, alertsPerDay: flagged / spanDays, spanDays } };
}
