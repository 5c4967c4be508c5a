/**
 * MVAS + CSCD detector (METHODS.md §6.1) as a TF.js graph trained with autograd.
 *
 * Network: shared temporal encoder (unsupervised/encoder.ts) → mean over time = representation
 * h [B, hidden] → projection head g → z [B, projDim] (the losses see z; the score uses h, the usual
 * SimCLR split: the head absorbs the invariances the contrast forces).
 * Loss per batch of B windows x:
 *   mvasWeight · NT-Xent(g(h(t₁(x))), g(h(t₂(x))))                    t₁, t₂ drawn from the enabled augmentations
 * + cscdWeight · ( NT-Xent over the scale views {g(h(s_i(x)))}         positives: scales of one window
 *                 + alignWeight · mean_b Σ_i ‖ẑ^(s_i) − ẑ_global‖² )   ẑ = unit-norm z, ẑ_global = mean_i ẑ^(s_i)
 * Score: mean Euclidean distance of h(x) to its m nearest normal training embeddings (memory bank,
 * unsupervised/memory-bank.ts). Threshold: median + λ·MAD (unsupervised/calibrate.ts) of the scores
 * of the held-out last `validationFraction` in time of the training windows. No label is read.
 */
import { VigilError } from '../../../../shared/errors.js';
import { Rng } from '../../engine/rng.js';
import { downsample, gatherBatch, mvasView, enabledAugmentations } from '../unsupervised/augment.js';
import { holdOutTail, madThreshold } from '../unsupervised/calibrate.js';
import { meanPool, ProjectionHead, stepMajor, TemporalEncoder } from '../unsupervised/encoder.js';
import type { FitSummary } from '../unsupervised/fitted-base.js';
import { MemoryBank } from '../unsupervised/memory-bank.js';
import { l2Normalize, ntXent } from '../unsupervised/nt-xent.js';
import { tf } from '../unsupervised/tf-runtime.js';
import { trainLoop } from '../unsupervised/train-loop.js';
import type { FittedDetector, SavedDetector, ScoredWindows, UnsupervisedEntry, UnsupervisedFitOptions, WindowBatch } from '../unsupervised/types.js';
import { ParamStore } from '../unsupervised/weights-io.js';
import { MVAS_CSCD_ABLATIONS, MVAS_CSCD_DEFAULTS, parseScales, type MvasCscdConfig } from './config.js';

const BANK_WEIGHT = 'memory-bank';
const EMBED_CHUNK = 1024;

interface Net {
  store: ParamStore;
  encoder: TemporalEncoder;
  head: ProjectionHead;
}

function buildNet(F: number, cfg: MvasCscdConfig, rng: Rng): Net {
  const store = new ParamStore();
  const encoder = new TemporalEncoder(store, 'encoder', F, { hidden: cfg.hidden, layers: cfg.layers, kernel: cfg.kernel }, rng);
  const head = new ProjectionHead(store, 'head', encoder.outDim, cfg.projHidden, cfg.projDim, rng);
  return { store, encoder, head };
}

/** Representation h = mean_t encoder(x)_t of [n, F, W'] windows → [n, hidden] (graph, no copy out). */
function represent(net: Net, x: Float32Array, n: number, F: number, Wv: number): tf.Tensor2D {
  return meanPool(net.encoder.apply(stepMajor(x, n, F, Wv)));
}

export function validateMvasConfig(cfg: MvasCscdConfig): number[] {
  const bad = (field: string, msg: string) => new VigilError('INVALID_SETTINGS', `mvas-cscd: ${field} ${msg}`, { where: { field } });
  if (!cfg.mvas && !cfg.cscd) throw bad('mvas', 'and cscd are both off: there is no loss to train');
  if (cfg.mvas && enabledAugmentations(cfg).length === 0) throw bad('mvas', 'is on but every augmentation is off: the two views would be identical');
  let scales: number[];
  try {
    scales = parseScales(cfg.scales);
  } catch (e) {
    throw bad('scales', (e as Error).message);
  }
  if (cfg.cscd && scales.length < 2) throw bad('scales', `needs at least two scales for the cross-scale contrast, got "${cfg.scales}"`);
  if (!(cfg.tau > 0)) throw bad('tau', `must be > 0, got ${cfg.tau}`);
  if (!(cfg.learningRate > 0)) throw bad('learningRate', `must be > 0, got ${cfg.learningRate}`);
  for (const k of ['hidden', 'layers', 'projHidden', 'projDim', 'knnM', 'memoryBankMax'] as const) {
    if (!Number.isInteger(cfg[k]) || cfg[k] < 1) throw bad(k, `must be an integer ≥ 1, got ${cfg[k]}`);
  }
  if (!Number.isInteger(cfg.kernel) || cfg.kernel < 1 || cfg.kernel % 2 === 0) throw bad('kernel', `must be an odd integer ≥ 1, got ${cfg.kernel}`);
  return scales;
}

