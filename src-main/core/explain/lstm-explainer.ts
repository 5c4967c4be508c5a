/**
 * Saliency |∂p/∂x| for the LSTM (METHODS.md §7): the engine's LSTM keeps no input gradient, so the
 * explainer runs its own float64 forward / backward-through-time on the saved weights (Keras
 * semantics as in engine/layers.ts LSTMLast: gates i, f, c, o; sigmoid recurrent activation; tanh).
 * Window [F, W] is read as W steps of F features. Weights: kernel [F, 4H], recurrent [H, 4H],
 * bias [4H], head kernel [H, 2], head bias [2] (TF.js getWeights order).
 */
import { VigilError } from '../../../shared/errors.js';
import type { MapKey, MapSink, WindowExplainer } from './explainer.js';
import type { SavedWeights } from '../engine/saved-weights.js';

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

export class LstmExplainer implements WindowExplainer {
  readonly model = 'lstm';
  readonly mapKeys: readonly MapKey[] = [{ key: 'saliency', method: 'saliency', layer: null }];
  private readonly H: number;
  private readonly K: Float32Array;
  private readonly R: Float32Array;
  private readonly bias: Float32Array;
  private readonly Dk: Float32Array;
  private readonly Db: Float32Array;
  // per-window scratch: gates after activation [W, 4H], c [W+1, H], h [W+1, H]
  private readonly gates: Float64Array;
  private readonly c: Float64Array;
  private readonly h: Float64Array;
  private readonly dz: Float64Array;

  constructor(
    readonly F: number,
    readonly W: number,
    weights: SavedWeights,
    where: string,
  ) {
    if (weights.tensors.length !== 5) throw new VigilError('UNSUPPORTED_FORMAT', `an LSTM model has 5 weight tensors, this one ${weights.tensors.length}`, { where: { file: where } });
    const [K, R, bias, Dk, Db] = weights.tensors as [Float32Array, Float32Array, Float32Array, Float32Array, Float32Array];
    const H = bias.length / 4;
    if (K.length !== F * 4 * H || R.length !== H * 4 * H || Dk.length !== 2 * H || Db.length !== 2) throw new VigilError('UNSUPPORTED_FORMAT', `LSTM weight shapes do not fit F = ${F}, units = ${H}`, { where: { file: where } });
    this.H = H;
    this.K = K;
    this.R = R;
    this.bias = bias;
    this.Dk = Dk;
    this.Db = Db;
    this.gates = new Float64Array(W * 4 * H);
    this.c = new Float64Array((W + 1) * H);
    this.h = new Float64Array((W + 1) * H);
    this.dz = new Float64Array(4 * H);
  }

  /** Forward of window `i`; leaves gates, c, h in scratch; returns the logit difference l₁ − l₀. */
  private forward(x: Float32Array, i: number): number {
    const { F, W, H, K, R, bias, gates, c, h } = this;
    const G = 4 * H;
    const xo = i * F * W;
    c.fill(0, 0, H);
    h.fill(0, 0, H);
    for (let t = 0; t < W; t++) {
      const go = t * G;
      for (let g = 0; g < G; g++) gates[go + g] = bias[g]!;
      for (let f = 0; f < F; f++) {
        const xv = x[xo + f * W + t]!;
        if (xv === 0) continue;
        const ko = f * G;
        for (let g = 0; g < G; g++) gates[go + g]! += xv * K[ko + g]!;
      }
      const hp = t * H;
      for (let u = 0; u < H; u++) {
        const hv = h[hp + u]!;
        if (hv === 0) continue;
        const ro = u * G;
        for (let g = 0; g < G; g++) gates[go + g]! += hv * R[ro + g]!;
      }
      const cp = t * H;
      const cn = (t + 1) * H;
      for (let u = 0; u < H; u++) {
        const ig = sigmoid(gates[go + u]!);
        const fg = sigmoid(gates[go + H + u]!);
        const cg = Math.tanh(gates[go + 2 * H + u]!);
        const og = sigmoid(gates[go + 3 * H + u]!);
        gates[go + u] = ig;
        gates[go + H + u] = fg;
        gates[go + 2 * H + u] = cg;
        gates[go + 3 * H + u] = og;
        const cv = fg * c[cp + u]! + ig * cg;
        c[cn + u] = cv;
        h[cn + u] = og * Math.tanh(cv);
      }
    }
    let l0 = this.Db[0]!;
    let l1 = this.Db[1]!;
    const hl = W * H;
    for (let u = 0; u < H; u++) {
      l0 += h[hl + u]! * this.Dk[2 * u]!;
      l1 += h[hl + u]! * this.Dk[2 * u + 1]!;
    }
    return l1 - l0;
  }

  run(x: Float32Array, n: number, sink: MapSink): void {
    const { F, W, H, K, R, gates, c, dz } = this;
    const G = 4 * H;
    const fw = F * W;
    const cap = 256;
    const score = new Float32Array(cap);
    const map = new Float32Array(cap * fw);
    const dh = new Float64Array(H);
    const dc = new Float64Array(H);
    const dhPrev = new Float64Array(H);
    for (let start = 0; start < n; start += cap) {
      const B = Math.min(cap, n - start);
      for (let b = 0; b < B; b++) {
        const d = this.forward(x, start + b);
        const p = sigmoid(d);
        score[b] = p;
        // ∂p/∂h_W = p(1−p)·(Dk[:,1] − Dk[:,0])
        const s = p * (1 - p);
        for (let u = 0; u < H; u++) dh[u] = s * (this.Dk[2 * u + 1]! - this.Dk[2 * u]!);
        dc.fill(0);
        const mo = b * fw;
        for (let t = W - 1; t >= 0; t--) {
          const go = t * G;
          const cp = t * H;
          const cn = (t + 1) * H;
          for (let u = 0; u < H; u++) {
            const ig = gates[go + u]!;
            const fg = gates[go + H + u]!;
            const cg = gates[go + 2 * H + u]!;
            const og = gates[go + 3 * H + u]!;
            const tc = Math.tanh(c[cn + u]!);
            const dcv = dc[u]! + dh[u]! * og * (1 - tc * tc);
            dz[u] = dcv * cg * ig * (1 - ig);
            dz[H + u] = dcv * c[cp + u]! * fg * (1 - fg);
            dz[2 * H + u] = dcv * ig * (1 - cg * cg);
            dz[3 * H + u] = dh[u]! * tc * og * (1 - og);
            dc[u] = dcv * fg;
          }
          // dx_t = dz · Kᵀ ; dh_{t−1} = dz · Rᵀ
          for (let f = 0; f < F; f++) {
            let sum = 0;
            const ko = f * G;
            for (let g = 0; g < G; g++) sum += dz[g]! * K[ko + g]!;
            map[mo + f * W + t] = Math.abs(sum);
          }
          for (let u = 0; u < H; u++) {
            let sum = 0;
            const ro = u * G;
            for (let g = 0; g < G; g++) sum += dz[g]! * R[ro + g]!;
            dhPrev[u] = sum;
          }
          dh.set(dhPrev);
        }
      }
      sink(start, B, score.subarray(0, B), [map.subarray(0, B * fw)]);
    }
  }

  /** The last hidden state h_W [n, H] (the representation the head classifies). */
  embed(x: Float32Array, n: number): { data: Float32Array; size: number; source: 'penultimate' } {
    const { H, W } = this;
    const out = new Float32Array(n * H);
    for (let i = 0; i < n; i++) {
      this.forward(x, i);
      for (let u = 0; u < H; u++) out[i * H + u] = this.h[W * H + u]!;
    }
    return { data: out, size: H, source: 'penultimate' };
  }
}
