import { MAX_DECIMAL_SCALE, scanDecimals, type DecimalSummary } from '../../core/ingest/scouter/column-decimals';

/**
 * How one counter column of the wide `series` table stores its values, chosen per column so that
 * every value reads back exactly (METHODS.md §1: values are the export's numbers, `""` = missing).
 *
 * Scouter writes counters with `#,###.##` (SCOUTER-CSV.md §6): at most a few decimals. Such a
 * column is stored as DECIMAL(9, s) — a 32-bit integer m with value m / 10^s — when every finite
 * value v is exactly m / 10^s (as doubles: `m / 10^s === v`) with |m| ≤ 999,999,999. DuckDB
 * appends, compresses (bit-packing) and commits half the bytes of DOUBLE and reads m / 10^s back
 * as the same double: both are the correctly rounded value of the same decimal (an int32 is exact
 * in a double, and IEEE division rounds correctly). Anything else (means from resampling, more
 * digits, large values, -0, ±∞) keeps DOUBLE. Missing values are NULL in both.
 */

/** DECIMAL(9, s): the widest decimal DuckDB keeps in 32 bits. */
export const DECIMAL_WIDTH = 9;
const MAX_UNSCALED = 999_999_999;
/** Largest scale tried; beyond it the column is DOUBLE (column-decimals.ts). */
export { MAX_DECIMAL_SCALE };
const POW10 = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000];

export type CounterStorage = { kind: 'decimal'; scale: number } | { kind: 'double' };

/** The SQL type of a storage. */
export function storageSql(s: CounterStorage): string {
  return s.kind === 'decimal' ? `DECIMAL(${DECIMAL_WIDTH},${s.scale})` : 'DOUBLE';
}

/** A `series` column's storage from its DuckDB type name (`DECIMAL(9,2)`, `DOUBLE`). */
export function storageOfSqlType(type: string): CounterStorage {
  const m = /^DECIMAL\((\d+),\s*(\d+)\)$/i.exec(type.trim());
  if (m && Number(m[1]) === DECIMAL_WIDTH) return { kind: 'decimal', scale: Number(m[2]) };
  return { kind: 'double' };
}

/**
 * Running scan of one counter's values: the smallest decimal scale that holds all of them
 * exactly so far, and the largest magnitude. `add` is called on every value of the column (all
 * objects of the import); NaN (missing) is skipped.
 */
export class DecimalScan {
  /** Smallest scale so far; > MAX_DECIMAL_SCALE = not a short decimal. */
  scale: number;
  maxAbs = 0;

  constructor(startScale = 0) {
    this.scale = startScale;
  }

  /** Scans `values[offset + i·stride]` for i < count (row-major [T, C]: stride C, offset = counter). */
  add(values: Float64Array, offset: number, stride: number, count: number): void {
    if (this.scale > MAX_DECIMAL_SCALE) return;
    this.addSummary(scanDecimals(values, offset, stride, count, this.scale));
  }

  /**
   * Takes in values scanned elsewhere (an import worker's `ScouterFile.decimals`): the same result
   * as `add` on them, since scales combine by max (column-decimals.ts).
   */
  addSummary(summary: DecimalSummary): void {
    this.scale = Math.max(this.scale, summary.scale);
    this.maxAbs = Math.max(this.maxAbs, summary.maxAbs);
  }

  /** The storage for everything scanned; `double` when no DECIMAL(9, s) holds it exactly. */
  result(): CounterStorage {
    const s = this.scale;
    if (s > MAX_DECIMAL_SCALE || !(Math.round(this.maxAbs * POW10[s]!) <= MAX_UNSCALED)) return { kind: 'double' };
    return { kind: 'decimal', scale: s };
  }
}

/**
 * The storage that holds both what a column stores (`current`, with stored values up to
 * `storedMaxAbs`) and a new import's values (`incoming`, from a DecimalScan started at the
 * current scale): the current one when it already fits, else a wider decimal, else DOUBLE.
 */
export function combineStorage(current: CounterStorage, storedMaxAbs: number, incoming: DecimalScan): CounterStorage {
  if (current.kind === 'double') return current;
  const need = incoming.result();
  if (need.kind === 'double') return need;
  const scale = Math.max(current.scale, need.scale);
  const maxAbs = Math.max(storedMaxAbs, incoming.maxAbs);
  if (Math.round(maxAbs * POW10[scale]!) > MAX_UNSCALED) return { kind: 'double' };
  return { kind: 'decimal', scale };
}

/** 10^scale for the encoder. */
export function decimalFactor(scale: number): number {
  return POW10[scale]!;
}
