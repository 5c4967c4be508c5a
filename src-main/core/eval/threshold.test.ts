import { describe, expect, it } from 'vitest';
import { deploymentThreshold, nextUp, predictAbove, predictProbability, quantileLinear, scoreThreshold, thresholdForAlertsPerDay, trainAnomalyRate } from './threshold';

describe('quantileLinear = np.quantile(method="linear") (PROTOCOL.md §7)', () => {
  it('matches numpy on worked examples, bit for bit', () => {
    // Values printed by numpy 1.24 (`repr(float(np.quantile(v, q)))`).
    const v = [3, 1, 10, 2, 4]; // sorted 1 2 3 4 10, n − 1 = 4
    expect(quantileLinear(v, 0.7)).toBe(3.8); // position 2.8 → 3 + 0.8·(4 − 3)
    expect(quantileLinear(v, 0.9)).toBe(7.6000000000000005); // position 3.6 → 4 + 0.6·6
    expect(quantileLinear(v, 0.25)).toBe(2);
    expect(quantileLinear(v, 0.5)).toBe(3);
    expect(quantileLinear(v, 1)).toBe(10);
    expect(quantileLinear(v, 0)).toBe(1);
    const w = [0.1, 0.2, 0.3, 0.7, 1.1, 1.3];
    expect(quantileLinear(w, 1 - 0.3)).toBe(0.9); // numpy's b − (b − a)(1 − γ) branch
    expect(quantileLinear(w, 0.5)).toBe(0.5);
    expect(quantileLinear(w, 0.95)).toBe(1.25);
  });

  it('rejects empty input and q outside [0, 1]', () => {
    expect(() => quantileLinear([], 0.5)).toThrow();
    expect(() => quantileLinear([1], 1.5)).toThrow();
  });
});

describe('score threshold and decisions', () => {
  it('τ = the (1 − r) quantile of all training scores; r = 0 → the largest score', () => {
    const scores = [0.1, 0.2, 0.3, 0.7, 1.1, 1.3];
    const y = [0, 0, 0, 1, 0, 1];
    const r = trainAnomalyRate(y);
    expect(r).toBeCloseTo(1 / 3, 15);
    expect(scoreThreshold(scores, r)).toBe(quantileLinear(scores, 1 - r));
    expect(scoreThreshold(scores, 0)).toBe(1.3);
    expect(scoreThreshold(scores, 0.5)).toBe(0.5);
    expect(trainAnomalyRate([])).toBe(0);
  });

  it('score > τ is strict, p ≥ 0.5 is not', () => {
    expect([...predictAbove([0.4, 0.5, 0.6], 0.5)]).toEqual([0, 0, 1]);
    expect([...predictProbability([0.4, 0.5, 0.6])]).toEqual([0, 1, 1]);
    // r = 0: τ = max training score → no training window is flagged.
    const tr = [1, 5, 3];
    expect([...predictAbove(tr, scoreThreshold(tr, 0))]).toEqual([0, 0, 0]);
  });

  it('threshold for a target alert rate flags at most that many training windows', () => {
    const scores = Array.from({ length: 100 }, (_, i) => i); // 0 … 99 over 10 days
    const tau = thresholdForAlertsPerDay(scores, 10, 0.5); // 5 alerts allowed
    expect(tau).toBe(94);
    expect(predictAbove(scores, tau).reduce((s, v) => s + v, 0)).toBe(5);
    expect(thresholdForAlertsPerDay(scores, 10, 0)).toBe(99);
    expect(thresholdForAlertsPerDay(scores, 10, 100)).toBe(-Infinity);
  });
});

describe('deploymentThreshold (vigil train)', () => {
  const day = 86_400_000;
  // 10 days of windows, 100 a day, scores 0 … 0.999 shuffled deterministically
  const n = 1000;
  const endMs = Float64Array.from({ length: n }, (_, i) => (i * 10 * day) / (n - 1));
  const scores = Float32Array.from({ length: n }, (_, i) => ((i * 379) % n) / n);
  it('keeps the default rule and reports its alert load on the training windows', () => {
    const d = deploymentThreshold(scores, endMs, 0.5);
    expect(d.thresholdRule).toEqual({ kind: 'default' });
    expect(d.threshold).toBe(0.5);
    expect(d.trainingFlags.fraction).toBeCloseTo(0.5, 5);
    expect(d.trainingFlags.spanDays).toBeCloseTo(10, 9);
    expect(d.trainingFlags.alertsPerDay).toBeCloseTo(50, 5);
  });
  it('with an alert budget flags at most that many training windows a day, ties included (score ≥ threshold)', () => {
    for (const perDay of [0, 0.5, 3, 12]) {
      const d = deploymentThreshold(scores, endMs, 0.5, perDay);
      expect(d.thresholdRule).toEqual({ kind: 'alerts-per-day', alertsPerDay: perDay });
      const flagged = Array.from(scores).filter((s) => s >= d.threshold).length;
      expect(flagged).toBe(Math.floor(perDay * 10));
      expect(d.trainingFlags.alertsPerDay).toBeCloseTo(flagged / 10, 9);
    }
    // a budget above the windows there are: every window
    expect(deploymentThreshold(scores, endMs, 0.5, 1e6).trainingFlags.fraction).toBe(1);
  });
  it('nextUp is the next double', () => {
    expect(nextUp(0.5)).toBeGreaterThan(0.5);
    expect((nextUp(0.5) + 0.5) / 2).toBe(0.5);
    expect(nextUp(-2)).toBeGreaterThan(-2);
    expect(nextUp(0)).toBe(Number.MIN_VALUE);
  });
});
