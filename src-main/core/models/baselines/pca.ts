/**
 * PCA reconstruction-error baseline (PROTOCOL.md §7, exact up to float rounding; ref.py uses
 * sklearn `PCA(n_components=0.95, svd_solver='full')`).
 *
 * Fit on the NORMAL training windows (caller selects them: flatten.ts `normalWindows`), each
 * flattened time-major to D = W·F float64. Centred; covariance C = X_cᵀX_c/(n−1) [D, D];
 * eigen-decomposition (symmetric-eigen.ts, Jacobi); explained-variance ratio λ_j / Σλ;
 * k = the smallest number of components with cumulative ratio ≥ `varianceRatio` (0.95).
 * (sklearn takes the first k whose cumsum is STRICTLY > 0.95; the two differ only on an exact tie.)
 * Score = squared reconstruction error Σ_d (x_d − x̂_d)², x̂ = μ + (x − μ) V_k V_kᵀ.
 * param_count = k·D + D.
 */
import { VigilError } from '../../../../shared/errors';
import { flattenTimeMajor } from './flatten';
import { symmetricEigen } from './symmetric-eigen';
import type { BaselineModel } from './types';

export interface PcaConfig {
  /** Cumulative explained-variance ratio that fixes k (sklearn n_components = 0.95). */
  varianceRatio: number;
}

export const PCA_DEFAULTS: PcaConfig = { varianceRatio: 0.95 };

export interface PcaModel extends BaselineModel {
  kind: 'pca';
  config: PcaConfig;
  F: number;
  W: number;
  /** Number of components kept. */
  k: number;
  /** [D] mean of the fitted windows (time-major). */
  mean: Float64Array;
  /** [k, D] row-major: row j = component j (unit vector), by decreasing variance. */
  components: Float64Array;
  /** [D] every eigenvalue of the covariance (= sklearn explained_variance_ for the first min(n, D)). */
  explainedVariance: Float64Array;
  /** [D] λ_j / Σλ. */
  explainedVarianceRatio: Float64Array;
}

/**
 * `x` [n, F, W] feature-major (WindowSet layout), the windows to fit on. `seed` unused (PCA is
 * deterministic); accepted for the uniform baseline API.
 */
export function fitPca(x: Float32Array, n: number, F: number, W: number, _seed = 0, config: PcaConfig = PCA_DEFAULTS): PcaModel {
  if (n < 1) throw new VigilError('INVALID_SETTINGS', 'PCA needs at least one normal training window', { hint: 'Use more data or another split.' });
  const D = F * W;
  const X = flattenTimeMajor(x, n, F, W);
  const mean = new Float64Array(D);
  for (let i = 0; i < n; i++) for (let d = 0; d < D; d++) mean[d] = (mean[d] as number) + (X[i * D + d] as number);
  for (let d = 0; d < D; d++) mean[d] = (mean[d] as number) / n;
  // Upper triangle of X_cᵀ X_c (4 rows per pass over C: a quarter of the memory traffic), then mirrored.
  const C = new Float64Array(D * D);
  const c = new Float64Array(4 * D);
  for (let i0 = 0; i0 < n; i0 += 4) {
    const rowsHere = Math.min(4, n - i0);
    c.fill(0); // missing rows of the last block stay 0 and add nothing
    for (let r = 0; r < rowsHere; r++) for (let d = 0; d < D; d++) c[r * D + d] = (X[(i0 + r) * D + d] as number) - (mean[d] as number);
    for (let a = 0; a < D; a++) {
      const c0 = c[a] as number;
      const c1 = c[D + a] as number;
      const c2 = c[2 * D + a] as number;
      const c3 = c[3 * D + a] as number;
      const row = a * D;
      for (let b = a; b < D; b++) {
        C[row + b] = (C[row + b] as number) + c0 * (c[b] as number) + c1 * (c[D + b] as number) + c2 * (c[2 * D + b] as number) + c3 * (c[3 * D + b] as number);
      }
    }
  }
  const denom = Math.max(n - 1, 1);
  for (let a = 0; a < D; a++) {
    for (let b = a; b < D; b++) {
      const v = (C[a * D + b] as number) / denom;
      C[a * D + b] = v;
      C[b * D + a] = v;
    }
  }
  const eig = symmetricEigen(C, D);
  const explainedVariance = Float64Array.from(eig.values, (l) => Math.max(l, 0));
  const totalVar = explainedVariance.reduce((s, l) => s + l, 0);
  const explainedVarianceRatio = Float64Array.from(explainedVariance, (l) => (totalVar > 0 ? l / totalVar : 0));
  // k: smallest with cumulative ratio ≥ varianceRatio; no variance at all → k = 0 (score = ‖x − μ‖²).
  let k = 0;
  if (totalVar > 0) {
    let cum = 0;
    k = D;
    for (let j = 0; j < D; j++) {
      cum += explainedVarianceRatio[j] as number;
      if (cum >= config.varianceRatio) {
        k = j + 1;
        break;
      }
    }
    k = Math.min(k, n, D);
  }
  const components = new Float64Array(k * D);
  for (let j = 0; j < k; j++) for (let d = 0; d < D; d++) components[j * D + d] = eig.vectors[d * D + j] as number;

  const score = (xs: Float32Array, m: number): Float64Array => {
    const out = new Float64Array(m);
    const r = new Float64Array(D);
    const proj = new Float64Array(k);
    for (let i = 0; i < m; i++) {
      // r = x − μ, time-major from the feature-major window.
      for (let f = 0; f < F; f++) {
        const src = (i * F + f) * W;
        for (let t = 0; t < W; t++) r[t * F + f] = (xs[src + t] as number) - (mean[t * F + f] as number);
      }
      for (let j = 0; j < k; j++) {
        let s = 0;
        const row = j * D;
        for (let d = 0; d < D; d++) s += (components[row + d] as number) * (r[d] as number);
        proj[j] = s;
      }
      for (let j = 0; j < k; j++) {
        const pj = proj[j] as number;
        const row = j * D;
        for (let d = 0; d < D; d++) r[d] = (r[d] as number) - pj * (components[row + d] as number);
      }
      let e = 0;
      for (let d = 0; d < D; d++) e += (r[d] as number) * (r[d] as number);
      out[i] = e;
    }
    return out;
  };
  return { kind: 'pca', config: { ...config }, F, W, k, mean, components, explainedVariance, explainedVarianceRatio, paramCount: k * D + D, score };
}
