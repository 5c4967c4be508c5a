import type { Outage } from '../../../shared/domain/outage';
import { VigilError } from '../../../shared/errors';
import { readAccessLog, type CandidateFilter, type ReadAccessLogResult } from '../ingest/access-log/access-log-reader';
import type { AccessLogFormatOption, AccessRecord, RecordObjectField } from '../ingest/access-log/access-record';
import { DEFAULT_GAP_FACTOR, findHealthCheckGaps, type OpenGap, type SourceInterval } from './health-check-gaps';
import {
  candidateFilterFor, candidateGroup, detectHealthCheck, isOkStatus, KNOWN_PROBE_AGENTS, matchesHealthCheck, type DetectOptions,
  type HealthCheckDefinition,
} from './health-check';
import { ProbeStore } from './probe-store';

/** One log file: a name for evidence and a way to get its bytes (fs stays in services). */
export interface AccessLogSource {
  file: string;
  open(): AsyncIterable<Buffer>;
}

/**
 * Which object (server) an outage belongs to (METHODS.md §2: "which server a line belongs to").
 * - `all`: one stream, outages have object null;
 * - `file`: per-server logs; `objects` maps file name → object, unmapped files use their name
 *   without rotation suffixes (`access.log.2.gz` → `access.log`) so a rotated set stays one object;
 * - `field`: a record field (`host`, `upstream`, `server`); lines without it go to `(none)`.
 */
export type OutageObjectMapping =
  | { by: 'all' }
  | { by: 'file'; objects?: Record<string, string> }
  | { by: 'field'; field: RecordObjectField };

export interface FindOutagesOptions {
  format?: AccessLogFormatOption;
  pattern?: string;
  /** Omit to detect from the logs (health-check.ts). */
  healthCheck?: HealthCheckDefinition;
  detect?: DetectOptions;
  /** k in "no 2xx for longer than k × interval" (default DEFAULT_GAP_FACTOR = 4). */
  gapFactor?: number;
  objects?: OutageObjectMapping;
  onTruncated?: 'error' | 'keep';
  maxLineBytes?: number;
  /** Where probe user agents are searched byte by byte (default DEFAULT_MARKER_WINDOW). */
  markerWindow?: { bytes: number; ms: number };
}

/** First 8 MiB and at least 10 minutes of each file: a probe every ≤ 5 min shows up in it. */
export const DEFAULT_MARKER_WINDOW = { bytes: 8 * 1024 * 1024, ms: 10 * 60_000 };

export interface AccessLogOutages {
  outages: Outage[];
  healthCheck: HealthCheckDefinition;
  /** true when `healthCheck` was detected, with the reason. */
  detected: boolean;
  detectedReason: string;
  intervals: SourceInterval[];
  /** Failing or silent stretches at the edges of the logs (no 2xx on one side). */
  openGaps: OpenGap[];
  files: ReadAccessLogResult[];
  /** Health-check lines (matching the definition) and how many got a 2xx. */
  probes: number;
  okProbes: number;
  warnings: string[];
}

/** `access.log.2.gz` → `access.log`; `u_ex160110.log` unchanged. */
export function baseLogName(file: string): string {
  const name = file.split(/[\\/]/).pop() ?? file;
  return name.replace(/\.(gz|gzip)$/i, '').replace(/(\.\d+)+$/, '').replace(/[-_.]\d{8,10}$/, '');
}

/**
 * Reads the files one after another (memory stays flat: only health-check candidates are kept,
 * columnar), then — with every file in — detects the health check if needed, learns each
 * source's interval and finds the gaps. Records are merged by time, so rotated files may come
 * in any order.
 */
