/**
 * Largest-Triangle-Three-Buckets down-sampling (Steinarsson 2013): keeps the visual shape of a
 * series in `threshold` points, so a year of 5-minute data charts fluidly. NaN points (missing)
 * are skipped when picking but a gap is preserved by keeping the first NaN of each gap run.
 * Returns the indices kept, ascending.
 */
export function lttbIndices(times: ArrayLike<number>, values: ArrayLike<number>, threshold: number): Int32Array {
  const n = times.length;
  if (threshold >= n || threshold < 3) return Int32Array.from({ length: n }, (_, i) => i);
  const out = new Int32Array(threshold);
  const every = (n - 2) / (threshold - 2);
  let a = 0;
  out[0] = 0;
  for (let i = 0; i < threshold - 2; i++) {
    // Average of the next bucket: the third point of the triangle.
    const nextStart = Math.floor((i + 1) * every) + 1;
    const nextEnd = Math.min(Math.floor((i + 2) * every) + 1, n);
    let avgX = 0;
    let avgY = 0;
    let cnt = 0;
    for (let j = nextStart; j < nextEnd; j++) {
      const y = values[j] as number;
      if (Number.isNaN(y)) continue;
      avgX += times[j] as number;
      avgY += y;
      cnt++;
    }
    if (cnt > 0) {
      avgX /= cnt;
      avgY /= cnt;
    } else {
      avgX = times[Math.min(nextStart, n - 1)] as number;
      avgY = 0;
    }
    const start = Math.floor(i * every) + 1;
    const end = Math.floor((i + 1) * every) + 1;
    const ax = times[a] as number;
    const ay = Number.isNaN(values[a] as number) ? avgY : (values[a] as number);
    let best = start;
    let bestArea = -1;
    for (let j = start; j < end; j++) {
      const y = values[j] as number;
      if (Number.isNaN(y)) {
        if (bestArea < 0) best = j;
        continue;
      }
      const area = Math.abs((ax - avgX) * (y - ay) - (ax - (times[j] as number)) * (avgY - ay));
      if (area > bestArea) {
        bestArea = area;
        best = j;
      }
    }
    out[i + 1] = best;
    a = best;
  }
  out[threshold - 1] = n - 1;
  return out;
}
