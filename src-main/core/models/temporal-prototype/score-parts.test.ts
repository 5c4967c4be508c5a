import { describe, expect, it } from 'vitest';
import { activityGroups, activityLevels, fitPrototypeGaussians, nearestMahalanobis } from './gaussians';
import { temporalResidual } from './temporal-residual';

describe('per-prototype Gaussians (Mahalanobis part D)', () => {
  it('hand-checked: diagonal covariance, no shrinkage', () => {
    // group 0 around (0,0): x ∈ {−2, 2}, y ∈ {−1, 1} → var 4 and 1; group 1 = four copies of (10, 10) + tiny spread
    const z = Float32Array.from([-2, -1, 2, -1, -2, 1, 2, 1, 10, 10, 10, 10, 10, 10, 10, 10]);
    const g = fitPrototypeGaussians(z, 8, 2, Int32Array.from([0, 0, 0, 0, 1, 1, 1, 1]), 2, 0);
    expect([...g.means]).toEqual([0, 0, 10, 10]);
    expect(g.precisions[0]).toBeCloseTo(1 / 4, 5);
    expect(g.precisions[3]).toBeCloseTo(1, 5);
    expect(g.precisions[1]).toBeCloseTo(0, 6);
    // (4, 0): sqrt(16/4) = 2 to prototype 0; prototype 1 (zero covariance, ridge only) is enormously far
    const d = nearestMahalanobis(g, Float32Array.from([4, 0, 0, 3]), 2);
    expect(d[0]).toBeCloseTo(2, 4);
    expect(d[1]).toBeCloseTo(3, 4);
  });

  it('shrinkage makes a degenerate covariance invertible and pulls it towards (tr Σ/d)·I', () => {
    // all points on the line y = x: Σ singular without shrinkage
    const z = Float32Array.from([-1, -1, 1, 1, -2, -2, 2, 2]);
    const g = fitPrototypeGaussians(z, 4, 2, new Int32Array(4), 1, 0.5);
    const d = nearestMahalanobis(g, Float32Array.from([1, -1]), 1)[0]!;
    // Σ = [[2.5, 2.5], [2.5, 2.5]] → 0.5Σ + 0.5·2.5·I = [[2.5, 1.25], [1.25, 2.5]]; (1,−1) is along the small eigenvalue 1.25
    expect(d).toBeCloseTo(Math.sqrt(2 / 1.25), 4);
    expect(() => fitPrototypeGaussians(z, 4, 2, new Int32Array(4), 1, 2)).toThrow(/shrinkage/);
  });

  it('activity groups are equal-frequency bins of the window mean', () => {
    const x = Float32Array.from([5, 5, 1, 1, 3, 3, 0, 0, 4, 4, 2, 2]); // 6 windows of 2 values
    const a = activityLevels(x, 6, 2);
    expect([...a]).toEqual([5, 1, 3, 0, 4, 2]);
    expect([...activityGroups(a, 3)]).toEqual([2, 0, 1, 0, 2, 1]);
  });
});

describe('second-order temporal residual T', () => {
  it('hand-checked, with mirrored edges and isolated windows', () => {
    // object trajectory in 1-D: 0, 1, 4 (indices 0, 1, 2) and an isolated window 3
    const z = Float32Array.from([0, 1, 4, 7]);
    const prev = Int32Array.from([-1, 0, 1, -1]);
    const next = Int32Array.from([1, 2, -1, -1]);
    const t = temporalResidual(z, 1, prev, next);
    expect([...t]).toEqual([2, 2, 6, 0]); // edge 0: 2|0−1|; middle: |4 − 2 + 0|; edge 2: 2|4−1|; isolated: 0
  });
});
