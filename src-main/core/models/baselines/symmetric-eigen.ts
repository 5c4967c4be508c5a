/**
 * Eigen-decomposition of a real symmetric matrix by the cyclic Jacobi method (for the PCA
 * baseline, PROTOCOL.md §7; D = W·F ≤ a few hundred). Jacobi is slow (O(D³) per sweep) but
 * accurate, small eigenvalues included, and needs no package.
 */

export interface SymmetricEigen {
  /** [D] eigenvalues, descending. */
  values: Float64Array;
  /** [D, D] row-major; COLUMN j is the unit eigenvector of values[j]. */
  vectors: Float64Array;
  sweeps: number;
}

/** `A` [D, D] row-major symmetric (only read, never modified). */
export function symmetricEigen(A: Float64Array, D: number, maxSweeps = 100): SymmetricEigen {
  if (A.length !== D * D) throw new RangeError(`matrix holds ${A.length} values, not ${D}×${D}`);
  const a = Float64Array.from(A);
  const v = new Float64Array(D * D);
  for (let i = 0; i < D; i++) v[i * D + i] = 1;
  let total = 0;
  for (let i = 0; i < D * D; i++) total += (a[i] as number) * (a[i] as number);
  let sweeps = 0;
  for (; sweeps < maxSweeps; sweeps++) {
    let off = 0;
    for (let p = 0; p < D; p++) for (let q = p + 1; q < D; q++) off += (a[p * D + q] as number) ** 2;
    if (off === 0 || off <= 1e-32 * total) break;
    for (let p = 0; p < D - 1; p++) {
      for (let q = p + 1; q < D; q++) {
        const apq = a[p * D + q] as number;
        if (apq === 0) continue;
        const app = a[p * D + p] as number;
        const aqq = a[q * D + q] as number;
        // Negligible against both diagonal entries (Numerical Recipes' test, after a few sweeps).
        const g = 100 * Math.abs(apq);
        if (sweeps > 3 && Math.abs(app) + g === Math.abs(app) && Math.abs(aqq) + g === Math.abs(aqq)) {
          a[p * D + q] = 0;
          a[q * D + p] = 0;
          continue;
        }
        const theta = (aqq - app) / (2 * apq);
        const t = Number.isFinite(theta * theta) ? Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1)) : 1 / (2 * theta);
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        // A ← Jᵀ A J with J the (p, q) rotation; columns then rows.
        for (let k = 0; k < D; k++) {
          const akp = a[k * D + p] as number;
          const akq = a[k * D + q] as number;
          a[k * D + p] = c * akp - s * akq;
          a[k * D + q] = s * akp + c * akq;
        }
        for (let k = 0; k < D; k++) {
          const apk = a[p * D + k] as number;
          const aqk = a[q * D + k] as number;
          a[p * D + k] = c * apk - s * aqk;
          a[q * D + k] = s * apk + c * aqk;
        }
        a[p * D + q] = 0;
        a[q * D + p] = 0;
        for (let k = 0; k < D; k++) {
          const vkp = v[k * D + p] as number;
          const vkq = v[k * D + q] as number;
          v[k * D + p] = c * vkp - s * vkq;
          v[k * D + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: D }, (_, i) => i).sort((i, j) => (a[j * D + j] as number) - (a[i * D + i] as number));
  const values = Float64Array.from(order, (i) => a[i * D + i] as number);
  const vectors = new Float64Array(D * D);
  order.forEach((src, j) => {
    for (let k = 0; k < D; k++) vectors[k * D + j] = v[k * D + src] as number;
  });
  return { values, vectors, sweeps };
}
