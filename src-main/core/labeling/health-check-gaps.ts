import type { Outage, OutageEvidence, ProbeRef } from '../../../shared/domain/outage';
import { learnProbeInterval } from './probe-interval';
import type { ProbeStore } from './probe-store';

/**
 * Default k. The rule (METHODS.md §2, datasets SOURCE.md "Key finding"): an outage is a stretch
 * with no 2xx health-check answer from ANY source for longer than k × the probe interval.
 * k = 4 tolerates jitter (15 s → 16 s), a single missed or failed probe (30 s without a 2xx
 * from that node; the other node usually answers in between) and a restart shorter than about
 * three cadences (EB deploys restart Tomcat in 4–7 s) — so the real ALB log's lone 502s are not
 * outages — while the 13 Jul 2021 404 stretch (406 s ≈ 27 × 15 s) is. With a 15 s cadence k = 4
 * means "down for more than a minute", the smallest stretch that can touch a 5-minute sample
 * meaningfully.
 */
export const DEFAULT_GAP_FACTOR = 4;

export interface GapOptions {
  gapFactor?: number;
  /** A source needs this many probes before its interval is trusted (default 5). */
  minProbesForInterval?: number;
  isOk: (status: number) => boolean;
}

export interface SourceInterval {
  object: string | null;
  source: string;
  intervalMs: number;
  probes: number;
  steadiness: number;
}

/**
 * A stretch without 2xx that touches the start or end of the logs: it has no 2xx on one side,
 * so it has no time_from or time_to and is not an Outage; reported so nobody mistakes it for "up".
 */
export interface OpenGap {
  object: string | null;
  /** `all` = not a single 2xx health check for this object. */
  edge: 'start' | 'end' | 'all';
  fromMs: number;
  toMs: number;
  failedProbes: number;
}

export interface GapResult {
  outages: Outage[];
  intervals: SourceInterval[];
  /** Objects whose sources had too few probes to learn a cadence. */
  skippedObjects: (string | null)[];
  openGaps: OpenGap[];
}

/**
 * `rows`: health-check rows (matching the definition), sorted by time (ProbeStore.sortedRows).
 * Outages are found per object: probes of one object never end another object's gap.
 */
export function findHealthCheckGaps(store: ProbeStore, rows: Uint32Array, opts: GapOptions): GapResult {
  const k = opts.gapFactor ?? DEFAULT_GAP_FACTOR;
  const minProbes = opts.minProbesForInterval ?? 5;
  const byObject = new Map<number, number[]>();
  for (const r of rows) {
    const o = store.object[r]!;
    let a = byObject.get(o);
    if (!a) byObject.set(o, (a = []));
    a.push(r);
  }
  const out: GapResult = { outages: [], intervals: [], skippedObjects: [], openGaps: [] };
  const objKeys = [...byObject.keys()].sort((a, b) => objName(store, a)?.localeCompare(objName(store, b) ?? '') ?? -1);
  for (const o of objKeys) {
    const objRows = byObject.get(o)!;
    const object = objName(store, o);
    // Cadence per source: all probes count (the balancer keeps its rhythm whatever the answer).
    const perSource = new Map<number, number[]>();
    for (const r of objRows) {
      const s = store.source[r]!;
      let t = perSource.get(s);
      if (!t) perSource.set(s, (t = []));
      t.push(store.timeMs[r]!);
    }
    const intervalMs: Record<string, number> = {};
    let maxInterval = 0;
    for (const [s, t] of perSource) {
      if (t.length < minProbes) continue;
      const iv = learnProbeInterval(t);
      if (!iv) continue;
      const source = store.sources.name(s);
      intervalMs[source] = iv.intervalMs;
      maxInterval = Math.max(maxInterval, iv.intervalMs);
      out.intervals.push({ object, source, intervalMs: iv.intervalMs, probes: t.length, steadiness: iv.steadiness });
    }
    if (maxInterval === 0) {
      out.skippedObjects.push(object);
      continue;
    }
    // Every source must have had k chances: use the slowest learned cadence.
    const threshold = k * maxInterval;
    let lastOk = -1;
    for (let j = 0; j < objRows.length; j++) {
      const r = objRows[j]!;
      if (!opts.isOk(store.status[r]!)) continue;
      if (lastOk >= 0) {
        const a = objRows[lastOk]!;
        if (store.timeMs[r]! - store.timeMs[a]! > threshold) {
          out.outages.push(buildOutage(store, objRows, lastOk, j, object, k, threshold, intervalMs));
        }
      }
      if (lastOk < 0 && j > 0 && store.timeMs[r]! - store.timeMs[objRows[0]!]! > threshold) {
        out.openGaps.push({ object, edge: 'start', fromMs: store.timeMs[objRows[0]!]!, toMs: store.timeMs[r]!, failedProbes: j });
      }
      lastOk = j;
    }
    const lastT = store.timeMs[objRows[objRows.length - 1]!]!;
    if (lastOk < 0) {
      out.openGaps.push({ object, edge: 'all', fromMs: store.timeMs[objRows[0]!]!, toMs: lastT, failedProbes: objRows.length });
    } else if (lastT - store.timeMs[objRows[lastOk]!]! > threshold) {
      out.openGaps.push({ object, edge: 'end', fromMs: store.timeMs[objRows[lastOk]!]!, toMs: lastT, failedProbes: objRows.length - 1 - lastOk });
    }
  }
  out.outages.sort((a, b) => a.startMs - b.startMs || (a.object ?? '').localeCompare(b.object ?? ''));
  return out;
}

