import type { ObjectSeries } from '../../shared/domain/series';
import type { SeriesPoints } from '../../shared/ipc/contract';
import { lttbIndices } from '../core/series/lttb';

/**
 * Turns a stored series into chart points, down-sampled with LTTB per counter to at most
 * `maxPoints`. Counters share one time axis, so the kept indices are the union over counters
 * (bounded by C × maxPoints) — every counter keeps its own peaks.
 */
export function seriesPoints(s: ObjectSeries, maxPoints: number): SeriesPoints {
  const T = s.times.length;
  const C = s.counters.length;
  let keep: Int32Array;
  if (T <= maxPoints) {
    keep = Int32Array.from({ length: T }, (_, i) => i);
  } else {
    const union = new Uint8Array(T);
    const col = new Float64Array(T);
    const per = Math.max(3, Math.floor(maxPoints / Math.max(1, Math.ceil(C / 2))));
    for (let k = 0; k < C; k++) {
      for (let i = 0; i < T; i++) col[i] = s.values[i * C + k] ?? NaN;
      for (const i of lttbIndices(s.times, col, per)) union[i] = 1;
    }
    const idx: number[] = [];
    for (let i = 0; i < T; i++) if (union[i]) idx.push(i);
    keep = Int32Array.from(idx);
  }
  const times = Array.from(keep, (i) => s.times[i] ?? 0);
  const values = s.counters.map((_, k) =>
    Array.from(keep, (i) => {
      const v = s.values[i * C + k] ?? NaN;
      return Number.isFinite(v) ? v : null;
    }),
  );
  return { object: s.object, counters: s.counters, times, values };
}
