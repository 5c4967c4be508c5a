/**
 * The temporal encoder shared by the three unsupervised detectors (METHODS.md §6.1–6.3): per-step
 * input [B, W, F] → `layers` × (temporal convolution, ReLU) → per-step features u [B, W, d].
 *
 * A convolution over time is written as im2col + matMul (zero-pad the time axis by ⌊k/2⌋, concat
 * the k shifted slices along the feature axis → [B·W, k·C], times a [k·C, d] kernel): TF.js's WASM
 * backend has no conv gradients, but matMul / pad / slice / concat all differentiate there.
 * "Same" padding and stride 1 keep W' = W, and no weight depends on W, so one encoder takes views of
 * any length — CSCD's 2× / 4× down-sampled views (augment.ts) go through the same weights; a view
 * of one step only sees the kernel's centre tap (the other taps meet the zero padding).
 *
 * Pooling helpers turn u into one vector per window: mean / max over time, and temporal attention
 * pooling α_t = softmax_t(qᵀu_t), z = Σ_t α_t u_t (METHODS.md §6.3).
 */
import type { Rng } from '../../engine/rng.js';
import { tf } from './tf-runtime.js';
import type { ParamStore } from './weights-io.js';

export interface EncoderConfig {
  /** Channels d of every conv layer (= per-step feature size). */
  hidden: number;
  /** Number of temporal conv layers (≥ 1). */
  layers: number;
  /** Odd kernel size along time. */
  kernel: number;
}

/** [n, F, W] feature-major windows (WindowSet layout) → [n, W, F] per-step tensor. */
export function stepMajor(x: Float32Array, n: number, F: number, W: number): tf.Tensor3D {
  return tf.tidy(() => tf.transpose(tf.tensor3d(x.subarray(0, n * F * W), [n, F, W]), [0, 2, 1]) as tf.Tensor3D);
}

/** A dense layer y = x·W + b on [N, in] (projection heads, per-step embeddings). */
export class Dense {
  readonly kernel: tf.Variable;
  readonly bias: tf.Variable;
  constructor(store: ParamStore, name: string, inDim: number, readonly outDim: number, rng: Rng) {
    this.kernel = store.add(`${name}/kernel`, [inDim, outDim], 'glorot', rng);
    this.bias = store.add(`${name}/bias`, [outDim], 'zeros', rng);
  }
  apply(x: tf.Tensor2D): tf.Tensor2D {
    return tf.add(tf.matMul(x, this.kernel as tf.Tensor2D), this.bias) as tf.Tensor2D;
  }
}

/** Two-layer projection head g(h) = W2·ReLU(W1·h + b1) + b2 (SimCLR; the loss sees g(h), the score h). */
export class ProjectionHead {
  private readonly l1: Dense;
  private readonly l2: Dense;
  constructor(store: ParamStore, name: string, inDim: number, hidden: number, outDim: number, rng: Rng) {
    this.l1 = new Dense(store, `${name}/dense1`, inDim, hidden, rng);
    this.l2 = new Dense(store, `${name}/dense2`, hidden, outDim, rng);
  }
  apply(h: tf.Tensor2D): tf.Tensor2D {
    return this.l2.apply(tf.relu(this.l1.apply(h)));
  }
}

export class TemporalEncoder {
  private readonly kernels: tf.Variable[] = [];
  private readonly biases: tf.Variable[] = [];
  readonly outDim: number;
  constructor(
    store: ParamStore,
    name: string,
    readonly inDim: number,
    readonly cfg: EncoderConfig,
    rng: Rng,
  ) {
    if (cfg.kernel < 1 || cfg.kernel % 2 === 0) throw new Error(`encoder kernel must be odd, got ${cfg.kernel}`);
    if (cfg.layers < 1) throw new Error('encoder needs at least one layer');
    let c = inDim;
    for (let l = 0; l < cfg.layers; l++) {
      this.kernels.push(store.add(`${name}/conv${l}/kernel`, [cfg.kernel * c, cfg.hidden], 'glorot', rng));
      this.biases.push(store.add(`${name}/conv${l}/bias`, [cfg.hidden], 'zeros', rng));
      c = cfg.hidden;
    }
    this.outDim = cfg.hidden;
  }

  /** x [B, W', C] → u [B, W', d] for any W' ≥ 1. */
  apply(x: tf.Tensor3D): tf.Tensor3D {
    const [B, Wn] = x.shape;
    const k = this.cfg.kernel;
    const pad = (k - 1) / 2;
    let h: tf.Tensor3D = x;
    for (let l = 0; l < this.kernels.length; l++) {
      const C = h.shape[2];
      const cols = pad === 0 ? h : im2col(h, k, pad); // [B, W', k·C]
      const y = tf.add(tf.matMul(tf.reshape(cols, [B * Wn, k * C]), this.kernels[l] as tf.Tensor2D), this.biases[l]!);
      h = tf.reshape(tf.relu(y), [B, Wn, this.cfg.hidden]);
    }
    return h;
  }
}

/** [B, W, C] → [B, W, k·C]: row t holds steps t−pad … t+pad (zeros beyond the window's ends). */
function im2col(h: tf.Tensor3D, k: number, pad: number): tf.Tensor3D {
  const [B, Wn, C] = h.shape;
  const padded = tf.pad(h, [
    [0, 0],
    [pad, pad],
    [0, 0],
  ]);
  const slices: tf.Tensor3D[] = [];
  for (let o = 0; o < k; o++) slices.push(tf.slice(padded, [0, o, 0], [B, Wn, C]));
  return tf.concat(slices, 2);
}

/** Mean over time: u [B, W', d] → [B, d]. */
export function meanPool(u: tf.Tensor3D): tf.Tensor2D {
  return tf.mean(u, 1);
}

/** Max over time: u [B, W', d] → [B, d]. */
export function maxPool(u: tf.Tensor3D): tf.Tensor2D {
  return tf.max(u, 1);
}

/**
 * Temporal attention pooling (METHODS.md §6.3): α = softmax_t(u_t·q) [B, W'], z = Σ_t α_t u_t [B, d].
 * `q` is a [d] trainable query.
 */
export function attentionPool(u: tf.Tensor3D, q: tf.Tensor1D): { z: tf.Tensor2D; alpha: tf.Tensor2D } {
  const [B, Wn, d] = u.shape;
  const logits = tf.reshape(tf.matMul(tf.reshape(u, [B * Wn, d]), tf.reshape(q, [d, 1])), [B, Wn]);
  const alpha = tf.softmax(logits) as tf.Tensor2D; // [B, W']
  const z = tf.sum(tf.mul(u, tf.expandDims(alpha, 2)), 1) as tf.Tensor2D;
  return { z, alpha };
}
