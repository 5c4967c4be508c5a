import type { Tx } from './duckdb-workspace';
import { combineStorage, storageOfSqlType, storageSql, type CounterStorage, type DecimalScan } from './counter-storage';

/** A counter's column in the wide `series` table. */
export interface CounterColumn {
  name: string;
  /** Synthetic column name (c0, c1, …): counter names may hold any character. */
  col: string;
  storage: CounterStorage;
}

/** The workspace's counter columns in position order, with their storage. */
export async function counterColumns(tx: Pick<Tx, 'all'>): Promise<CounterColumn[]> {
  // pragma_table_info reads one table's entry; duckdb_columns() first builds every column of
  // every catalog (system views included): 20-110 ms on a fresh workspace vs 2-7 ms (issue #3).
  const rows = await tx.all(`SELECT c.name, c.col, t.type AS data_type FROM counters c LEFT JOIN pragma_table_info('series') t ON t.name = c.col ORDER BY c.position`);
  return rows.map((r) => ({ name: String(r['name']), col: String(r['col']), storage: storageOfSqlType(String(r['data_type'] ?? 'DOUBLE')) }));
}

/**
 * Makes room for `scans` (counter name → its values in this import, scanned from the column's
 * current scale): adds a column for a new counter with the storage its values need, and widens a
 * column whose values no longer fit (a larger decimal scale, or DOUBLE) before anything is
 * appended. Widening converts the stored values exactly. Inside the caller's transaction, so a
 * failed import leaves the types as they were. Returns every counter column, in position order.
 * `current` must be counterColumns(tx) read in this transaction with nothing changed since.
 */
export async function prepareCounterColumns(tx: Tx, scans: ReadonlyMap<string, DecimalScan>, current?: readonly CounterColumn[]): Promise<CounterColumn[]> {
  // `current`: the caller's counterColumns(tx) of this transaction, when it just read them (the
  // catalog query costs tens of ms inside an import's write, issue #3); copied, as this mutates.
  const cols = current ? current.map((c) => ({ ...c })) : await counterColumns(tx);
  const byName = new Map(cols.map((c) => [c.name, c]));
  let position = cols.length;
  let changed = false;
  for (const [name, scan] of scans) {
    const col = byName.get(name);
    if (!col) {
      const fresh: CounterColumn = { name, col: `c${position}`, storage: scan.result() };
      await tx.run(`ALTER TABLE series ADD COLUMN ${fresh.col} ${storageSql(fresh.storage)}`);
      await tx.run('INSERT INTO counters VALUES ($1, $2, $3)', [name, fresh.col, position]);
      cols.push(fresh);
      byName.set(name, fresh);
      position++;
      changed = true;
      continue;
    }
    if (col.storage.kind === 'double') continue;
    const fits = combineStorage(col.storage, 0, scan);
    if (fits.kind === 'decimal' && fits.scale === col.storage.scale) continue; // the new values fit as stored
    const stored = await tx.all(`SELECT max(abs(${col.col}))::DOUBLE AS m FROM series`);
    const next = combineStorage(col.storage, Number(stored[0]?.['m'] ?? 0), scan);
    await tx.run(`ALTER TABLE series ALTER COLUMN ${col.col} SET DATA TYPE ${storageSql(next)}`);
    col.storage = next;
    changed = true;
  }
  if (changed) await rebuildLongView(tx, cols);
  return cols;
}

/**
 * `series_long (object, counter, t_ms, value)`: the (object, counter, time) key of DESIGN.md §3.
 * Values read as DOUBLE whatever a column stores.
 */
async function rebuildLongView(tx: Tx, cols: readonly CounterColumn[]): Promise<void> {
  const parts = cols.map(
    (c) => `SELECT o.name AS object, '${c.name.replace(/'/g, "''")}' AS counter, s.t_ms, s.${c.col}::DOUBLE AS value FROM series s JOIN objects o ON o.id = s.object_id`,
  );
  const body = parts.length > 0 ? parts.join(' UNION ALL ') : `SELECT NULL::VARCHAR AS object, NULL::VARCHAR AS counter, NULL::DOUBLE AS t_ms, NULL::DOUBLE AS value WHERE false`;
  await tx.run(`CREATE OR REPLACE VIEW series_long AS ${body}`);
}
