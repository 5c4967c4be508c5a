/**
 * The decimal shape of a column of counter values: the smallest scale s such that every finite
 * value v is exactly round(v · 10^s) / 10^s, and the largest |v|. The workspace picks each counter
 * column's storage from it (services/workspace/counter-storage.ts: DECIMAL(9, s) or DOUBLE;
 * METHODS.md §1, values read back exactly).
 *
 * It lives in core so the import workers can compute it right after parsing, in parallel, instead
 * of the main thread scanning ~4 M values inside the write transaction (issue #3).
 */

/** Largest scale tried; a summary with a larger scale means "not a short decimal" (DOUBLE). */
export const MAX_DECIMAL_SCALE = 6;
const POW10 = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000];

/** Scale and magnitude of a set of values (see the file comment); NaN (missing) values are skipped. */
export interface DecimalSummary {
  /** > MAX_DECIMAL_SCALE: some value is no short decimal (or is -0, which would read back as +0). */
  scale: number;
  maxAbs: number;
}

/**
 * Scans `values[offset + i·stride]` for i < count, starting from scale `startScale`: a value exact
 * at scale s is exact at every larger one (same decimal, same rounding), so the result is
 * max(startScale, each value's smallest scale) and summaries combine by max. Stops early once
 * no scale fits (maxAbs is then irrelevant).
 */
export function scanDecimals(values: Float64Array, offset: number, stride: number, count: number, startScale = 0): DecimalSummary {
  let s = startScale;
  let maxAbs = 0;
  for (let i = 0, p = offset; i < count && s <= MAX_DECIMAL_SCALE; i++, p += stride) {
    const v = values[p]!;
    if (v !== v) continue;
    if (v === 0 && 1 / v < 0) {
      s = MAX_DECIMAL_SCALE + 1; // -0 would read back as +0
      break;
    }
    const a = v < 0 ? -v : v;
    if (a > maxAbs) maxAbs = a;
    while (s <= MAX_DECIMAL_SCALE && Math.round(v * POW10[s]!) / POW10[s]! !== v) s++;
  }
  return { scale: s, maxAbs };
}
