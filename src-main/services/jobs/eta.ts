/**
 * Remaining time from progress so far: elapsed × (1 − v) / v, once enough progress exists for
 * the rate to mean something (2 % and 1 s). Returns ms or null.
 */
export function estimateEtaMs(value: number, elapsedMs: number): number | null {
  if (!(value > 0.02) || elapsedMs < 1000) return null;
  if (value >= 1) return 0;
  return Math.round((elapsedMs * (1 - value)) / value);
}

/** Lets an event through at most every `intervalMs`, plus always the first and the final one. */
export class Throttle {
  private last = -Infinity;
  constructor(private readonly intervalMs: number, private readonly now: () => number = Date.now) {}
  pass(force = false): boolean {
    const t = this.now();
    if (force || t - this.last >= this.intervalMs) {
      this.last = t;
      return true;
    }
    return false;
  }
}
