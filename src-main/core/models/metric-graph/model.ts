/**
 * Metric-dependency graph detector (METHODS.md §6.2): trains MetricGraphNet (network.ts) with
 * NT-Xent over two augmented views + weighted temporal smoothness between consecutive windows of
 * the same object; scores a window by its mean distance to the m nearest normal training
 * embeddings (memory bank); threshold δ = median + λ·MAD of the scores of a held-out normal
 * validation split (calibrate.ts). Labels are never read.
 */
import type { UnsupervisedModelKind } from '../../../../shared/domain/models.js';
import { VigilError } from '../../../../shared/errors.js';
import { Rng, streamSeed } from '../../engine/rng.js';
import { gatherBatch, jitterScaleView } from '../unsupervised/augment.js';
import { FittedBase, type FitSummary } from '../unsupervised/fitted-base.js';
import { checkWindowArray, checkWindowBatch, holdOutTail, madThreshold } from '../unsupervised/calibrate.js';
import { MemoryBank } from '../unsupervised/memory-bank.js';
import { temporalNeighbours } from '../unsupervised/neighbours.js';
import { ntXent } from '../unsupervised/nt-xent.js';
import { smoothnessLoss, successorPairs } from '../unsupervised/temporal-smoothness.js';
import { tf } from '../unsupervised/tf-runtime.js';
import { trainLoop } from '../unsupervised/train-loop.js';
import type { FittedDetector, SavedDetector, ScoredWindows, UnsupervisedEntry, UnsupervisedFitOptions, WindowAttention, WindowBatch } from '../unsupervised/types.js';
import { savedArray, savedHeader, savedMetaNumber } from '../unsupervised/weights-io.js';
import { METRIC_GRAPH_ABLATIONS, METRIC_GRAPH_DEFAULTS, type MetricGraphConfig } from './config.js';
import { MetricGraphNet } from './network.js';

const KIND: UnsupervisedModelKind = 'metric-graph';
/** Windows per forward pass when embedding / scoring (bounds memory of the [chunk, F, F] adjacency). */
const CHUNK = 512;
const BANK_WEIGHT = 'memoryBank';

class MetricGraphDetector extends FittedBase implements FittedDetector {
  readonly kind = KIND;

  constructor(
    readonly config: MetricGraphConfig,
    private readonly net: MetricGraphNet,
    private readonly bank: MemoryBank,
    st: FitSummary,
  ) {
    super(net.F, net.W, net.params.count, 2 * config.hidden, st);
  }

  embed(x: Float32Array, n: number): Float32Array {
    checkWindowArray(x, n, this.F, this.W, 'metric-graph embed');
    return embedAll(this.net, x, n);
  }

  score(batch: WindowBatch): ScoredWindows {
    checkWindowBatch(batch, 'metric-graph score', { F: this.F, W: this.W });
    const e = this.embed(batch.x, batch.n);
    return { score: this.bank.meanKnnDistance(e, batch.n, this.config.knnM), parts: {} };
  }

  attention(x: Float32Array, n: number): WindowAttention {
    const { F, W } = this;
    checkWindowArray(x, n, F, W, 'metric-graph attention');
    const out = new Float32Array(n * F * F);
    for (let s = 0; s < n; s += CHUNK) {
      const c = Math.min(CHUNK, n - s);
      const a = tf.tidy(() => this.net.forward(tf.tensor3d(x.subarray(s * F * W, (s + c) * F * W), [c, F, W])).adjacency);
      out.set(a.dataSync(), s * F * F);
      a.dispose();
    }
    return { adjacency: out };
  }

  save(): SavedDetector {
    const meta = {
      config: this.config,
      F: this.F,
      W: this.W,
      threshold: this.threshold,
      lossHistory: this.lossHistory,
      trainSeconds: this.trainSeconds,
      stopped: this.stopped,
    };
    return { kind: KIND, meta, weights: [...this.net.params.toSaved(), { name: BANK_WEIGHT, shape: [this.bank.size, this.bank.dim], data: Float32Array.from(this.bank.embeddings) }] };
  }

  dispose(): void {
    this.net.dispose();
  }
}

/** [n, 2H] embeddings of windows x [n, F, W], in chunks. */
function embedAll(net: MetricGraphNet, x: Float32Array, n: number): Float32Array {
  const { F, W } = net;
  const H = 2 * net.cfg.hidden;
  const out = new Float32Array(n * H);
  for (let s = 0; s < n; s += CHUNK) {
    const c = Math.min(CHUNK, n - s);
    const e = tf.tidy(() => net.forward(tf.tensor3d(x.subarray(s * F * W, (s + c) * F * W), [c, F, W])).embedding);
    out.set(e.dataSync(), s * H);
    e.dispose();
  }
  return out;
}

function checkConfig(cfg: MetricGraphConfig): void {
  const pos = (k: keyof MetricGraphConfig & string, int = false) => {
    const v = cfg[k];
    if (typeof v !== 'number' || !(v > 0) || (int && !Number.isInteger(v))) {
      throw new VigilError('INVALID_SETTINGS', `metric-graph: ${k} must be a ${int ? 'positive integer' : 'number > 0'}, got ${String(v)}`, { where: { field: k } });
    }
  };
  for (const k of ['graph', 'smoothing'] as const) {
    if (typeof cfg[k] !== 'boolean') throw new VigilError('INVALID_SETTINGS', `metric-graph: ${k} must be true or false, got ${String(cfg[k])}`, { where: { field: k } });
  }
  if (cfg.readout !== 'nodes' && cfg.readout !== 'pool') throw new VigilError('INVALID_SETTINGS', `metric-graph: readout must be 'nodes' or 'pool', got ${String(cfg.readout)}`, { where: { field: 'readout' } });
  for (const k of ['hidden', 'projection', 'knnM', 'memoryBankMax'] as const) pos(k, true);
  for (const k of ['adjacencyTemperature', 'temperature', 'learningRate'] as const) pos(k);
  for (const k of ['smoothWeight', 'jitter', 'scaling', 'thresholdLambda'] as const) {
    if (typeof cfg[k] !== 'number' || !(cfg[k] >= 0)) throw new VigilError('INVALID_SETTINGS', `metric-graph: ${k} must be a number ≥ 0, got ${String(cfg[k])}`, { where: { field: k } });
  }
}

