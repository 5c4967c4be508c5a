/**
 * NT-Xent over in-batch negatives (METHODS.md §6.1), for V ≥ 2 views of the same B windows:
 *
 *   ℓ(i, p) = −log( e^{sim(z_i, z_p)/τ} / ( e^{sim(z_i, z_p)/τ} + Σ_{k ∈ neg(i)} e^{sim(z_i, z_k)/τ} ) )
 *
 * sim = cosine; p ranges over the other views of i's window (positives), neg(i) over every view of
 * every other window. With V = 2 this is SimCLR's loss; with V > 2 (CSCD's scales) the other
 * positives are not in the denominator, exactly as the formula reads. Computed stably as
 * ℓ(i, p) = softplus( LSE_{k∈neg(i)}(s_ik) − s_ip ), averaged over all V·B·(V−1) ordered pairs.
 */
import { Arena } from '../../engine/arena.js';
import { tf } from './tf-runtime.js';

const NEG_INF = -1e9;

interface Masks {
  /** [N, N] 1 where k is a positive of i (same window, other view). */
  pos: tf.Tensor2D;
  /** [N, N] 0 where k is a negative of i, −1e9 elsewhere (added to logits before LSE). */
  negBias: tf.Tensor2D;
  pairs: number;
}

const maskCache = new Map<string, Masks>();

function masks(V: number, B: number): Masks {
  const key = `${tf.getBackend()}:${V}x${B}`;
  const hit = maskCache.get(key);
  if (hit) return hit;
  const N = V * B;
  const pos = new Float32Array(N * N);
  const negBias = new Float32Array(N * N);
  for (let i = 0; i < N; i++) {
    for (let k = 0; k < N; k++) {
      const same = i % B === k % B;
      pos[i * N + k] = same && i !== k ? 1 : 0;
      negBias[i * N + k] = same ? NEG_INF : 0;
    }
  }
  const m: Masks = { pos: tf.keep(tf.tensor2d(pos, [N, N])), negBias: tf.keep(tf.tensor2d(negBias, [N, N])), pairs: N * (V - 1) };
  maskCache.set(key, m);
  return m;
}

/** Rows scaled to unit L2 norm (cosine similarity = dot product afterwards). [B, d] → [B, d]. */
export function l2Normalize(z: tf.Tensor2D, eps = 1e-8): tf.Tensor2D {
  return tf.div(z, tf.sqrt(tf.add(tf.sum(tf.square(z), 1, true), eps)));
}

function checkViews(views: tf.Tensor2D[]): { V: number; B: number } {
  const V = views.length;
  if (V < 2) throw new Error('NT-Xent needs at least two views');
  const B = views[0]!.shape[0];
  if (B < 2) throw new Error('NT-Xent needs at least two windows per batch (in-batch negatives)');
  return { V, B };
}

/**
 * NT-Xent loss of `views` (each [B, d], row b of every view = the same window b), temperature τ.
 * Needs B ≥ 2 (a batch of one window has no negatives).
 *
 * The [N, N] part (N = V·B) runs as one custom-gradient op (tf.customGrad) on the engine's WASM
 * SIMD GEMM (`ntXentOnUnitRows`): written as ~20 TF.js ops over [N, N] tensors (`ntXentGraph`,
 * kept as the tests' reference) it was most of a training step on the TF.js WASM backend here
 * (forward + backward at B = 256: ~160 ms for V = 2, ~335 ms for V = 3, on a busy machine; the
 * custom op: ~11 / ~17 ms of CPU). The row normalisation stays in the graph (TF.js's gradient).
 */
export function ntXent(views: tf.Tensor2D[], tau: number): tf.Scalar {
  const { B } = checkViews(views);
  return tf.tidy(() => {
    const z = l2Normalize(tf.concat(views, 0) as tf.Tensor2D); // [N, d]
    const [N, d] = z.shape;
    const op = tf.customGrad((zn) => {
      const { loss, grad } = ntXentOnUnitRows((zn as tf.Tensor).dataSync() as Float32Array, N, d, B, tau);
      return { value: tf.scalar(loss), gradFunc: (dy: tf.Tensor) => tf.mul(dy, tf.tensor2d(grad, [N, d])) };
    });
    return op(z) as tf.Scalar;
  });
}

/** One scratch region in WASM memory, grown (×1.5) when a larger batch arrives. */
let scratch: { arena: Arena; flat: Float32Array } | null = null;
function scratchOf(floats: number): { arena: Arena; flat: Float32Array } {
  if (!scratch || scratch.flat.length < floats) {
    const n = Math.max(floats, Math.ceil((scratch?.flat.length ?? 0) * 1.5));
    const arena = Arena.sized(4 * n + 64);
    scratch = { arena, flat: arena.f32(n) };
  }
  return scratch;
}

/**
 * Loss and ∂loss/∂zn for unit rows zn [N, d] (rows v·B + b = view v of window b):
 * G[i, p] = −σ(LSE_i − s_ip)/P for positives, G[i, k] = softmax_{neg(i)}(s_i·)_k · Σ_p σ(LSE_i − s_ip)/P
 * for negatives, and since s = zn znᵀ/τ, ∂/∂zn = (G + Gᵀ) zn / τ. P = N·(V−1) ordered pairs.
 */
