/**
 * Synthetic multi-object counter windows for the unsupervised model tests (metric-graph,
 * temporal-prototype): each object has F counters in two correlated groups (counters of a group
 * follow one daily-like sine with object-specific phase, plus noise), sliced into sliding windows
 * [n, F, W] with stride 1, values inside [0, 1] like min–max scaled data.
 */
import { Rng } from '../../engine/rng.js';
import type { WindowBatch } from '../unsupervised/types.js';

export interface SyntheticOptions {
  objects: number;
  /** Time steps per object. */
  steps: number;
  F: number;
  W: number;
  noise: number;
  seed: number;
  /** Phase offset added to every object (a different, still normal, stretch of time). */
  phase?: number;
}

export function syntheticBatch(o: SyntheticOptions): WindowBatch {
  const rng = new Rng(o.seed);
  const per = o.steps - o.W + 1;
  const n = o.objects * per;
  const x = new Float32Array(n * o.F * o.W);
  const objectIndex = new Int32Array(n);
  const endMs = new Float64Array(n);
  const series = new Float32Array(o.F * o.steps);
  let w = 0;
  for (let ob = 0; ob < o.objects; ob++) {
    const ph = ob * 1.3 + (o.phase ?? 0);
    for (let f = 0; f < o.F; f++) {
      const group = f % 2;
      const amp = 0.2 + 0.05 * (f % 3);
      for (let t = 0; t < o.steps; t++) {
        const base = 0.5 + amp * Math.sin((2 * Math.PI * t) / 24 + ph + group * 2.1);
        series[f * o.steps + t] = Math.min(1, Math.max(0, base + o.noise * rng.normal()));
      }
    }
    for (let s = 0; s < per; s++, w++) {
      for (let f = 0; f < o.F; f++) for (let t = 0; t < o.W; t++) x[(w * o.F + f) * o.W + t] = series[f * o.steps + s + t]!;
      objectIndex[w] = ob;
      endMs[w] = (s + o.W - 1) * 300_000;
    }
  }
  return { x, n, F: o.F, W: o.W, objectIndex, endMs };
}

/** Copy of `b` where counter `f` of windows `idx` jumps by `delta` over the window's second half. */
export function injectJump(b: WindowBatch, idx: number[], f: number, delta: number): WindowBatch {
  const x = Float32Array.from(b.x);
  for (const i of idx) for (let t = Math.floor(b.W / 2); t < b.W; t++) x[(i * b.F + f) * b.W + t]! += delta;
  return { ...b, x };
}

/** ROC AUC of scores (positives = `pos` indices), ties ½. */
export function aucOf(score: Float32Array, pos: Set<number>): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < score.length; i++) {
    if (!pos.has(i)) continue;
    for (let j = 0; j < score.length; j++) {
      if (pos.has(j)) continue;
      s += score[i]! > score[j]! ? 1 : score[i] === score[j] ? 0.5 : 0;
      c++;
    }
  }
  return s / c;
}
