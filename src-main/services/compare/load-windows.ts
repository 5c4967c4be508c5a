import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { WindowSet } from '../../../shared/domain/windows';
import { PAPER_COUNTERS } from '../../../shared/domain/series';
import { VigilError } from '../../../shared/errors';
import { buildWindows, type LabelledSeries, type WindowMode } from '../../core/windows/build-windows';
import { businessHoursMask, rowLabels } from '../../core/labeling/row-labels';
import { parseLabelledCsv } from '../../core/ingest/labelled/labelled-csv';
import type { Workspace } from '../workspace/duckdb-workspace';
import { listSeries, readSeries } from '../workspace/series-store';
import { getLabelVersion, listLabelSets } from '../workspace/label-store';
import { defaultLabelSet } from '../../../shared/domain/labels';

export interface WindowSource {
  windows: WindowSet;
  /** What the windows came from, recorded with every run. */
  origin: { kind: 'workspace'; labelSetId: string; labelVersion: number } | { kind: 'csv'; file: string; cadenceMs?: number };
  /** SHA-256 (16 hex) over the window tensor and labels: the run's data hash. */
  dataHash: string;
  windowMode: WindowMode['kind'];
}

function hashWindows(w: WindowSet): string {
  const h = createHash('sha256');
  h.update(Buffer.from(w.x.buffer, w.x.byteOffset, w.x.byteLength));
  h.update(Buffer.from(w.y.buffer, w.y.byteOffset, w.y.byteLength));
  return h.digest('hex').slice(0, 16);
}

/**
 * Windows from the workspace: each object's series labelled by the label-set version (METHODS.md
 * §2), rows outside the version's business hours dropped (unless `allHours`, e.g. for scoring), then the paper's windows (abnormal
 * windows end at an outage's first row) or sliding windows (PROTOCOL.md §3).
 */
export async function windowsFromWorkspace(ws: Workspace, opts: { labelSetId?: string; version?: number; W: number; mode: WindowMode; counters?: string[]; allHours?: boolean }): Promise<WindowSource> {
  const sets = await listLabelSets(ws);
  const labelSetId = opts.labelSetId ?? defaultLabelSet(sets)?.labelSetId;
  if (!labelSetId) throw new VigilError('NOT_FOUND', sets.length > 0 ? 'the workspace has only label sets of model flags, which are predictions, not labels' : 'the workspace has no label set', { hint: 'Import access logs (vigil import) to label outages first, or name a label set.' });
  const v = await getLabelVersion(ws, labelSetId, opts.version);
  const summaries = await listSeries(ws);
  if (summaries.length === 0) throw new VigilError('EMPTY_INPUT', 'the workspace holds no counter series', { hint: 'Import a Scouter export first (vigil import).' });
  // Counters every object has, in the paper's order first.
  const common = summaries.map((s) => new Set(s.counters)).reduce((a, b) => new Set([...a].filter((c) => b.has(c))));
  const ordered = [...PAPER_COUNTERS.filter((c) => common.has(c)), ...[...common].filter((c) => !(PAPER_COUNTERS as readonly string[]).includes(c)).sort()];
  const counters = opts.counters ?? ordered;
  if (counters.length === 0) throw new VigilError('INVALID_SETTINGS', 'the objects share no counter', { hint: 'Import the same counters for every object.' });
  const input: LabelledSeries[] = [];
  for (const s of summaries) {
    const series = await readSeries(ws, s.object, { counters });
    if (!series || series.counters.length !== counters.length) continue;
    input.push({ series, labels: rowLabels(series.times, v.spans, s.object), ...(opts.allHours ? {} : { mask: businessHoursMask(series.times, v.rules.businessHours) }) });
  }
  const windows = buildWindows(input, { W: opts.W, counters }, opts.mode);
  return { windows, origin: { kind: 'workspace', labelSetId, labelVersion: v.version }, dataHash: hashWindows(windows), windowMode: opts.mode.kind };
}

/**
 * Windows from a labelled wide CSV (PROTOCOL.md §1 csv): one entity, sliding windows, stride 1.
 * The CSV's time column is not read (the protocol ignores it): row i is placed at i · cadenceMs
 * (default 1 min, SMD's sampling) so lead times and alerts per day come out in real units.
 */
export async function windowsFromCsv(path: string, opts: { W: number; cadenceMs?: number }): Promise<WindowSource> {
  const csv = parseLabelledCsv(await readFile(path), basename(path));
  const T = csv.rows;
  const cadenceMs = opts.cadenceMs ?? 60_000;
  const series = { object: basename(path), objType: 'csv', counters: csv.features, cadenceMs, times: Float64Array.from({ length: T }, (_, i) => i * cadenceMs), values: csv.values };
  const windows = buildWindows([{ series, labels: csv.labels }], { W: opts.W, counters: csv.features }, { kind: 'sliding', stride: 1 });
  return { windows, origin: { kind: 'csv', file: path, cadenceMs }, dataHash: hashWindows(windows), windowMode: 'sliding' };
}
