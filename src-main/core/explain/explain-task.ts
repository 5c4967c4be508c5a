/**
 * The explanation work a worker (workers/explain-worker.ts) or the CLI runs (METHODS.md §7):
 * windows arrive already gathered and min–max scaled with their fold's scaling, [m, F, W].
 */
import type { HeatMap } from '../../../shared/domain/explain.js';
import { UNSUPERVISED_MODELS } from '../../../shared/domain/models.js';
import type { DetectorExplainer } from './detector-explainer.js';
import { pca2d } from './embedding-scatter.js';
import { openExplainer, type OpenExplainerOptions } from './open-explainer.js';
import { attentionHeatMaps, averageAttention, explainWindows, MapAccumulator } from './window-maps.js';

export interface ModelRef extends OpenExplainerOptions {
  dir: string;
}

/** Unsupervised detectors run on TF.js, whose backend the caller selects first (tf-runtime.ts). */
export function needsTfBackend(m: ModelRef): boolean {
  return (UNSUPERVISED_MODELS as readonly string[]).includes(m.kind.split(':')[0]!);
}

export interface WindowTaskResult {
  score: number[];
  /** Per window: counter-time maps, then attention maps. */
  maps: HeatMap[][];
  parts: Record<string, number[]>;
  elapsedMs: number;
}

/** Maps of m windows x [m, F, W] (model load included in `elapsedMs`). */
export function explainWindowTask(model: ModelRef, x: Float32Array, m: number): WindowTaskResult {
  const t0 = performance.now();
  const ex = openExplainer(model.dir, { ...model, capacity: Math.max(1, Math.min(256, m)) });
  try {
    const idx = Array.from({ length: m }, (_, i) => i);
    const r = explainWindows(ex, x, idx);
    const det = ex as Partial<DetectorExplainer>;
    const att = det.attention ? det.attention(x, m) : null;
    const parts = det.scoreParts ? det.scoreParts(x, m) : {};
    const maps = r.maps.map((ms, i) => [...ms, ...attentionHeatMaps(att ?? null, i, model.F, model.W)]);
    return { score: r.score, maps, parts: Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, Array.from(v)])), elapsedMs: performance.now() - t0 };
  } finally {
    ex.dispose();
  }
}

export interface AveragePart {
  model: ModelRef;
  /** [m, F, W] scaled test windows of one fold and their labels. */
  x: Float32Array;
  y: Uint8Array;
}

export interface AverageTaskResult {
  normal: { count: number; maps: HeatMap[] };
  anomalous: { count: number; maps: HeatMap[] };
  elapsedMs: number;
}

/**
 * Class-averaged maps over every part (one per fold, each with its own model), accumulated in one
 * pass of batches; `shouldStop` is polled between folds and batches.
 */
export function averageTask(parts: readonly AveragePart[], onProgress?: (v: number) => void, shouldStop?: () => boolean): AverageTaskResult {
  const t0 = performance.now();
  const total = parts.reduce((a, p) => a + p.y.length, 0) || 1;
  let done = 0;
  let acc: MapAccumulator | null = null;
  const attN: HeatMap[][] = [];
  const attA: HeatMap[][] = [];
  const attW: [number, number][] = [];
  for (const p of parts) {
    if (shouldStop?.()) break;
    const ex = openExplainer(p.model.dir, p.model);
    try {
      acc ??= new MapAccumulator(ex.mapKeys, ex.F, ex.W);
      const a = acc;
      const n = p.y.length;
      const det = ex as Partial<DetectorExplainer>;
      // Occlusion scores F·W + 1 variants per window: detectors average it over a stratified
      // subsample (OCCLUSION_WINDOWS per class at most); attention below covers every window.
      const sub = det.attention ? stratified(p.y, OCCLUSION_WINDOWS) : null;
      const xs = sub ? gather(p.x, sub, ex.F * ex.W) : p.x;
      const ys = sub ? Uint8Array.from(sub, (i) => p.y[i]!) : p.y;
      const step = sub ? n / Math.max(1, sub.length) : 1;
      ex.run(xs, ys.length, (start, B, _s, maps) => {
        if (shouldStop?.()) throw new StopSignal();
        a.add(B, maps, (b) => ys[start + b]!);
        done += B * step;
        onProgress?.(Math.min(1, done / total));
      });
      if (det.attention) {
        const av = averageAttention(det.attention(p.x, n), n, p.y, ex.F, ex.W);
        attN.push(av.normal);
        attA.push(av.anomalous);
        const pos = p.y.reduce((s, v) => s + (v ? 1 : 0), 0);
        attW.push([n - pos, pos]);
      }
    } catch (e) {
      if (!(e instanceof StopSignal)) throw e;
    } finally {
      ex.dispose();
    }
  }
  const r = acc ? acc.result() : { normal: { count: 0, maps: [] }, anomalous: { count: 0, maps: [] } };
  /** each map with the number of windows it averages */
  const counted = (maps: HeatMap[], windows: number): HeatMap[] => maps.map((m) => ({ ...m, windows }));
  const attCount = (c: 0 | 1) => attW.reduce((s, w) => s + w[c], 0);
  return {
    normal: { count: r.normal.count, maps: [...counted(r.normal.maps, r.normal.count), ...counted(mergeWeighted(attN, attW.map((w) => w[0])), attCount(0))] },
    anomalous: { count: r.anomalous.count, maps: [...counted(r.anomalous.maps, r.anomalous.count), ...counted(mergeWeighted(attA, attW.map((w) => w[1])), attCount(1))] },
    elapsedMs: performance.now() - t0,
  };
}

class StopSignal extends Error {}

/** Occlusion windows per class when averaging a detector's maps. */
const OCCLUSION_WINDOWS = 100;

/** Up to `per` evenly spaced windows of each class, ascending. */
function stratified(y: Uint8Array, per: number): number[] {
  const out: number[] = [];
  for (const c of [0, 1]) {
    const idx: number[] = [];
    for (let i = 0; i < y.length; i++) if ((y[i] ? 1 : 0) === c) idx.push(i);
    const k = Math.min(per, idx.length);
    for (let j = 0; j < k; j++) out.push(idx[Math.floor((j * idx.length) / k)]!);
  }
  return out.sort((a, b) => a - b);
}

function gather(x: Float32Array, idx: readonly number[], fw: number): Float32Array {
  const out = new Float32Array(idx.length * fw);
  idx.forEach((w, j) => out.set(x.subarray(w * fw, (w + 1) * fw), j * fw));
  return out;
}

/** Weighted mean of per-fold attention maps (same methods in the same order). */
function mergeWeighted(perFold: HeatMap[][], weights: number[]): HeatMap[] {
  if (perFold.length === 0) return [];
  const total = weights.reduce((a, b) => a + b, 0);
  return perFold[0]!.map((m, k) => ({
    ...m,
    values: m.values.map((_, j) => (total ? perFold.reduce((s, f, i) => s + (f[k]?.values[j] ?? 0) * weights[i]!, 0) / total : 0)),
  }));
}

export interface EmbeddingTaskResult {
  x: number[];
  y: number[];
  explainedVariance: [number, number];
  source: 'penultimate' | 'embed';
}

/** PCA 2-D of the model's representation of x [m, F, W]. */
export function embeddingTask(model: ModelRef, x: Float32Array, m: number): EmbeddingTaskResult {
  const ex = openExplainer(model.dir, model);
  try {
    const e = ex.embed(x, m);
    const p = pca2d(e.data, m, e.size);
    return { x: Array.from(p.x), y: Array.from(p.y), explainedVariance: p.explainedVariance, source: e.source };
  } finally {
    ex.dispose();
  }
}
