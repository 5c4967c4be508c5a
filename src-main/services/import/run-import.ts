import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import type { ObjectSeries } from '../../../shared/domain/series';
import type { Outage } from '../../../shared/domain/outage';
import type { LabelRules } from '../../../shared/domain/labels';
import { VigilError } from '../../../shared/errors';
import { mergeScouterColumns, parseScouterCsv, type ScouterFile, type ScouterNameOverride } from '../../core/ingest/scouter';
import { parseGenericCsv } from '../../core/ingest/generic';
import { findAccessLogOutages, DEFAULT_GAP_FACTOR, type AccessLogOutages, type HealthCheckDefinition } from '../../core/labeling';
import { ZonedTimeConverter, epochToOffsetMinutes } from '../../core/time';
import { spansFromOutages } from '../../core/labeling/label-spans';
import { DEFAULT_BUSINESS_HOURS } from '../../core/labeling/row-labels';
import type { Workspace } from '../workspace/duckdb-workspace';
import { writeSeries } from '../workspace/series-store';
import type { SeriesToWrite } from '../workspace/series-write';
import { writeOutages } from '../workspace/outage-store';
import { recordImport } from '../workspace/record-store';
import { createLabelSet } from '../workspace/label-store';
import { expandPaths, readStream, recognise, type InputFile } from './input-files';
import { autoLogObjects } from './log-objects';

export interface ImportOptions {
  /** Zone of the Scouter client / generic CSV times without offset: IANA or `+09:00`. */
  timeZone: string;
  /** Parse everything, write nothing. */
  dryRun?: boolean;
  /** Facts for renamed Scouter files (applied to every Scouter file of this import). */
  scouterOverride?: ScouterNameOverride;
  /** Resample every series to this grid step (ms). */
  cadenceMs?: number;
  gapFactor?: number;
  healthCheck?: HealthCheckDefinition;
  /** Log file name → object; omitted = matched by name, else every object. */
  logObjects?: Record<string, string>;
  /** `07:00-20:00`-style business hours recorded in the label set's rules; null = all day. */
  businessHours?: { startMinute: number; endMinute: number; weekdaysOnly: boolean } | null;
}

export interface ImportedFile {
  file: string;
  kind: InputFile['kind'];
  bytes: number;
  /** Rows (CSV) or lines (logs). */
  rows: number;
  detail: Record<string, unknown>;
}

export interface ImportSummary {
  dryRun: boolean;
  files: ImportedFile[];
  series: { object: string; objType: string; counters: string[]; rows: number; fromMs: number; toMs: number; cadenceMs: number }[];
  outages: Outage[];
  logs: Pick<AccessLogOutages, 'healthCheck' | 'detected' | 'detectedReason' | 'intervals' | 'probes' | 'okProbes' | 'warnings'> | null;
  objectNotes: string[];
  labelSet: { labelSetId: string; version: number } | null;
  warnings: string[];
  /**
   * Wall time of each phase, ms: read + parse of the counter files, merging them into series,
   * access logs, and the transaction (writeMs = appendMs + the other records + commitMs).
   */
  timings: { parseMs: number; mergeMs: number; logsMs: number; writeMs: number; appendMs: number; commitMs: number };
}

/** A parsed Scouter export and the SHA-256 of its bytes (recorded with the import). */
export interface ParsedScouter {
  file: ScouterFile;
  sha256: string;
}

export interface ImportHooks {
  /** Parses a Scouter file elsewhere (the worker pool), so many files parse in parallel. */
  parseScouter?(path: string, timeZone: string, override?: ScouterNameOverride): Promise<ParsedScouter>;
  progress?(value: number, message: string): void;
  log?(line: string, level?: 'info' | 'warn'): void;
  throwIfCancelled?(): void;
}

/**
 * Import = parse everything first (nothing is written while any file can still fail), then one
 * transaction writes series, outages, import records and the health-check label set. A bad file,
 * a cancel or a crash leaves the workspace as it was (DESIGN.md §3).
 */