export function ntXentOnUnitRows(znIn: Float32Array, N: number, d: number, B: number, tau: number): { loss: number; grad: Float32Array } {
  const { arena: a, flat } = scratchOf(2 * N * d + 2 * N * N + N * d + 20);
  let o = 0;
  const take = (n: number) => {
    const v = flat.subarray(o, o + n);
    o += Math.ceil(n / 4) * 4;
    return v;
  };
  const zn = take(N * d);
  const znT = take(d * N);
  const s = take(N * N);
  const g = take(N * N);
  const dz = take(N * d);
  zn.set(znIn.subarray(0, N * d));
  for (let i = 0; i < N; i++) for (let k = 0; k < d; k++) znT[k * N + i] = zn[i * d + k]!;
  // s = zn · znᵀ (then / τ)
  a.gemm(N, N, d, zn, 0, d, 1, znT, 0, N, s, 0, N, false);
  const V = N / B;
  const P = N * (V - 1);
  const invTau = 1 / tau;
  let loss = 0;
  // column k belongs to window k mod B: walk each row view block by view block (no modulo)
  for (let i = 0; i < N; i++) {
    const row = i * N;
    const bi = i % B;
    for (let k = 0; k < N; k++) s[row + k]! *= invTau;
    // shift by the largest negative (self-similarity 1/τ would underflow every exp at small τ)
    let mx = -Infinity;
    for (let v0 = 0; v0 < N; v0 += B) {
      for (let k = v0; k < v0 + bi; k++) if (s[row + k]! > mx) mx = s[row + k]!;
      for (let k = v0 + bi + 1; k < v0 + B; k++) if (s[row + k]! > mx) mx = s[row + k]!;
    }
    let sum = 0;
    for (let v0 = 0; v0 < N; v0 += B) {
      for (let k = v0; k < v0 + B; k++) {
        // the window's own views are not negatives (and exp of the self-similarity could overflow)
        const e = k === v0 + bi ? 0 : Math.exp(s[row + k]! - mx);
        g[row + k] = e;
        sum += e;
      }
    }
    const lse = mx + Math.log(sum);
    let sig = 0;
    for (let p = bi; p < N; p += B) {
      if (p === i) continue;
      const x = lse - s[row + p]!;
      // softplus(x) and σ(x), stable for large |x|
      loss += x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
      sig += 1 / (1 + Math.exp(-x));
    }
    const w = sig / P / sum;
    for (let k = 0; k < N; k++) g[row + k]! *= w;
    for (let p = bi; p < N; p += B) g[row + p] = p === i ? 0 : -1 / (1 + Math.exp(-(lse - s[row + p]!))) / P;
  }
  // g ← (g + gᵀ)/τ, in place (upper and lower triangles together)
  for (let i = 0; i < N; i++) {
    for (let k = i; k < N; k++) {
      const v = (g[i * N + k]! + g[k * N + i]!) * invTau;
      g[i * N + k] = v;
      g[k * N + i] = v;
    }
  }
  a.gemm(N, d, N, g, 0, N, 1, zn, 0, d, dz, 0, d, false);
  return { loss: loss / P, grad: Float32Array.from(dz) };
}

/** The same loss as ~20 TF.js ops over [N, N] tensors (reference for the tests; slower). */
export function ntXentGraph(views: tf.Tensor2D[], tau: number): tf.Scalar {
  const { V, B } = checkViews(views);
  const m = masks(V, B);
  return tf.tidy(() => {
    const z = l2Normalize(tf.concat(views, 0) as tf.Tensor2D); // [N = V·B, d]
    const s = tf.div(tf.matMul(z, tf.transpose(z)), tau) as tf.Tensor2D; // [N, N] cosine / τ
    const negLse = tf.logSumExp(tf.add(s, m.negBias), 1, true); // [N, 1]
    const perPair = tf.softplus(tf.sub(negLse, s)); // [N, N], meaningful where pos = 1
    return tf.div(tf.sum(tf.mul(perPair, m.pos)), m.pairs) as tf.Scalar;
  });
}

/** Plain-JS reference of the same loss (tests): views as [V][B·d] row-major arrays. */
export function ntXentReference(views: Float32Array[], B: number, d: number, tau: number): number {
  const V = views.length;
  const N = V * B;
  const z: Float64Array[] = [];
  for (let v = 0; v < V; v++) {
    for (let b = 0; b < B; b++) {
      const row = new Float64Array(d);
      let nrm = 0;
      for (let j = 0; j < d; j++) {
        row[j] = views[v]![b * d + j]!;
        nrm += row[j]! * row[j]!;
      }
      nrm = Math.sqrt(nrm + 1e-8);
      for (let j = 0; j < d; j++) row[j]! /= nrm;
      z.push(row);
    }
  }
  const sim = (i: number, k: number) => {
    let s = 0;
    for (let j = 0; j < d; j++) s += z[i]![j]! * z[k]![j]!;
    return s / tau;
  };
  let total = 0;
  for (let i = 0; i < N; i++) {
    let neg = 0;
    for (let k = 0; k < N; k++) if (k % B !== i % B) neg += Math.exp(sim(i, k));
    for (let p = 0; p < N; p++) {
      if (p === i || p % B !== i % B) continue;
      const e = Math.exp(sim(i, p));
      total += -Math.log(e / (e + neg));
    }
  }
  return total / (N * (V - 1));
}
