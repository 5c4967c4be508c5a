/**
 * Temporal neighbours of windows (METHODS.md §6.2 smoothing, §6.3 second-order residual T_i):
 * for each window, the window of the SAME object that comes right before / after it in time.
 * Windows of different objects are never neighbours (their series are unrelated).
 */
import { VigilError } from '../../../../shared/errors.js';

export interface TemporalNeighbours {
  /** [n] index of the previous window of the same object in time order, −1 at the object's first window. */
  prev: Int32Array;
  /** [n] index of the next window of the same object in time order, −1 at the object's last window. */
  next: Int32Array;
}

/**
 * Orders windows by (objectIndex, endMs, original index) — the index breaks ties so the result is
 * deterministic — and links consecutive ones. `maxGapMs` (default ∞) cuts the link when two
 * consecutive windows lie further apart than that (a hole in the data is not "the next step").
 * O(n log n).
 */
export function temporalNeighbours(objectIndex: Int32Array, endMs: Float64Array, maxGapMs = Infinity): TemporalNeighbours {
  const n = objectIndex.length;
  if (endMs.length !== n) {
    throw new VigilError('INVALID_REQUEST', `temporalNeighbours: objectIndex has ${n} entries but endMs has ${endMs.length}`, { where: { field: 'endMs' } });
  }
  if (!(maxGapMs > 0)) throw new VigilError('INVALID_SETTINGS', `temporalNeighbours: maxGapMs must be > 0, got ${maxGapMs}`, { where: { field: 'maxGapMs' } });
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => objectIndex[a]! - objectIndex[b]! || endMs[a]! - endMs[b]! || a - b);
  const prev = new Int32Array(n).fill(-1);
  const next = new Int32Array(n).fill(-1);
  for (let k = 1; k < n; k++) {
    const a = order[k - 1]!;
    const b = order[k]!;
    if (objectIndex[a] !== objectIndex[b]) continue;
    if (endMs[b]! - endMs[a]! > maxGapMs) continue;
    next[a] = b;
    prev[b] = a;
  }
  return { prev, next };
}
