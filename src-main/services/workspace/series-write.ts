import { DOUBLE, DECIMAL, SMALLINT, type DuckDBType } from '@duckdb/node-api';
import type { ObjectSeries } from '../../../shared/domain/series';
import type { ObjectColumns } from '../../core/ingest/scouter';
import type { Tx } from './duckdb-workspace';
import { CHUNK_ROWS, ColumnChunkWriter } from './column-chunk-writer';
import { DECIMAL_WIDTH, DecimalScan, decimalFactor } from './counter-storage';
import { counterColumns, prepareCounterColumns, type CounterColumn } from './series-columns';

/**
 * The id of each series' object (by name), adding the objects not stored yet in one INSERT; `fresh`
 * holds the ids added here (no stored rows can exist for them). One query per import instead of
 * two or three per object: each round trip costs ms inside the write (issue #3).
 */
async function objectIds(tx: Tx, series: readonly SeriesToWrite[]): Promise<{ ids: Map<string, number>; fresh: Set<number> }> {
  const rows = await tx.all('SELECT id, name FROM objects');
  const ids = new Map(rows.map((r) => [String(r['name']), Number(r['id'])]));
  let next = rows.reduce((m, r) => Math.max(m, Number(r['id']) + 1), 0);
  const fresh = new Set<number>();
  const params: (string | number)[] = [];
  for (const s of series) {
    if (ids.has(s.object)) continue;
    ids.set(s.object, next);
    fresh.add(next);
    params.push(next++, s.object, s.objType);
  }
  if (params.length > 0) {
    const tuples = Array.from({ length: params.length / 3 }, (_, i) => `($${3 * i + 1}, $${3 * i + 2}, $${3 * i + 3})`);
    await tx.run(`INSERT INTO objects VALUES ${tuples.join(', ')}`, params);
  }
  return { ids, fresh };
}

/** Records each object's grid step in one statement; an object written twice keeps the finest step. */
async function recordCadences(tx: Tx, cadences: ReadonlyMap<number, number>): Promise<void> {
  if (cadences.size === 0) return;
  const params = [...cadences].flat();
  const tuples = Array.from({ length: cadences.size }, (_, i) => `($${2 * i + 1}, $${2 * i + 2})`);
  await tx.run(
    `INSERT INTO series_cadence VALUES ${tuples.join(', ')} ON CONFLICT (object_id) DO UPDATE SET cadence_ms = least(series_cadence.cadence_ms, excluded.cadence_ms)`,
    params,
  );
}

/**
 * A series to write: row-major ObjectSeries ([T, C]) or column-major ObjectColumns ([C][T], as
 * the Scouter merge builds it: no transposition on the way to the column store).
 */
export type SeriesToWrite = ObjectSeries | ObjectColumns;

/** Where one workspace column's values come from: `values[offset + i·stride]` for row i; null = all missing. */
interface ColumnSource {
  values: Float64Array;
  offset: number;
  stride: number;
}

/** Counter `j` of `s`, either layout. */
function counterSource(s: SeriesToWrite, j: number): ColumnSource {
  return 'columns' in s ? { values: s.columns[j]!, offset: 0, stride: 1 } : { values: s.values, offset: j, stride: s.counters.length };
}

/** Per-batch scratch: one column's encoded values and NULL mask. */
class BatchScratch {
  readonly doubles = new Float64Array(CHUNK_ROWS);
  readonly ints = new Int32Array(CHUNK_ROWS);
  readonly ids = new Int16Array(CHUNK_ROWS);
  /** All rows valid; a column with NULLs writes `mask` instead. */
  readonly mask = new Uint32Array(CHUNK_ROWS / 32);
  private maskDirty = true;

  /** A clear mask (every row valid) to clear NULL bits in. */
  freshMask(): Uint32Array {
    if (this.maskDirty) this.mask.fill(0xffffffff);
    this.maskDirty = true;
    return this.mask;
  }

