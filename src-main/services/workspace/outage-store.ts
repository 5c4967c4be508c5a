import type { Outage, OutageEvidence } from '../../../shared/domain/outage';
import type { Tx, Workspace } from './duckdb-workspace';

export async function writeOutages(tx: Tx, outages: readonly Outage[], importId: string | null): Promise<void> {
  for (const o of outages) {
    await tx.run('INSERT OR REPLACE INTO outages VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
      o.id,
      o.object,
      o.startMs,
      o.endMs,
      o.seconds,
      o.utcOffsetMinutes,
      JSON.stringify(o.evidence),
      importId,
    ]);
  }
}

export async function listOutages(ws: Workspace): Promise<Outage[]> {
  const rows = await ws.all('SELECT * FROM outages ORDER BY start_ms, object');
  return rows.map((r) => ({
    id: String(r['id']),
    object: r['object'] === null ? null : String(r['object']),
    startMs: Number(r['start_ms']),
    endMs: Number(r['end_ms']),
    seconds: Number(r['seconds']),
    utcOffsetMinutes: Number(r['utc_offset_min']),
    evidence: JSON.parse(String(r['evidence'])) as OutageEvidence,
  }));
}
