import type { SeriesPoints } from '../../shared/ipc/contract';

/**
 * Client-side data for the Labels chart's zoom window (issue #6 item 2: a year of 5-minute data
 * for 4 objects × 10 counters stays fluid). The chart never holds more than about one point per
 * pixel per line: each zoom/pan re-cuts the points of the new window from what is already loaded
 * (the overview of the whole range, or a finer detail tile that covers the window) with a
 * min/max-per-bucket decimation, so ECharts draws ~40 × 1,500 points instead of every point it was
 * ever given. Missing values stay NaN and become gaps, never zeros (METHODS.md §1).
 */

export interface Range {
  fromMs: number;
  toMs: number;
}

/** One object's points in columns: `times` [T] epoch ms ascending, `values` [C][T] (NaN = missing). */
export interface PointColumns {
  object: string;
  counters: readonly string[];
  times: Float64Array;
  values: readonly Float64Array[];
  /** The time range these points describe (a detail tile's query range; the overview's bounds). */
  covers: Range;
}

export function toColumns(p: SeriesPoints, covers: Range): PointColumns {
  const T = p.times.length;
  const times = Float64Array.from(p.times);
  const values = p.counters.map((_, c) => {
    const src = p.values[c] ?? [];
    const col = new Float64Array(T);
    for (let i = 0; i < T; i++) {
      const v = src[i];
      col[i] = v === null || v === undefined ? NaN : v;
    }
    return col;
  });
  return { object: p.object, counters: p.counters, times, values, covers };
}

/** First index with `a[i] >= x` (a ascending). */
export function lowerBound(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index with `a[i] > x` (a ascending). */
export function upperBound(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many points of `cols` fall inside `w`. */
export function pointsIn(cols: PointColumns, w: Range): number {
  return upperBound(cols.times, w.toMs) - lowerBound(cols.times, w.fromMs);
}

/**
 * Appends points [i0, i1) of one column to `out` as interleaved `t, v` pairs, reduced to at most
 * ~2 per time bucket (`buckets` equal slices of [times[i0], times[i1-1]]): each bucket keeps its
 * minimum and its maximum in time order (the line's envelope at that pixel, peaks included), and
 * the first missing value of the bucket as a NaN point so a gap stays a gap.
 */
export function decimateInto(out: number[], times: Float64Array, values: Float64Array, i0: number, i1: number, buckets: number): void {
  const n = i1 - i0;
  if (n <= 0) return;
  if (n <= 2 * buckets || buckets < 1) {
    for (let i = i0; i < i1; i++) out.push(times[i] as number, values[i] as number);
    return;
  }
  const t0 = times[i0] as number;
  const span = (times[i1 - 1] as number) - t0 || 1;
  let bucket = -1;
  let minI = -1;
  let maxI = -1;
  let nanI = -1;
  const emit = (i: number) => {
    if (i >= 0) out.push(times[i] as number, values[i] as number);
  };
  const flush = () => {
    if (bucket < 0) return;
    // At most three distinct indices (-1 = none; the NaN one is never the min or max), emitted in
    // time order without allocating: this runs ~700 times per line on every zoom/pan frame.
    let x = minI;
    let y = maxI === minI ? -1 : maxI;
    let z = nanI;
    if (x > y) [x, y] = [y, x];
    if (y > z) [y, z] = [z, y];
    if (x > y) [x, y] = [y, x];
    emit(x);
    emit(y);
    emit(z);
  };
  for (let i = i0; i < i1; i++) {
    const b = Math.min(buckets - 1, Math.floor((((times[i] as number) - t0) / span) * buckets));
    if (b !== bucket) {
      flush();
      bucket = b;
      minI = -1;
      maxI = -1;
      nanI = -1;
    }
    const v = values[i] as number;
    if (Number.isNaN(v)) {
      if (nanI < 0) nanI = i;
      continue;
    }
    if (minI < 0 || v < (values[minI] as number)) minI = i;
    if (maxI < 0 || v > (values[maxI] as number)) maxI = i;
  }
  flush();
}

/**
 * Buckets for the parts of the range outside the window (drawn only while a pan or zoom-out
 * brings them in, until the next cut): the shape at a glance. Every point of them is still laid
 * out and path-built by ECharts on each redraw, so few (300 cost ~30 % of a zoomed redraw).
 */
export const OUTSIDE_BUCKETS = 120;

/**
 * The points of one line (object × counter) for the zoom window `w` (null = everything):
 * inside the window (plus one point either side, so the line reaches the edges) from `fine`
 * when given (a detail tile covering the window) else from `overview`, cut to `buckets` buckets;
 * outside it, the overview cut coarsely, so a pan or zoom-out shows the shape at once while the
 * finer points are cut. Returns interleaved `t, v` pairs (ECharts' typed-array data, dims [t, v]).
 */
export function windowLine(overview: PointColumns, fine: PointColumns | null, counter: string, w: Range | null, buckets: number): Float64Array {
  const oc = overview.counters.indexOf(counter);
  if (oc < 0) return new Float64Array(0);
  const ov = overview.values[oc] as Float64Array;
  const fc = fine ? fine.counters.indexOf(counter) : -1;
  const src = fine && fc >= 0 ? fine : overview;
  const sv = src === overview ? ov : (src.values[fc] as Float64Array);
  const out: number[] = [];
  if (w === null) {
    decimateInto(out, overview.times, ov, 0, overview.times.length, buckets);
    return Float64Array.from(out);
  }
  const i0 = Math.max(0, lowerBound(src.times, w.fromMs) - 1);
  const i1 = Math.min(src.times.length, upperBound(src.times, w.toMs) + 1);
  if (i1 <= i0) {
    decimateInto(out, overview.times, ov, 0, overview.times.length, OUTSIDE_BUCKETS);
    return Float64Array.from(out);
  }
  const firstT = src.times[i0] as number;
  const lastT = src.times[i1 - 1] as number;
  const full = (overview.covers.toMs - overview.covers.fromMs) || 1;
  const beforeEnd = lowerBound(overview.times, firstT);
  const afterStart = upperBound(overview.times, lastT);
  decimateInto(out, overview.times, ov, 0, beforeEnd, Math.max(8, Math.round((OUTSIDE_BUCKETS * (firstT - overview.covers.fromMs)) / full)));
  decimateInto(out, src.times, sv, i0, i1, buckets);
  decimateInto(out, overview.times, ov, afterStart, overview.times.length, Math.max(8, Math.round((OUTSIDE_BUCKETS * (overview.covers.toMs - lastT)) / full)));
  return Float64Array.from(out);
}

/**
 * Whether the window needs finer points than `have` holds: fewer than `buckets` of its points
 * fall inside it (the overview of a year has ~40 per day), and the raw data is finer still
 * (`cadenceMs`: a window of 50 raw points is complete with 50).
 */
export function needsDetail(have: PointColumns, w: Range | null, buckets: number, cadenceMs: number): boolean {
  if (w === null) return false;
  const rawInWindow = cadenceMs > 0 ? (w.toMs - w.fromMs) / cadenceMs : Infinity;
  return pointsIn(have, w) < Math.min(buckets, rawInWindow * 0.9);
}

/** The range to fetch for a window: padded by half its width each side (small pans and zooms stay inside), clamped to the bounds. */
export function detailRangeOf(w: Range, bounds: Range): Range {
  const pad = (w.toMs - w.fromMs) / 2;
  return { fromMs: Math.max(bounds.fromMs, w.fromMs - pad), toMs: Math.min(bounds.toMs, w.toMs + pad) };
}
