import { DOUBLE, DECIMAL, SMALLINT, type DuckDBType } from '@duckdb/node-api';
import type { ObjectSeries } from '../../../shared/domain/series';
import type { ObjectColumns } from '../../core/ingest/scouter';
import type { Tx } from './duckdb-workspace';
import { CHUNK_ROWS, ColumnChunkWriter } from './column-chunk-writer';
import { DECIMAL_WIDTH, DecimalScan, decimalFactor } from './counter-storage';
import { counterColumns, prepareCounterColumns, type CounterColumn } from './series-columns';

async function objectId(tx: Tx, name: string, objType: string): Promise<number> {
  const found = await tx.all('SELECT id FROM objects WHERE name = $1', [name]);
  if (found[0]) return Number(found[0]['id']);
  const next = await tx.all('SELECT coalesce(max(id) + 1, 0) AS id FROM objects');
  const id = Number(next[0]?.['id'] ?? 0);
  await tx.run('INSERT INTO objects VALUES ($1, $2, $3)', [id, name, objType]);
  return id;
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
  const stored = new Map((await counterColumns(tx)).map((c) => [c.name, c.storage.kind === 'decimal' ? c.storage.scale : 0]));
  const scans = new Map<string, DecimalScan>();
  for (const s of series) for (const name of s.counters) if (!scans.has(name)) scans.set(name, new DecimalScan(stored.get(name) ?? 0));
  for (const s of series) s.counters.forEach((name, j) => {
    const src = counterSource(s, j);
    scans.get(name)!.add(src.values, src.offset, src.stride, s.times.length);
  });
  const cols = await prepareCounterColumns(tx, scans);
  const types: DuckDBType[] = [SMALLINT, DOUBLE, ...cols.map((c) => (c.storage.kind === 'decimal' ? DECIMAL(DECIMAL_WIDTH, c.storage.scale) : DOUBLE))];

  // 2. Rows, object by object.
  const appender = await tx.conn.createAppender('series');
  const scratch = new BatchScratch();
  let rows = 0;
  try {
    const writer = new ColumnChunkWriter(appender, types);
    for (const s of series) {
      const id = await objectId(tx, s.object, s.objType);
      const T = s.times.length;
      if (T === 0) continue;
      const sources = await columnSources(tx, id, s, cols);
      scratch.ids.fill(id);
      for (let start = 0; start < T; start += CHUNK_ROWS) {
        const n = Math.min(CHUNK_ROWS, T - start);
        writer.begin(n);
        writer.setColumn(0, scratch.ids.subarray(0, n), null);
        writer.setColumn(1, s.times.subarray(start, start + n), null);
        for (let k = 0; k < cols.length; k++) fillColumn(writer, 2 + k, cols[k]!, sources[k]!, start, n, scratch);
        writer.append();
      }
      await tx.run(
        `INSERT INTO series_cadence VALUES ($1, $2) ON CONFLICT (object_id) DO UPDATE SET cadence_ms = least(series_cadence.cadence_ms, excluded.cadence_ms)`,
        [id, s.cadenceMs],
      );
      rows += T;
    }
  } finally {
    appender.closeSync();
  }
  return rows;
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
  if (existing.length === 0) {
    return cols.map((c) => {
      const j = own.get(c.name);
      return j === undefined ? null : counterSource(s, j);
    });
  }
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
