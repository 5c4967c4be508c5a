import { DuckDBDataChunk, SMALLINT, DOUBLE, type DuckDBType } from '@duckdb/node-api';
import type { ObjectSeries, SeriesSummary } from '../../../shared/domain/series';
import type { Tx, Workspace } from './duckdb-workspace';

/** Rows per appended chunk (DuckDB's vector size). */
const CHUNK_ROWS = 2048;

/** What node-api's numeric vectors hold at run time (their typed `items` are not in the typings). */
interface NumericVector {
  items: Float64Array | Int16Array;
  setItem(i: number, v: number | null): void;
  flush(): void;
}

/**
 * Copies `src[start, start+n)` into a chunk column in one typed-array copy (the per-value
 * `setColumnValues` path costs ~2 µs a row); NaN becomes NULL.
 */
function setNumericColumn(chunk: DuckDBDataChunk, col: number, src: Float64Array, start: number, n: number): void {
  const vec = chunk.getColumnVector(col) as unknown as NumericVector;
  const part = src.subarray(start, start + n);
  vec.items.set(part);
  for (let i = 0; i < n; i++) if (Number.isNaN(part[i] as number)) vec.setItem(i, null);
  vec.flush();
}

interface CounterCol {
  name: string;
  col: string;
}

async function counterColumns(tx: Tx, names: readonly string[]): Promise<CounterCol[]> {
  const known = new Map((await tx.all('SELECT name, col FROM counters')).map((r) => [String(r['name']), String(r['col'])]));
  let position = known.size;
  for (const name of names) {
    if (known.has(name)) continue;
    // Column names are synthetic (c0, c1, …) because counter names may hold any character.
    const col = `c${position}`;
    await tx.run(`ALTER TABLE series ADD COLUMN ${col} DOUBLE`);
    await tx.run('INSERT INTO counters VALUES ($1, $2, $3)', [name, col, position]);
    known.set(name, col);
    position++;
  }
  await rebuildLongView(tx);
  return [...known].map(([name, col]) => ({ name, col }));
}

/** `series_long (object, counter, t_ms, value)`: the (object, counter, time) key of DESIGN.md §3. */
async function rebuildLongView(tx: Tx): Promise<void> {
  const cols = await tx.all('SELECT name, col FROM counters ORDER BY position');
  const parts = cols.map(
    (c) => `SELECT o.name AS object, '${String(c['name']).replace(/'/g, "''")}' AS counter, s.t_ms, s.${String(c['col'])} AS value FROM series s JOIN objects o ON o.id = s.object_id`,
  );
  const body = parts.length > 0 ? parts.join(' UNION ALL ') : `SELECT NULL::VARCHAR AS object, NULL::VARCHAR AS counter, NULL::DOUBLE AS t_ms, NULL::DOUBLE AS value WHERE false`;
  await tx.run(`CREATE OR REPLACE VIEW series_long AS ${body}`);
}

async function objectId(tx: Tx, name: string, objType: string): Promise<number> {
  const found = await tx.all('SELECT id FROM objects WHERE name = $1', [name]);
  if (found[0]) return Number(found[0]['id']);
  const next = await tx.all('SELECT coalesce(max(id) + 1, 0) AS id FROM objects');
  const id = Number(next[0]?.['id'] ?? 0);
  await tx.run('INSERT INTO objects VALUES ($1, $2, $3)', [id, name, objType]);
  return id;
}

/**
 * Writes series into the wide `series` table inside the caller's transaction. Where the workspace
 * already holds rows of the same object in the same time range, the stored values are merged
 * (new finite-or-missing values of the imported counters replace the old ones; other counters
 * keep theirs) so importing counters one file at a time builds one multivariate series.
 */
