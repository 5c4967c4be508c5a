import type { Outage } from '../../shared/domain/outage';

/**
 * The renderer's view of the `import` job's result (`ImportSummary` in the engine, delivered in
 * `job:finished` as `unknown`): read defensively, field by field, so a newer engine that adds or
 * renames a detail shows "—" rather than crashing the preview.
 */
export interface PreviewFile {
  /** Staged path on the engine's machine. */
  file: string;
  /** Name as the user picked it (last path segment). */
  name: string;
  kind: 'scouter' | 'generic-csv' | 'access-log' | string;
  bytes: number;
  rows: number;
  detail: Record<string, unknown>;
}

export interface PreviewInterval {
  object: string | null;
  source: string;
  intervalMs: number;
  probes: number;
}

export interface ImportPreview {
  dryRun: boolean;
  files: PreviewFile[];
  series: { object: string; objType: string; counters: string[]; rows: number; fromMs: number; toMs: number; cadenceMs: number }[];
  outages: Outage[];
  logs: {
    healthCheck: { method: string; path: string } | null;
    detected: boolean;
    detectedReason: string;
    intervals: PreviewInterval[];
    probes: number;
    okProbes: number;
  } | null;
  objectNotes: string[];
  warnings: string[];
  labelSet: { labelSetId: string; version: number } | null;
}

const rec = (x: unknown): Record<string, unknown> => (x && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : {});
const arr = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
const num = (x: unknown): number => (typeof x === 'number' ? x : NaN);
const str = (x: unknown): string => (typeof x === 'string' ? x : '');

export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

export function asImportPreview(result: unknown): ImportPreview {
  const r = rec(result);
  const logs = r['logs'] === null || r['logs'] === undefined ? null : rec(r['logs']);
  const hc = logs ? rec(logs['healthCheck']) : {};
  const ls = r['labelSet'] === null || r['labelSet'] === undefined ? null : rec(r['labelSet']);
  return {
    dryRun: r['dryRun'] === true,
    files: arr(r['files']).map((f) => {
      const o = rec(f);
      return { file: str(o['file']), name: baseName(str(o['file'])), kind: str(o['kind']), bytes: num(o['bytes']), rows: num(o['rows']), detail: rec(o['detail']) };
    }),
    series: arr(r['series']).map((s) => {
      const o = rec(s);
      return { object: str(o['object']), objType: str(o['objType']), counters: arr(o['counters']).map(str), rows: num(o['rows']), fromMs: num(o['fromMs']), toMs: num(o['toMs']), cadenceMs: num(o['cadenceMs']) };
    }),
    outages: arr(r['outages']) as Outage[],
    logs: logs
      ? {
          healthCheck: hc['path'] ? { method: str(hc['method']), path: str(hc['path']) } : null,
          detected: logs['detected'] === true,
          detectedReason: str(logs['detectedReason']),
          intervals: arr(logs['intervals']).map((i) => {
            const o = rec(i);
            return { object: o['object'] === null ? null : str(o['object']), source: str(o['source']), intervalMs: num(o['intervalMs']), probes: num(o['probes']) };
          }),
          probes: num(logs['probes']),
          okProbes: num(logs['okProbes']),
        }
      : null,
    objectNotes: arr(r['objectNotes']).map(str),
    warnings: arr(r['warnings']).map(str),
    labelSet: ls ? { labelSetId: str(ls['labelSetId']), version: num(ls['version']) } : null,
  };
}

/** What the user corrected before committing (every field optional for the engine). */
export interface ImportCorrections {
  timeZone: string;
  /** k; null = the engine's default. */
  gapFactor: number | null;
  /** For renamed Scouter files: applied to every Scouter file of this import. */
  counter: string;
  objType: string;
  /** Log file name → object; missing or '' = matched by name. */
  logObjects: Record<string, string>;
}

/** `import` job parameters for the staged paths (see job-handlers.ts `ImportParams`). */
export function importParams(paths: readonly string[], c: ImportCorrections, dryRun: boolean): Record<string, unknown> {
  const logObjects = Object.fromEntries(Object.entries(c.logObjects).filter(([, o]) => o.trim() !== ''));
  const override = { ...(c.counter.trim() ? { counter: c.counter.trim() } : {}), ...(c.objType.trim() ? { objType: c.objType.trim() } : {}) };
  return {
    paths: [...paths],
    timeZone: c.timeZone,
    dryRun,
    ...(c.gapFactor !== null && Number.isFinite(c.gapFactor) && c.gapFactor > 0 ? { gapFactor: c.gapFactor } : {}),
    ...(Object.keys(logObjects).length ? { logObjects } : {}),
    ...(Object.keys(override).length ? { scouterOverride: override } : {}),
  };
}

/** Zones offered: the browser's own first, then Asia/Seoul (Scouter's home) and UTC. */
export function timeZoneChoices(browserZone: string | undefined): string[] {
  return [...new Set([browserZone || 'UTC', 'Asia/Seoul', 'UTC'])];
}

/** Outages per object as the preview groups them (null = every object). */
export function outagesByObject(outages: readonly Outage[]): { object: string | null; count: number; seconds: number }[] {
  const m = new Map<string | null, { count: number; seconds: number }>();
  for (const o of outages) {
    const e = m.get(o.object) ?? { count: 0, seconds: 0 };
    e.count++;
    e.seconds += o.seconds;
    m.set(o.object, e);
  }
  return [...m.entries()].map(([object, e]) => ({ object, ...e })).sort((a, b) => String(a.object).localeCompare(String(b.object)));
}

/** Whether an error's `where.file` names this file (the engine may report a path or a bare name). */
export function errorIsFor(whereFile: string | undefined, file: { name: string; path?: string }): boolean {
  if (!whereFile) return false;
  return whereFile === file.name || whereFile === file.path || baseName(whereFile) === file.name;
}
