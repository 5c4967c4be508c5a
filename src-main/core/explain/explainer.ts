/**
 * The common shape of a batched window explainer (METHODS.md §7): windows [n, F, W] (min–max
 * scaled, as the model saw them) go through in batches; each batch yields the anomaly score and
 * one [B, F, W] map per map key. Callers copy maps out (one window) or accumulate them (averages).
 */
import type { ExplainMethod } from '../../../shared/domain/explain.js';

export interface MapKey {
  /** Unique name, e.g. `gradcam:conv2`, `saliency`. */
  key: string;
  method: ExplainMethod;
  layer: string | null;
}

/** start = first window of the batch; score [B]; maps[i] [B, F, W] aligned with `mapKeys` (views, valid until the next batch). */
export type MapSink = (start: number, B: number, score: Float32Array, maps: readonly Float32Array[]) => void;

export interface WindowExplainer {
  readonly model: string;
  readonly F: number;
  readonly W: number;
  readonly mapKeys: readonly MapKey[];
  run(x: Float32Array, n: number, sink: MapSink): void;
  /** [n, size] representation for the embedding scatter. */
  embed(x: Float32Array, n: number): { data: Float32Array; size: number; source: 'penultimate' | 'embed' };
}

/** Σ over time of a [F, W] map at `off`: the per-counter importance HitRate ranks by. */
export function counterImportance(map: ArrayLike<number>, off: number, F: number, W: number): Float64Array {
  const out = new Float64Array(F);
  for (let f = 0; f < F; f++) {
    let s = 0;
    for (let t = 0; t < W; t++) s += map[off + f * W + t]!;
    out[f] = s;
  }
  return out;
}
