import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { mkdirSync, existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { VigilError } from '../../../shared/errors';
import { MIGRATIONS, LATEST_SCHEMA_VERSION } from './migrations';

export const WORKSPACE_DB = 'workspace.duckdb';

export type Row = Record<string, unknown>;

/** The statements a transaction body may run: all on the workspace's one write connection. */
export interface Tx {
  readonly conn: DuckDBConnection;
  run(sql: string, params?: DuckDBValue[]): Promise<void>;
  all(sql: string, params?: DuckDBValue[]): Promise<Row[]>;
}

async function allOn(conn: DuckDBConnection, sql: string, params: DuckDBValue[]): Promise<Row[]> {
  const reader = await conn.runAndReadAll(sql, params);
  return reader.getRowObjectsJS() as Row[];
}

/**
 * A workspace is a folder: `workspace.duckdb` + `models/` + `reports/` (DESIGN.md §3).
 * Reads use one connection and see only committed data (DuckDB MVCC); writes are serialized on a
 * second connection inside `transaction`, so an interrupted import leaves the workspace as it was.
 */
export class Workspace {
  private writeQueue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly dir: string,
    private readonly instance: DuckDBInstance,
    private readonly readConn: DuckDBConnection,
    private readonly writeConn: DuckDBConnection,
  ) {}

  static async open(dir: string, opts: { create?: boolean } = {}): Promise<Workspace> {
    const abs = resolve(dir);
    if (existsSync(abs) && !statSync(abs).isDirectory()) {
      throw new VigilError('INVALID_SETTINGS', `${abs} is a file, not a workspace folder`, { hint: 'Choose a folder (it will hold workspace.duckdb, models/ and reports/).' });
    }
    if (!existsSync(join(abs, WORKSPACE_DB)) && opts.create === false) {
      throw new VigilError('NOT_FOUND', `no workspace at ${abs}`, { hint: 'Create one with `vigil import --workspace DIR …` or open an existing folder.' });
    }
    mkdirSync(join(abs, 'models'), { recursive: true });
    mkdirSync(join(abs, 'reports'), { recursive: true });
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(join(abs, WORKSPACE_DB));
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      if (/lock/i.test(msg)) {
        throw new VigilError('WORKSPACE_LOCKED', `the workspace ${abs} is open in another Vigil process`, { hint: 'Close the other Vigil window or `vigil serve`, then retry.', cause: e });
      }
      throw e;
    }
    const ws = new Workspace(abs, instance, await instance.connect(), await instance.connect());
    await ws.migrate();
    return ws;
  }

  get schemaVersion(): number {
    return LATEST_SCHEMA_VERSION;
  }

  private async migrate(): Promise<void> {
    await this.writeConn.run('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, applied_at_ms DOUBLE)');
    const applied = new Set((await this.all('SELECT version FROM schema_migrations')).map((r) => Number(r['version'])));
    for (const m of MIGRATIONS) {
      if (applied.has(m.version)) continue;
      await this.transaction(async (tx) => {
        for (const sql of m.sql) await tx.run(sql);
        await tx.run('INSERT INTO schema_migrations VALUES ($1, $2, $3)', [m.version, m.name, Date.now()]);
      });
    }
  }

  /** A read on committed data. */
  all(sql: string, params: DuckDBValue[] = []): Promise<Row[]> {
    return allOn(this.readConn, sql, params);
  }

  async one(sql: string, params: DuckDBValue[] = []): Promise<Row | undefined> {
    return (await this.all(sql, params))[0];
  }

  /** All-or-nothing: on any error (or cancellation) the workspace is left as it was. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    const conn = this.writeConn;
    const tx: Tx = {
      conn,
      run: async (sql, params = []) => {
        await conn.run(sql, params);
      },
      all: (sql, params = []) => allOn(conn, sql, params),
    };
    const body = async (): Promise<T> => {
      await conn.run('BEGIN TRANSACTION');
      try {
        const out = await fn(tx);
        await conn.run('COMMIT');
        return out;
      } catch (e) {
        await conn.run('ROLLBACK');
        throw e;
      }
    };
    const next = this.writeQueue.then(body, body);
    this.writeQueue = next.catch(() => undefined);
    return next;
  }

  async setting<T>(key: string): Promise<T | undefined> {
    const r = await this.one('SELECT value FROM settings WHERE key = $1', [key]);
    return r ? (JSON.parse(String(r['value'])) as T) : undefined;
  }

  setSetting(key: string, value: unknown): Promise<void> {
    return this.transaction((tx) => tx.run('INSERT OR REPLACE INTO settings VALUES ($1, $2)', [key, JSON.stringify(value)]));
  }

  close(): void {
    this.readConn.closeSync();
    this.writeConn.closeSync();
    this.instance.closeSync();
  }
}
