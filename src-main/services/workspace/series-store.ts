import type { ObjectSeries, SeriesSummary } from '../../../shared/domain/series';
import type { Workspace } from './duckdb-workspace';

/**
 * The wide `series` table: (object_id, t_ms, c0 … cN), one column per counter (DOUBLE or an
 * exact DECIMAL, see counter-storage.ts), the grid step per object in `series_cadence`.
 * Writing: series-write.ts. Reads cast every counter to DOUBLE.
 */
export { writeSeries } from './series-write';

export async function listSeries(ws: Workspace): Promise<SeriesSummary[]> {
  const cols = await ws.all('SELECT name, col FROM counters ORDER BY position');
  if (cols.length === 0) return [];
  const present = cols.map((c) => `count(${String(c['col'])}) AS "${String(c['col'])}"`).join(', ');
  const rows = await ws.all(
    `WITH per AS (SELECT object_id, min(t_ms) AS from_ms, max(t_ms) AS to_ms, count(*) AS n, ${present} FROM series GROUP BY object_id)
     SELECT o.name, o.obj_type, per.*, c.cadence_ms AS cadence
     FROM per JOIN objects o ON o.id = per.object_id LEFT JOIN series_cadence c ON c.object_id = per.object_id ORDER BY o.name`,
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
    `SELECT t_ms${cols.map((c) => `, ${c.col}::DOUBLE AS ${c.col}`).join('')} FROM series WHERE object_id = $1 AND t_ms >= $2 AND t_ms <= $3 ORDER BY t_ms`,
    [Number(obj['id']), opts.fromMs ?? -8.64e15, opts.toMs ?? 8.64e15],
  );
  const cadence = await ws.one('SELECT cadence_ms FROM series_cadence WHERE object_id = $1', [Number(obj['id'])]);
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
    cadenceMs: Number(cadence?.['cadence_ms'] ?? 0),
    times,
    values: packed,
  };
}