export async function writeSeries(tx: Tx, series: readonly ObjectSeries[]): Promise<number> {
  const allCounters = [...new Set(series.flatMap((s) => s.counters))];
  const cols = await counterColumns(tx, allCounters);
  const colIndex = new Map(cols.map((c, i) => [c.name, i]));
  const C = cols.length;
  const types: DuckDBType[] = [SMALLINT, DOUBLE, DOUBLE, ...cols.map(() => DOUBLE)];
  const appender = await tx.conn.createAppender('series');
  let rows = 0;
  try {
    for (const s of series) {
      const id = await objectId(tx, s.object, s.objType);
      const T = s.times.length;
      if (T === 0) continue;
      // [C][T] column-major in workspace column order; NaN = missing (stored as NULL).
      const cols2 = cols.map(() => new Float64Array(T).fill(NaN));
      const from = s.times[0] ?? 0;
      const to = s.times[T - 1] ?? 0;
      const existing = await tx.all(`SELECT t_ms, ${cols.map((c) => c.col).join(', ')} FROM series WHERE object_id = $1 AND t_ms BETWEEN $2 AND $3`, [id, from, to]);
      if (existing.length > 0) {
        const rowOf = new Map<number, number>();
        for (let i = 0; i < T; i++) rowOf.set(s.times[i] ?? 0, i);
        for (const r of existing) {
          const i = rowOf.get(Number(r['t_ms']));
          if (i === undefined) continue;
          cols.forEach((c, k) => {
            const v = r[c.col];
            if (v !== null && v !== undefined) cols2[k]![i] = Number(v);
          });
        }
        await tx.run('DELETE FROM series WHERE object_id = $1 AND t_ms BETWEEN $2 AND $3', [id, from, to]);
      }
      const Cs = s.counters.length;
      s.counters.forEach((name, j) => {
        const dst = cols2[colIndex.get(name) ?? 0]!;
        for (let i = 0; i < T; i++) dst[i] = s.values[i * Cs + j] ?? NaN;
      });
      const idCol = new Float64Array(T).fill(id);
      const cadenceCol = new Float64Array(T).fill(s.cadenceMs);
      for (let start = 0; start < T; start += CHUNK_ROWS) {
        const n = Math.min(CHUNK_ROWS, T - start);
        const chunk = DuckDBDataChunk.create(types, n);
        setNumericColumn(chunk, 0, idCol, start, n);
        setNumericColumn(chunk, 1, s.times, start, n);
        setNumericColumn(chunk, 2, cadenceCol, start, n);
        for (let k = 0; k < C; k++) setNumericColumn(chunk, 3 + k, cols2[k]!, start, n);
        appender.appendDataChunk(chunk);
      }
      rows += T;
    }
  } finally {
    appender.closeSync();
  }
  return rows;
}

export async function listSeries(ws: Workspace): Promise<SeriesSummary[]> {
  const cols = await ws.all('SELECT name, col FROM counters ORDER BY position');
  if (cols.length === 0) return [];
  const present = cols.map((c) => `count(${String(c['col'])}) AS "${String(c['col'])}"`).join(', ');
  const rows = await ws.all(
    `SELECT o.name, o.obj_type, min(s.t_ms) AS from_ms, max(s.t_ms) AS to_ms, count(*) AS n, min(s.cadence_ms) AS cadence, ${present}
     FROM series s JOIN objects o ON o.id = s.object_id GROUP BY o.name, o.obj_type ORDER BY o.name`,
  );
  return rows.map((r) => {
    const n = Number(r['n']);
    const counters = cols.filter((c) => Number(r[String(c['col'])]) > 0).map((c) => String(c['name']));
    const missing = counters.reduce((acc, name) => {
      const col = String(cols.find((c) => c['name'] === name)?.['col']);
      return acc + (n - Number(r[col]));
    }, 0);
    return {
      object: String(r['name']),
      objType: String(r['obj_type']),
      counters,
      cadenceMs: Number(r['cadence']),
      fromMs: Number(r['from_ms']),
      toMs: Number(r['to_ms']),
      rows: n,
      missing,
    };
  });
}

/** Reads one object's counters as an ObjectSeries ([T, C] row-major, NaN = missing). */
export async function readSeries(ws: Workspace, object: string, opts: { counters?: readonly string[]; fromMs?: number; toMs?: number } = {}): Promise<ObjectSeries | null> {
  const obj = await ws.one('SELECT id, obj_type FROM objects WHERE name = $1', [object]);
  if (!obj) return null;
  let cols = (await ws.all('SELECT name, col FROM counters ORDER BY position')).map((c) => ({ name: String(c['name']), col: String(c['col']) }));
  if (opts.counters) {
    const want = new Set(opts.counters);
    cols = cols.filter((c) => want.has(c.name));
  }
  const rows = await ws.all(
    `SELECT t_ms, cadence_ms${cols.map((c) => `, ${c.col}`).join('')} FROM series WHERE object_id = $1 AND t_ms >= $2 AND t_ms <= $3 ORDER BY t_ms`,
    [Number(obj['id']), opts.fromMs ?? -8.64e15, opts.toMs ?? 8.64e15],
  );
  const T = rows.length;
  const C = cols.length;
  const times = new Float64Array(T);
  const values = new Float64Array(T * C);
  rows.forEach((r, i) => {
    times[i] = Number(r['t_ms']);
    cols.forEach((c, k) => {
      const v = r[c.col];
      values[i * C + k] = v === null || v === undefined ? NaN : Number(v);
    });
  });
  // Drop counters this object never reported (another object's columns).
  const keep = cols.map((_, k) => rows.some((r) => r[cols[k]!.col] !== null && r[cols[k]!.col] !== undefined));
  const kept = cols.filter((_, k) => keep[k]);
  const Ck = kept.length;
  const packed = new Float64Array(T * Ck);
  for (let i = 0; i < T; i++) {
    let j = 0;
    for (let k = 0; k < C; k++) if (keep[k]) packed[i * Ck + j++] = values[i * C + k] ?? NaN;
  }
  return {
    object,
    objType: String(obj['obj_type']),
    counters: kept.map((c) => c.name),
    cadenceMs: Number(rows[0]?.['cadence_ms'] ?? 0),
    times,
    values: packed,
  };
}
