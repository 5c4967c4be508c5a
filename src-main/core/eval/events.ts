/**
 * Operator-facing, event-level metrics on a fold's test windows (METHODS.md §5: "a missed outage
 * costs more than a false alarm"; not part of PROTOCOL.md §8, which is window-level only).
 *
 * Inputs are WindowSet columns (shared/domain/windows.ts) restricted to the fold's test windows
 * `testIdx` [m], with `pred` [m] 0/1 aligned with `testIdx`.
 *
 * Outage identity: `(objectIndex, outageIndex)` with `outageIndex ≥ 0` — build-windows numbers
 * outages per object, so the same index in two objects is two outages.
 *
 * - Event recall = caught / outages, over the outages with ≥ 1 test window; an outage is caught iff
 *   any of its test windows is flagged. null when the fold holds no outage window.
 * - Lead time (minutes), per caught outage: start − t_first, where
 *     start   = `outageStartMs(object, outage)` when given, else the end time of the outage's first
 *               window among ALL windows of the set (the first anomalous window: its last row is the
 *               first labelled row of the outage = the health-check failure);
 *     t_first = the end time of the earliest flagged test window that is either one of the
 *               outage's own windows, or a window of the same object, not belonging to another
 *               outage, with start − lookback ≤ endMs ≤ start (default lookback 60 min) and
 *               endMs after the last window of the object's previous outage (a flag before an
 *               earlier outage never counts as warning of a later one).
 *   So lead ≥ 0 when a flag came at or before the failure, and NEGATIVE (a detection delay) when
 *   the outage was caught only by later windows of the outage.
 * - Alerts per day = flagged test windows ÷ test span in days. Span: `cadenceMs` given →
 *   m × cadenceMs (the time the test windows' end rows cover; right for scattered k-fold test
 *   sets too); else Σ over objects of (last − first) test window end time (right for contiguous
 *   blocked folds, one cadence short). null when the span is 0.
 */

export interface EventColumns {
  /** [n] epoch ms of each window's last row. */
  endMs: Float64Array;
  /** [n] object of each window. */
  objectIndex: Int32Array;
  /** [n] outage the window belongs to / precedes, −1 = none. */
  outageIndex: Int32Array;
}

export interface EventOptions {
  /** How far before an outage's start a flag still counts as early warning (default 60 min). */
  lookbackMin?: number;
  /** Outage start (health-check failure) in epoch ms, when known; else see module doc. */
  outageStartMs?: (objectIndex: number, outageIndex: number) => number | undefined;
}

export interface OutageOutcome {
  objectIndex: number;
  outageIndex: number;
  startMs: number;
  caught: boolean;
  /** Minutes from the first qualifying flag to `startMs`; null when not caught. */
  leadMin: number | null;
}

export interface EventMetrics {
  outages: number;
  caught: number;
  eventRecall: number | null;
  /** Lead times of the caught outages, in the order of `perOutage`. */
  leadTimesMin: number[];
  perOutage: OutageOutcome[];
}

export const DEFAULT_LOOKBACK_MIN = 60;
const MS_PER_MIN = 60_000;
const MS_PER_DAY = 86_400_000;

const key = (obj: number, outage: number): string => `${obj}:${outage}`;

