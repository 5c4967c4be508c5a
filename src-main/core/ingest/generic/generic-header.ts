import { inputError, quoteCell } from '../csv/input-error';

/** Header conventions of generic CSVs: which column is time, object, metric, value (case-insensitive). */

/** Time column names, in order of preference. */
export const TIME_NAMES = ['time', 'timestamp', 'datetime', 'date', 'ts'];
/** Object (label) column names. */
export const OBJECT_NAMES = ['object', 'label', 'host', 'instance', 'server'];
/** Metric-name column names (long layout). */
export const METRIC_NAMES = ['metric', 'counter'];
/** Value column names (long layout). */
export const VALUE_NAMES = ['value'];

/** Throws PARSE_ERROR naming both columns when two header cells share a name (columns are keyed by name). */
export function assertUniqueHeader(file: string, line: number, fields: readonly string[]): void {
  const seen = new Map<string, number>();
  fields.forEach((name, k) => {
    const earlier = seen.get(name);
    if (earlier !== undefined) {
      throw inputError(
        'PARSE_ERROR',
        { file, line, column: k + 1, field: name },
        `column ${k + 1} repeats the name ${quoteCell(name)} of column ${earlier + 1}; columns are matched by name, so each must be unique.`,
        'Rename or remove one of the two columns.',
      );
    }
    seen.set(name, k);
  });
}

/** Index of the named column (explicit name must exist), else of the first conventional name, else -1. */
export function findColumn(file: string, fields: readonly string[], explicit: string | undefined, names: readonly string[], setting: string): number {
  if (explicit !== undefined) {
    const k = fields.indexOf(explicit);
    if (k < 0) {
      throw inputError('INVALID_SETTINGS', { file, field: setting }, `the header has no column ${quoteCell(explicit)} (columns: ${fields.map((f) => quoteCell(f)).join(', ')}).`, `Pick one of the file's columns for "${setting}".`);
    }
    return k;
  }
  const lower = fields.map((f) => f.toLowerCase());
  for (const n of names) {
    const k = lower.indexOf(n);
    if (k >= 0) return k;
  }
  return -1;
}
