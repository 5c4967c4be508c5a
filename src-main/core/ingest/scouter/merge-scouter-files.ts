import type { ObjectSeries } from '../../../../shared/domain/series';
import { inputError } from '../csv/input-error';
import { formatInOffset } from '../../../../shared/domain/time';
import { gridCovering, layOnGrid, orderCounters, type CounterSamples, type TimeGrid } from '../series-grid';
import type { ScouterFile } from './parse-scouter-csv';
import type { DecimalSummary } from './column-decimals';

/** Options of `mergeScouterFiles`. */
export interface MergeScouterOptions {
  /** Target grid step in ms; default: the coarsest cadence among the files. */
  cadenceMs?: number;
}

/**
 * One object's merged series, column-major ([C] columns of [T] values, NaN = missing): what
 * `mergeScouterFiles` builds before laying it out row-major. The workspace writer takes it as is,
 * with no transposition. A column that is exactly one file's column on the whole grid is that
 * file's array, not a copy (ScouterFile columns hold NaN for missing and non-finite cells).
 */
export interface ObjectColumns {
  object: string;
  objType: string;
  counters: string[];
  cadenceMs: number;
  /** [T] epoch ms on the grid. */
  times: Float64Array;
  /** [C][T]; `columns[c]` belongs to `counters[c]`. */
  columns: Float64Array[];
  /**
   * [C] the parser's decimal summary of a column that is a file's array as is (undefined for a
   * padded or resampled column): lets the writer skip rescanning it. Valid while the column is
   * unchanged.
   */
  decimals?: (DecimalSummary | undefined)[];
}

/**
 * Turns per-counter exports (one file = one counter × one objType, columns = objects) into one
 * multivariate series per object (METHODS.md §1: rows = timestamps, columns = counters).
 *
 * - Objects are keyed by (objType, object name): the same name under two objTypes stays two series.
 * - All objects of one objType share one grid: the union of that objType's files' time ranges,
 *   so an object absent from a file (or a day) has NaN there, never zero.
 * - Counter columns: the paper's ten in its order, then others alphabetically; every object of an
 *   objType gets every counter seen for that objType.
 * - Resampling (cadence coarser than the data) takes the mean of finite values per bucket.
 * - Two files for the same objType and counter may cover different periods (e.g. one export per
 *   month) but must not overlap: overlapping exports are reported, not averaged.
 *
 * Output order: by objType, then object name.
 *
 * @throws VigilError PARSE_ERROR for overlapping files; INVALID_SETTINGS for a bad cadence.
 */
export function mergeScouterFiles(files: readonly ScouterFile[], opts: MergeScouterOptions = {}): ObjectSeries[] {
  // `decimals` describes the columns, not the row-major copy: left out.
  return mergeScouterColumns(files, opts).map(({ columns, decimals: _columnDecimals, ...rest }) => {
    const T = rest.times.length;
    const C = columns.length;
    const values = new Float64Array(T * C); // [T * C] row-major
    columns.forEach((col, c) => {
      for (let i = 0, at = c; i < T; i++, at += C) values[at] = col[i]!;
    });
    return { ...rest, values };
  });
}

/** `mergeScouterFiles` without the row-major layout: same grid, counters, values and errors. */
export function mergeScouterColumns(files: readonly ScouterFile[], opts: MergeScouterOptions = {}): ObjectColumns[] {
  const withRows = files.filter((f) => f.times.length > 0);
  assertNoOverlap(withRows);
  const byType = new Map<string, ScouterFile[]>();
  for (const f of withRows) {
    const list = byType.get(f.objType);
    if (list) list.push(f);
    else byType.set(f.objType, [f]);
  }
  const out: ObjectColumns[] = [];
  for (const objType of [...byType.keys()].sort()) {
    const group = byType.get(objType)!;
    const cadenceMs = opts.cadenceMs ?? Math.max(...group.map((f) => f.cadenceMs));
    const minMs = Math.min(...group.map((f) => f.times[0]!));
    const maxMs = Math.max(...group.map((f) => f.times[f.times.length - 1]!));
    const grid = gridCovering(minMs, maxMs, cadenceMs);
    const counters = orderCounters(group.map((f) => f.counter));
    const counterIndex = new Map(counters.map((c, i) => [c, i]));
    // object → [counters] sample sets
    const samples = new Map<string, CounterSamples[][]>();
    const summaries = new Map<Float64Array, DecimalSummary>();
    for (const f of group) {
      const c = counterIndex.get(f.counter)!;
      f.objects.forEach((object, j) => {
        let perCounter = samples.get(object);
        if (!perCounter) {
          perCounter = counters.map(() => []);
          samples.set(object, perCounter);
        }
        perCounter[c]!.push({ times: f.times, values: f.columns[j]! });
        const d = f.decimals?.[j];
        if (d) summaries.set(f.columns[j]!, d);
      });
    }
    for (const object of [...samples.keys()].sort()) {
      const sets = samples.get(object)!;
      const columns = counters.map((counter, c) => wholeGridColumn(sets[c]!, grid) ?? layOnGrid(object, objType, [counter], [sets[c]!], grid).values);
      const times = new Float64Array(grid.length);
      for (let t = 0; t < grid.length; t++) times[t] = grid.startMs + t * grid.cadenceMs;
      // Only a file's own array keeps its summary (a copy may be padded or resampled means).
      const decimals = columns.map((col) => summaries.get(col));
      out.push({ object, objType, counters, cadenceMs, times, columns, ...(decimals.some((d) => d !== undefined) ? { decimals } : {}) });
    }
  }
  return out;
}

/**
 * The column itself when one sample set covers the grid exactly, one sample per step (the usual
 * import: every counter exported for the same period); undefined otherwise (layOnGrid copies,
 * pads or resamples).
 */
function wholeGridColumn(sets: readonly CounterSamples[], grid: TimeGrid): Float64Array | undefined {
  if (sets.length !== 1) return undefined;
  const { times, values } = sets[0]!;
  const n = times.length;
  if (n !== grid.length || times[0] !== grid.startMs || times[n - 1] !== grid.startMs + (n - 1) * grid.cadenceMs) return undefined;
  // Strictly increasing with the right span and count means exactly the grid's steps.
  for (let i = 1; i < n; i++) if (!(times[i]! > times[i - 1]!)) return undefined;
  return values;
}

function assertNoOverlap(files: readonly ScouterFile[]): void {
  const byKey = new Map<string, ScouterFile[]>();
  for (const f of files) {
    const key = `${f.objType}\u0000${f.counter}`;
    const list = byKey.get(key);
    if (list) list.push(f);
    else byKey.set(key, [f]);
  }
  for (const list of byKey.values()) {
    const sorted = [...list].sort((a, b) => a.times[0]! - b.times[0]!);
    for (let i = 1; i < sorted.length; i++) {
      const prev = sorted[i - 1]!;
      const cur = sorted[i]!;
      const prevEnd = prev.times[prev.times.length - 1]!;
      if (cur.times[0]! <= prevEnd) {
        throw inputError(
          'PARSE_ERROR',
          { file: cur.file, field: cur.counter },
          `its ${cur.objType} ${cur.counter} rows from ${formatInOffset(cur.times[0]!, 0)} UTC overlap ${prev.file}, which runs to ${formatInOffset(prevEnd, 0)} UTC.`,
          'Import only one export per counter and period (remove the duplicate or overlapping file).',
        );
      }
    }
  }
}