export async function runImport(ws: Workspace | null, paths: readonly string[], opts: ImportOptions, hooks: ImportHooks = {}): Promise<ImportSummary> {
  const files = await Promise.all(expandPaths(paths).map(recognise));
  if (files.length === 0) throw new VigilError('EMPTY_INPUT', 'no files to import', { hint: 'Give Scouter CSV exports, access logs (.log/.gz) or folders holding them.' });
  const totalBytes = files.reduce((a, f) => a + f.bytes, 0) || 1;
  let doneBytes = 0;
  const step = (f: InputFile, what: string) => {
    doneBytes += f.bytes;
    hooks.progress?.(Math.min(0.95, doneBytes / totalBytes), `${what} ${f.name}`);
    hooks.throwIfCancelled?.();
  };
  const zone = new ZonedTimeConverter(opts.timeZone);
  const shas = new Map<string, string>();
  const t0 = performance.now();
  const imported: ImportedFile[] = [];
  const warnings: string[] = [];

  // 1. Counter exports (Scouter and generic CSV): small, parsed whole; Scouter files in parallel
  // when a worker pool is available.
  const scouter: ScouterFile[] = [];
  const generic: ObjectSeries[] = [];
  const scouterInputs = files.filter((x) => x.kind === 'scouter');
  const parsed = await Promise.all(
    scouterInputs.map(async (f) => {
      let s: ParsedScouter;
      if (hooks.parseScouter) s = await hooks.parseScouter(f.path, opts.timeZone, opts.scouterOverride);
      else {
        const bytes = await readFile(f.path);
        s = { file: parseScouterCsv(bytes, f.name, { timeZone: opts.timeZone, zone, ...(opts.scouterOverride ? { override: opts.scouterOverride } : {}) }), sha256: sha256(bytes) };
      }
      step(f, 'parsed');
      return s;
    }),
  );
  scouterInputs.forEach((f, i) => {
    const { file: s, sha256: sha } = parsed[i]!;
    shas.set(f.path, sha);
    scouter.push(s);
    warnings.push(...s.warnings);
    imported.push({
      file: f.path,
      kind: f.kind,
      bytes: f.bytes,
      rows: s.stats.rows,
      detail: { export: s.kind === 'daily' ? 'Daily All' : 'Past All', counter: s.counter, objType: s.objType, objects: s.objects, fromMs: s.times[0] ?? null, toMs: s.times[s.times.length - 1] ?? null, cadenceMs: s.cadenceMs, encoding: s.encoding, decimalMark: s.decimalMark, timeZone: s.timeZone, missing: s.stats.missing, nonFinite: s.stats.nonFinite },
    });
  });
  for (const f of files.filter((x) => x.kind === 'generic-csv')) {
    const bytes = await readFile(f.path);
    shas.set(f.path, sha256(bytes));
    const g = parseGenericCsv(bytes, f.name, { timeZone: opts.timeZone, zone, ...(opts.cadenceMs ? { cadenceMs: opts.cadenceMs } : {}) });
    generic.push(...g.series);
    warnings.push(...g.warnings);
    imported.push({ file: f.path, kind: f.kind, bytes: f.bytes, rows: g.stats.rows, detail: { layout: g.layout, timeFormat: g.timeFormat, objects: g.series.map((s) => s.object), counters: g.series[0]?.counters ?? [], cadenceMs: g.cadenceMs, encoding: g.encoding, decimalMark: g.decimalMark, timeZone: g.timeZone, missing: g.stats.missing } });
    step(f, 'parsed');
  }
  const tParsed = performance.now();
  // Column-major: the workspace writer stores columns, so Scouter series skip the row-major layout.
  const series: SeriesToWrite[] = [...(scouter.length ? mergeScouterColumns(scouter, opts.cadenceMs ? { cadenceMs: opts.cadenceMs } : {}) : []), ...generic];

  const t1 = performance.now();

  // 2. Access logs: streamed, only health-check lines kept.
  const logFiles = files.filter((x) => x.kind === 'access-log');
  let logs: AccessLogOutages | null = null;
  let objectNotes: string[] = [];
  if (logFiles.length > 0) {
    const known = new Set(series.map((s) => s.object));
    if (ws) for (const r of await ws.all('SELECT name FROM objects')) known.add(String(r['name']));
    const { mapping, notes } = autoLogObjects(logFiles.map((f) => f.name), [...known], opts.logObjects);
    objectNotes = notes;
    hooks.log?.(`reading ${logFiles.length} access log(s): ${notes.join('; ')}`);
    logs = await findAccessLogOutages(
      logFiles.map((f) => ({
        file: f.name,
        open: () => {
          const it = readStream(f.path);
          return (async function* () {
            for await (const chunk of it) yield chunk;
            step(f, 'read');
          })();
        },
      })),
      { objects: mapping, gapFactor: opts.gapFactor ?? DEFAULT_GAP_FACTOR, ...(opts.healthCheck ? { healthCheck: opts.healthCheck } : {}) },
    );
    warnings.push(...logs.warnings);
    logs.files.forEach((r, i) => {
      const f = logFiles[i]!;
      imported.push({ file: f.path, kind: 'access-log', bytes: f.bytes, rows: r.lines, detail: { format: r.format, gzip: r.gzip, records: r.records, malformedLines: r.malformedLines, truncated: r.truncated, object: mapping.by === 'file' ? (mapping.objects?.[f.name] ?? null) : null } });
    });
  }

  const t2 = performance.now();
  const summary: ImportSummary = {
    dryRun: opts.dryRun ?? false,
    files: imported,
    series: series.map((s) => ({ object: s.object, objType: s.objType, counters: s.counters, rows: s.times.length, fromMs: s.times[0] ?? NaN, toMs: s.times[s.times.length - 1] ?? NaN, cadenceMs: s.cadenceMs })),
    outages: logs?.outages ?? [],
    logs: logs ? { healthCheck: logs.healthCheck, detected: logs.detected, detectedReason: logs.detectedReason, intervals: logs.intervals, probes: logs.probes, okProbes: logs.okProbes, warnings: logs.warnings } : null,
    objectNotes,
    labelSet: null,
    warnings,
    timings: { parseMs: tParsed - t0, mergeMs: t1 - tParsed, logsMs: t2 - t1, writeMs: 0, appendMs: 0, commitMs: 0 },
  };
  if (opts.dryRun || !ws) return summary;

  // 3. One transaction for everything.
  hooks.progress?.(0.96, 'writing the workspace');
  const offset = summary.outages[0]?.utcOffsetMinutes ?? (series[0] ? epochToOffsetMinutes(series[0].times[0] ?? 0, opts.timeZone) : 0);
  let bodyDone = 0;
  await ws.transaction(async (tx) => {
    const ta = performance.now();
    if (series.length) await writeSeries(tx, series);
    summary.timings.appendMs = performance.now() - ta;
    let importId: string | null = null;
    for (const f of imported) {
      const id = await recordImport(tx, { file: f.file, kind: f.kind, sha256: shas.get(f.file) ?? null, bytes: f.bytes, rows: f.rows, detail: f.detail });
      if (f.kind === 'access-log') importId ??= id;
    }
    if (logs) {
      await writeOutages(tx, logs.outages, importId);
      const bh = opts.businessHours === undefined ? DEFAULT_BUSINESS_HOURS(offset) : opts.businessHours === null ? null : { ...opts.businessHours, utcOffsetMinutes: offset };
      const rules: LabelRules = { gapFactor: opts.gapFactor ?? DEFAULT_GAP_FACTOR, businessHours: bh };
      const v = await createLabelSet(tx, `Health-check outages (k = ${rules.gapFactor})`, rules, spansFromOutages(logs.outages), { kind: 'create', source: 'health-check', note: `${logs.outages.length} outage(s) from ${logFiles.length} log file(s)` });
      summary.labelSet = { labelSetId: v.labelSetId, version: v.version };
    }
    // Last chance to cancel: a cancel now rolls everything back.
    hooks.throwIfCancelled?.();
    bodyDone = performance.now();
  });
  const tCommitted = performance.now();
  summary.timings.writeMs = tCommitted - t2;
  summary.timings.commitMs = tCommitted - bodyDone;
  hooks.progress?.(1, 'imported');
  return summary;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
