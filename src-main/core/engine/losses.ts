/**
 * Losses of PROTOCOL.md §6: softmax + sparse categorical cross-entropy (mean over the batch) and
 * SimCLR's NT-Xent (§6.3, τ = 0.5, cosine similarity, mean over the 2B anchors).
 */
import type { Arena } from './arena.js';
import type { GemmFn } from './gemm-wasm.js';
import { transpose } from './layers.js';

/**
 * logits [B, C], labels [B] → mean CE; writes probs [B, C] and dLogits [B, C] = (p − onehot)/B.
 */
export function softmaxCrossEntropy(
  logits: Float32Array,
  labels: Uint8Array | Int32Array,
  B: number,
  C: number,
  probs: Float32Array,
  dLogits: Float32Array | null,
): number {
  let loss = 0;
  for (let b = 0; b < B; b++) {
    const o = b * C;
    let m = -Infinity;
    for (let c = 0; c < C; c++) m = Math.max(m, logits[o + c]!);
    let s = 0;
    for (let c = 0; c < C; c++) s += Math.exp(logits[o + c]! - m);
    const y = labels[b]!;
    loss += Math.log(s) + m - logits[o + y]!;
    for (let c = 0; c < C; c++) {
      const p = Math.exp(logits[o + c]! - m) / s;
      probs[o + c] = p;
      if (dLogits) dLogits[o + c] = (p - (c === y ? 1 : 0)) / B;
    }
  }
  return loss / B;
}

/** softmax(logits)[:, 1] for a 2-class head: the anomaly probability (PROTOCOL.md §6). */
export function anomalyProb(logits: Float32Array, B: number, out: Float32Array, outOff: number): void {
  for (let b = 0; b < B; b++) {
    const d = logits[2 * b + 1]! - logits[2 * b]!;
    out[outOff + b] = 1 / (1 + Math.exp(-d));
  }
}

/** NT-Xent over z [2B, D] (rows 0..B−1 = view 1, B..2B−1 = view 2); preallocated scratch. */
export class NtXent {
  private readonly zn: Float32Array; // [2maxB, D]
  private readonly znT: Float32Array; // [D, 2maxB]
  private readonly S: Float32Array; // [2maxB, 2maxB]
  private readonly dzn: Float32Array; // [2maxB, D]
  private readonly norms: Float32Array; // [2maxB]
  /** [2maxB, D] gradient w.r.t. z. */
  readonly dz: Float32Array;
  private readonly gemm: GemmFn;

  constructor(arena: Arena, maxB: number, readonly D: number, readonly tau: number) {
    const n2 = 2 * maxB;
    this.zn = arena.f32(n2 * D);
    this.znT = arena.f32(D * n2);
    this.S = arena.f32(n2 * n2);
    this.dzn = arena.f32(n2 * D);
    this.norms = arena.f32(n2);
    this.dz = arena.f32(n2 * D);
    this.gemm = arena.gemm;
  }

  /** Loss (mean over 2B anchors); fills `dz` when `grad`. */
  compute(z: Float32Array, B: number, grad: boolean): number {
    const { D, zn, znT, S, dzn, norms, dz, tau } = this;
    const n2 = 2 * B;
    for (let i = 0; i < n2; i++) {
      let s = 0;
      for (let d = 0; d < D; d++) s += z[i * D + d]! * z[i * D + d]!;
      const r = Math.max(Math.sqrt(s), 1e-12); // F.normalize eps
      norms[i] = r;
      for (let d = 0; d < D; d++) zn[i * D + d] = z[i * D + d]! / r;
    }
    transpose(zn, n2, D, znT);
    // S[2B, 2B] = zn · znᵀ / τ
    this.gemm(n2, n2, D, zn, 0, D, 1, znT, 0, n2, S, 0, n2, false);
    const invTau = 1 / tau;
    let loss = 0;
    for (let i = 0; i < n2; i++) {
      const pos = i < B ? i + B : i - B;
      const o = i * n2;
      let m = -Infinity;
      for (let j = 0; j < n2; j++) {
        const v = S[o + j]! * invTau;
        S[o + j] = v;
        if (j !== i && v > m) m = v;
      }
      loss += m - S[o + pos]!;
      // S row i becomes exp(S − m) (one exp per entry), then dL/dS[i, ·] = (softmax_{j≠i} − [j = pos]) / 2B
      let sum = 0;
      for (let j = 0; j < n2; j++) {
        const e = j === i ? 0 : Math.exp(S[o + j]! - m);
        S[o + j] = e;
        sum += e;
      }
      loss += Math.log(sum);
      if (grad) {
        const k = 1 / (sum * n2);
        for (let j = 0; j < n2; j++) S[o + j]! *= k;
        S[o + pos]! -= 1 / n2;
      }
    }
    if (!grad) return loss / n2;
    // Gsym = dS + dSᵀ (in place, upper and lower halves)
    for (let i = 0; i < n2; i++) {
      for (let j = i + 1; j < n2; j++) {
        const s = S[i * n2 + j]! + S[j * n2 + i]!;
        S[i * n2 + j] = s;
        S[j * n2 + i] = s;
      }
    }
    // dzn[2B, D] = Gsym · zn / τ
    this.gemm(n2, D, n2, S, 0, n2, 1, zn, 0, D, dzn, 0, D, false);
    for (let i = 0; i < n2; i++) {
      let dot = 0;
      for (let d = 0; d < D; d++) dot += zn[i * D + d]! * dzn[i * D + d]!;
      const r = norms[i]!;
      for (let d = 0; d < D; d++) {
        dz[i * D + d] = ((dzn[i * D + d]! - zn[i * D + d]! * dot) * invTau) / r;
      }
    }
    return loss / n2;
  }
}
