/**
 * Memory bank of normal embeddings and its kNN support score (METHODS.md §6.3 R_i = mean distance to
 * the m nearest normal embeddings; §6.1/§6.2 "distance to the normal training embeddings").
 *
 * Exact search, no index: bank sizes are ~50k × 64, where a blocked brute force is fast enough and
 * has no recall loss. Distances go through the engine's WASM SIMD GEMM on blocks of queries × bank
 * rows, ‖q − b‖² = ‖q‖² + ‖b‖² − 2 q·b; that float32 expansion only *selects* the m nearest, whose
 * distances are then recomputed directly in float64 so the returned values carry no cancellation
 * error (two identical rows give exactly 0).
 */
import { VigilError } from '../../../../shared/errors.js';
import { Arena } from '../../engine/arena.js';

/** Queries per block: C block = QB × NB floats (64 × 2048 × 4 B = 512 KiB, L2-sized). */
const QB = 64;
const NB = 2048;

export interface KnnOptions {
  /** Query i is bank row i (scoring the bank's own windows): skip that row so a window is not its own neighbour. */
  excludeSameIndex?: boolean;
}

export class MemoryBank {
  /** [size, dim] row-major bank embeddings (what a saved detector stores). */
  readonly embeddings: Float32Array;
  readonly size: number;
  readonly dim: number;
  private readonly arena: Arena;
  /** [dim, size] transposed bank (GEMM's B operand), in the arena. */
  private readonly bankT: Float32Array;
  /** [size] ‖b‖². */
  private readonly norms: Float32Array;
  private readonly qBlock: Float32Array;
  private readonly cBlock: Float32Array;

  /** `embeddings` [size, dim] is copied. */
  constructor(embeddings: Float32Array, size: number, dim: number) {
    if (!(size >= 1) || !(dim >= 1) || embeddings.length !== size * dim) {
      throw new VigilError('INVALID_REQUEST', `memory bank: expected ${size} × ${dim} = ${size * dim} values, got ${embeddings.length}`, { where: { field: 'embeddings' } });
    }
    for (let i = 0; i < embeddings.length; i++) {
      if (!Number.isFinite(embeddings[i]!)) throw new VigilError('INVALID_REQUEST', `memory bank: embedding ${Math.floor(i / dim)} has a non-finite value`, { where: { field: 'embeddings' } });
    }
    this.embeddings = Float32Array.from(embeddings);
    this.size = size;
    this.dim = dim;
    const floats = dim * size + size + QB * dim + QB * NB;
    this.arena = Arena.sized(4 * floats + 64 * 16);
    this.bankT = this.arena.f32(dim * size);
    this.norms = this.arena.f32(size);
    this.qBlock = this.arena.f32(QB * dim);
    this.cBlock = this.arena.f32(QB * NB);
    for (let i = 0; i < size; i++) {
      let s = 0;
      for (let k = 0; k < dim; k++) {
        const v = embeddings[i * dim + k]!;
        this.bankT[k * size + i] = v;
        s += v * v;
      }
      this.norms[i] = s;
    }
  }

  /**
   * A bank of at most `max` rows of `embeddings` [n, dim]: all of them, or an evenly spaced subset
   * (rows ⌊k·n/max⌋) when there are more — deterministic, and spread over the whole training period.
   */
  static capped(embeddings: Float32Array, n: number, dim: number, max: number): MemoryBank {
    if (!(max >= 1)) throw new VigilError('INVALID_SETTINGS', `memory bank size limit must be ≥ 1, got ${max}`, { where: { field: 'memoryBankMax' } });
    if (n <= max) return new MemoryBank(embeddings, n, dim);
    const m = Math.floor(max);
    const sub = new Float32Array(m * dim);
    for (let k = 0; k < m; k++) {
      const i = Math.floor((k * n) / m);
      sub.set(embeddings.subarray(i * dim, (i + 1) * dim), k * dim);
    }
    return new MemoryBank(sub, m, dim);
  }

