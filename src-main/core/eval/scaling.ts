/**
 * Per-fold min–max scaling (PROTOCOL.md §3, exact up to float rounding; METHODS.md §5).
 *
 * Fitted on the fold's TRAINING ROWS = every row covered by at least one training window, taken
 * after split + purge (§4) and BEFORE negative sampling (§5). `range_f = max_f − min_f`, replaced
 * by 1 when 0; `x' = (x − min_f) / range_f` computed in float64, then cast to float32. No clipping:
 * test values may fall outside [0, 1].
 *
 * Two entry points:
 *  - row level (the protocol's own formulation): a series [T, F] row-major plus the training
 *    windows' END rows (window ending at row t covers rows t−W+1 … t) → `trainingRowsMask` →
 *    `fitMinMaxRows` → `applyMinMaxRows` / `applyMinMaxWindows`.
 *  - window level fallback for a `WindowSet` (windows may come from several objects and carry no
 *    row index): `fitMinMaxWindows` takes min/max over every cell of the training windows. The set
 *    of cell values of the training windows IS the set of values of the covered rows, so min/max
 *    are the same as at row level — except that `WindowSet.x` is already float32, so min/max are
 *    the float32-rounded raw values (the row API keeps float64 raw values). Prefer the row API
 *    when the raw float64 series is at hand.
 */

/** Per-feature min and (zero-safe) range, float64, length F. */
export interface MinMax {
  min: Float64Array;
  range: Float64Array;
}

/**
 * [T] 1 = row covered by at least one window whose last row is in `trainEndRows`
 * (PROTOCOL.md §3; `ref.py training_rows_mask`, where window i ends at row i + W − 1).
 */
export function trainingRowsMask(trainEndRows: Int32Array, T: number, W: number): Uint8Array {
  const diff = new Int32Array(T + 1);
  for (const end of trainEndRows) {
    const start = end - W + 1;
    if (start < 0 || end >= T) throw new RangeError(`window ending at row ${end} (W=${W}) is outside 0…${T - 1}`);
    diff[start] = (diff[start] as number) + 1;
    diff[end + 1] = (diff[end + 1] as number) - 1;
  }
  const mask = new Uint8Array(T);
  let run = 0;
  for (let t = 0; t < T; t++) {
    run += diff[t] as number;
    mask[t] = run > 0 ? 1 : 0;
  }
  return mask;
}

/** Protocol window i (0-based over one series) ends at row i + W − 1: convert window indices to end rows. */
export function windowEndRows(windowIdx: Int32Array, W: number): Int32Array {
  return Int32Array.from(windowIdx, (i) => i + W - 1);
}

/** Min–max over the rows with `rowsMask[t] = 1` of `series` [T, F] row-major. */
export function fitMinMaxRows(series: Float64Array | Float32Array, T: number, F: number, rowsMask: Uint8Array): MinMax {
  const min = new Float64Array(F).fill(Infinity);
  const max = new Float64Array(F).fill(-Infinity);
  for (let t = 0; t < T; t++) {
    if (!rowsMask[t]) continue;
    const o = t * F;
    for (let f = 0; f < F; f++) {
      const v = series[o + f] as number;
      if (v < (min[f] as number)) min[f] = v;
      if (v > (max[f] as number)) max[f] = v;
    }
  }
  return finish(min, max);
}

/** Row-level fit from the training windows' end rows (convenience: mask + fit). */
export function fitMinMaxTrainWindows(series: Float64Array | Float32Array, T: number, F: number, trainEndRows: Int32Array, W: number): MinMax {
  return fitMinMaxRows(series, T, F, trainingRowsMask(trainEndRows, T, W));
}

/** Scale a whole series [T, F] (float64 arithmetic, float32 result, no clipping). */
export function applyMinMaxRows(series: Float64Array | Float32Array, T: number, F: number, mm: MinMax): Float32Array {
  const out = new Float32Array(T * F);
  for (let t = 0; t < T; t++) {
    const o = t * F;
    for (let f = 0; f < F; f++) out[o + f] = ((series[o + f] as number) - (mm.min[f] as number)) / (mm.range[f] as number);
  }
  return out;
}

/**
 * Window-level fallback: min–max over all cells of the windows `trainIdx` of `x` [n, F, W]
 * (feature-major, `WindowSet.x`). Pass the pre-sampling training windows (§3).
 */
export function fitMinMaxWindows(x: Float32Array | Float64Array, F: number, W: number, trainIdx: Int32Array): MinMax {
  const min = new Float64Array(F).fill(Infinity);
  const max = new Float64Array(F).fill(-Infinity);
  for (const i of trainIdx) {
    for (let f = 0; f < F; f++) {
      const o = (i * F + f) * W;
      let lo = min[f] as number;
      let hi = max[f] as number;
      for (let t = 0; t < W; t++) {
        const v = x[o + t] as number;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      min[f] = lo;
      max[f] = hi;
    }
  }
  return finish(min, max);
}

/** Scale windows `x` [n, F, W] feature-major (all of them, train and test) → new float32 array. */
export function applyMinMaxWindows(x: Float32Array | Float64Array, n: number, F: number, W: number, mm: MinMax): Float32Array {
  const out = new Float32Array(n * F * W);
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < F; f++) {
      const o = (i * F + f) * W;
      const lo = mm.min[f] as number;
      const r = mm.range[f] as number;
      for (let t = 0; t < W; t++) out[o + t] = ((x[o + t] as number) - lo) / r;
    }
  }
  return out;
}

function finish(min: Float64Array, max: Float64Array): MinMax {
  const F = min.length;
  const range = new Float64Array(F);
  for (let f = 0; f < F; f++) {
    // No training row at all (empty mask): identity scaling rather than NaN.
    if (!Number.isFinite(min[f] as number)) {
      min[f] = 0;
      range[f] = 1;
      continue;
    }
    const r = (max[f] as number) - (min[f] as number);
    range[f] = r === 0 ? 1 : r;
  }
  return { min, range };
}