  /** The mask was not touched after all. */
  keepMask(): void {
    this.maskDirty = false;
  }
}

/**
 * Encodes rows [start, start+n) of `src` into column `k` of the batch: DOUBLE as is, DECIMAL(9, s)
 * as the integers round(v · 10^s) (exact by the column's choice, counter-storage.ts); NaN = NULL.
 */
function fillColumn(w: ColumnChunkWriter, k: number, col: CounterColumn, src: ColumnSource | null, start: number, n: number, scratch: BatchScratch): void {
  const mask = scratch.freshMask();
  if (!src) {
    mask.fill(0, 0, Math.ceil(n / 32));
    w.setColumn(k, col.storage.kind === 'decimal' ? scratch.ints.subarray(0, n) : scratch.doubles.subarray(0, n), mask);
    return;
  }
  const { values, stride } = src;
  let p = src.offset + start * stride;
  let nulls = false;
  if (col.storage.kind === 'decimal') {
    const f = decimalFactor(col.storage.scale);
    const out = scratch.ints;
    for (let i = 0; i < n; i++, p += stride) {
      const v = values[p]!;
      if (v !== v) {
        mask[i >>> 5]! &= ~(1 << (i & 31));
        nulls = true;
        out[i] = 0;
      } else out[i] = Math.round(v * f);
    }
    if (!nulls) scratch.keepMask();
    w.setColumn(k, out.subarray(0, n), nulls ? mask : null);
    return;
  }
  let out: Float64Array;
  if (stride === 1) {
    out = values.subarray(p, p + n);
    for (let i = 0; i < n; i++) {
      if (out[i]! !== out[i]!) {
        mask[i >>> 5]! &= ~(1 << (i & 31));
        nulls = true;
      }
    }
  } else {
    out = scratch.doubles;
    for (let i = 0; i < n; i++, p += stride) {
      const v = values[p]!;
      if (v !== v) {
        mask[i >>> 5]! &= ~(1 << (i & 31));
        nulls = true;
      }
      out[i] = v;
    }
    out = out.subarray(0, n);
  }
  if (!nulls) scratch.keepMask();
  w.setColumn(k, out, nulls ? mask : null);
}

/**
 * Writes series into the wide `series` table inside the caller's transaction. Where the workspace
 * already holds rows of the same object in the same time range, the stored values are merged
 * (new finite-or-missing values of the imported counters replace the old ones; other counters
 * keep theirs) so importing counters one file at a time builds one multivariate series.
 *
 * Each counter column stores DECIMAL(9, s) when all its values are short decimals, else DOUBLE
 * (counter-storage.ts); rows go through the appender in 2048-row chunks, one native copy per
 * column (column-chunk-writer.ts). The grid step lives per object in `series_cadence`.
 */
