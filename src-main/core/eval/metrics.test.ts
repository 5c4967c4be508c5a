import { describe, expect, it } from 'vitest';
import type { FoldMetrics } from '../../../shared/domain/models';
import { alertsPerDay, averagePrecision, confusion, downsample, eventMetrics, foldMetrics, prCurve, ratioMetrics, rocAuc, rocCurve, summarizeFolds, testSpanDays } from './metrics';

describe('confusion counts and ratios (PROTOCOL.md §8)', () => {
  it('hand-computed case', () => {
    const y = [1, 1, 1, 0, 0, 0, 0, 1];
    const p = [1, 0, 1, 1, 0, 0, 0, 1];
    const c = confusion(y, p);
    expect(c).toEqual({ tp: 3, tn: 3, fp: 1, fn: 1 });
    const r = ratioMetrics(c);
    expect(r.acc).toBe(6 / 8);
    expect(r.tpr).toBe(3 / 4);
    expect(r.recall).toBe(3 / 4);
    expect(r.fpr).toBe(1 / 4);
    expect(r.precision).toBe(3 / 4);
    expect(r.f1).toBe(6 / 8);
    expect(r.balancedAcc).toBe(0.75);
  });

  it('0 denominators give null, never 0 or 1', () => {
    // No positives in the test set, nothing flagged.
    const r = ratioMetrics(confusion([0, 0, 0], [0, 0, 0]));
    expect(r.acc).toBe(1);
    expect(r.tpr).toBeNull();
    expect(r.precision).toBeNull();
    expect(r.f1).toBeNull();
    expect(r.fpr).toBe(0);
    expect(r.balancedAcc).toBeNull();
    // Only positives, all missed: FPR undefined, precision undefined, F1 = 0 (denominator FN > 0).
    const s = ratioMetrics(confusion([1, 1], [0, 0]));
    expect(s.fpr).toBeNull();
    expect(s.precision).toBeNull();
    expect(s.tpr).toBe(0);
    expect(s.f1).toBe(0);
    expect(ratioMetrics(confusion([], [])).acc).toBeNull();
  });
});

describe('ROC-AUC and average precision (sklearn-known cases)', () => {
  it('sklearn docs example: AP = 0.8333…, ROC-AUC = 0.75', () => {
    const y = [0, 0, 1, 1];
    const s = [0.1, 0.4, 0.35, 0.8];
    expect(averagePrecision(y, s)).toBeCloseTo(5 / 6, 15);
    expect(rocAuc(y, s)).toBe(0.75);
  });

  it('ties count ½ (trapezoid) and AP steps over distinct thresholds only', () => {
    const y = [1, 0, 1, 0, 0];
    const s = [0.9, 0.9, 0.3, 0.2, 0.1];
    expect(rocAuc(y, s)).toBe(4.5 / 6);
    expect(averagePrecision(y, s)).toBeCloseTo(0.5 * 0.5 + 0.5 * (2 / 3), 15);
    expect(rocAuc([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5])).toBe(0.5);
    expect(averagePrecision([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5])).toBe(0.5);
    expect(rocAuc([1, 1, 0, 0], [0.9, 0.8, 0.2, 0.1])).toBe(1);
    expect(averagePrecision([1, 1, 0, 0], [0.9, 0.8, 0.2, 0.1])).toBe(1);
    expect(rocAuc([1, 1, 0, 0], [0.1, 0.2, 0.8, 0.9])).toBe(0);
  });

  it('null unless both classes (ROC) / without positives (AP)', () => {
    expect(rocAuc([0, 0], [0.1, 0.2])).toBeNull();
    expect(rocAuc([1, 1], [0.1, 0.2])).toBeNull();
    expect(averagePrecision([0, 0], [0.1, 0.2])).toBeNull();
    expect(averagePrecision([1, 1], [0.1, 0.2])).toBe(1);
  });

  it('curves start/end right and are down-sampled to ≤ 200 points', () => {
    const roc = rocCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
    expect(roc.map((p) => [p.fpr, p.tpr])).toEqual([[0, 0], [0, 0.5], [0.5, 0.5], [0.5, 1], [1, 1]]);
    expect(roc[0]?.threshold).toBeNull();
    const pr = prCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
    expect(pr.map((p) => [p.recall, p.precision])).toEqual([[0.5, 1], [0.5, 0.5], [1, 2 / 3], [1, 0.5]]);
    const n = 5000;
    const y = Array.from({ length: n }, (_, i) => (i % 7 === 0 ? 1 : 0));
    const s = Array.from({ length: n }, (_, i) => Math.sin(i) + (y[i] as number));
    const big = rocCurve(y, s);
    expect(big.length).toBe(200);
    expect(big[0]).toEqual({ fpr: 0, tpr: 0, threshold: null });
    expect([big[199]?.fpr, big[199]?.tpr]).toEqual([1, 1]);
    expect(prCurve(y, s, 50).length).toBe(50);
    expect(downsample([1, 2, 3], 200)).toEqual([1, 2, 3]);
    expect(rocCurve([0, 0], [1, 2])).toEqual([]);
  });
});

