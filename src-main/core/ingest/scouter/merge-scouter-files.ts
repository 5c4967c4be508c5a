import type { ObjectSeries } from '../../../../shared/domain/series';
import { inputError } from '../csv/input-error';
import { formatInOffset } from '../../../../shared/domain/time';
import { gridCovering, layOnGrid, orderCounters, type CounterSamples } from '../series-grid';
import type { ScouterFile } from './parse-scouter-csv';

/** Options of `mergeScouterFiles`. */
export interface MergeScouterOptions {
  /** Target grid step in ms; default: the coarsest cadence among the files. */
  cadenceMs?: number;
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
  const withRows = files.filter((f) => f.times.length > 0);
  assertNoOverlap(withRows);
  const byType = new Map<string, ScouterFile[]>();
  for (const f of withRows) {
    const list = byType.get(f.objType);
    if (list) list.push(f);
    else byType.set(f.objType, [f]);
  }
  const out: ObjectSeries[] = [];
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
    for (const f of group) {
      const c = counterIndex.get(f.counter)!;
      f.objects.forEach((object, j) => {
        let perCounter = samples.get(object);
        if (!perCounter) {
          perCounter = counters.map(() => []);
          samples.set(object, perCounter);
        }
        perCounter[c]!.push({ times: f.times, values: f.columns[j]! });
      });
    }
    for (const object of [...samples.keys()].sort()) {
      out.push(layOnGrid(object, objType, counters, samples.get(object)!, grid));
    }
  }
  return out;
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
