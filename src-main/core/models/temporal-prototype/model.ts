/**
 * Temporal-attention prototype detector (METHODS.md §6.3). Training: two views per normal window
 * (original + light perturbation), loss λ1·L_ins (NT-Xent) + λ2·L_pro (pull to the activity group's
 * prototype) + λ3·L_tem (smoothness between consecutive windows of an object). Score of window i:
 *
 *   A_i = α·Q(D_i) + β·Q(T_i) + μ·Q(R_i)      (weights renormalised over the enabled parts)
 *
 * D = Mahalanobis distance to the nearest prototype (gaussians.ts), T = second-order temporal
 * residual (temporal-residual.ts), R = mean distance to the m nearest normal embeddings
 * (memory-bank.ts); Q = quantile normalisation fitted on a held-out normal validation split, which
 * also gives the threshold δ = median(A) + λ·MAD(A) (calibrate.ts). Labels are never read.
 */
import type { UnsupervisedModelKind } from '../../../../shared/domain/models.js';
import { VigilError } from '../../../../shared/errors.js';
import { Rng, streamSeed } from '../../engine/rng.js';
import { gatherBatch, jitterScaleView } from '../unsupervised/augment.js';
import { FittedBase, type FitSummary } from '../unsupervised/fitted-base.js';
import { applyQuantiles, checkWindowArray, checkWindowBatch, fitQuantiles, holdOutTail, madThreshold, type QuantileFit } from '../unsupervised/calibrate.js';
import { MemoryBank } from '../unsupervised/memory-bank.js';
import { temporalNeighbours } from '../unsupervised/neighbours.js';
import { ntXent } from '../unsupervised/nt-xent.js';
import { smoothnessLoss, successorPairs } from '../unsupervised/temporal-smoothness.js';
import { tf } from '../unsupervised/tf-runtime.js';
import { trainLoop } from '../unsupervised/train-loop.js';
import type { FittedDetector, SavedDetector, ScoredWindows, UnsupervisedEntry, UnsupervisedFitOptions, WindowAttention, WindowBatch } from '../unsupervised/types.js';
import { savedArray, savedHeader, savedMetaNumber } from '../unsupervised/weights-io.js';
import { TEMPORAL_PROTOTYPE_ABLATIONS, TEMPORAL_PROTOTYPE_DEFAULTS, type TemporalPrototypeConfig } from './config.js';
import { activityGroups, activityLevels, fitPrototypeGaussians, nearestMahalanobis, type PrototypeGaussians } from './gaussians.js';
import { TemporalPrototypeNet } from './network.js';
import { temporalResidual } from './temporal-residual.js';

const KIND: UnsupervisedModelKind = 'temporal-prototype';
const CHUNK = 512;
const BANK_WEIGHT = 'memoryBank';
const MEANS_WEIGHT = 'prototypeMeans';
const PRECISIONS_WEIGHT = 'prototypePrecisions';

export type ScorePart = 'mahalanobis' | 'temporal' | 'knn';

/** Enabled score parts and their weights (renormalised to sum 1). */
export function scoreWeights(cfg: TemporalPrototypeConfig): Partial<Record<ScorePart, number>> {
  const raw: [ScorePart, number][] = [
    ['mahalanobis', cfg.prototypes ? cfg.alpha : 0],
    ['temporal', cfg.beta],
    ['knn', cfg.mu],
  ];
  const sum = raw.reduce((s, [, w]) => s + w, 0);
  if (!(sum > 0)) throw new VigilError('INVALID_SETTINGS', 'temporal-prototype: the score weights α, β, μ of the enabled parts sum to 0 — at least one part must count', { where: { field: 'alpha' } });
  const out: Partial<Record<ScorePart, number>> = {};
  for (const [k, w] of raw) if (w > 0) out[k] = w / sum;
  return out;
}

interface Fitted extends FitSummary {
  quantiles: Partial<Record<ScorePart, QuantileFit>>;
  gaussians: PrototypeGaussians | null;
  bank: MemoryBank;
}

