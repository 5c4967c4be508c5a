/**
 * Window tensors for the unsupervised baselines (PROTOCOL.md §7): `WindowSet.x` is [n, F, W]
 * feature-major float32 (shared/domain/windows.ts); the baselines see each window as a vector of
 * length D = W·F, TIME-major (step 0's F features, then step 1's, …), float64 — the layout of
 * `ref.py` (`Xw_all[train].reshape(n, -1)` on [n, W, F] windows).
 */

/** [n, F, W] feature-major → [n, W·F] time-major float64. */
export function flattenTimeMajor(x: Float32Array | Float64Array, n: number, F: number, W: number): Float64Array {
  const D = F * W;
  if (x.length < n * D) throw new RangeError(`x holds ${x.length} values, fewer than n·F·W = ${n * D}`);
  const out = new Float64Array(n * D);
  for (let i = 0; i < n; i++) {
    const base = i * D;
    for (let f = 0; f < F; f++) {
      const src = base + f * W;
      for (let t = 0; t < W; t++) out[base + t * F + f] = x[src + t] as number;
    }
  }
  return out;
}

/** The windows `idx` of `x` [·, F, W] copied into a new [idx.length, F, W] array (same layout). */
export function gatherWindows(x: Float32Array, idx: ArrayLike<number>, F: number, W: number): Float32Array {
  const D = F * W;
  const out = new Float32Array(idx.length * D);
  for (let j = 0; j < idx.length; j++) {
    const i = idx[j] as number;
    out.set(x.subarray(i * D, (i + 1) * D), j * D);
  }
  return out;
}

/** The normal (y = 0) windows among `trainIdx` — what PCA and iForest are fitted on (§7). */
export function normalWindows(trainIdx: Int32Array, y: Uint8Array): Int32Array {
  return trainIdx.filter((i) => y[i] === 0);
}
