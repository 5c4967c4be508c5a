import type { EpochMs } from './time';

/** A Scouter object path such as `/MIS-WAS/MIS-WAS-D` (SCOUTER-CSV.md §4). */
export type ObjectName = string;

/** The ten counters of the paper (METHODS.md §1), in the paper's order. */
export const PAPER_COUNTERS = [
  'ActiveService',
  'ApiTimeByService',
  'ElapsedTime',
  'RecentUser',
  'ServiceCount',
  'TPS',
  'GcCount',
  'GcTime',
  'HeapUsed',
  'SqlTimeByService',
] as const;

/**
 * One multivariate series per object on a regular time grid (METHODS.md §1).
 * `values` is row-major `[T, C]` (T = times.length, C = counters.length); NaN = missing,
 * never zero: zeros are real idle values.
 */
export interface ObjectSeries {
  object: ObjectName;
  objType: string;
  counters: string[];
  /** Grid step in ms (300 000 for Daily All, 2 000 for Past All). */
  cadenceMs: number;
  /** [T] epoch ms, strictly increasing on the grid. */
  times: Float64Array;
  /** [T * C] row-major. */
  values: Float64Array;
}

/** What the workspace knows about a stored series, without its values. */
export interface SeriesSummary {
  object: ObjectName;
  objType: string;
  counters: string[];
  cadenceMs: number;
  fromMs: EpochMs;
  toMs: EpochMs;
  rows: number;
  missing: number;
}