/** [n, d] z and (optionally) [n, W] α of windows x [n, F, W], in chunks. */
function runNet(net: TemporalPrototypeNet, x: Float32Array, n: number, wantAlpha: boolean): { z: Float32Array; alpha: Float32Array | null } {
  const { F, W } = net;
  const d = net.cfg.hidden;
  const z = new Float32Array(n * d);
  const alpha = wantAlpha ? new Float32Array(n * W) : null;
  for (let s = 0; s < n; s += CHUNK) {
    const c = Math.min(CHUNK, n - s);
    const [zt, at] = tf.tidy(() => {
      const o = net.forward(tf.tensor3d(x.subarray(s * F * W, (s + c) * F * W), [c, F, W]));
      return [o.z, o.alpha];
    });
    z.set(zt.dataSync(), s * d);
    if (alpha) alpha.set(at.dataSync(), s * W);
    zt.dispose();
    at.dispose();
  }
  return { z, alpha };
}

/** Raw score parts of windows `b` (embeddings z [n, d]) for the enabled parts. */
function rawParts(cfg: TemporalPrototypeConfig, st: Pick<Fitted, 'gaussians' | 'bank'>, z: Float32Array, b: WindowBatch): Partial<Record<ScorePart, Float32Array>> {
  const w = scoreWeights(cfg);
  const out: Partial<Record<ScorePart, Float32Array>> = {};
  if (w.mahalanobis !== undefined && st.gaussians) out.mahalanobis = nearestMahalanobis(st.gaussians, z, b.n);
  if (w.temporal !== undefined) {
    const { prev, next } = temporalNeighbours(b.objectIndex, b.endMs);
    out.temporal = temporalResidual(z, cfg.hidden, prev, next);
  }
  if (w.knn !== undefined) out.knn = st.bank.meanKnnDistance(z, b.n, cfg.knnM);
  return out;
}

/** A = Σ w_p·Q_p(part_p); also returns the quantile-normalised parts (comparable with each other). */
function combine(cfg: TemporalPrototypeConfig, quantiles: Fitted['quantiles'], raw: Partial<Record<ScorePart, Float32Array>>, n: number): ScoredWindows {
  const w = scoreWeights(cfg);
  const score = new Float32Array(n);
  const parts: Record<string, Float32Array> = {};
  for (const [k, wk] of Object.entries(w) as [ScorePart, number][]) {
    const q = quantiles[k];
    const r = raw[k];
    if (!q || !r) throw new VigilError('INTERNAL', `temporal-prototype: score part ${k} has no fitted quantiles`);
    const qv = applyQuantiles(q, r);
    parts[k] = qv;
    for (let i = 0; i < n; i++) score[i]! += wk * qv[i]!;
  }
  return { score, parts };
}

class TemporalPrototypeDetector extends FittedBase implements FittedDetector {
  readonly kind = KIND;

  constructor(
    readonly config: TemporalPrototypeConfig,
    private readonly net: TemporalPrototypeNet,
    private readonly st: Fitted,
  ) {
    super(net.F, net.W, net.params.count, config.hidden, st);
  }

  embed(x: Float32Array, n: number): Float32Array {
    checkWindowArray(x, n, this.F, this.W, 'temporal-prototype embed');
    return runNet(this.net, x, n, false).z;
  }

  /** Total A and the quantile-normalised parts { mahalanobis, temporal, knn } (enabled ones only). */
  score(batch: WindowBatch): ScoredWindows {
    checkWindowBatch(batch, 'temporal-prototype score', { F: this.F, W: this.W });
    const z = this.embed(batch.x, batch.n);
    return combine(this.config, this.st.quantiles, rawParts(this.config, this.st, z, batch), batch.n);
  }

  /** α [n, W] (rows sum to 1; uniform 1/W under no-attention). */
  attention(x: Float32Array, n: number): WindowAttention {
    checkWindowArray(x, n, this.F, this.W, 'temporal-prototype attention');
    return { temporal: runNet(this.net, x, n, true).alpha! };
  }

  save(): SavedDetector {
    const { st } = this;
    const meta = {
      config: this.config,
      F: this.F,
      W: this.W,
      K: this.net.K,
      threshold: this.threshold,
      quantiles: st.quantiles,
      lossHistory: this.lossHistory,
      trainSeconds: this.trainSeconds,
      stopped: this.stopped,
    };
    const weights = [...this.net.params.toSaved(), { name: BANK_WEIGHT, shape: [st.bank.size, st.bank.dim], data: Float32Array.from(st.bank.embeddings) }];
    if (st.gaussians) {
      const { K, d } = st.gaussians;
      weights.push({ name: MEANS_WEIGHT, shape: [K, d], data: Float32Array.from(st.gaussians.means) });
      weights.push({ name: PRECISIONS_WEIGHT, shape: [K, d, d], data: Float32Array.from(st.gaussians.precisions) });
    }
    return { kind: KIND, meta, weights };
  }

