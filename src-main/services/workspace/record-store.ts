import { randomUUID } from 'node:crypto';
import type { ImportRecord, RunSummary } from '../../../shared/ipc/contract';
import type { JobState } from '../../../shared/domain/jobs';
import type { BackendInfo } from '../../../shared/domain/models';
import type { Tx, Workspace } from './duckdb-workspace';

export async function recordImport(tx: Tx, rec: { file: string; kind: string; sha256: string | null; bytes: number; rows: number; detail: Record<string, unknown> }): Promise<string> {
  const id = randomUUID();
  await tx.run('INSERT INTO imports VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [id, rec.file, rec.kind, rec.sha256, rec.bytes, rec.rows, Date.now(), JSON.stringify(rec.detail)]);
  return id;
}

export async function listImports(ws: Workspace): Promise<ImportRecord[]> {
  const rows = await ws.all('SELECT * FROM imports ORDER BY imported_at_ms, file');
  return rows.map((r) => ({
    id: String(r['id']),
    file: String(r['file']),
    kind: String(r['kind']),
    rows: Number(r['rows']),
    importedAtMs: Number(r['imported_at_ms']),
    detail: JSON.parse(String(r['detail'] ?? '{}')) as Record<string, unknown>,
  }));
}

export async function listRuns(ws: Workspace): Promise<RunSummary[]> {
  const rows = await ws.all('SELECT * FROM runs ORDER BY created_at_ms DESC');
  return rows.map((r) => ({
    id: String(r['id']),
    createdAtMs: Number(r['created_at_ms']),
    kind: String(r['kind']),
    state: String(r['state']) as JobState,
    labelSetId: r['label_set_id'] === null ? null : String(r['label_set_id']),
    labelVersion: r['label_version'] === null ? null : Number(r['label_version']),
    seed: r['seed'] === null ? null : Number(r['seed']),
    backend: r['backend'] === null ? null : (JSON.parse(String(r['backend'])) as BackendInfo),
    settings: JSON.parse(String(r['settings'])) as Record<string, unknown>,
  }));
}

export async function workspaceCounts(ws: Workspace): Promise<{ objects: number; seriesRows: number; outages: number; labelSets: number; runs: number; imports: number }> {
  const r = await ws.one(
    `SELECT (SELECT count(*) FROM objects) AS objects, (SELECT count(*) FROM series) AS series_rows, (SELECT count(*) FROM outages) AS outages,
            (SELECT count(*) FROM label_sets) AS label_sets, (SELECT count(*) FROM runs) AS runs, (SELECT count(*) FROM imports) AS imports`,
  );
  return {
    objects: Number(r?.['objects'] ?? 0),
    seriesRows: Number(r?.['series_rows'] ?? 0),
    outages: Number(r?.['outages'] ?? 0),
    labelSets: Number(r?.['label_sets'] ?? 0),
    runs: Number(r?.['runs'] ?? 0),
    imports: Number(r?.['imports'] ?? 0),
  };
}
