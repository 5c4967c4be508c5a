import { describe, expect, it } from 'vitest';
import type { RunPredictions } from '../../shared/domain/runs';
import { evaluateThreshold, flagsAt, prepareThreshold, sliderToQ, sweepThreshold } from './threshold';

const DAY = 86_400_000;
const M5 = 300_000;
// Object 0: 10 windows, outage at windows 3–4; object 1: 10 windows, outage at window 8.
// Fold 0 = object 0, fold 1 = object 1 (scores on different scales).
function preds(): RunPredictions {
  const p: RunPredictions = { endMs: [], label: [], score: [], objectIndex: [], fold: [] };
  for (let i = 0; i < 10; i++) {
    p.endMs.push(i * (DAY / 9));
    p.label.push(i === 3 || i === 4 ? 1 : 0);
    p.score.push(i === 4 ? 0.9 : i / 100);
    p.objectIndex.push(0);
    p.fold.push(0);
  }
  for (let i = 0; i < 10; i++) {
    p.endMs.push(i * (DAY / 9));
    p.label.push(i === 8 ? 1 : 0);
    p.score.push(i === 2 ? 90 : i);
    p.objectIndex.push(1);
    p.fold.push(1);
  }
  return p;
}

describe('threshold', () => {
  it('finds outages as runs of consecutive anomalous windows per object, and the span in days', () => {
    const m = prepareThreshold(preds());
    expect(m.outages).toBe(2);
    expect(m.days).toBeCloseTo(2);
    expect(m.outageOf[3]).toBe(m.outageOf[4]);
  });

  it('flags the top q of each fold by its own scores', () => {
    const m = prepareThreshold(preds());
    const f = flagsAt(m, 0.1);
    expect([...f].map((v, i) => (v ? i : -1)).filter((i) => i >= 0)).toEqual([4, 12]);
    expect(flagsAt(m, 0).every((v) => v === 0)).toBe(true);
    expect(flagsAt(m, 1).every((v) => v === 1)).toBe(true);
  });

  it('counts alerts per day and outages caught', () => {
    const m = prepareThreshold(preds());
    expect(evaluateThreshold(m, 0.1)).toEqual({ q: 0.1, flagged: 2, alertsPerDay: 1, caught: 1, outages: 2, eventRecall: 0.5 });
    expect(evaluateThreshold(m, 0.2)).toMatchObject({ flagged: 4, caught: 1, eventRecall: 0.5 });
    expect(evaluateThreshold(m, 0.3)).toMatchObject({ flagged: 6, caught: 2, eventRecall: 1 });
    expect(evaluateThreshold(m, 0)).toMatchObject({ flagged: 0, caught: 0, alertsPerDay: 0 });
  });

  it('an outage split by a normal window is two outages; the same time on two objects is two', () => {
    const p: RunPredictions = { endMs: [0, M5, 2 * M5, 0], label: [1, 0, 1, 1], score: [1, 0, 1, 1], objectIndex: [0, 0, 0, 1], fold: [0, 0, 0, 0] };
    expect(prepareThreshold(p).outages).toBe(3);
  });

  it('sweeps the slider from nothing flagged to everything, log-spaced', () => {
    expect(sliderToQ(0)).toBe(0);
    expect(sliderToQ(100)).toBeCloseTo(1);
    expect(sliderToQ(1)).toBeCloseTo(10 ** -2.97);
    const sweep = sweepThreshold(prepareThreshold(preds()));
    expect(sweep).toHaveLength(101);
    expect(sweep[0]!.flagged).toBe(0);
    expect(sweep[100]!.flagged).toBe(20);
    for (let k = 1; k < sweep.length; k++) expect(sweep[k]!.flagged).toBeGreaterThanOrEqual(sweep[k - 1]!.flagged);
  });
});
