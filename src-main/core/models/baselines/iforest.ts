/**
 * Isolation Forest baseline (PROTOCOL.md §7, statistical; Liu, Ting & Zhou 2008, as sklearn
 * `IsolationForest(n_estimators=100, max_samples='auto', max_features=1.0, bootstrap=False)`).
 *
 * Fit on the NORMAL training windows (caller selects them), flattened time-major to D = W·F
 * float64. Each tree: ψ = min(maxSamples, n) windows drawn without replacement; grown to depth
 * ceil(log2(max(ψ, 2))); at each node a feature drawn uniformly among the features not constant in
 * the node (none left → leaf) and a threshold uniform in [min, max) of that feature in the node;
 * left iff x ≤ threshold. Path length of x = depth of its leaf + c(leaf size), with
 * c(m) = 2(ln(m − 1) + γ) − 2(m − 1)/m, c(2) = 1, c(≤1) = 0.
 * sklearn's score_samples = −2^(−E[h(x)] / c(ψ)); our score = −score_samples = 2^(−E[h(x)] / c(ψ)),
 * the paper's anomaly score s(x, ψ) in (0, 1] (higher = more anomalous; ≈ 0.5 for typical points).
 * param_count = total tree nodes. Randomness: mulberry32(seed)
 * (PROTOCOL.md §10: the caller passes seed·1000 + fold); it cannot match sklearn's draws.
 */
import { VigilError } from '../../../../shared/errors';
import { mulberry32, type Rng } from '../../windows/prng';
import { flattenTimeMajor } from './flatten';
import type { BaselineModel } from './types';

export interface IForestConfig {
  nEstimators: number;
  /** ψ = min(maxSamples, n) ('auto' in sklearn = 256). */
  maxSamples: number;
}

export const IFOREST_DEFAULTS: IForestConfig = { nEstimators: 100, maxSamples: 256 };

/** One tree as flat arrays over its nodes; a leaf has feature −1. */
export interface IsolationTree {
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  /** Leaves: depth + c(leaf size). */
  pathLength: Float64Array;
}

export interface IForestModel extends BaselineModel {
  kind: 'iforest';
  config: IForestConfig;
  F: number;
  W: number;
  /** ψ actually used. */
  maxSamples: number;
  trees: IsolationTree[];
  /** [n] mean path length E[h(x)] of windows [n, F, W] (the quantity behind `score`). */
  meanPathLength(x: Float32Array, n: number): Float64Array;
}

const EULER_GAMMA = 0.5772156649015329;
/** sklearn tree splitters: a feature whose range in a node is ≤ this is constant there. */
const FEATURE_THRESHOLD = 1e-7;

/** c(m): average path length of an unsuccessful BST search among m points (sklearn `_average_path_length`). */
export function averagePathLength(m: number): number {
  if (m <= 1) return 0;
  if (m === 2) return 1;
  return 2 * (Math.log(m - 1) + EULER_GAMMA) - (2 * (m - 1)) / m;
}

