/**
 * Threshold-free metrics of a score (PROTOCOL.md §8; METHODS.md §5 "ROC curves (and their AUC)").
 * Inputs: `y` [n] 0/1 labels (anomaly = positive), `score` [n] finite, higher = more anomalous.
 *  - ROC-AUC: trapezoid over the ROC curve at the distinct score thresholds (= Mann–Whitney with
 *    ties ½, sklearn `roc_auc_score`); null unless both classes are present.
 *  - PR-AUC: average precision AP = Σ_n (R_n − R_{n−1}) · P_n over the distinct thresholds in
 *    decreasing order, no interpolation (sklearn `average_precision_score`); null without positives.
 *  - Curve points down-sampled to ≤ `maxPoints` (default 200) for storage / plots.
 */

export interface RocPoint {
  fpr: number;
  tpr: number;
  /** Flag iff score ≥ threshold; null for the (0, 0) start point (sklearn: +inf). */
  threshold: number | null;
}

export interface PrPoint {
  recall: number;
  precision: number;
  threshold: number;
}

/** Cumulative counts at each distinct threshold, scores descending: [k] tp, fp, threshold. */
interface Steps {
  tp: Float64Array;
  fp: Float64Array;
  thr: Float64Array;
  P: number;
  N: number;
}

function steps(y: ArrayLike<number>, score: ArrayLike<number>): Steps {
  const n = y.length;
  if (score.length !== n) throw new RangeError(`labels (${n}) and scores (${score.length}) differ in length`);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(score[i] as number)) throw new RangeError(`score ${i} is NaN`);
    order[i] = i;
  }
  order.sort((a, b) => (score[b] as number) - (score[a] as number));
  const tp: number[] = [];
  const fp: number[] = [];
  const thr: number[] = [];
  let t = 0;
  let f = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k] as number;
    if (y[i]) t++;
    else f++;
    const next = order[k + 1];
    if (next === undefined || (score[next] as number) !== (score[i] as number)) {
      tp.push(t);
      fp.push(f);
      thr.push(score[i] as number);
    }
  }
  return { tp: Float64Array.from(tp), fp: Float64Array.from(fp), thr: Float64Array.from(thr), P: t, N: f };
}

/** ROC-AUC by the trapezoid rule (ties ½); null unless both classes occur. */
export function rocAuc(y: ArrayLike<number>, score: ArrayLike<number>): number | null {
  const s = steps(y, score);
  if (s.P === 0 || s.N === 0) return null;
  let area = 0; // in units of (count × count), exact for n < 2^26
  let ptp = 0;
  let pfp = 0;
  for (let k = 0; k < s.tp.length; k++) {
    const tp = s.tp[k] as number;
    const fp = s.fp[k] as number;
    area += (fp - pfp) * (tp + ptp);
    ptp = tp;
    pfp = fp;
  }
  return area / (2 * s.P * s.N);
}

/** Average precision exactly as sklearn `average_precision_score`; null without positives. */
export function averagePrecision(y: ArrayLike<number>, score: ArrayLike<number>): number | null {
  const s = steps(y, score);
  if (s.P === 0) return null;
  let ap = 0;
  let prevR = 0;
  for (let k = 0; k < s.tp.length; k++) {
    const tp = s.tp[k] as number;
    const r = tp / s.P;
    const p = tp / (tp + (s.fp[k] as number));
    ap += (r - prevR) * p;
    prevR = r;
  }
  return ap;
}

/** ROC points from (0, 0) to (1, 1) at every distinct threshold, down-sampled; [] unless both classes. */
export function rocCurve(y: ArrayLike<number>, score: ArrayLike<number>, maxPoints = 200): RocPoint[] {
  const s = steps(y, score);
  if (s.P === 0 || s.N === 0) return [];
  const pts: RocPoint[] = [{ fpr: 0, tpr: 0, threshold: null }];
  for (let k = 0; k < s.tp.length; k++) pts.push({ fpr: (s.fp[k] as number) / s.N, tpr: (s.tp[k] as number) / s.P, threshold: s.thr[k] as number });
  return downsample(pts, maxPoints);
}

/** Precision–recall points in decreasing threshold order (recall ascending), down-sampled; [] without positives. */
export function prCurve(y: ArrayLike<number>, score: ArrayLike<number>, maxPoints = 200): PrPoint[] {
  const s = steps(y, score);
  if (s.P === 0) return [];
  const pts: PrPoint[] = [];
  for (let k = 0; k < s.tp.length; k++) {
    const tp = s.tp[k] as number;
    pts.push({ recall: tp / s.P, precision: tp / (tp + (s.fp[k] as number)), threshold: s.thr[k] as number });
  }
  return downsample(pts, maxPoints);
}

/** Keep ≤ maxPoints (≥ 2) evenly spaced points, always the first and the last. */
export function downsample<T>(pts: readonly T[], maxPoints = 200): T[] {
  const m = Math.max(2, Math.floor(maxPoints));
  if (pts.length <= m) return pts.slice();
  const out: T[] = [];
  for (let j = 0; j < m; j++) out.push(pts[Math.round((j * (pts.length - 1)) / (m - 1))] as T);
  return out;
}
