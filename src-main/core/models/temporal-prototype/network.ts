/**
 * The temporal-attention prototype network (METHODS.md §6.3) as TF.js ops. For B windows [B, F, W]:
 *
 *   u = TemporalEncoder(x as [B, W, F])      [B, W, d]  per-step features u_t (unsupervised/encoder.ts)
 *   α = softmax_t(qᵀ u_t)                    [B, W]     temporal attention (uniform 1/W for no-attention)
 *   z = Σ_t α_t u_t                          [B, d]     window embedding (score, prototypes, smoothing)
 *   p = g(z)                                 [B, P]     projection head (instance contrast only)
 *
 * and K trainable prototypes [K, d] pulled towards by L_pro.
 */
import type { Rng } from '../../engine/rng.js';
import { attentionPool, meanPool, ProjectionHead, TemporalEncoder } from '../unsupervised/encoder.js';
import { tf } from '../unsupervised/tf-runtime.js';
import { ParamStore } from '../unsupervised/weights-io.js';
import type { TemporalPrototypeConfig } from './config.js';

export class TemporalPrototypeNet {
  readonly params = new ParamStore();
  private readonly encoder: TemporalEncoder;
  private readonly head: ProjectionHead;
  private readonly query: tf.Variable;
  /** [K, d] trainable prototypes (L_pro). */
  readonly prototypes: tf.Variable;

  constructor(
    readonly F: number,
    readonly W: number,
    readonly K: number,
    readonly cfg: TemporalPrototypeConfig,
    rng: Rng,
  ) {
    const d = cfg.hidden;
    this.encoder = new TemporalEncoder(this.params, 'encoder', F, { hidden: d, layers: cfg.layers, kernel: cfg.kernel }, rng);
    this.query = this.params.add('attention/query', [d], 'normal', rng);
    this.head = new ProjectionHead(this.params, 'head', d, d, cfg.projection, rng);
    this.prototypes = this.params.add('prototypes', [K, d], 'normal', rng);
  }

  /** x [B, F, W] (feature-major) → z [B, d], α [B, W]. Not tidied: call inside tf.tidy / a loss. */
  forward(x: tf.Tensor3D): { z: tf.Tensor2D; alpha: tf.Tensor2D } {
    const u = this.encoder.apply(tf.transpose(x, [0, 2, 1])); // [B, W, d]
    if (this.cfg.attention) return attentionPool(u, this.query as tf.Tensor1D);
    const B = x.shape[0];
    return { z: meanPool(u), alpha: tf.fill([B, this.W], 1 / this.W) as tf.Tensor2D };
  }

  project(z: tf.Tensor2D): tf.Tensor2D {
    return this.head.apply(z);
  }

  dispose(): void {
    this.params.dispose();
  }
}
