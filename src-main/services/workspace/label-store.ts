import { randomUUID } from 'node:crypto';
import type { LabelDiff, LabelEdit, LabelRules, LabelSetSummary, LabelSetVersion, LabelSpan, LabelVersionSummary, Provenance } from '../../../shared/domain/labels';
import { VigilError } from '../../../shared/errors';
import type { Tx, Workspace, Row } from './duckdb-workspace';

function toVersion(r: Row): LabelSetVersion {
  return {
    labelSetId: String(r['label_set_id']),
    version: Number(r['version']),
    parentVersion: r['parent_version'] === null ? null : Number(r['parent_version']),
    createdAtMs: Number(r['created_at_ms']),
    edit: JSON.parse(String(r['edit'])) as LabelEdit,
    rules: JSON.parse(String(r['rules'])) as LabelRules,
    spans: JSON.parse(String(r['spans'])) as LabelSpan[],
  };
}

export async function listLabelSets(ws: Workspace): Promise<LabelSetSummary[]> {
  const rows = await ws.all(
    `SELECT s.id, s.name, s.created_at_ms, v.version, json_array_length(v.spans) AS spans, json_extract_string(f.edit, '$.source') AS source
     FROM label_sets s JOIN label_versions v ON v.label_set_id = s.id
     LEFT JOIN label_versions f ON f.label_set_id = s.id AND f.version = 1
     WHERE v.version = (SELECT max(version) FROM label_versions x WHERE x.label_set_id = s.id)
     ORDER BY s.created_at_ms, s.id`,
  );
  return rows.map((r) => ({ labelSetId: String(r['id']), name: String(r['name']), latestVersion: Number(r['version']), spans: Number(r['spans']), createdAtMs: Number(r['created_at_ms']), source: provenanceOf(r['source']) }));
}

const PROVENANCES: readonly Provenance[] = ['health-check', 'human', 'model'];
/** A set's source from its first edit; sets created by CSV import or by hand count as 'human'. */
function provenanceOf(v: unknown): Provenance {
  return PROVENANCES.find((p) => p === v) ?? 'human';
}

export async function getLabelVersion(ws: Workspace | Tx, labelSetId: string, version?: number): Promise<LabelSetVersion> {
  const rows = await ws.all(
    version === undefined
      ? 'SELECT * FROM label_versions WHERE label_set_id = $1 ORDER BY version DESC LIMIT 1'
      : 'SELECT * FROM label_versions WHERE label_set_id = $1 AND version = $2',
    version === undefined ? [labelSetId] : [labelSetId, version],
  );
  const r = rows[0];
  if (!r) throw new VigilError('NOT_FOUND', `label set ${labelSetId}${version === undefined ? '' : ` version ${version}`} does not exist`);
  return toVersion(r);
}

async function insertVersion(tx: Tx, v: LabelSetVersion): Promise<LabelSetVersion> {
  await tx.run('INSERT INTO label_versions VALUES ($1, $2, $3, $4, $5, $6, $7)', [
    v.labelSetId,
    v.version,
    v.parentVersion,
    v.createdAtMs,
    JSON.stringify(v.edit),
    JSON.stringify(v.rules),
    JSON.stringify(v.spans),
  ]);
  return v;
}

/** Creates a label set at version 1 (e.g. from health-check outages). */
export async function createLabelSet(tx: Tx, name: string, rules: LabelRules, spans: LabelSpan[], edit: LabelEdit): Promise<LabelSetVersion> {
  const id = randomUUID();
  const now = Date.now();
  await tx.run('INSERT INTO label_sets VALUES ($1, $2, $3)', [id, name, now]);
  return insertVersion(tx, { labelSetId: id, version: 1, parentVersion: null, createdAtMs: now, edit, rules, spans });
}

export type EditRequest =
  | { kind: 'add-span'; span: { object: string | null; startMs: number; endMs: number; note?: string | undefined } }
  | { kind: 'remove-span'; spanId: string }
  | { kind: 'undo' };

/**
 * Every edit is stored as a new version; nothing is overwritten. Undo makes a new version whose
 * spans are those the undone edit started from.
 */
export function editLabels(ws: Workspace, labelSetId: string, req: EditRequest): Promise<LabelSetVersion> {
  return ws.transaction(async (tx) => {
    const latest = await getLabelVersion(tx, labelSetId);
    const base = { labelSetId, version: latest.version + 1, parentVersion: latest.version, createdAtMs: Date.now(), rules: latest.rules };
    switch (req.kind) {
      case 'add-span': {
        const span: LabelSpan = { id: randomUUID(), object: req.span.object, startMs: req.span.startMs, endMs: req.span.endMs, provenance: 'human', ...(req.span.note ? { note: req.span.note } : {}) };
        return insertVersion(tx, { ...base, edit: { kind: 'add-span', span }, spans: [...latest.spans, span] });
      }
      case 'remove-span': {
        if (!latest.spans.some((s) => s.id === req.spanId)) throw new VigilError('NOT_FOUND', `span ${req.spanId} is not in label set version ${latest.version}`);
        return insertVersion(tx, { ...base, edit: { kind: 'remove-span', spanId: req.spanId }, spans: latest.spans.filter((s) => s.id !== req.spanId) });
      }
      case 'undo': {
        // Multi-level undo: an undo of V leaves the state of V's parent, so a further undo
        // undoes the edit that produced that parent.
        let target = latest;
        while (target.edit.kind === 'undo') {
          const undone = await getLabelVersion(tx, labelSetId, target.edit.undoneVersion);
          if (undone.parentVersion === null) break;
          target = await getLabelVersion(tx, labelSetId, undone.parentVersion);
        }
        if (target.parentVersion === null) throw new VigilError('INVALID_SETTINGS', 'nothing to undo: this is the first version', { hint: 'The first version holds the automatic labels; remove spans instead.' });
        const before = await getLabelVersion(tx, labelSetId, target.parentVersion);
        return insertVersion(tx, { ...base, edit: { kind: 'undo', undoneVersion: target.version }, spans: before.spans });
      }
    }
  });
}

