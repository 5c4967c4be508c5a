import { describe, expect, it } from 'vitest';
import { learnProbeInterval } from './probe-interval';

describe('learnProbeInterval', () => {
  it('learns a 15 s cadence through jitter, missed probes and an outage gap', () => {
    const t: number[] = [];
    let x = 0;
    for (let i = 0; i < 200; i++) {
      x += i % 17 === 0 ? 16_000 : 15_000; // jitter
      if (i === 50) x += 15_000; // one missed probe (30 s)
      if (i === 100) x += 400_000; // outage: no probe for ~7 min
      t.push(x);
    }
    const iv = learnProbeInterval(t)!;
    expect(iv.intervalMs).toBe(15_000);
    expect(iv.steadiness).toBeGreaterThan(0.95);
  });

  it('ignores same-second duplicates and needs at least two gaps', () => {
    expect(learnProbeInterval([0, 0, 10_000, 10_000, 20_000, 30_000])!.intervalMs).toBe(10_000);
    expect(learnProbeInterval([0, 5_000])).toBeNull();
  });

  it('reports irregular arrivals as unsteady', () => {
    const t = [0, 1_000, 50_000, 52_000, 140_000, 141_000, 300_000, 330_000, 331_000, 600_000];
    expect(learnProbeInterval(t)!.steadiness).toBeLessThan(0.6);
  });
});