export async function findAccessLogOutages(sources: readonly AccessLogSource[], opts: FindOutagesOptions = {}): Promise<AccessLogOutages> {
  if (!sources.length) throw new VigilError('EMPTY_INPUT', 'no access-log files given', { hint: 'Pick one or more access-log files.' });
  const given = opts.healthCheck;
  const base = candidateFilterFor(given);
  // Shared and growing: paths seen with a probe agent inside any file's marker window become
  // candidates for the rest of that file and for every later file (see CandidateFilter).
  const paths: string[] = [...base.paths];
  const filter: CandidateFilter = { paths, userAgentMarkers: base.userAgentMarkers, markerWindow: opts.markerWindow ?? DEFAULT_MARKER_WINDOW };
  const pathsAtEnd: number[] = [];
  // Once a known probe agent shows up, detection will choose among agent rows only
  // (detectHealthCheck rule 1), so plain GETs on health paths need not be kept any more.
  let agentSeen = false;
  const groupIsAgent: boolean[] = [];
  const isAgentGroup = (g: number) => (groupIsAgent[g] ??= !store.groups.name(g).endsWith('\t'));
  const mapping = opts.objects ?? { by: 'all' };
  const store = new ProbeStore();
  const files: ReadAccessLogResult[] = [];
  const warnings: string[] = [];

  for (const src of sources) {
    const fileId = store.files.id(src.file);
    let fileObject = -1;
    if (mapping.by === 'file') fileObject = store.objects.id(mapping.objects?.[src.file] ?? baseLogName(src.file));
    const onRecord = (r: AccessRecord) => {
      if (given && !matchesHealthCheck(r, given)) return;
      if (!given && !paths.includes(r.path) && KNOWN_PROBE_AGENTS.some((a) => r.userAgent.includes(a))) paths.push(r.path);
      let obj = fileObject;
      if (mapping.by === 'field') obj = store.objects.id(r[mapping.field] || '(none)');
      const group = store.groups.id(given ? '' : candidateGroup(r));
      if (!given) {
        const agent = isAgentGroup(group);
        if (agentSeen && !agent) return;
        if (agent && !agentSeen) {
          agentSeen = true;
          store.retain((row) => isAgentGroup(store.group[row]!));
        }
      }
      store.push(r.timeMs, r.status, store.sources.id(r.client), fileId, r.line, r.utcOffsetMinutes, obj, group);
    };
    const res = await readAccessLog(src.open(), {
      file: src.file,
      format: opts.format ?? 'auto',
      ...(opts.pattern !== undefined ? { pattern: opts.pattern } : {}),
      onRecord,
      candidates: filter,
      onTruncated: opts.onTruncated ?? 'error',
      ...(opts.maxLineBytes !== undefined ? { maxLineBytes: opts.maxLineBytes } : {}),
      allowEmpty: true,
    });
    files.push(res);
    pathsAtEnd.push(paths.length);
    if (res.truncated) warnings.push(res.truncated.message);
    if (res.malformedLines) warnings.push(`${src.file}: ${res.malformedLines} malformed lines skipped (first: ${res.errors[0]?.message ?? '?'})`);
    if (res.oversizedLines) warnings.push(`${src.file}: ${res.oversizedLines} lines longer than the line limit skipped`);
  }
  // A probe path learned in a later file: re-read the earlier files for it (rare; keeps the
  // result independent of the order the files came in).
  for (let i = 0; i < sources.length; i++) {
    if (pathsAtEnd[i]! === paths.length) continue;
    const src = sources[i]!;
    const fileId = store.files.id(src.file);
    const seen = new Set<number>();
    for (let r = 0; r < store.size; r++) if (store.file[r] === fileId) seen.add(store.line[r]!);
    const fileObject = mapping.by === 'file' ? store.objects.id(mapping.objects?.[src.file] ?? baseLogName(src.file)) : -1;
    await readAccessLog(src.open(), {
      file: src.file,
      format: opts.format ?? 'auto',
      ...(opts.pattern !== undefined ? { pattern: opts.pattern } : {}),
      candidates: { paths: paths.slice(pathsAtEnd[i]!), userAgentMarkers: [] },
      onRecord: (r) => {
        if (seen.has(r.line)) return;
        const group = store.groups.id(candidateGroup(r));
        if (agentSeen && !isAgentGroup(group)) return;
        const obj = mapping.by === 'field' ? store.objects.id(r[mapping.field] || '(none)') : fileObject;
        store.push(r.timeMs, r.status, store.sources.id(r.client), fileId, r.line, r.utcOffsetMinutes, obj, group);
      },
      onTruncated: 'keep',
      allowEmpty: true,
    });
  }
  if (files.every((f) => f.lines === 0)) {
    throw new VigilError('EMPTY_INPUT', `the access logs hold no lines (${sources.map((s) => s.file).join(', ')})`, {
      where: { file: sources[0]!.file },
      hint: 'Pick files that hold access-log lines.',
    });
  }

  let def = given;
  let reason = 'given';
  let keep: ((row: number) => boolean) | undefined;
  if (!def) {
    const d = detectHealthCheck(store, opts.detect);
    if (!d) {
      throw new VigilError('EMPTY_INPUT', `no health checks found in ${sources.map((s) => s.file).join(', ')}`, {
        where: { file: sources[0]!.file },
        hint: `No ELB-HealthChecker/kube-probe/GoogleHC requests and no steady GET on a health path from a few addresses. Give the health check explicitly (method, path, clients, user agent).`,
      });
    }
    def = d.definition;
    reason = d.reason;
    const dd = def;
    const wanted = new Set<number>();
    for (let g = 0; g < store.groups.names.length; g++) {
      const [mp = '', fam = ''] = store.groups.name(g).split('\t');
      if (mp === `${dd.method} ${dd.path}` && (dd.userAgentPattern === undefined || fam === dd.userAgentPattern)) wanted.add(g);
    }
    const clients = dd.clients ? new Set(dd.clients) : null;
    keep = (row) => wanted.has(store.group[row]!) && (!clients || clients.has(store.sources.name(store.source[row]!)));
  }
  const rows = store.sortedRows(keep);
  const isOk = (s: number) => isOkStatus(s, def.statusClass);
  let okProbes = 0;
  for (const r of rows) if (isOk(store.status[r]!)) okProbes++;
  const gaps = findHealthCheckGaps(store, rows, { gapFactor: opts.gapFactor ?? DEFAULT_GAP_FACTOR, isOk });
  for (const o of gaps.skippedObjects) warnings.push(`object ${o ?? '*'}: too few health checks to learn a probe interval`);
  for (const g of gaps.openGaps) {
    const span = `${new Date(g.fromMs).toISOString()} – ${new Date(g.toMs).toISOString()}`;
    warnings.push(
      g.edge === 'all'
        ? `object ${g.object ?? '*'}: no 2xx health check at all (${g.failedProbes} failed, ${span})`
        : `object ${g.object ?? '*'}: no 2xx health check ${g.edge === 'start' ? 'from the start of the logs' : 'until the end of the logs'} (${span}, ${g.failedProbes} failed probes); not an outage because it has no ${g.edge === 'start' ? 'time_from' : 'time_to'}`,
    );
  }
  return {
    outages: gaps.outages,
    healthCheck: def,
    detected: !given,
    detectedReason: reason,
    intervals: gaps.intervals,
    openGaps: gaps.openGaps,
    files,
    probes: rows.length,
    okProbes,
    warnings,
  };
}
