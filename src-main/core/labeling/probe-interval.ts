/**
 * Learns a balancer's probe cadence from the arrival times of its health checks (METHODS.md §2:
 * "a steady cadence"). Robust by construction: the median inter-arrival time ignores the few
 * long gaps an outage or a missed probe leaves, and a second median over inter-arrivals within
 * [m/3, 3m] of the first estimate drops outage gaps and same-second duplicates entirely.
 */
export interface ProbeInterval {
  intervalMs: number;
  /** Inter-arrival times that the estimate rests on. */
  samples: number;
  /** Share of all inter-arrivals within ±50 % of the interval (1 = metronome). */
  steadiness: number;
}

export function median(sorted: ArrayLike<number>): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = n >> 1;
  return n % 2 ? sorted[h]! : (sorted[h - 1]! + sorted[h]!) / 2;
}

/** `timesMs` must be sorted ascending. Returns null with fewer than two positive inter-arrivals. */
export function learnProbeInterval(timesMs: ArrayLike<number>): ProbeInterval | null {
  const diffs: number[] = [];
  for (let i = 1; i < timesMs.length; i++) {
    const d = timesMs[i]! - timesMs[i - 1]!;
    if (d > 0) diffs.push(d);
  }
  if (diffs.length < 2) return null;
  diffs.sort((a, b) => a - b);
  const m0 = median(diffs);
  const core = diffs.filter((d) => d >= m0 / 3 && d <= m0 * 3);
  const m = core.length ? median(core) : m0;
  let steady = 0;
  for (const d of diffs) if (d >= m * 0.5 && d <= m * 1.5) steady++;
  return { intervalMs: m, samples: core.length, steadiness: steady / diffs.length };
}
