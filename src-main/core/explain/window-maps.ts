/**
 * Per-window and class-averaged maps as plain HeatMaps (shared/domain/explain.ts; METHODS.md §7):
 * "normal windows give compact responses while anomalous ones concentrate on the deviating part"
 * [TW26 §4.4] is seen by averaging each map over the normal and over the anomalous windows.
 */
import type { HeatMap } from '../../../shared/domain/explain.js';
import { counterImportance, type MapKey, type WindowExplainer } from './explainer.js';

function heatMap(k: MapKey, data: ArrayLike<number>, off: number, F: number, W: number): HeatMap {
  const values = new Array<number>(F * W);
  for (let i = 0; i < F * W; i++) {
    const v = data[off + i]!;
    values[i] = Number.isFinite(v) ? v : 0;
  }
  return { method: k.method, layer: k.layer, grid: 'counter-time', rows: F, cols: W, values, counterImportance: Array.from(counterImportance(values, 0, F, W)) };
}

/** Maps of windows `idx` of x [n, F, W] (gathered into one batch). */
export function explainWindows(ex: WindowExplainer, x: Float32Array, idx: readonly number[]): { score: number[]; maps: HeatMap[][] } {
  const { F, W } = ex;
  const fw = F * W;
  const xs = new Float32Array(idx.length * fw);
  idx.forEach((w, j) => xs.set(x.subarray(w * fw, (w + 1) * fw), j * fw));
  const score: number[] = [];
  const maps: HeatMap[][] = [];
  ex.run(xs, idx.length, (_start, B, s, ms) => {
    for (let b = 0; b < B; b++) {
      score.push(s[b]!);
      maps.push(ex.mapKeys.map((k, i) => heatMap(k, ms[i]!, b * fw, F, W)));
    }
  });
  return { score, maps };
}

export interface ClassAverages {
  normal: { count: number; maps: HeatMap[] };
  anomalous: { count: number; maps: HeatMap[] };
}

/** Float64 accumulators of every map, per class. */
export class MapAccumulator {
  private readonly sums: [Float64Array[], Float64Array[]];
  private readonly counts: [number, number] = [0, 0];

  constructor(private readonly keys: readonly MapKey[], private readonly F: number, private readonly W: number) {
    this.sums = [keys.map(() => new Float64Array(F * W)), keys.map(() => new Float64Array(F * W))];
  }

  /** Adds a batch: maps[i] [B, F, W]; label(b) 0/1 of batch row b. */
  add(B: number, maps: readonly Float32Array[], label: (b: number) => number): void {
    const fw = this.F * this.W;
    for (let b = 0; b < B; b++) {
      const c = label(b) ? 1 : 0;
      this.counts[c]++;
      const acc = this.sums[c];
      maps.forEach((m, i) => {
        const a = acc[i]!;
        const o = b * fw;
        for (let j = 0; j < fw; j++) {
          const v = m[o + j]!;
          if (Number.isFinite(v)) a[j]! += v;
        }
      });
    }
  }

  result(): ClassAverages {
    const out = (c: 0 | 1) => ({
      count: this.counts[c],
      maps: this.keys.map((k, i) => {
        const s = this.sums[c][i]!;
        const n = Math.max(1, this.counts[c]);
        return heatMap(k, Float64Array.from(s, (v) => v / n), 0, this.F, this.W);
      }),
    });
    return { normal: out(0), anomalous: out(1) };
  }
}

/** Averaged maps of windows x [n, F, W] with labels y [n]; `onProgress(done, n)` after each batch. */
export function averageMaps(ex: WindowExplainer, x: Float32Array, n: number, y: ArrayLike<number>, onProgress?: (done: number, n: number) => void, acc = new MapAccumulator(ex.mapKeys, ex.F, ex.W)): ClassAverages {
  ex.run(x, n, (start, B, _s, maps) => {
    acc.add(B, maps, (b) => y[start + b]!);
    onProgress?.(start + B, n);
  });
  return acc.result();
}

/** The attention a detector computed, as HeatMaps of window `i` (adjacency F × F, α 1 × W). */
export function attentionHeatMaps(att: { adjacency?: ArrayLike<number>; temporal?: ArrayLike<number> } | null, i: number, F: number, W: number): HeatMap[] {
  const out: HeatMap[] = [];
  if (att?.adjacency) out.push({ method: 'adjacency', layer: null, grid: 'counter-counter', rows: F, cols: F, values: Array.from({ length: F * F }, (_, j) => finite(att.adjacency![i * F * F + j]!)), counterImportance: [] });
  if (att?.temporal) out.push({ method: 'temporal', layer: null, grid: 'time', rows: 1, cols: W, values: Array.from({ length: W }, (_, j) => finite(att.temporal![i * W + j]!)), counterImportance: [] });
  return out;
}

const finite = (v: number): number => (Number.isFinite(v) ? v : 0);

/** Class means of attention over windows with labels y (adjacency [n, F, F], temporal [n, W]). */
export function averageAttention(att: { adjacency?: ArrayLike<number>; temporal?: ArrayLike<number> } | null, n: number, y: ArrayLike<number>, F: number, W: number): { normal: HeatMap[]; anomalous: HeatMap[] } {
  const res = { normal: [] as HeatMap[], anomalous: [] as HeatMap[] };
  if (!att) return res;
  for (const cls of [0, 1] as const) {
    const idx = Array.from({ length: n }, (_, i) => i).filter((i) => (y[i] ? 1 : 0) === cls);
    const mean = (src: ArrayLike<number>, size: number): Float64Array => {
      const m = new Float64Array(size);
      for (const i of idx) for (let j = 0; j < size; j++) m[j]! += finite(src[i * size + j]!);
      if (idx.length) for (let j = 0; j < size; j++) m[j]! /= idx.length;
      return m;
    };
    const maps: HeatMap[] = [];
    if (att.adjacency) maps.push({ method: 'adjacency', layer: null, grid: 'counter-counter', rows: F, cols: F, values: Array.from(mean(att.adjacency, F * F)), counterImportance: [] });
    if (att.temporal) maps.push({ method: 'temporal', layer: null, grid: 'time', rows: 1, cols: W, values: Array.from(mean(att.temporal, W)), counterImportance: [] });
    if (cls === 0) res.normal = maps;
    else res.anomalous = maps;
  }
  return res;
}
