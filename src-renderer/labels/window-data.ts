import type { SeriesPoints } from '../../shared/ipc/contract';
import { lowerBound, upperBound } from '../../shared/sorted-search';

/**
 * Client-side data for the Labels chart's zoom window (issue #6 item 2: a year of 5-minute data
 * for 4 objects × 10 counters stays fluid). The chart never holds more than about one point per
 * two pixel columns per line (`bucketsForWidth`): each zoom/pan re-cuts the points of the new
 * window from what is already loaded (the overview of the whole range, or a finer detail tile
 * that covers the window) with a min/max-per-bucket decimation — real points only, every peak
 * kept — so the line canvas (line-canvas.ts) traces ~40 × 650 points instead of every point ever
 * loaded. Missing values stay NaN and become gaps, never zeros (METHODS.md §1).
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

/** How many points of `cols` fall inside `w`. */
export function pointsIn(cols: PointColumns, w: Range): number {
  return upperBound(cols.times, w.toMs) - lowerBound(cols.times, w.fromMs);
}

/** Where decimated `t, v` pairs go: a plain array, or a `PairBuffer`. */
export interface PairSink {
  push(t: number, v: number): unknown;
}

/**
 * A growable Float64Array of interleaved `t, v` pairs: a zoom/pan frame cuts 40 lines, and
 * pushing ~10⁵ numbers into plain arrays then copying them into typed arrays cost several ms.
 */
export class PairBuffer implements PairSink {
  private buf = new Float64Array(4096);
  private len = 0;

  push(t: number, v: number): void {
    if (this.len + 2 > this.buf.length) {
      const next = new Float64Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.len++] = t;
    this.buf[this.len++] = v;
  }

  clear(): void {
    this.len = 0;
  }

  /** The pairs so far, as a new array; the buffer starts over. */
  take(): Float64Array {
    const out = this.buf.slice(0, this.len);
    this.len = 0;
    return out;
  }

  /**
   * The pairs so far, as a view of the buffer (no copy: valid until the buffer is filled again);
   * the buffer starts over. A line re-cut on every zoom/pan frame into its own buffer then
   * allocates nothing (~0.5 MB a frame for 40 lines otherwise, and more young-generation GCs).
   */
  view(): Float64Array {
    const out = this.buf.subarray(0, this.len);
    this.len = 0;
    return out;
  }
}

/** Reused by every `windowLine` call (one at a time: the renderer is single-threaded). */
const scratch = new PairBuffer();

/**
 * Appends points [i0, i1) of one column to `out` as interleaved `t, v` pairs, reduced to at most
 * ~2 per time bucket (`buckets` equal slices of [times[i0], times[i1-1]]): each bucket keeps its
 * minimum and its maximum in time order (the line's envelope at that pixel, peaks included), and
 * the first missing value of the bucket as a NaN point so a gap stays a gap.
 */
