/**
 * Explanation quality, HitRate@P% (Su et al., KDD 2019 — OmniAnomaly's interpretation metric):
 * for an anomalous window whose truly involved counters are G, rank the counters by the map's
 * per-counter importance (Σ over time, descending; ties by counter order); then
 * HitRate@P% = |top ⌊P%·|G|⌋ ∩ G| / |G|, averaged over the windows. P = 100 and 150.
 */
import { VigilError } from '../../../shared/errors.js';

/** One window's hit rate at P% (P = 100 → the top |G|). */
export function hitRateAt(importance: ArrayLike<number>, truth: readonly number[], P: number): number {
  if (truth.length === 0) return 0;
  const F = importance.length;
  const order = Array.from({ length: F }, (_, i) => i).sort((a, b) => importance[b]! - importance[a]! || a - b);
  const k = Math.min(F, Math.floor((P / 100) * truth.length));
  const top = new Set(order.slice(0, k));
  let hit = 0;
  for (const g of truth) if (top.has(g)) hit++;
  return hit / truth.length;
}

export class HitRateMeter {
  private n = 0;
  private s100 = 0;
  private s150 = 0;
  add(importance: ArrayLike<number>, truth: readonly number[]): void {
    if (truth.length === 0) return;
    this.n++;
    this.s100 += hitRateAt(importance, truth, 100);
    this.s150 += hitRateAt(importance, truth, 150);
  }
  result(method: string): { method: string; windows: number; hitRate100: number; hitRate150: number } {
    return { method, windows: this.n, hitRate100: this.n ? this.s100 / this.n : 0, hitRate150: this.n ? this.s150 / this.n : 0 };
  }
}

/**
 * The trivial baseline the numbers are read against: per-counter |z| deviation of the window from
 * the training mean, Σ_t |x[f, t] − μ_f| / σ_f (σ_f = 0 → the counter scores 0). x [F, W] at `off`.
 */
export function zScoreImportance(x: ArrayLike<number>, off: number, F: number, W: number, mean: ArrayLike<number>, std: ArrayLike<number>): Float64Array {
  const out = new Float64Array(F);
  for (let f = 0; f < F; f++) {
    const sd = std[f]!;
    if (!(sd > 0)) continue;
    let s = 0;
    for (let t = 0; t < W; t++) s += Math.abs(x[off + f * W + t]! - mean[f]!) / sd;
    out[f] = s;
  }
  return out;
}

/** Per-counter mean and population sd over windows `idx` of x [n, F, W] (every cell counted). */
export function counterStats(x: Float32Array, idx: ArrayLike<number>, F: number, W: number): { mean: Float64Array; std: Float64Array } {
  const mean = new Float64Array(F);
  const sq = new Float64Array(F);
  let m = 0;
  for (let j = 0; j < idx.length; j++) {
    const o = idx[j]! * F * W;
    for (let f = 0; f < F; f++) {
      for (let t = 0; t < W; t++) {
        const v = x[o + f * W + t]!;
        mean[f]! += v;
        sq[f]! += v * v;
      }
    }
    m += W;
  }
  const std = new Float64Array(F);
  for (let f = 0; f < F; f++) {
    mean[f] = m ? mean[f]! / m : 0;
    std[f] = m ? Math.sqrt(Math.max(0, sq[f]! / m - mean[f]! * mean[f]!)) : 0;
  }
  return { mean, std };
}

export interface InterpretationSegment {
  /** 0-based first row, exclusive end row. */
  start: number;
  end: number;
  /** 0-based counter indices. */
  counters: number[];
}

/**
 * SMD `interpretation_label` lines `start-end:d1,d2,…` (SOURCE.md: 0-based start, end usually
 * exclusive, 1-based metric numbers) → segments with 0-based counters.
 */
export function parseInterpretationLabels(text: string, file: string, F: number): InterpretationSegment[] {
  const out: InterpretationSegment[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const m = /^(\d+)-(\d+):([\d,\s]+)$/.exec(line);
    if (!m) throw new VigilError('PARSE_ERROR', `not an interpretation label: "${line.slice(0, 60)}"`, { where: { file, line: i + 1 } });
    const counters = m[3]!.split(',').map((s) => Number(s.trim()) - 1).filter((d) => Number.isInteger(d));
    const bad = counters.find((d) => d < 0 || d >= F);
    if (bad !== undefined) throw new VigilError('PARSE_ERROR', `metric ${bad + 1} outside 1–${F}`, { where: { file, line: i + 1, field: 'dimensions' } });
    out.push({ start: Number(m[1]), end: Number(m[2]), counters: [...new Set(counters)] });
  });
  return out;
}

/** The truly involved counters of the window ending at `row`: the union over segments containing it. */
export function truthAt(segments: readonly InterpretationSegment[], row: number): number[] {
  const s = new Set<number>();
  for (const g of segments) if (row >= g.start && row < g.end) for (const c of g.counters) s.add(c);
  return [...s];
}