function objName(store: ProbeStore, o: number): string | null {
  return o < 0 ? null : store.objects.name(o);
}

function ref(store: ProbeStore, r: number): ProbeRef {
  return {
    timeMs: store.timeMs[r]!,
    status: store.status[r]!,
    source: store.sources.name(store.source[r]!),
    file: store.files.name(store.file[r]!),
    line: store.line[r]!,
  };
}

/** Rows okIdx and nextOkIdx are consecutive 2xx probes; everything between them failed. */
function buildOutage(
  store: ProbeStore, rows: number[], okIdx: number, nextOkIdx: number, object: string | null, k: number, threshold: number,
  intervals: Record<string, number>,
): Outage {
  const a = rows[okIdx]!;
  const b = rows[nextOkIdx]!;
  const statusCounts: Record<string, number> = {};
  const sources = new Set<string>([store.sources.name(store.source[a]!), store.sources.name(store.source[b]!)]);
  let prevT = store.timeMs[a]!;
  let silence = false;
  for (let j = okIdx + 1; j < nextOkIdx; j++) {
    const r = rows[j]!;
    const st = String(store.status[r]!);
    statusCounts[st] = (statusCounts[st] ?? 0) + 1;
    sources.add(store.sources.name(store.source[r]!));
    if (store.timeMs[r]! - prevT > threshold) silence = true;
    prevT = store.timeMs[r]!;
  }
  if (store.timeMs[b]! - prevT > threshold) silence = true;
  // "Seen probing around the gap": any probe within one threshold before or after it.
  for (let j = okIdx - 1; j >= 0 && store.timeMs[rows[j]!]! >= store.timeMs[a]! - threshold; j--) sources.add(store.sources.name(store.source[rows[j]!]!));
  for (let j = nextOkIdx + 1; j < rows.length && store.timeMs[rows[j]!]! <= store.timeMs[b]! + threshold; j++) sources.add(store.sources.name(store.source[rows[j]!]!));
  const failed = nextOkIdx - okIdx - 1;
  const srcList = [...sources].sort();
  const iv: Record<string, number> = {};
  for (const s of Object.keys(intervals).sort()) iv[s] = intervals[s]!;
  const evidence: OutageEvidence = {
    sources: srcList,
    intervalMs: iv,
    gapFactor: k,
    lastOkBefore: ref(store, a),
    firstFailed: failed > 0 ? ref(store, rows[okIdx + 1]!) : null,
    lastFailed: failed > 0 ? ref(store, rows[nextOkIdx - 1]!) : null,
    firstOkAfter: ref(store, b),
    statusCounts,
    failedProbes: failed,
    kind: failed === 0 ? 'silence' : silence ? 'mixed' : 'failing',
  };
  const startMs = store.timeMs[a]!;
  const endMs = store.timeMs[b]!;
  return {
    id: `hc-gap:${object ?? '*'}:${startMs}`,
    object,
    startMs,
    endMs,
    seconds: (endMs - startMs) / 1000,
    utcOffsetMinutes: store.offset[a]!,
    evidence,
  };
}