  /**
   * [nq] mean Euclidean distance from each query row of `q` [nq, dim] to its m nearest bank rows
   * (m is capped at the rows available). Ties between equally near rows keep the lower index.
   */
  meanKnnDistance(q: Float32Array, nq: number, m: number, opts: KnnOptions = {}): Float32Array {
    const { size, dim } = this;
    if (q.length !== nq * dim) throw new VigilError('INVALID_REQUEST', `memory bank: queries must be ${nq} × ${dim}, got ${q.length} values`, { where: { field: 'queries' } });
    if (!Number.isInteger(m) || m < 1) throw new VigilError('INVALID_SETTINGS', `memory bank: m (neighbours) must be an integer ≥ 1, got ${m}`, { where: { field: 'knnM' } });
    const excl = opts.excludeSameIndex === true;
    if (excl && nq !== size) throw new VigilError('INVALID_REQUEST', `memory bank: excludeSameIndex needs one query per bank row (${size}), got ${nq}`, { where: { field: 'queries' } });
    const mm = Math.min(m, size - (excl ? 1 : 0));
    const out = new Float32Array(nq);
    if (mm < 1) return out.fill(NaN);
    const { bankT, norms, qBlock, cBlock, arena } = this;
    // per query of the block: the current m best (squared distance estimate, index), sorted ascending
    const bestD = new Float64Array(QB * mm);
    const bestI = new Int32Array(QB * mm);
    const qn = new Float64Array(QB);
    for (let q0 = 0; q0 < nq; q0 += QB) {
      const qb = Math.min(QB, nq - q0);
      qBlock.set(q.subarray(q0 * dim, (q0 + qb) * dim));
      for (let r = 0; r < qb; r++) {
        let s = 0;
        for (let k = 0; k < dim; k++) s += qBlock[r * dim + k]! * qBlock[r * dim + k]!;
        qn[r] = s;
      }
      bestD.fill(Infinity);
      bestI.fill(-1);
      for (let j0 = 0; j0 < size; j0 += NB) {
        const nb = Math.min(NB, size - j0);
        // C[r, j] = q_r · b_{j0+j}: A = qBlock [qb, dim], B = bankT columns j0.. (ldb = size)
        arena.gemm(qb, nb, dim, qBlock, 0, dim, 1, bankT, j0, size, cBlock, 0, nb, false);
        for (let r = 0; r < qb; r++) {
          const base = r * mm;
          const self = excl ? q0 + r : -1;
          let worst = bestD[base + mm - 1]!;
          const qr = qn[r]!;
          const crow = r * nb;
          for (let j = 0; j < nb; j++) {
            const d2 = qr + norms[j0 + j]! - 2 * cBlock[crow + j]!;
            if (d2 >= worst) continue;
            const gj = j0 + j;
            if (gj === self) continue;
            // insertion into the sorted m-list (m ~ 10: cheaper than a heap)
            let p = base + mm - 1;
            while (p > base && bestD[p - 1]! > d2) {
              bestD[p] = bestD[p - 1]!;
              bestI[p] = bestI[p - 1]!;
              p--;
            }
            bestD[p] = d2;
            bestI[p] = gj;
            worst = bestD[base + mm - 1]!;
          }
        }
      }
      // exact distances of the selected neighbours (float64, direct differences)
      for (let r = 0; r < qb; r++) {
        const qo = (q0 + r) * dim;
        let sum = 0;
        for (let t = 0; t < mm; t++) {
          const bi = bestI[r * mm + t]! * dim;
          let s = 0;
          for (let k = 0; k < dim; k++) {
            const d = q[qo + k]! - this.embeddings[bi + k]!;
            s += d * d;
          }
          sum += Math.sqrt(s);
        }
        out[q0 + r] = sum / mm;
      }
    }
    return out;
  }
}