/**
 * Two objects, 5-minute cadence. Object 0: windows 0…19 (end times t0 + i·5 min); outage 0 =
 * windows 10–12, outage 1 = windows 16–17. Object 1: windows 20…29, its outage 0 = windows 25–26
 * (same index, different object → a different outage).
 */
const MIN = 60_000;
const t0 = Date.UTC(2024, 0, 1);
function eventSet() {
  const n = 30;
  const endMs = new Float64Array(n);
  const objectIndex = new Int32Array(n);
  const outageIndex = new Int32Array(n).fill(-1);
  for (let i = 0; i < 20; i++) endMs[i] = t0 + i * 5 * MIN;
  for (let i = 20; i < 30; i++) {
    endMs[i] = t0 + (i - 20) * 5 * MIN;
    objectIndex[i] = 1;
  }
  for (const i of [10, 11, 12]) outageIndex[i] = 0;
  for (const i of [16, 17]) outageIndex[i] = 1;
  for (const i of [25, 26]) outageIndex[i] = 0;
  const y = Uint8Array.from(outageIndex, (o) => (o >= 0 ? 1 : 0));
  return { endMs, objectIndex, outageIndex, y, n };
}

describe('event recall, lead time, alerts per day', () => {
  const ws = eventSet();
  const testIdx = Int32Array.from({ length: ws.n }, (_, i) => i);
  const flagged = new Set([3, 8, 11, 17, 22]);
  const pred = Uint8Array.from(testIdx, (i) => (flagged.has(i) ? 1 : 0));

  it('an outage is caught if any of its windows is flagged; lead = start − earliest flag in the lookback', () => {
    const ev = eventMetrics(ws, testIdx, pred, { lookbackMin: 30 });
    expect(ev.outages).toBe(3);
    expect(ev.caught).toBe(2);
    expect(ev.eventRecall).toBeCloseTo(2 / 3, 15);
    // Outage (0,0): start = window 10; window 8 (10 min before) flagged, window 3 (35 min) outside 30 min.
    // Outage (0,1): only window 17 flagged, 5 min after the start at window 16 → −5 (a delay).
    // Outage (1,0): not caught although object 1's window 22 is flagged (not one of its windows).
    expect(ev.leadTimesMin).toEqual([10, -5]);
    expect(ev.perOutage.map((o) => [o.objectIndex, o.outageIndex, o.caught])).toEqual([[0, 0, true], [0, 1, true], [1, 0, false]]);
    // A 60-minute lookback reaches window 3; window 8 … 12 never count for outage 1 (the flag at 11 belongs to outage 0).
    expect(eventMetrics(ws, testIdx, pred, { lookbackMin: 60 }).leadTimesMin).toEqual([35, -5]);
    // A provided outage start (the health-check failure) replaces the first window's end time.
    const ev2 = eventMetrics(ws, testIdx, pred, { lookbackMin: 30, outageStartMs: (obj, o) => (obj === 0 && o === 0 ? t0 + 48 * MIN : undefined) });
    expect(ev2.leadTimesMin).toEqual([8, -5]);
  });

  it('only the test windows count; no outage in the test set → null', () => {
    const normalOnly = Int32Array.from([0, 1, 2, 3, 4]);
    expect(eventMetrics(ws, normalOnly, new Uint8Array(5).fill(1)).eventRecall).toBeNull();
    // Test set without window 8: outage (0,0) still caught by window 11, lead = 10 − 11 → −5 min.
    const sub = Int32Array.from([3, 10, 11, 12]);
    const ev = eventMetrics(ws, sub, Uint8Array.from([1, 0, 1, 0]), { lookbackMin: 30 });
    expect(ev.leadTimesMin).toEqual([-5]);
    expect(ev.eventRecall).toBe(1);
  });

  it('alerts per day = flagged windows ÷ test span', () => {
    // Span without cadence: object 0 spans 95 min, object 1 45 min → 140 min.
    expect(testSpanDays(ws, testIdx)).toBeCloseTo(140 / 1440, 15);
    expect(alertsPerDay(ws, testIdx, pred)).toBeCloseTo(5 / (140 / 1440), 9);
    // With the cadence: 30 windows × 5 min = 150 min.
    expect(alertsPerDay(ws, testIdx, pred, { cadenceMs: 5 * MIN })).toBeCloseTo(5 / (150 / 1440), 9);
    expect(alertsPerDay(ws, Int32Array.from([4]), [1])).toBeNull();
  });

  it('foldMetrics fills every FoldMetrics field; summarizeFolds averages over defined folds', () => {
    const score = Float64Array.from(testIdx, (i) => (flagged.has(i) ? 0.9 : 0.1) + i * 1e-3);
    const fm = foldMetrics({ fold: 0, windows: ws, testIdx, y: ws.y, score, pred, threshold: 0.5, events: { lookbackMin: 30 }, alerts: { cadenceMs: 5 * MIN } });
    expect(fm).toMatchObject({ fold: 0, tp: 2, fp: 3, fn: 5, tn: 20, threshold: 0.5, leadTimesMin: [10, -5] });
    expect(fm.eventRecall).toBeCloseTo(2 / 3, 15);
    expect(fm.rocAuc).not.toBeNull();
    const empty: FoldMetrics = { ...fm, fold: 1, tp: 0, fn: 0, fp: 1, tn: 9, tpr: null, rocAuc: null, prAuc: null, eventRecall: null, leadTimesMin: [], precision: 0, f1: 0, fpr: 0.1, acc: 0.9, balancedAcc: null };
    const s = summarizeFolds([fm, empty]);
    expect(s.folds).toBe(2);
    expect(s.metrics.tpr).toEqual({ mean: 2 / 7, std: 0, folds: 1 });
    expect(s.metrics.fpr.folds).toBe(2);
    expect(s.metrics.fpr.mean).toBeCloseTo((3 / 23 + 0.1) / 2, 15);
    expect(s.metrics.fpr.std).toBeCloseTo(Math.abs(3 / 23 - 0.1) / 2, 15); // population sd (np.std)
    expect(s.metrics.meanLeadTimeMin).toEqual({ mean: 2.5, std: 0, folds: 1 });
    expect(s.pooled).toMatchObject({ tp: 2, fp: 4, fn: 5, tn: 29, leadTimesMin: [10, -5], meanLeadTimeMin: 2.5 });
    expect(s.pooled.tpr).toBe(2 / 7);
    expect(summarizeFolds([]).metrics.acc).toEqual({ mean: null, std: null, folds: 0 });
  });
});
