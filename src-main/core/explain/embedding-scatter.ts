/**
 * 2-D PCA projection of window representations (METHODS.md §7): the supervised network's
 * penultimate layer or an unsupervised detector's `embed()`, [n, d] → [n, 2], reusing the PCA
 * baseline's fit (baselines/pca.ts; an embedding is a "window" of d features × 1 step).
 */
import { fitPca } from '../models/baselines/pca.js';

export interface Projection2D {
  x: Float32Array;
  y: Float32Array;
  explainedVariance: [number, number];
}

export function pca2d(data: Float32Array, n: number, d: number): Projection2D {
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  if (n < 2 || d < 1) return { x, y, explainedVariance: [0, 0] };
  const m = fitPca(data, n, d, 1, 0, { varianceRatio: 1 });
  const D = d;
  const comps = m.components;
  const k = Math.min(2, m.k);
  for (let i = 0; i < n; i++) {
    let a = 0;
    let b = 0;
    for (let j = 0; j < D; j++) {
      const v = data[i * D + j]! - m.mean[j]!;
      a += v * comps[j]!;
      if (k > 1) b += v * comps[D + j]!;
    }
    x[i] = a;
    y[i] = b;
  }
  const r = m.explainedVarianceRatio;
  return { x, y, explainedVariance: [Number.isFinite(r[0]!) ? r[0]! : 0, k > 1 && Number.isFinite(r[1]!) ? r[1]! : 0] };
}
