import { PAPER_COUNTERS, type ObjectSeries } from '../../../shared/domain/series';
import { inputError } from './csv/input-error';

/** Samples of one counter for one object: parallel arrays, times strictly increasing. */
export interface CounterSamples {
  /** [n] epoch ms UTC. */
  times: Float64Array;
  /** [n] values; NaN = missing. */
  values: Float64Array;
}

/** A regular time grid: `length` steps of `cadenceMs` from `startMs`. */
export interface TimeGrid {
  startMs: number;
  cadenceMs: number;
  length: number;
}

/** Most grid steps one series may have (25 M rows ≈ 4.7 years at 2 s): guards memory. */
const MAX_GRID_LENGTH = 25_000_000;

/**
 * Counter order for series columns: the paper's ten first, in the paper's order (METHODS.md §1),
 * then any others alphabetically (code-unit order, locale-independent).
 */
export function orderCounters(names: Iterable<string>): string[] {
  const set = new Set(names);
  const paper: string[] = PAPER_COUNTERS.filter((c) => set.has(c));
  const known = new Set<string>(PAPER_COUNTERS);
  const rest = [...set].filter((c) => !known.has(c)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return [...paper, ...rest];
}

/**
 * The grid covering [minMs, maxMs] with steps aligned to multiples of `cadenceMs` since the
 * epoch (5-minute buckets start on :00, :05 …; offsets of every zone in use are whole 5 min).
 */
export function gridCovering(minMs: number, maxMs: number, cadenceMs: number): TimeGrid {
  if (!(cadenceMs > 0) || !Number.isFinite(cadenceMs)) {
    throw inputError('INVALID_SETTINGS', { field: 'cadenceMs' }, `the cadence must be a positive number of milliseconds, got ${cadenceMs}.`, 'Use e.g. 300000 for 5 minutes.');
  }
  const startMs = Math.floor(minMs / cadenceMs) * cadenceMs;
  const length = Math.floor((maxMs - startMs) / cadenceMs) + 1;
  if (length > MAX_GRID_LENGTH) {
    throw inputError(
      'INVALID_SETTINGS',
      { field: 'cadenceMs' },
      `a cadence of ${cadenceMs} ms over this time range gives ${length} rows per object (limit ${MAX_GRID_LENGTH}).`,
      'Choose a coarser cadence, or import a shorter period.',
    );
  }
  return { startMs, cadenceMs, length };
}

/**
 * Lays samples on a grid: each grid cell is the mean of the finite samples whose time falls in
 * its bucket [t, t + cadence); a bucket with none stays NaN (missing is never zero, METHODS.md §1).
 * On a grid equal to the data's own grid this is an exact copy (and takes a copy-only fast path).
 *
 * @param samples [counters] lists of sample sets (several files may cover one counter).
 */
export function layOnGrid(object: string, objType: string, counters: string[], samples: CounterSamples[][], grid: TimeGrid): ObjectSeries {
  const width = counters.length;
  const { startMs, cadenceMs, length } = grid;
  const values = new Float64Array(length * width).fill(Number.NaN); // [T * C] row-major
  for (let c = 0; c < width; c++) {
    const sets = samples[c] ?? [];
    if (sets.every((set) => onGrid(set, grid)) && disjoint(sets)) {
      for (const { times, values: v } of sets) {
        const b0 = (times[0]! - startMs) / cadenceMs;
        for (let i = 0, at = b0 * width + c; i < v.length; i++, at += width) {
          const x = v[i]!;
          if (x - x === 0) values[at] = x; // finite only: NaN stays missing
        }
      }
    } else {
      bucketMeans(sets, grid, values, c, width);
    }
  }
  const times = new Float64Array(length);
  for (let t = 0; t < length; t++) times[t] = startMs + t * cadenceMs;
  return { object, objType, counters, cadenceMs, times, values };
}

/** True when the set is one sample per grid step, contiguous and aligned: a straight copy. */
function onGrid(set: CounterSamples, grid: TimeGrid): boolean {
  const { times } = set;
  const n = times.length;
  if (n === 0) return true;
  const first = times[0]!;
  if ((first - grid.startMs) % grid.cadenceMs !== 0 || first < grid.startMs) return false;
  if (times[n - 1]! - first !== (n - 1) * grid.cadenceMs) return false;
  // Strictly increasing with the right span means one sample per step; check the order cheaply.
  for (let i = 1; i < n; i++) if (!(times[i]! > times[i - 1]!)) return false;
  return (first - grid.startMs) / grid.cadenceMs + n <= grid.length;
}

function disjoint(sets: CounterSamples[]): boolean {
  if (sets.length < 2) return true;
  const ranges = sets.filter((s) => s.times.length > 0).map((s) => [s.times[0]!, s.times[s.times.length - 1]!] as const);
  ranges.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < ranges.length; i++) if (ranges[i]![0] <= ranges[i - 1]![1]) return false;
  return true;
}

/** Mean of finite samples per bucket into column `c` of `out` (row-major, `width` columns). */
function bucketMeans(sets: CounterSamples[], grid: TimeGrid, out: Float64Array, c: number, width: number): void {
  const { startMs, cadenceMs, length } = grid;
  const sums = new Float64Array(length);
  const counts = new Uint32Array(length);
  for (const { times, values } of sets) {
    for (let i = 0; i < times.length; i++) {
      const v = values[i]!;
      if (v - v !== 0) continue; // NaN or ±Infinity
      const b = Math.floor((times[i]! - startMs) / cadenceMs);
      if (b < 0 || b >= length) continue;
      sums[b]! += v;
      counts[b]!++;
    }
  }
  for (let b = 0, at = c; b < length; b++, at += width) {
    const n = counts[b]!;
    if (n > 0) out[at] = n === 1 ? sums[b]! : sums[b]! / n;
  }
}