export function eventMetrics(ws: EventColumns, testIdx: Int32Array, pred: ArrayLike<number>, opts: EventOptions = {}): EventMetrics {
  if (pred.length !== testIdx.length) throw new RangeError(`pred (${pred.length}) and testIdx (${testIdx.length}) differ in length`);
  const lookbackMs = (opts.lookbackMin ?? DEFAULT_LOOKBACK_MIN) * MS_PER_MIN;
  // First / last window end per outage over the whole set (first = the outage start when none is provided).
  const firstEnd = new Map<string, number>();
  const lastEnd = new Map<string, { obj: number; t: number }>();
  for (let i = 0; i < ws.outageIndex.length; i++) {
    const o = ws.outageIndex[i] as number;
    if (o < 0) continue;
    const obj = ws.objectIndex[i] as number;
    const k = key(obj, o);
    const t = ws.endMs[i] as number;
    const prev = firstEnd.get(k);
    if (prev === undefined || t < prev) firstEnd.set(k, t);
    const last = lastEnd.get(k);
    if (last === undefined || t > last.t) lastEnd.set(k, { obj, t });
  }
  /** End of the object's latest outage that ended before `startMs` (−∞ if none). */
  const previousOutageEnd = (obj: number, startMs: number): number => {
    let best = -Infinity;
    for (const le of lastEnd.values()) if (le.obj === obj && le.t < startMs && le.t > best) best = le.t;
    return best;
  };
  // Outages present in the test set, in order of first appearance.
  const outcomes = new Map<string, OutageOutcome>();
  for (const i of testIdx) {
    const o = ws.outageIndex[i] as number;
    if (o < 0) continue;
    const obj = ws.objectIndex[i] as number;
    const k = key(obj, o);
    if (outcomes.has(k)) continue;
    const startMs = opts.outageStartMs?.(obj, o) ?? (firstEnd.get(k) as number);
    outcomes.set(k, { objectIndex: obj, outageIndex: o, startMs, caught: false, leadMin: null });
  }
  // Caught = any own test window flagged.
  const earliest = new Map<string, number>();
  testIdx.forEach((i, j) => {
    if (!pred[j]) return;
    const o = ws.outageIndex[i] as number;
    if (o < 0) return;
    const k = key(ws.objectIndex[i] as number, o);
    const oc = outcomes.get(k) as OutageOutcome;
    oc.caught = true;
    const t = ws.endMs[i] as number;
    earliest.set(k, Math.min(earliest.get(k) ?? Infinity, t));
  });
  // Earlier flags of the same object inside the lookback horizon (windows of no other outage).
  const byObject = new Map<number, { oc: OutageOutcome; from: number; after: number }[]>();
  for (const oc of outcomes.values()) {
    if (!oc.caught) continue;
    // Flags in (previous outage end, start] ∩ [start − lookback, start] count.
    const entry = { oc, from: oc.startMs - lookbackMs, after: previousOutageEnd(oc.objectIndex, oc.startMs) };
    const list = byObject.get(oc.objectIndex);
    if (list) list.push(entry);
    else byObject.set(oc.objectIndex, [entry]);
  }
  testIdx.forEach((i, j) => {
    if (!pred[j] || (ws.outageIndex[i] as number) >= 0) return;
    const list = byObject.get(ws.objectIndex[i] as number);
    if (!list) return;
    const t = ws.endMs[i] as number;
    for (const { oc, from, after } of list) {
      if (t <= oc.startMs && t >= from && t > after) {
        const k = key(oc.objectIndex, oc.outageIndex);
        earliest.set(k, Math.min(earliest.get(k) ?? Infinity, t));
      }
    }
  });
  const perOutage = [...outcomes.values()];
  const leadTimesMin: number[] = [];
  let caught = 0;
  for (const oc of perOutage) {
    if (!oc.caught) continue;
    caught++;
    oc.leadMin = (oc.startMs - (earliest.get(key(oc.objectIndex, oc.outageIndex)) as number)) / MS_PER_MIN;
    leadTimesMin.push(oc.leadMin);
  }
  return { outages: perOutage.length, caught, eventRecall: perOutage.length ? caught / perOutage.length : null, leadTimesMin, perOutage };
}

export interface AlertRateOptions {
  /** Row cadence; when given the span is (number of test windows) × cadence. */
  cadenceMs?: number;
}

/** Test span in days (see module doc). */
export function testSpanDays(ws: Pick<EventColumns, 'endMs' | 'objectIndex'>, testIdx: Int32Array, opts: AlertRateOptions = {}): number {
  if (opts.cadenceMs !== undefined) return (testIdx.length * opts.cadenceMs) / MS_PER_DAY;
  const lo = new Map<number, number>();
  const hi = new Map<number, number>();
  for (const i of testIdx) {
    const obj = ws.objectIndex[i] as number;
    const t = ws.endMs[i] as number;
    lo.set(obj, Math.min(lo.get(obj) ?? Infinity, t));
    hi.set(obj, Math.max(hi.get(obj) ?? -Infinity, t));
  }
  let span = 0;
  for (const [obj, a] of lo) span += (hi.get(obj) as number) - a;
  return span / MS_PER_DAY;
}

/** Flagged test windows per day of test span; null when the span is 0. */
export function alertsPerDay(ws: Pick<EventColumns, 'endMs' | 'objectIndex'>, testIdx: Int32Array, pred: ArrayLike<number>, opts: AlertRateOptions = {}): number | null {
  const days = testSpanDays(ws, testIdx, opts);
  if (!(days > 0)) return null;
  let flagged = 0;
  for (let j = 0; j < pred.length; j++) if (pred[j]) flagged++;
  return flagged / days;
}