export function fitIForest(x: Float32Array, n: number, F: number, W: number, seed: number, config: IForestConfig = IFOREST_DEFAULTS): IForestModel {
  if (n < 1) throw new VigilError('INVALID_SETTINGS', 'Isolation Forest needs at least one normal training window', { hint: 'Use more data or another split.' });
  const D = F * W;
  const X = flattenTimeMajor(x, n, F, W);
  const psi = Math.min(config.maxSamples, n);
  const maxDepth = Math.ceil(Math.log2(Math.max(psi, 2)));
  const rng = mulberry32(seed >>> 0);
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const trees: IsolationTree[] = [];
  for (let e = 0; e < config.nEstimators; e++) {
    // ψ distinct rows: partial Fisher–Yates over a fresh 0…n−1.
    const pool = all.slice();
    for (let i = 0; i < psi; i++) {
      const j = i + Math.floor(rng() * (n - i));
      const t = pool[i] as number;
      pool[i] = pool[j] as number;
      pool[j] = t;
    }
    trees.push(growTree(X, D, pool.subarray(0, psi).slice(), maxDepth, rng));
  }
  const cPsi = averagePathLength(psi);
  const CHUNK = 4096; // windows flattened at a time (bounded memory on large test sets)
  const meanPathLength = (xs: Float32Array, m: number): Float64Array => {
    const out = new Float64Array(m);
    let Xs: Float64Array = new Float64Array(0);
    for (let i = 0; i < m; i++) {
      if (i % CHUNK === 0) {
        const len = Math.min(CHUNK, m - i);
        Xs = flattenTimeMajor(xs.subarray(i * D, (i + len) * D), len, F, W);
      }
      const o = (i % CHUNK) * D;
      let sum = 0;
      for (const tr of trees) {
        let node = 0;
        while ((tr.feature[node] as number) >= 0) {
          node = (Xs[o + (tr.feature[node] as number)] as number) <= (tr.threshold[node] as number) ? (tr.left[node] as number) : (tr.right[node] as number);
        }
        sum += tr.pathLength[node] as number;
      }
      out[i] = sum / trees.length;
    }
    return out;
  };
  const score = (xs: Float32Array, m: number): Float64Array => {
    const h = meanPathLength(xs, m);
    // −score_samples = 2^(−E[h]/c(ψ)). ψ = 1 gives c(ψ) = 0 and paths of 0: score 1 for every window.
    return h.map((v) => Math.pow(2, cPsi > 0 ? -v / cPsi : 0));
  };
  const paramCount = trees.reduce((s, t) => s + t.feature.length, 0);
  return { kind: 'iforest', config: { ...config }, F, W, maxSamples: psi, trees, paramCount, score, meanPathLength };
}

function growTree(X: Float64Array, D: number, rows: Int32Array, maxDepth: number, rng: Rng): IsolationTree {
  const feature: number[] = [];
  const threshold: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const pathLength: number[] = [];
  const candidates = new Int32Array(D);
  const newNode = (): number => {
    feature.push(-1);
    threshold.push(0);
    left.push(-1);
    right.push(-1);
    pathLength.push(0);
    return feature.length - 1;
  };
  // Explicit stack: [node, lo, hi, depth] over `rows` (partitioned in place).
  const stack: [number, number, number, number][] = [[newNode(), 0, rows.length, 0]];
  while (stack.length) {
    const [node, lo, hi, depth] = stack.pop() as [number, number, number, number];
    const size = hi - lo;
    let split = false;
    if (depth < maxDepth && size > 1) {
      // Draw features without replacement until one is not constant in the node.
      for (let d = 0; d < D; d++) candidates[d] = d;
      let left_ = D;
      while (left_ > 0 && !split) {
        const pick = Math.floor(rng() * left_);
        const f = candidates[pick] as number;
        candidates[pick] = candidates[left_ - 1] as number;
        left_--;
        let mn = Infinity;
        let mx = -Infinity;
        for (let r = lo; r < hi; r++) {
          const v = X[(rows[r] as number) * D + f] as number;
          if (v < mn) mn = v;
          if (v > mx) mx = v;
        }
        // sklearn treats a feature as constant in the node when max ≤ min + 1e-7 (FEATURE_THRESHOLD).
        if (!(mx > mn + FEATURE_THRESHOLD)) continue;
        let thr = mn + rng() * (mx - mn);
        if (thr >= mx) thr = mn;
        // Partition rows[lo, hi): x ≤ thr first.
        let i = lo;
        let j = hi - 1;
        while (i <= j) {
          if ((X[(rows[i] as number) * D + f] as number) <= thr) i++;
          else {
            const t = rows[i] as number;
            rows[i] = rows[j] as number;
            rows[j] = t;
            j--;
          }
        }
        feature[node] = f;
        threshold[node] = thr;
        const l = newNode();
        const r = newNode();
        left[node] = l;
        right[node] = r;
        stack.push([r, i, hi, depth + 1], [l, lo, i, depth + 1]);
        split = true;
      }
    }
    if (!split) pathLength[node] = depth + averagePathLength(size);
  }
  return {
    feature: Int32Array.from(feature),
    threshold: Float64Array.from(threshold),
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    pathLength: Float64Array.from(pathLength),
  };
}
