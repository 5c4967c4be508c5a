/**
 * Per-prototype Gaussians of the D part of the score (METHODS.md §6.3): D_i = Mahalanobis distance
 * of z_i to the nearest prototype, each prototype with its own covariance.
 *
 * Centres and covariances are estimated from the trained embeddings of each activity group (the
 * group mean is the maximum-likelihood centre; the trainable prototypes of the loss converge towards
 * it but can lag behind the last epoch). Shrinkage Σ_s = (1 − s)·Σ + s·(tr Σ / d)·I (+ a tiny ridge)
 * makes Σ_s invertible even when a group holds fewer windows than dimensions; the precision
 * Σ_s⁻¹ comes from a Cholesky factorisation in float64.
 */
import { VigilError } from '../../../../shared/errors.js';

export interface PrototypeGaussians {
  K: number;
  d: number;
  /** [K, d] centres. */
  means: Float32Array;
  /** [K, d, d] precision matrices Σ_k⁻¹. */
  precisions: Float32Array;
}

/** Activity level of each window [n, F, W]: its mean value (scaled units). */
export function activityLevels(x: Float32Array, n: number, fw: number): Float64Array {
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < fw; k++) s += x[i * fw + k]!;
    a[i] = s / fw;
  }
  return a;
}

/** Equal-frequency groups by activity: [n] group index 0..K−1 (rank-based, ties by window index). */
export function activityGroups(activity: Float64Array, K: number): Int32Array {
  const n = activity.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => activity[a]! - activity[b]! || a - b);
  const g = new Int32Array(n);
  for (let r = 0; r < n; r++) g[order[r]!] = Math.min(K - 1, Math.floor((r * K) / n));
  return g;
}

/** In-place inverse of a symmetric positive-definite [d, d] matrix (Cholesky). */
function spdInverse(a: Float64Array, d: number): Float64Array {
  const L = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * d + j]!;
      for (let k = 0; k < j; k++) s -= L[i * d + k]! * L[j * d + k]!;
      if (i === j) {
        if (!(s > 0)) throw new VigilError('INTERNAL', 'prototype covariance is not positive definite after shrinkage');
        L[i * d + i] = Math.sqrt(s);
      } else L[i * d + j] = s / L[j * d + j]!;
    }
  }
  // inv(L) (lower), then Σ⁻¹ = inv(L)ᵀ inv(L)
  const Li = new Float64Array(d * d);
  for (let j = 0; j < d; j++) {
    Li[j * d + j] = 1 / L[j * d + j]!;
    for (let i = j + 1; i < d; i++) {
      let s = 0;
      for (let k = j; k < i; k++) s -= L[i * d + k]! * Li[k * d + j]!;
      Li[i * d + j] = s / L[i * d + i]!;
    }
  }
  const inv = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = i; k < d; k++) s += Li[k * d + i]! * Li[k * d + j]!;
      inv[i * d + j] = s;
      inv[j * d + i] = s;
    }
  }
  return inv;
}

/** Fits one Gaussian per group of z [n, d] (groups [n] in 0..K−1; every group must be non-empty). */
export function fitPrototypeGaussians(z: Float32Array, n: number, d: number, groups: Int32Array, K: number, shrinkage: number): PrototypeGaussians {
  if (!(shrinkage >= 0 && shrinkage <= 1)) throw new VigilError('INVALID_SETTINGS', `shrinkage must be in [0, 1], got ${shrinkage}`, { where: { field: 'shrinkage' } });
  const means = new Float32Array(K * d);
  const precisions = new Float32Array(K * d * d);
  for (let k = 0; k < K; k++) {
    const mu = new Float64Array(d);
    let c = 0;
    for (let i = 0; i < n; i++) {
      if (groups[i] !== k) continue;
      c++;
      for (let j = 0; j < d; j++) mu[j]! += z[i * d + j]!;
    }
    if (c === 0) throw new VigilError('INTERNAL', `prototype group ${k} is empty`);
    for (let j = 0; j < d; j++) mu[j]! /= c;
    const cov = new Float64Array(d * d);
    for (let i = 0; i < n; i++) {
      if (groups[i] !== k) continue;
      for (let a = 0; a < d; a++) {
        const da = z[i * d + a]! - mu[a]!;
        for (let b = 0; b <= a; b++) cov[a * d + b]! += da * (z[i * d + b]! - mu[b]!);
      }
    }
    let tr = 0;
    for (let a = 0; a < d; a++) {
      for (let b = 0; b <= a; b++) {
        cov[a * d + b]! /= c;
        cov[b * d + a] = cov[a * d + b]!;
      }
      tr += cov[a * d + a]!;
    }
    // ridge: keeps Σ_s invertible when the group's embeddings are all equal (tr Σ = 0)
    const ridge = 1e-6 * Math.max(tr / d, 1e-6);
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < d; b++) cov[a * d + b]! *= 1 - shrinkage;
      cov[a * d + a]! += (shrinkage * tr) / d + ridge;
    }
    const inv = spdInverse(cov, d);
    for (let j = 0; j < d; j++) means[k * d + j] = mu[j]!;
    for (let j = 0; j < d * d; j++) precisions[k * d * d + j] = inv[j]!;
  }
  return { K, d, means, precisions };
}

/** [n] D_i = min_k sqrt((z_i − μ_k)ᵀ Σ_k⁻¹ (z_i − μ_k)). */
export function nearestMahalanobis(g: PrototypeGaussians, z: Float32Array, n: number): Float32Array {
  const { K, d, means, precisions } = g;
  const out = new Float32Array(n);
  const diff = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    let best = Infinity;
    for (let k = 0; k < K; k++) {
      for (let j = 0; j < d; j++) diff[j] = z[i * d + j]! - means[k * d + j]!;
      let q = 0;
      const P = k * d * d;
      for (let a = 0; a < d; a++) {
        let s = 0;
        for (let b = 0; b < d; b++) s += precisions[P + a * d + b]! * diff[b]!;
        q += diff[a]! * s;
      }
      if (q < best) best = q;
    }
    out[i] = Math.sqrt(Math.max(0, best));
  }
  return out;
}