export async function writeSeries(tx: Tx, series: readonly SeriesToWrite[]): Promise<number> {
  // 1. The storage each counter needs: one scan over the values of this import.
  // A stored decimal column's scan starts at its scale (values fit as stored unless they need more).
  const current = await counterColumns(tx);
  const stored = new Map(current.map((c) => [c.name, c.storage.kind === 'decimal' ? c.storage.scale : 0]));
  const scans = new Map<string, DecimalScan>();
  for (const s of series) for (const name of s.counters) if (!scans.has(name)) scans.set(name, new DecimalScan(stored.get(name) ?? 0));
  for (const s of series) s.counters.forEach((name, j) => {
    // Scouter columns arrive scanned by the import workers (in parallel, ScouterFile.decimals).
    const known = 'columns' in s ? s.decimals?.[j] : undefined;
    if (known) return scans.get(name)!.addSummary(known);
    const src = counterSource(s, j);
    scans.get(name)!.add(src.values, src.offset, src.stride, s.times.length);
  });
  const cols = await prepareCounterColumns(tx, scans, current);
  const types: DuckDBType[] = [SMALLINT, DOUBLE, ...cols.map((c) => (c.storage.kind === 'decimal' ? DECIMAL(DECIMAL_WIDTH, c.storage.scale) : DOUBLE))];

  // 2. Rows, object by object.
  const { ids, fresh } = await objectIds(tx, series);
  const cadences = new Map<number, number>();
  const appender = await tx.conn.createAppender('series');
  const scratch = new BatchScratch();
  let rows = 0;
  try {
    const writer = new ColumnChunkWriter(appender, types);
    for (const s of series) {
      const id = ids.get(s.object)!;
      const T = s.times.length;
      if (T === 0) continue;
      // An object added by this import has no stored rows to merge with (only its first series:
      // a second one of the same object is merged as before).
      const sources = fresh.delete(id) ? directSources(s, cols) : await columnSources(tx, id, s, cols);
      scratch.ids.fill(id);
      for (let start = 0; start < T; start += CHUNK_ROWS) {
        const n = Math.min(CHUNK_ROWS, T - start);
        writer.begin(n);
        writer.setColumn(0, scratch.ids.subarray(0, n), null);
        writer.setColumn(1, s.times.subarray(start, start + n), null);
        for (let k = 0; k < cols.length; k++) fillColumn(writer, 2 + k, cols[k]!, sources[k]!, start, n, scratch);
        writer.append();
      }
      cadences.set(id, Math.min(cadences.get(id) ?? Infinity, s.cadenceMs));
      rows += T;
    }
  } finally {
    appender.closeSync();
  }
  await recordCadences(tx, cadences);
  return rows;
}

/** Each workspace column straight from `s` (null = a counter `s` lacks: all missing). */
function directSources(s: SeriesToWrite, cols: readonly CounterColumn[]): (ColumnSource | null)[] {
  const own = new Map(s.counters.map((name, j) => [name, j]));
  return cols.map((c) => {
    const j = own.get(c.name);
    return j === undefined ? null : counterSource(s, j);
  });
}

/**
 * Where each workspace column of `s`'s rows comes from: straight from `s.values` ([T, C]
 * row-major) when the workspace holds nothing of this object in `s`'s time range; else the
 * stored rows there are read back, merged with the new values, and deleted before the append.
 */
async function columnSources(tx: Tx, id: number, s: SeriesToWrite, cols: readonly CounterColumn[]): Promise<(ColumnSource | null)[]> {
  const T = s.times.length;
  const own = new Map(s.counters.map((name, j) => [name, j]));
  const from = s.times[0]!;
  const to = s.times[T - 1]!;
  const existing = await tx.all(`SELECT t_ms, ${cols.map((c) => `${c.col}::DOUBLE AS ${c.col}`).join(', ')} FROM series WHERE object_id = $1 AND t_ms BETWEEN $2 AND $3`, [id, from, to]);
  if (existing.length === 0) return directSources(s, cols);
  // [C][T] column-major in workspace column order; NaN = missing.
  const merged = cols.map(() => new Float64Array(T).fill(NaN));
  const rowOf = new Map<number, number>();
  for (let i = 0; i < T; i++) rowOf.set(s.times[i]!, i);
  for (const r of existing) {
    const i = rowOf.get(Number(r['t_ms']));
    if (i === undefined) continue;
    cols.forEach((c, k) => {
      const v = r[c.col];
      if (v !== null && v !== undefined) merged[k]![i] = Number(v);
    });
  }
  await tx.run('DELETE FROM series WHERE object_id = $1 AND t_ms BETWEEN $2 AND $3', [id, from, to]);
  cols.forEach((c, k) => {
    const j = own.get(c.name);
    if (j === undefined) return;
    const dst = merged[k]!;
    const { values, offset, stride } = counterSource(s, j);
    for (let i = 0, p = offset; i < T; i++, p += stride) dst[i] = values[p]!;
  });
  return merged.map((values) => ({ values, offset: 0, stride: 1 }));
}
