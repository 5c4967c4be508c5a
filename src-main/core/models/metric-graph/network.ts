/**
 * The metric-dependency graph network (METHODS.md §6.2) as TF.js ops (matMul / elementwise /
 * softmax only, so every TF.js backend can train it). Shapes for a batch of B windows [B, F, W]:
 *
 *   h   = ReLU(x W_e + b_e)                       [B, F, H]  node = counter
 *   A   = softmax_j(cos(h_i, h_j) / τ)            [B, F, F]  adaptive adjacency (identity for no-graph)
 *   z   = σ(A h W_g + h W_t + b_z)                [B, F, H]  graph aggregation
 *   e   = vec(z) W_r + b_r                        [B, 2H]    window embedding (memory bank, smoothness);
 *         or [mean_i z_i, max_i z_i] with readout 'pool'
 *   p   = W_2 ReLU(W_1 e + b_1) + b_2             [B, P]     projection head (NT-Xent only)
 *
 * Node embedding per WINDOW, not per step: x_i is counter i's whole series in the window (W values).
 * A per-step embedding of one counter is a scalar x_{i,t} mapped to ReLU(w x + b), a rank-1 family
 * whose cosine between counters is ±1 almost everywhere — the adjacency would carry no information
 * about how counters co-move. Embedding the series makes cos(h_i, h_j) compare the shapes of two
 * counters over the window, which is the dependency the graph is meant to learn.
 * b_e is per node ([F, H]) so two counters with the same series shape remain distinguishable.
 * Readout (config `readout`): the default 'nodes' is a learned linear map of every node's state, a
 * pooling that keeps counter identity — a permutation-invariant pool cannot tell "counter 5 does
 * what counter 7 usually does" from normal. Measured on SMD machine-2-1 (W = 10, stride 4, 3 epochs,
 * seed 0): ROC-AUC 0.846 with 'nodes' vs 0.775 with 'pool'. 'pool' = [mean, max] over nodes; the mean
 * alone dilutes one deviating counter by 1/F (synthetic single-counter jump: AUC ≈ 0.95 vs 1.0 with max).
 */
import type { Rng } from '../../engine/rng.js';
import { tf } from '../unsupervised/tf-runtime.js';
import { ProjectionHead } from '../unsupervised/encoder.js';
import { ParamStore } from '../unsupervised/weights-io.js';
import type { MetricGraphConfig } from './config.js';

export interface MetricGraphOutputs {
  /** [B, F, F] adjacency (rows sum to 1). */
  adjacency: tf.Tensor3D;
  /** [B, 2H] window embedding. */
  embedding: tf.Tensor2D;
}

export class MetricGraphNet {
  readonly params = new ParamStore();
  private readonly head: ProjectionHead;

  constructor(
    readonly F: number,
    readonly W: number,
    readonly cfg: MetricGraphConfig,
    rng: Rng,
  ) {
    const H = cfg.hidden;
    const p = this.params;
    p.add('We', [W, H], 'glorot', rng);
    p.add('be', [F, H], 'zeros', rng);
    p.add('Wg', [H, H], 'glorot', rng);
    p.add('Wt', [H, H], 'glorot', rng);
    p.add('bz', [H], 'zeros', rng);
    if (cfg.readout === 'nodes') {
      p.add('Wr', [F * H, 2 * H], 'glorot', rng);
      p.add('br', [2 * H], 'zeros', rng);
    }
    this.head = new ProjectionHead(p, 'head', 2 * H, H, cfg.projection, rng);
  }

  /** x: [B, F, W]. Not tidied: call inside tf.tidy / variableGrads. */
  forward(x: tf.Tensor3D): MetricGraphOutputs {
    const { F, W, cfg, params: p } = this;
    const B = x.shape[0];
    const H = cfg.hidden;
    const h = tf.relu(tf.add(tf.reshape(tf.matMul(tf.reshape(x, [B * F, W]), p.get('We')), [B, F, H]), p.get('be'))) as tf.Tensor3D;
    let adjacency: tf.Tensor3D;
    let ah: tf.Tensor3D; // Σ_j A_ij h_j  [B, F, H]
    if (cfg.graph) {
      const hn = tf.div(h, tf.sqrt(tf.add(tf.sum(tf.square(h), 2, true), 1e-8))); // unit rows [B, F, H]
      const cos = tf.matMul(hn, hn, false, true); // [B, F, F]
      adjacency = tf.softmax(tf.div(cos, cfg.adjacencyTemperature)) as tf.Tensor3D;
      ah = tf.matMul(adjacency, h);
    } else {
      adjacency = tf.tile(tf.reshape(tf.eye(F), [1, F, F]), [B, 1, 1]) as tf.Tensor3D;
      ah = h;
    }
    const flat = (t: tf.Tensor3D) => tf.reshape(t, [B * F, H]) as tf.Tensor2D;
    const pre = tf.add(tf.add(tf.matMul(flat(ah), p.get('Wg')), tf.matMul(flat(h), p.get('Wt'))), p.get('bz'));
    const z = tf.reshape(tf.sigmoid(pre), [B, F, H]);
    const embedding = (
      cfg.readout === 'nodes' ? tf.add(tf.matMul(tf.reshape(z, [B, F * H]), p.get('Wr')), p.get('br')) : tf.concat([tf.mean(z, 1), tf.max(z, 1)], 1)
    ) as tf.Tensor2D;
    return { adjacency, embedding };
  }

  /** [B, 2H] → [B, P] projection head. */
  project(e: tf.Tensor2D): tf.Tensor2D {
    return this.head.apply(e);
  }

  dispose(): void {
    this.params.dispose();
  }
}