  dispose(): void {
    this.net.dispose();
  }
}

function checkConfig(cfg: TemporalPrototypeConfig): void {
  const num = (k: string, ok: (v: number) => boolean, want: string) => {
    const v = cfg[k];
    if (typeof v !== 'number' || !Number.isFinite(v) || !ok(v)) throw new VigilError('INVALID_SETTINGS', `temporal-prototype: ${k} must be ${want}, got ${String(v)}`, { where: { field: k } });
  };
  const posInt = (v: number) => Number.isInteger(v) && v >= 1;
  for (const k of ['hidden', 'layers', 'projection', 'prototypeCount', 'knnM', 'memoryBankMax']) num(k, posInt, 'a positive integer');
  num('kernel', (v) => posInt(v) && v % 2 === 1, 'an odd positive integer');
  for (const k of ['temperature', 'learningRate']) num(k, (v) => v > 0, '> 0');
  for (const k of ['lambdaIns', 'lambdaPro', 'lambdaTem', 'alpha', 'beta', 'mu', 'jitter', 'scaling', 'thresholdLambda']) num(k, (v) => v >= 0, '≥ 0');
  num('shrinkage', (v) => v >= 0 && v <= 1, 'in [0, 1]');
  for (const k of ['attention', 'prototypes']) {
    if (typeof cfg[k] !== 'boolean') throw new VigilError('INVALID_SETTINGS', `temporal-prototype: ${k} must be true or false, got ${String(cfg[k])}`, { where: { field: k } });
  }
  scoreWeights(cfg);
}

export async function fitTemporalPrototype(train: WindowBatch, cfg: TemporalPrototypeConfig, opts: UnsupervisedFitOptions): Promise<FittedDetector> {
  checkConfig(cfg);
  checkWindowBatch(train, 'temporal-prototype training windows');
  const { F, W } = train;
  const fw = F * W;
  const { fit, validation } = holdOutTail(train, cfg.validationFraction);
  const { next } = temporalNeighbours(fit.objectIndex, fit.endMs);
  const K = Math.min(cfg.prototypeCount, fit.n);
  const groups = activityGroups(activityLevels(fit.x, fit.n, fw), K);
  const net = new TemporalPrototypeNet(F, W, K, cfg, new Rng(streamSeed(opts.seed, 1)));
  const augRng = new Rng(streamSeed(opts.seed, 2));
  const usePro = cfg.prototypes && cfg.lambdaPro > 0;
  const useTem = cfg.lambdaTem > 0;
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
        const pairs = successorPairs(idx, next, useTem);
        const P = pairs.rows.length;
        const all = new Float32Array((2 * B + P) * fw);
        gatherBatch(fit.x, idx, fw, all); // view 1: the original windows
        all.set(jitterScaleView(fit.x, idx, F, W, cfg.jitter, cfg.scaling, augRng), B * fw); // view 2: light perturbation
        if (P > 0) gatherBatch(fit.x, pairs.successors, fw, all.subarray(2 * B * fw));
        const z = net.forward(tf.tensor3d(all, [2 * B + P, F, W])).z; // [2B + P, d]
        const z1 = tf.slice(z, [0, 0], [B, -1]);
        const z2 = tf.slice(z, [B, 0], [B, -1]);
        const p = net.project(tf.slice(z, [0, 0], [2 * B, -1]));
        let loss = tf.mul(cfg.lambdaIns, ntXent([tf.slice(p, [0, 0], [B, -1]), tf.slice(p, [B, 0], [B, -1])], cfg.temperature));
        if (usePro) {
          // p_k of each window's activity group via a one-hot [B, K] matMul (WASM-safe, no gather gradient)
          const oh = new Float32Array(B * K);
          for (let b = 0; b < B; b++) oh[b * K + groups[idx[b]!]!] = 1;
          const pk = tf.matMul(tf.tensor2d(oh, [B, K]), net.prototypes as tf.Tensor2D); // [B, d]
          const lPro = tf.div(tf.add(tf.sum(tf.square(tf.sub(z1, pk))), tf.sum(tf.square(tf.sub(z2, pk)))), 2 * B);
          loss = tf.add(loss, tf.mul(cfg.lambdaPro, lPro));
        }
        if (P > 0) loss = tf.add(loss, tf.mul(cfg.lambdaTem, smoothnessLoss(z1, tf.slice(z, [2 * B, 0], [P, -1]), pairs.rows)));
        return loss as tf.Scalar;
      },
      ...(opts.onBatch ? { onBatch: opts.onBatch } : {}),
      ...(opts.onEpoch ? { onEpoch: opts.onEpoch } : {}),
      ...(opts.shouldStop ? { shouldStop: opts.shouldStop } : {}),
    });
    const d = cfg.hidden;
    const zFit = runNet(net, fit.x, fit.n, false).z;
    const bank = MemoryBank.capped(zFit, fit.n, d, cfg.memoryBankMax);
    const gaussians = scoreWeights(cfg).mahalanobis !== undefined ? fitPrototypeGaussians(zFit, fit.n, d, groups, K, cfg.shrinkage) : null;
    // Q and δ from the held-out validation windows only (never seen by training or the bank)
    const zVal = runNet(net, validation.x, validation.n, false).z;
    const rawVal = rawParts(cfg, { gaussians, bank }, zVal, validation);
    const quantiles: Fitted['quantiles'] = {};
    for (const [k, v] of Object.entries(rawVal) as [ScorePart, Float32Array][]) quantiles[k] = fitQuantiles(v, `temporal-prototype validation ${k}`);
    const val = combine(cfg, quantiles, rawVal, validation.n).score;
    const threshold = madThreshold(val, cfg.thresholdLambda, 'temporal-prototype validation scores');
    return new TemporalPrototypeDetector(cfg, net, { lossHistory: res.lossHistory, trainSeconds: res.seconds, stopped: res.stopped, threshold, quantiles, gaussians, bank });
  } catch (e) {
    net.dispose();
    throw e;
  }
}

