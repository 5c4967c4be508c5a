import type { ObjectSeries } from '../../shared/domain/series';
import type { SeriesPoints } from '../../shared/ipc/contract';
import { lttbIndices } from '../core/series/lttb';
import { lowerBound } from '../../shared/sorted-search';

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

/** The rows of `s` in [fromMs, toMs] and only `counters` (in the stored order), as a new series. */
export function sliceSeries(s: ObjectSeries, opts: { counters?: readonly string[]; fromMs?: number; toMs?: number }): ObjectSeries {
  const C = s.counters.length;
  const i0 = opts.fromMs === undefined ? 0 : lowerBound(s.times, opts.fromMs);
  const i1 = opts.toMs === undefined ? s.times.length : lowerBound(s.times, opts.toMs + 0.5);
  const keep = opts.counters ? s.counters.map((c, k) => (opts.counters!.includes(c) ? k : -1)).filter((k) => k >= 0) : s.counters.map((_, k) => k);
  if (i0 === 0 && i1 === s.times.length && keep.length === C) return s;
  const T = Math.max(0, i1 - i0);
  const K = keep.length;
  const values = new Float64Array(T * K);
  for (let i = 0; i < T; i++) for (let j = 0; j < K; j++) values[i * K + j] = s.values[(i0 + i) * C + (keep[j] as number)] ?? NaN;
  return { ...s, counters: keep.map((k) => s.counters[k] as string), times: s.times.slice(i0, i1), values };
}

/**
 * Whole stored series kept in memory per object, so the Labels chart's zoom queries (a window
 * of a year of 5-minute data, several per second while exploring) slice arrays instead of
 * re-reading ~10⁵ rows from DuckDB each time. Most recently used first; `clear()` when the
 * workspace's series change (routes.ts listens to `workspace:changed`).
 */
export class SeriesCache {
  private readonly entries = new Map<string, Promise<ObjectSeries | null>>();

  constructor(
    private readonly load: (object: string) => Promise<ObjectSeries | null>,
    /** Objects kept (a year of 10 counters is ~9 MB each). */
    private readonly capacity = 8,
  ) {}

  clear(): void {
    this.entries.clear();
  }

  get(key: string, object: string): Promise<ObjectSeries | null> {
    let p = this.entries.get(key);
    if (p) {
      this.entries.delete(key);
      this.entries.set(key, p);
      return p;
    }
    p = this.load(object);
    this.entries.set(key, p);
    // A failed read is not remembered.
    p.catch(() => this.entries.delete(key));
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return p;
  }
}
