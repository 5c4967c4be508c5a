/**
 * Workspace schema, as ordered migrations. A migration never changes once released: add a
 * new one. Times are epoch ms stored as DOUBLE (exact for ms; cheap to append, see
 * series-store.ts); JSON documents hold evidence and settings whose shape lives in shared/domain.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial',
    sql: [
      `CREATE TABLE objects (id SMALLINT PRIMARY KEY, name VARCHAR NOT NULL UNIQUE, obj_type VARCHAR NOT NULL)`,
      `CREATE TABLE counters (name VARCHAR PRIMARY KEY, col VARCHAR NOT NULL UNIQUE, position INTEGER NOT NULL)`,
      // Wide on purpose: one DOUBLE column per counter, added as counters appear. Appending
      // numeric columns is ~10x faster than the long (object, counter, time, value) shape; the
      // long shape is the view `series_long`, rebuilt whenever a counter column is added.
      `CREATE TABLE series (object_id SMALLINT NOT NULL, t_ms DOUBLE NOT NULL, cadence_ms DOUBLE NOT NULL)`,
      `CREATE TABLE imports (id VARCHAR PRIMARY KEY, file VARCHAR NOT NULL, kind VARCHAR NOT NULL, sha256 VARCHAR, bytes BIGINT, rows BIGINT, imported_at_ms DOUBLE NOT NULL, detail JSON)`,
      `CREATE TABLE outages (id VARCHAR PRIMARY KEY, object VARCHAR, start_ms DOUBLE NOT NULL, end_ms DOUBLE NOT NULL, seconds DOUBLE NOT NULL, utc_offset_min INTEGER NOT NULL, evidence JSON NOT NULL, import_id VARCHAR)`,
      `CREATE TABLE label_sets (id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, created_at_ms DOUBLE NOT NULL)`,
      `CREATE TABLE label_versions (label_set_id VARCHAR NOT NULL, version INTEGER NOT NULL, parent_version INTEGER, created_at_ms DOUBLE NOT NULL, edit JSON NOT NULL, rules JSON NOT NULL, spans JSON NOT NULL, PRIMARY KEY (label_set_id, version))`,
      `CREATE TABLE runs (id VARCHAR PRIMARY KEY, kind VARCHAR NOT NULL, state VARCHAR NOT NULL, created_at_ms DOUBLE NOT NULL, finished_at_ms DOUBLE, label_set_id VARCHAR, label_version INTEGER, data_hash VARCHAR, seed INTEGER, settings JSON NOT NULL, backend JSON, versions JSON, error JSON)`,
      `CREATE TABLE fold_metrics (run_id VARCHAR NOT NULL, model VARCHAR NOT NULL, setting VARCHAR NOT NULL, fold INTEGER NOT NULL, metrics JSON NOT NULL, curves JSON, PRIMARY KEY (run_id, model, setting, fold))`,
      `CREATE TABLE predictions (run_id VARCHAR NOT NULL, model VARCHAR NOT NULL, setting VARCHAR NOT NULL, fold INTEGER NOT NULL, object_id SMALLINT, end_ms DOUBLE NOT NULL, label TINYINT, score DOUBLE NOT NULL, flag BOOLEAN NOT NULL)`,
      `CREATE TABLE explanations (id VARCHAR PRIMARY KEY, run_id VARCHAR, model VARCHAR, kind VARCHAR NOT NULL, created_at_ms DOUBLE NOT NULL, meta JSON NOT NULL, data BLOB)`,
      `CREATE TABLE settings (key VARCHAR PRIMARY KEY, value JSON NOT NULL)`,
      `CREATE VIEW series_long AS SELECT o.name AS object, NULL::VARCHAR AS counter, s.t_ms, NULL::DOUBLE AS value FROM series s JOIN objects o ON o.id = s.object_id WHERE false`,
    ],
  },
  {
    version: 2,
    name: 'robustness curves',
    sql: [
      // One row per robustness task (issue #5 item 5): a comparison entry (`kind` or `kind:ablation`)
      // at one level of one perturbation, one fold; curves are summarised on read.
      `CREATE TABLE robustness_metrics (run_id VARCHAR NOT NULL, model VARCHAR NOT NULL, kind VARCHAR NOT NULL, level DOUBLE NOT NULL, setting VARCHAR NOT NULL, fold INTEGER NOT NULL, metrics JSON NOT NULL, PRIMARY KEY (run_id, model, kind, level, fold))`,
    ],
  },
  {
    version: 3,
    name: 'series cadence per object',
    sql: [
      // The grid step is a property of an object's series, not of each row: one row per object
      // instead of a DOUBLE on each of ~100k rows per object (less to append, WAL and commit on
      // import; series-write.ts). Where rows disagreed, the finest step is kept, as listSeries showed.
      `CREATE TABLE series_cadence (object_id SMALLINT PRIMARY KEY, cadence_ms DOUBLE NOT NULL)`,
      `INSERT INTO series_cadence SELECT object_id, min(cadence_ms) FROM series GROUP BY object_id`,
      `ALTER TABLE series DROP COLUMN cadence_ms`,
    ],
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