export async function fitMetricGraph(train: WindowBatch, cfg: MetricGraphConfig, opts: UnsupervisedFitOptions): Promise<FittedDetector> {
  checkConfig(cfg);
  checkWindowBatch(train, 'metric-graph training windows');
  const { F, W } = train;
  const { fit, validation } = holdOutTail(train, cfg.validationFraction);
  const { next } = temporalNeighbours(fit.objectIndex, fit.endMs);
  const net = new MetricGraphNet(F, W, cfg, new Rng(streamSeed(opts.seed, 1)));
  const augRng = new Rng(streamSeed(opts.seed, 2));
  const fw = F * W;
  try {
    const res = trainLoop({
      n: fit.n,
      epochs: opts.epochs,
      batchSize: opts.batchSize,
      learningRate: cfg.learningRate,
      warmupEpochs: 0,
      rng: new Rng(streamSeed(opts.seed, 3)),
      variables: net.params.list(),
      loss: (idx) => {
        const B = idx.length;
        const v1 = jitterScaleView(fit.x, idx, F, W, cfg.jitter, cfg.scaling, augRng);
        const v2 = jitterScaleView(fit.x, idx, F, W, cfg.jitter, cfg.scaling, augRng);
        // smoothness pairs: (view 1 of window i, clean next window of the same object)
        const pairs = successorPairs(idx, next, cfg.smoothing && cfg.smoothWeight > 0);
        const P = pairs.rows.length;
        const all = new Float32Array((2 * B + P) * fw);
        all.set(v1, 0);
        all.set(v2, B * fw);
        if (P > 0) gatherBatch(fit.x, pairs.successors, fw, all.subarray(2 * B * fw));
        // one forward over [2B + P, F, W]: both views and the next windows share the pass
        const e = net.forward(tf.tensor3d(all, [2 * B + P, F, W])).embedding; // [2B + P, 2H]
        const z = net.project(tf.slice(e, [0, 0], [2 * B, -1]));
        let loss = ntXent([tf.slice(z, [0, 0], [B, -1]), tf.slice(z, [B, 0], [B, -1])], cfg.temperature);
        if (P > 0) {
          // 1/(T−1) Σ ‖z_{t+1} − z_t‖² over the P consecutive pairs of the batch (§6.2)
          const smooth = smoothnessLoss(tf.slice(e, [0, 0], [B, -1]), tf.slice(e, [2 * B, 0], [P, -1]), pairs.rows);
          loss = tf.add(loss, tf.mul(cfg.smoothWeight, smooth));
        }
        return loss;
      },
      ...(opts.onBatch ? { onBatch: opts.onBatch } : {}),
      ...(opts.onEpoch ? { onEpoch: opts.onEpoch } : {}),
      ...(opts.shouldStop ? { shouldStop: opts.shouldStop } : {}),
    });
    const H = 2 * cfg.hidden;
    const bank = MemoryBank.capped(embedAll(net, fit.x, fit.n), fit.n, H, cfg.memoryBankMax);
    const val = bank.meanKnnDistance(embedAll(net, validation.x, validation.n), validation.n, cfg.knnM);
    const threshold = madThreshold(val, cfg.thresholdLambda, 'metric-graph validation scores');
    return new MetricGraphDetector(cfg, net, bank, { lossHistory: res.lossHistory, trainSeconds: res.seconds, stopped: res.stopped, threshold });
  } catch (e) {
    net.dispose();
    throw e;
  }
}

export function loadMetricGraph(saved: SavedDetector): FittedDetector {
  const { cfg, F, W } = savedHeader(saved, KIND, METRIC_GRAPH_DEFAULTS, checkConfig);
  const m = saved.meta;
  const bankData = savedArray(saved, BANK_WEIGHT, [-1, 2 * cfg.hidden]);
  const net = new MetricGraphNet(F, W, cfg, new Rng(0)); // initial values are overwritten below
  try {
    net.params.assign(saved.weights);
    const bank = new MemoryBank(bankData, bankData.length / (2 * cfg.hidden), 2 * cfg.hidden);
    return new MetricGraphDetector(cfg, net, bank, {
      lossHistory: Array.isArray(m['lossHistory']) ? (m['lossHistory'] as number[]) : [],
      trainSeconds: typeof m['trainSeconds'] === 'number' ? m['trainSeconds'] : 0,
      stopped: m['stopped'] === true,
      threshold: savedMetaNumber(saved, 'threshold'),
    });
  } catch (e) {
    net.dispose();
    throw e;
  }
}

export const METRIC_GRAPH_ENTRY: UnsupervisedEntry<MetricGraphConfig> = {
  kind: KIND,
  defaults: METRIC_GRAPH_DEFAULTS,
  ablations: METRIC_GRAPH_ABLATIONS,
  fit: fitMetricGraph,
  load: loadMetricGraph,
};