/** The loss of one batch (exported for the ablation tests: which terms a config computes). */
export function batchLoss(net: Net, cfg: MvasCscdConfig, scales: number[], x: Float32Array, idx: ArrayLike<number>, F: number, W: number, rng: Rng): { total: tf.Scalar; terms: Record<string, tf.Scalar> } {
  const B = idx.length;
  const fw = F * W;
  const terms: Record<string, tf.Scalar> = {};
  const raw = gatherBatch(x, idx, fw);
  // one encoder pass over every full-length view (t₁(x), t₂(x), x): [k·B, W, F]
  const full: Float32Array[] = [];
  if (cfg.mvas) {
    const v1 = new Float32Array(B * fw);
    const v2 = new Float32Array(B * fw);
    mvasView(x, idx, F, W, cfg, rng, v1);
    mvasView(x, idx, F, W, cfg, rng, v2);
    full.push(v1, v2);
  }
  const useRaw = cfg.cscd && scales.includes(1);
  if (useRaw) full.push(raw);
  const zFull: tf.Tensor2D[] = [];
  if (full.length > 0) {
    const cat = new Float32Array(full.length * B * fw);
    full.forEach((v, k) => cat.set(v, k * B * fw));
    const z = net.head.apply(represent(net, cat, full.length * B, F, W));
    for (let k = 0; k < full.length; k++) zFull.push(tf.slice(z, [k * B, 0], [B, -1]));
  }
  let total = tf.scalar(0);
  if (cfg.mvas) {
    terms['mvas'] = ntXent([zFull[0]!, zFull[1]!], cfg.tau);
    total = tf.add(total, tf.mul(terms['mvas'], cfg.mvasWeight));
  }
  if (cfg.cscd) {
    const zs: tf.Tensor2D[] = [];
    if (useRaw) zs.push(zFull[zFull.length - 1]!);
    for (const s of scales) {
      if (s === 1) continue;
      const Wd = Math.ceil(W / s);
      zs.push(net.head.apply(represent(net, downsample(raw, B, F, W, s), B, F, Wd)));
    }
    terms['cscd'] = ntXent(zs, cfg.tau);
    let cscd: tf.Scalar = terms['cscd'];
    if (cfg.alignWeight > 0) {
      const zn = zs.map((z) => l2Normalize(z));
      const zGlobal = tf.div(tf.addN(zn), zn.length);
      // Σ_i ‖ẑ_i − ẑ_global‖², averaged over the B windows
      terms['align'] = tf.div(tf.addN(zn.map((z) => tf.sum(tf.square(tf.sub(z, zGlobal))))), B) as tf.Scalar;
      cscd = tf.add(cscd, tf.mul(terms['align'], cfg.alignWeight));
    }
    total = tf.add(total, tf.mul(cscd, cfg.cscdWeight));
  }
  return { total, terms };
}

interface Fitted extends FitSummary {
  net: Net;
  cfg: MvasCscdConfig;
  F: number;
  W: number;
  bank: MemoryBank;
}

function embedAll(net: Net, x: Float32Array, n: number, F: number, W: number): Float32Array {
  const d = net.encoder.outDim;
  const out = new Float32Array(n * d);
  const fw = F * W;
  for (let s = 0; s < n; s += EMBED_CHUNK) {
    const m = Math.min(EMBED_CHUNK, n - s);
    const h = tf.tidy(() => represent(net, x.subarray(s * fw, (s + m) * fw), m, F, W));
    out.set(h.dataSync() as Float32Array, s * d);
    h.dispose();
  }
  return out;
}

function detector(f: Fitted): FittedDetector {
  const { net, cfg, F, W, bank } = f;
  const checkShape = (b: { F: number; W: number }) => {
    if (b.F !== F || b.W !== W) throw new VigilError('INVALID_SETTINGS', `mvas-cscd was fitted on windows of ${F} counters × ${W} steps, got ${b.F} × ${b.W}`, { where: { field: 'windows' } });
  };
  const embed = (x: Float32Array, n: number) => embedAll(net, x, n, F, W);
  let disposed = false;
  return {
    kind: 'mvas-cscd',
    config: { ...cfg },
    F,
    W,
    paramCount: net.store.count,
    embeddingSize: net.encoder.outDim,
    lossHistory: f.lossHistory,
    trainSeconds: f.trainSeconds,
    stopped: f.stopped,
    threshold: f.threshold,
    score(batch: WindowBatch): ScoredWindows {
      checkShape(batch);
      const e = embed(batch.x, batch.n);
      return { score: bank.meanKnnDistance(e, batch.n, Math.min(cfg.knnM, bank.size)), parts: {} };
    },
    embed,
    save(): SavedDetector {
      return {
        kind: 'mvas-cscd',
        meta: { config: { ...cfg }, F, W, threshold: f.threshold, lossHistory: f.lossHistory, trainSeconds: f.trainSeconds, stopped: f.stopped, bankSize: bank.size },
        weights: [...net.store.toSaved(), { name: BANK_WEIGHT, shape: [bank.size, bank.dim], data: Float32Array.from(bank.embeddings) }],
      };
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      net.store.dispose();
    },
  };
}