export function loadTemporalPrototype(saved: SavedDetector): FittedDetector {
  const { cfg, F, W } = savedHeader(saved, KIND, TEMPORAL_PROTOTYPE_DEFAULTS, checkConfig);
  const m = saved.meta;
  const K = savedMetaNumber(saved, 'K');
  const d = cfg.hidden;
  const quantiles = (m['quantiles'] ?? {}) as Fitted['quantiles'];
  for (const k of Object.keys(scoreWeights(cfg)) as ScorePart[]) {
    if (!Array.isArray(quantiles[k]?.knots) || quantiles[k].knots.length === 0) throw new VigilError('PARSE_ERROR', `saved temporal-prototype detector: meta.quantiles.${k} is missing`, { where: { field: `quantiles.${k}` } });
  }
  const bankData = savedArray(saved, BANK_WEIGHT, [-1, d]);
  const gaussians = scoreWeights(cfg).mahalanobis !== undefined ? { K, d, means: savedArray(saved, MEANS_WEIGHT, [K, d]), precisions: savedArray(saved, PRECISIONS_WEIGHT, [K, d, d]) } : null;
  const net = new TemporalPrototypeNet(F, W, K, cfg, new Rng(0)); // initial values are overwritten below
  try {
    net.params.assign(saved.weights);
    return new TemporalPrototypeDetector(cfg, net, {
      lossHistory: Array.isArray(m['lossHistory']) ? (m['lossHistory'] as number[]) : [],
      trainSeconds: typeof m['trainSeconds'] === 'number' ? m['trainSeconds'] : 0,
      stopped: m['stopped'] === true,
      threshold: savedMetaNumber(saved, 'threshold'),
      quantiles,
      gaussians,
      bank: new MemoryBank(bankData, bankData.length / d, d),
    });
  } catch (e) {
    net.dispose();
    throw e;
  }
}

export const TEMPORAL_PROTOTYPE_ENTRY: UnsupervisedEntry<TemporalPrototypeConfig> = {
  kind: KIND,
  defaults: TEMPORAL_PROTOTYPE_DEFAULTS,
  ablations: TEMPORAL_PROTOTYPE_ABLATIONS,
  fit: fitTemporalPrototype,
  load: loadTemporalPrototype,
};
