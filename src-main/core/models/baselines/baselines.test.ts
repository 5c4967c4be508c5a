import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../windows/prng';
import { averagePathLength, fitBaseline, fitIForest, fitPca, fitRandom, flattenTimeMajor, gatherWindows, normalWindows, symmetricEigen } from './index';

/** Standard normal from the protocol PRNG (Box–Muller). */
function gaussian(rng: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

/** Time-major design rows [n, W·F] → WindowSet layout [n, F, W] feature-major float32. */
function toFeatureMajor(rows: Float64Array, n: number, F: number, W: number): Float32Array {
  const x = new Float32Array(n * F * W);
  for (let i = 0; i < n; i++) for (let t = 0; t < W; t++) for (let f = 0; f < F; f++) x[(i * F + f) * W + t] = rows[i * F * W + t * F + f] as number;
  return x;
}

describe('window flattening (PROTOCOL.md §7: time-major W·F)', () => {
  it('step 0 features first, then step 1 …; gather / normal selection', () => {
    // One window, F = 2, W = 3, feature-major: f0 = [1,2,3], f1 = [10,20,30].
    const x = Float32Array.from([1, 2, 3, 10, 20, 30]);
    expect([...flattenTimeMajor(x, 1, 2, 3)]).toEqual([1, 10, 2, 20, 3, 30]);
    const two = Float32Array.from([1, 2, 3, 10, 20, 30, 4, 5, 6, 40, 50, 60]);
    expect([...gatherWindows(two, [1], 2, 3)]).toEqual([4, 5, 6, 40, 50, 60]);
    expect([...normalWindows(Int32Array.from([0, 2, 3, 5]), Uint8Array.from([0, 1, 1, 0, 0, 1]))]).toEqual([0, 3]);
  });
});

describe('symmetric eigen-decomposition (Jacobi)', () => {
  it('A V = V Λ, V orthonormal, eigenvalues descending', () => {
    const D = 12;
    const g = gaussian(mulberry32(7));
    const B = Float64Array.from({ length: D * D }, g);
    const A = new Float64Array(D * D);
    for (let i = 0; i < D; i++) for (let j = 0; j < D; j++) {
      let s = 0;
      for (let k = 0; k < D; k++) s += (B[i * D + k] as number) * (B[j * D + k] as number);
      A[i * D + j] = s;
    }
    const { values, vectors } = symmetricEigen(A, D);
    for (let j = 1; j < D; j++) expect(values[j]).toBeLessThanOrEqual(values[j - 1] as number);
    for (let i = 0; i < D; i++) for (let j = 0; j < D; j++) {
      let av = 0;
      let vv = 0;
      for (let k = 0; k < D; k++) {
        av += (A[i * D + k] as number) * (vectors[k * D + j] as number);
        vv += (vectors[k * D + i] as number) * (vectors[k * D + j] as number);
      }
      expect(av).toBeCloseTo((values[j] as number) * (vectors[i * D + j] as number), 9);
      expect(vv).toBeCloseTo(i === j ? 1 : 0, 12);
    }
  });
});

describe('PCA baseline (PROTOCOL.md §7)', () => {
  it('recovers a planted rank-2 structure and flags an off-plane point', () => {
    const F = 3;
    const W = 4;
    const D = F * W;
    const n = 400;
    const g = gaussian(mulberry32(1));
    const basis = Float64Array.from({ length: 2 * D }, g);
    const rows = new Float64Array(n * D);
    for (let i = 0; i < n; i++) {
      const z0 = 3 * g();
      const z1 = 2 * g();
      for (let d = 0; d < D; d++) rows[i * D + d] = 5 + z0 * (basis[d] as number) + z1 * (basis[D + d] as number) + 0.01 * g();
    }
    const x = toFeatureMajor(rows, n, F, W);
    const m = fitPca(x, n, F, W);
    expect(m.k).toBe(2);
    expect(m.paramCount).toBe(2 * D + D);
    expect(m.explainedVarianceRatio[0]! + m.explainedVarianceRatio[1]!).toBeGreaterThan(0.999);
    // An in-plane point scores ≈ noise level; an off-plane point far above.
    const inPlane = new Float64Array(D);
    const offPlane = new Float64Array(D);
    const orth = Float64Array.from({ length: D }, g);
    for (let d = 0; d < D; d++) {
      inPlane[d] = 5 + 1.5 * (basis[d] as number) - 0.7 * (basis[D + d] as number);
      offPlane[d] = (inPlane[d] as number) + 0.5 * (orth[d] as number);
    }
    const s = m.score(toFeatureMajor(Float64Array.from([...inPlane, ...offPlane]), 2, F, W), 2);
    expect(s[0]).toBeLessThan(0.01);
    expect(s[1]).toBeGreaterThan(100 * (s[0] as number));
    const train = m.score(x, n);
    expect(Math.max(...train)).toBeLessThan(s[1] as number);
  });

  it('k = the smallest number of components with cumulative explained variance ≥ 0.95', () => {
    // 8 rows of Hadamard columns 1–4 (±1, mean 0, mutually orthogonal) scaled by √v: the sample
    // covariance is exactly diagonal with variances ∝ v.
    const H = [
      [1, 1, 1, 1, 1, 1, 1, 1], [1, -1, 1, -1, 1, -1, 1, -1], [1, 1, -1, -1, 1, 1, -1, -1], [1, -1, -1, 1, 1, -1, -1, 1],
      [1, 1, 1, 1, -1, -1, -1, -1], [1, -1, 1, -1, -1, 1, -1, 1], [1, 1, -1, -1, -1, -1, 1, 1], [1, -1, -1, 1, -1, 1, 1, -1],
    ];
    const design = (v: number[]): Float32Array => {
      const rows = new Float64Array(8 * 4);
      for (let i = 0; i < 8; i++) for (let d = 0; d < 4; d++) rows[i * 4 + d] = Math.sqrt(v[d] as number) * (H[i]![d + 1] as number);
      return toFeatureMajor(rows, 8, 2, 2);
    };
    // Ratios .5 .3 .16 .04 → cumulative .5 .8 .96 → k = 3.
    const a = fitPca(design([50, 30, 16, 4]), 8, 2, 2);
    expect(a.k).toBe(3);
    expect(a.explainedVarianceRatio[2]).toBeCloseTo(0.16, 6);
    // Ratios .5 .3 .14 .06 → cumulative .94 at 3 → k = 4.
    expect(fitPca(design([50, 30, 14, 6]), 8, 2, 2).k).toBe(4);
    // Ratios .96 … → k = 1.
    expect(fitPca(design([96, 2, 1, 1]), 8, 2, 2).k).toBe(1);
    expect(fitPca(design([50, 30, 14, 6]), 8, 2, 2, 0, { varianceRatio: 0.45 }).k).toBe(1);
  });
});

describe('Isolation Forest baseline (PROTOCOL.md §7)', () => {
  const F = 2;
  const W = 4;
  const D = F * W;
  const n = 600;
  const g = gaussian(mulberry32(3));
  const rows = Float64Array.from({ length: n * D }, g);
  const x = toFeatureMajor(rows, n, F, W);

  it('average path length c(n) as sklearn', () => {
    expect(averagePathLength(0)).toBe(0);
    expect(averagePathLength(1)).toBe(0);
    expect(averagePathLength(2)).toBe(1);
    expect(averagePathLength(256)).toBeCloseTo(2 * (Math.log(255) + 0.5772156649015329) - (2 * 255) / 256, 14);
    expect(averagePathLength(256)).toBeCloseTo(10.2448, 4);
    for (let m = 3; m < 300; m++) expect(averagePathLength(m)).toBeGreaterThan(averagePathLength(m - 1));
  });

  it('scores outliers above inliers; inliers sit near 0.5, mean path ≈ c(ψ)', () => {
    const m = fitIForest(x, n, F, W, 42);
    expect(m.maxSamples).toBe(256);
    expect(m.trees.length).toBe(100);
    // Full binary trees: every tree has an odd number of nodes; depth ≤ ceil(log2 256) = 8.
    for (const t of m.trees) expect(t.feature.length % 2).toBe(1);
    expect(m.paramCount).toBe(m.trees.reduce((s, t) => s + t.feature.length, 0));
    const probe = new Float64Array(3 * D);
    for (let d = 0; d < D; d++) {
      probe[d] = 0; // centre of the cloud
      probe[D + d] = 6; // far outlier
      probe[2 * D + d] = d === 0 ? 8 : 0; // outlier in one coordinate
    }
    const s = m.score(toFeatureMajor(probe, 3, F, W), 3);
    expect(s[1]).toBeGreaterThan(s[0] as number);
    expect(s[2]).toBeGreaterThan(s[0] as number);
    expect(s[1]).toBeGreaterThan(0.6);
    const train = m.score(x, n);
    const mean = train.reduce((a, b) => a + b, 0) / n;
    expect(mean).toBeGreaterThan(0.4);
    expect(mean).toBeLessThan(0.55);
    for (const v of train) expect(v > 0 && v <= 1).toBe(true);
    expect(s[1]).toBeGreaterThan(Math.max(...train));
    const h = m.meanPathLength(x, n);
    const meanH = h.reduce((a, b) => a + b, 0) / n;
    expect(meanH / averagePathLength(256)).toBeGreaterThan(0.9); // inliers: E[h] ≳ c(ψ) (score ≲ 0.5)
    expect(meanH / averagePathLength(256)).toBeLessThan(1.4);
    // Outliers isolate in a few splits: far shorter paths than c(ψ).
    expect(m.meanPathLength(toFeatureMajor(probe, 3, F, W), 3)[1]).toBeLessThan(0.6 * averagePathLength(256));
  });

  it('is deterministic per seed and changes with the seed; ψ = n when n < 256', () => {
    const a = fitIForest(x, n, F, W, 5).score(x, 50);
    const b = fitIForest(x, n, F, W, 5).score(x, 50);
    const c = fitIForest(x, n, F, W, 6).score(x, 50);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(fitIForest(x, 100, F, W, 1).maxSamples).toBe(100);
    // Identical windows: no split possible → one leaf per tree.
    const same = new Float32Array(10 * D).fill(1);
    const flat = fitIForest(same, 10, F, W, 1);
    expect(flat.paramCount).toBe(100);
  });
});

describe('random baseline and registry', () => {
  it('seeded uniform scores in [0, 1), deterministic per seed', () => {
    const x = new Float32Array(5 * 4);
    const a = fitRandom(x, 5, 2, 2, 9).score(x, 5);
    const b = fitRandom(x, 5, 2, 2, 9).score(x, 5);
    expect(a).toEqual(b);
    const rng = mulberry32(9);
    expect([...a]).toEqual([rng(), rng(), rng(), rng(), rng()]);
    for (const v of a) expect(v >= 0 && v < 1).toBe(true);
    expect(fitBaseline('random', x, 5, 2, 2, 9).paramCount).toBe(0);
    expect(fitBaseline('pca', Float32Array.from({ length: 20 }, (_, i) => (i * 7) % 5), 5, 2, 2, 0).kind).toBe('pca');
  });
});