/** Evenly spaced rows of [n, d] when n > max (deterministic; keeps the bank's time coverage). */
function capRows(e: Float32Array, n: number, d: number, max: number): { e: Float32Array; n: number } {
  if (n <= max) return { e, n };
  const out = new Float32Array(max * d);
  for (let r = 0; r < max; r++) {
    const i = Math.floor((r * n) / max);
    out.set(e.subarray(i * d, (i + 1) * d), r * d);
  }
  return { e: out, n: max };
}

async function fit(train: WindowBatch, cfg: MvasCscdConfig, opts: UnsupervisedFitOptions): Promise<FittedDetector> {
  const scales = validateMvasConfig(cfg);
  const { F, W } = train;
  // the last validationFraction (per object, in time) is held out: it never trains the encoder
  // nor enters the memory bank, and calibrates the threshold (assumed normal)
  const { fit: fitB, validation } = holdOutTail(train, cfg.validationFraction);
  if (fitB.n < 2) throw new VigilError('EMPTY_INPUT', `mvas-cscd needs at least 2 training windows, got ${fitB.n}`);
  const rng = new Rng(opts.seed);
  const net = buildNet(F, cfg, rng);
  try {
    const res = trainLoop({
      n: fitB.n,
      epochs: opts.epochs,
      batchSize: opts.batchSize,
      learningRate: cfg.learningRate,
      warmupEpochs: cfg.warmupEpochs,
      rng,
      variables: net.store.list(),
      loss: (idx) => batchLoss(net, cfg, scales, fitB.x, idx, F, W, rng).total,
      ...(opts.onBatch ? { onBatch: opts.onBatch } : {}),
      ...(opts.onEpoch ? { onEpoch: opts.onEpoch } : {}),
      ...(opts.shouldStop ? { shouldStop: opts.shouldStop } : {}),
    });
    const d = net.encoder.outDim;
    const capped = capRows(embedAll(net, fitB.x, fitB.n, F, W), fitB.n, d, cfg.memoryBankMax);
    const bank = new MemoryBank(capped.e, capped.n, d);
    const valScores = bank.meanKnnDistance(embedAll(net, validation.x, validation.n, F, W), validation.n, Math.min(cfg.knnM, bank.size));
    const threshold = madThreshold(valScores, cfg.thresholdLambda);
    return detector({ net, cfg, F, W, bank, threshold, lossHistory: res.lossHistory, trainSeconds: res.seconds, stopped: res.stopped });
  } catch (e) {
    net.store.dispose();
    throw e;
  }
}

function load(saved: SavedDetector): FittedDetector {
  const m = saved.meta as { config?: MvasCscdConfig; F?: number; W?: number; threshold?: number; lossHistory?: number[]; trainSeconds?: number; stopped?: boolean };
  if (saved.kind !== 'mvas-cscd' || !m.config || typeof m.F !== 'number' || typeof m.W !== 'number' || typeof m.threshold !== 'number') {
    throw new VigilError('UNSUPPORTED_FORMAT', 'not a saved mvas-cscd detector (config, F, W or threshold missing)', { hint: 'Train the model again with this version of Vigil.' });
  }
  const cfg = { ...MVAS_CSCD_DEFAULTS, ...m.config };
  const net = buildNet(m.F, cfg, new Rng(0));
  const bankW = saved.weights.find((w) => w.name === BANK_WEIGHT);
  if (!bankW || bankW.shape.length !== 2) throw new VigilError('UNSUPPORTED_FORMAT', 'the saved mvas-cscd detector has no memory bank', { hint: 'Train the model again with this version of Vigil.' });
  net.store.assign(saved.weights.filter((w) => w.name !== BANK_WEIGHT));
  const bank = new MemoryBank(bankW.data, bankW.shape[0]!, bankW.shape[1]!);
  return detector({ net, cfg, F: m.F, W: m.W, bank, threshold: m.threshold, lossHistory: m.lossHistory ?? [], trainSeconds: m.trainSeconds ?? 0, stopped: m.stopped ?? false });
}

export const MVAS_CSCD_ENTRY: UnsupervisedEntry<MvasCscdConfig> = {
  kind: 'mvas-cscd',
  defaults: MVAS_CSCD_DEFAULTS,
  ablations: MVAS_CSCD_ABLATIONS,
  fit,
  load,
};

export { buildNet as buildMvasNet };