/** A new version with other rules (business hours, gap factor); spans unchanged. */
export function setLabelRules(ws: Workspace, labelSetId: string, rules: LabelRules): Promise<LabelSetVersion> {
  return ws.transaction(async (tx) => {
    const latest = await getLabelVersion(tx, labelSetId);
    return insertVersion(tx, { labelSetId, version: latest.version + 1, parentVersion: latest.version, createdAtMs: Date.now(), rules, edit: { kind: 'set-rules', rules }, spans: latest.spans });
  });
}

/** A new version holding the spans of a label CSV (replacing the previous spans). */
export function importLabelSpans(ws: Workspace, labelSetId: string, spans: Omit<LabelSpan, 'id'>[], file: string): Promise<LabelSetVersion> {
  return ws.transaction(async (tx) => {
    const latest = await getLabelVersion(tx, labelSetId);
    const withIds = spans.map((s) => ({ ...s, id: randomUUID() }));
    return insertVersion(tx, { labelSetId, version: latest.version + 1, parentVersion: latest.version, createdAtMs: Date.now(), rules: latest.rules, edit: { kind: 'import-csv', file, spans: spans.length }, spans: withIds });
  });
}

/** The history of a label set, oldest first (`labels:versions`). */
export async function listLabelVersions(ws: Workspace, labelSetId: string): Promise<LabelVersionSummary[]> {
  const rows = await ws.all(
    'SELECT version, parent_version, created_at_ms, edit, json_array_length(spans) AS spans FROM label_versions WHERE label_set_id = $1 ORDER BY version',
    [labelSetId],
  );
  if (rows.length === 0) throw new VigilError('NOT_FOUND', `label set ${labelSetId} does not exist`);
  return rows.map((r) => ({
    version: Number(r['version']),
    parentVersion: r['parent_version'] === null ? null : Number(r['parent_version']),
    createdAtMs: Number(r['created_at_ms']),
    edit: JSON.parse(String(r['edit'])) as LabelEdit,
    spans: Number(r['spans']),
  }));
}

/**
 * Identity of a span for diffing: what it covers, not its id. Undo re-creates the parent's spans
 * with their ids, but `replace-spans` mints new ids for the same intervals, and those should not
 * show up as removed-and-added.
 */
function spanKey(s: LabelSpan): string {
  return `${s.object ?? '*'}|${s.startMs}|${s.endMs}|${s.provenance}`;
}

/** Pure diff of two span lists (multiset by span identity): b − a is added, a − b is removed. */
export function diffSpans(a: readonly LabelSpan[], b: readonly LabelSpan[]): LabelDiff {
  const count = new Map<string, number>();
  for (const s of a) count.set(spanKey(s), (count.get(spanKey(s)) ?? 0) + 1);
  const added: LabelSpan[] = [];
  for (const s of b) {
    const k = spanKey(s);
    const n = count.get(k) ?? 0;
    if (n > 0) count.set(k, n - 1);
    else added.push(s);
  }
  const removed: LabelSpan[] = [];
  for (const s of a) {
    const k = spanKey(s);
    const n = count.get(k) ?? 0;
    if (n > 0) {
      count.set(k, n - 1);
      removed.push(s);
    }
  }
  const byStart = (x: LabelSpan, y: LabelSpan) => x.startMs - y.startMs || x.endMs - y.endMs;
  return { added: added.sort(byStart), removed: removed.sort(byStart) };
}

/** `labels:diff`: what changed from version a to version b. */
export async function diffLabelVersions(ws: Workspace, labelSetId: string, a: number, b: number): Promise<LabelDiff> {
  const [va, vb] = await Promise.all([getLabelVersion(ws, labelSetId, a), getLabelVersion(ws, labelSetId, b)]);
  return diffSpans(va.spans, vb.spans);
}

/** A new version whose spans are replaced wholesale (e.g. re-derived with another k), with optional new rules. */
export function replaceLabelSpans(ws: Workspace, labelSetId: string, spans: Omit<LabelSpan, 'id'>[], note: string, rules?: LabelRules): Promise<LabelSetVersion> {
  return ws.transaction(async (tx) => {
    const latest = await getLabelVersion(tx, labelSetId);
    const withIds = spans.map((s) => ({ ...s, id: randomUUID() }));
    return insertVersion(tx, {
      labelSetId,
      version: latest.version + 1,
      parentVersion: latest.version,
      createdAtMs: Date.now(),
      rules: rules ?? latest.rules,
      edit: { kind: 'replace-spans', note, spans: spans.length },
      spans: withIds,
    });
  });
}