export function decimateInto(out: PairSink, times: Float64Array, values: Float64Array, i0: number, i1: number, buckets: number): void {
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
 * Plot pixels per bucket of a line inside the zoom window. A bucket keeps its min and max, so 4 px
 * per bucket is about one point per two pixel columns: the envelope (every peak and dip) is kept,
 * and a redraw of 40 lines builds, lays out and rasterises half the path of one point per pixel
 * (the bulk of a zoom/pan frame; bench/labels-view.bench.ts).
 */
export const PX_PER_BUCKET = 4;

/** Buckets per line for a plot `plotPx` wide (at least a few, for a very narrow plot). */
export function bucketsForWidth(plotPx: number): number {
  return Math.max(16, Math.round((Number.isFinite(plotPx) ? plotPx : 0) / PX_PER_BUCKET));
}

/**
 * Buckets for the parts of the range outside the window (drawn only while a pan or zoom-out
 * brings them in, until the next cut; in practice the slider's data shadow shows them): the
 * shape at a glance, cut once over the whole range per line and reused by every window. Every
 * point of them is still mapped and traced on each redraw, so few.
 */
export const OUTSIDE_BUCKETS = 60;

/**
 * The points of one line (object × counter) for the zoom window `w` (null = everything):
 * inside the window (plus one point either side, so the line reaches the edges) from `fine`
 * when given (a detail tile covering the window) else from `overview`, cut to `buckets` buckets;
 * outside it, the overview cut coarsely, so a pan or zoom-out shows the shape at once while the
 * finer points are cut. Returns interleaved `t, v` pairs (line-canvas.ts; ECharts' typed-array data, dims [t, v]):
 * a new array, or with `into` a view of that buffer (valid until it is filled again).
 */
export function windowLine(overview: PointColumns, fine: PointColumns | null, counter: string, w: Range | null, buckets: number, into?: PairBuffer): Float64Array {
  const oc = overview.counters.indexOf(counter);
  if (oc < 0) return new Float64Array(0);
  const ov = overview.values[oc] as Float64Array;
  const fc = fine ? fine.counters.indexOf(counter) : -1;
  const src = fine && fc >= 0 ? fine : overview;
  const sv = src === overview ? ov : (src.values[fc] as Float64Array);
  const out = into ?? scratch;
  out.clear(); // whatever an earlier call that threw left
  const done = () => (into ? out.view() : out.take());
  if (w === null) {
    decimateInto(out, overview.times, ov, 0, overview.times.length, buckets);
    return done();
  }
  const i0 = Math.max(0, lowerBound(src.times, w.fromMs) - 1);
  const i1 = Math.min(src.times.length, upperBound(src.times, w.toMs) + 1);
  if (i1 <= i0) return coarseLine(overview, oc).slice();
  const firstT = src.times[i0] as number;
  const lastT = src.times[i1 - 1] as number;
  // Outside the window: the overview's coarse cut, computed once per line (re-cutting the
  // outside parts scanned every overview point of 40 lines on every frame).
  const coarse = coarseLine(overview, oc);
  let k = 0;
  while (k < coarse.length && (coarse[k] as number) < firstT) {
    out.push(coarse[k] as number, coarse[k + 1] as number);
    k += 2;
  }
  decimateInto(out, src.times, sv, i0, i1, buckets);
  while (k < coarse.length && (coarse[k] as number) <= lastT) k += 2;
  for (; k < coarse.length; k += 2) out.push(coarse[k] as number, coarse[k + 1] as number);
  return done();
}

/** Coarse cuts of overview columns (`OUTSIDE_BUCKETS` over the whole range), per column array. */
const coarseCache = new WeakMap<Float64Array, Float64Array>();

/** The whole overview of one counter cut to `OUTSIDE_BUCKETS` buckets (interleaved t, v), cached. */
function coarseLine(overview: PointColumns, c: number): Float64Array {
  const values = overview.values[c] as Float64Array;
  let line = coarseCache.get(values);
  if (!line) {
    const b = new PairBuffer();
    decimateInto(b, overview.times, values, 0, overview.times.length, OUTSIDE_BUCKETS);
    line = b.take();
    coarseCache.set(values, line);
  }
  return line;
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

/** Index of the pair whose time is nearest to `t` (interleaved `t, v` pairs, times ascending), −1 when none is within `toleranceMs`. */
function nearestPair(pairs: Float64Array, t: number, toleranceMs: number): number {
  const n = pairs.length >> 1;
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((pairs[2 * mid] as number) < t) lo = mid + 1;
    else hi = mid;
  }
  let best = -1;
  for (const i of [lo - 1, lo]) {
    if (i < 0 || i >= n) continue;
    if (best < 0 || Math.abs((pairs[2 * i] as number) - t) < Math.abs((pairs[2 * best] as number) - t)) best = i;
  }
  return best >= 0 && Math.abs((pairs[2 * best] as number) - t) <= toleranceMs ? best : -1;
}

/**
 * The value of the point nearest to time `t` in interleaved `t, v` pairs (times ascending), or
 * null when there is none within `toleranceMs` or it is missing: the axis tooltip reads every
 * line at the pointer's time from the points drawn (the lines' points differ in time, and ECharts
 * would list only the lines with a point exactly there).
 */
export function nearestValue(pairs: Float64Array, t: number, toleranceMs: number): number | null {
  const i = nearestPair(pairs, t, toleranceMs);
  const v = i < 0 ? NaN : (pairs[2 * i + 1] as number);
  return Number.isFinite(v) ? v : null;
}

/**
 * The time of the point nearest to `t` in interleaved `t, v` pairs (times ascending), or null
 * when there is none within `toleranceMs`: with the lines drawn on a canvas the axis pointer no
 * longer snaps to a data point, so the tooltip snaps its time to the nearest drawn one.
 */
export function nearestTime(pairs: Float64Array, t: number, toleranceMs: number): number | null {
  const i = nearestPair(pairs, t, toleranceMs);
  return i < 0 ? null : (pairs[2 * i] as number);
}
