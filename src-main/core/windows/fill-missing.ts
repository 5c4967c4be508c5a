/**
 * Missing cells (NaN) filled per column: forward fill, leading gap back-filled with the first
 * present value, an all-missing column becomes 0 (PROTOCOL.md §1, csv loader). Models need
 * finite inputs; the workspace keeps the NaNs. `values` is [T, C] row-major; returns a copy.
 */
export function fillMissing(values: Float64Array, T: number, C: number): Float64Array {
  const out = new Float64Array(values);
  for (let k = 0; k < C; k++) {
    let first = -1;
    for (let i = 0; i < T; i++) {
      if (Number.isFinite(out[i * C + k] as number)) {
        first = i;
        break;
      }
    }
    if (first < 0) {
      for (let i = 0; i < T; i++) out[i * C + k] = 0;
      continue;
    }
    const firstValue = out[first * C + k] as number;
    for (let i = 0; i < first; i++) out[i * C + k] = firstValue;
    let last = firstValue;
    for (let i = first; i < T; i++) {
      const v = out[i * C + k] as number;
      if (Number.isFinite(v)) last = v;
      else out[i * C + k] = last;
    }
  }
  return out;
}
