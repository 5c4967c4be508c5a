/**
 * Explanations of the unsupervised detectors (METHODS.md §6–7): their own attention — the
 * counter-to-counter adjacency A [F, F] (metric-graph) and temporal weights α [W]
 * (temporal-prototype) — and an occlusion map of the anomaly score: cell (f, t) replaced by the
 * counter's normal level μ_f, map = |score(x) − score(x with that cell occluded)|. Occlusion costs
 * F·W extra scores per window, so averages cap it (`occlusionLimit` windows per batch).
 */
import type { FittedDetector, WindowAttention } from '../models/unsupervised/types.js';
import type { MapKey, MapSink, WindowExplainer } from './explainer.js';

export class DetectorExplainer implements WindowExplainer {
  readonly model: string;
  readonly F: number;
  readonly W: number;
  readonly mapKeys: readonly MapKey[] = [{ key: 'occlusion', method: 'occlusion', layer: null }];

  /** `normalLevel` [F]: μ_f of the (scaled) normal training windows, the occlusion value. */
  constructor(
    private readonly det: FittedDetector,
    private readonly normalLevel: Float32Array,
    private readonly batch = 64,
  ) {
    this.model = det.kind;
    this.F = det.F;
    this.W = det.W;
  }

  private scores(x: Float32Array, n: number): Float32Array {
    // every window its own "object": occluded copies must not act as each other's temporal neighbours
    return this.det.score({ x, n, F: this.F, W: this.W, objectIndex: Int32Array.from({ length: n }, (_, i) => i), endMs: new Float64Array(n) }).score;
  }

  run(x: Float32Array, n: number, sink: MapSink): void {
    const { F, W } = this;
    const fw = F * W;
    const per = fw + 1;
    for (let start = 0; start < n; start += this.batch) {
      const B = Math.min(this.batch, n - start);
      const xs = new Float32Array(B * per * fw);
      for (let b = 0; b < B; b++) {
        const src = x.subarray((start + b) * fw, (start + b + 1) * fw);
        const o = b * per * fw;
        xs.set(src, o);
        for (let c = 0; c < fw; c++) {
          const d = o + (c + 1) * fw;
          xs.set(src, d);
          xs[d + c] = this.normalLevel[Math.floor(c / W)]!;
        }
      }
      const s = this.scores(xs, B * per);
      const score = new Float32Array(B);
      const map = new Float32Array(B * fw);
      for (let b = 0; b < B; b++) {
        const base = s[b * per]!;
        score[b] = base;
        for (let c = 0; c < fw; c++) map[b * fw + c] = Math.abs(base - s[b * per + 1 + c]!);
      }
      sink(start, B, score, [map]);
    }
  }

  attention(x: Float32Array, n: number): WindowAttention | null {
    return this.det.attention ? this.det.attention(x, n) : null;
  }

  /** Score parts of windows (METHODS.md §6.3), each [n]. */
  scoreParts(x: Float32Array, n: number): Record<string, Float32Array> {
    return this.det.score({ x, n, F: this.F, W: this.W, objectIndex: new Int32Array(n), endMs: Float64Array.from({ length: n }, (_, i) => i) }).parts;
  }

  embed(x: Float32Array, n: number): { data: Float32Array; size: number; source: 'embed' } {
    return { data: this.det.embed(x, n), size: this.det.embeddingSize, source: 'embed' };
  }
}
