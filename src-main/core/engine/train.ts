/**
 * trainModel: the engine's training loop (PROTOCOL.md §6 / §9, METHODS.md §4): Adam, softmax
 * cross-entropy, a fresh seeded permutation every epoch, last batch smaller, no early stopping.
 * Contrastive: SimCLR pretraining (NT-Xent over both views as one 2B batch) then fine-tuning with
 * a new Adam over encoder + classifier head (§6.3). Cancellation: `shouldStop` between batches.
 * Optional early stopping (early-stopping.ts, config `validationFraction` > 0): a stratified
 * validation split of the training windows, `epochs` becomes the maximum, the best epoch's
 * weights are restored. Off by default, as in the protocol.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import type { ModelSpec, SupervisedModelKind } from '../../../shared/domain/models.js';
import type { WindowSet } from '../../../shared/domain/windows.js';
import { MODEL_REGISTRY, resolveConfig, type AnyConfig } from '../models/index.js';
import { Adam } from './adam.js';
import { Arena, type KernelChoice, type KernelUsed } from './arena.js';
import { EarlyStopper, earlyStoppingSettings, stratifiedHoldout } from './early-stopping.js';
import { softmaxCrossEntropy } from './losses.js';
import type { EngineNet } from './net.js';
import { Rng } from './rng.js';
import { scoreWindows } from './score-net.js';

export interface TrainOptions {
  epochs?: number;
  batchSize?: number;
  seed: number;
  /** b = batches done so far (1-based, both contrastive phases counted), nb = total. */
  onBatch?(b: number, nb: number): void;
  onEpoch?(epoch: number, loss: number, phase: 'train' | 'pretrain' | 'finetune'): void;
  shouldStop?(): boolean;
  /** 'wasm-simd' (default; falls back to js when WebAssembly SIMD is missing) or 'js'. */
  kernel?: KernelChoice;
  /** Rows per scoring chunk (buffers are sized for max(batch, this)); default 128. */
  scoreChunk?: number;
}

export interface TrainedModel {
  kind: SupervisedModelKind;
  config: AnyConfig;
  F: number;
  W: number;
  seed: number;
  backend: 'vigil-native';
  kernel: KernelUsed;
  paramCount: number;
  /** Per-epoch mean training (fine-tuning) loss. */
  lossHistory: number[];
  /** Per-epoch mean validation loss (early stopping on; else empty). */
  validationLossHistory: number[];
  /** Held-out validation windows (0 when early stopping is off). */
  validationWindows: number;
  /** 1-based epoch whose weights the model holds (the best validation epoch; else the last). */
  bestEpoch: number;
  /** True when training ended because the validation loss stopped improving. */
  earlyStopped: boolean;
  /** The epoch ceiling (`epochs`); `epochsCompleted` is how many ran. */
  maxEpochs: number;
  pretrainLossHistory: number[];
  trainSeconds: number;
  pretrainSeconds: number;
  finetuneSeconds: number;
  epochsCompleted: number;
  stopped: boolean;
  /** Anomaly probability p = softmax(logits)[1] per window; x [n, F, W]. */
  score(x: Float32Array, n: number): Float32Array;
  /** Classifier weights in TF.js `getWeights()` order (copies). */
  getWeights(): Float32Array[];
  /** The underlying engine network (tests, export). */
  readonly net: EngineNet;
  toTfjsArtifacts(): Promise<tfc.io.ModelArtifacts>;
}

interface Built {
  net: EngineNet;
  arena: Arena;
  xin: Float32Array; // [2·cap, F·W] batch input (both contrastive views)
  dLogits: Float32Array; // [cap, 2]
}

/** Builds a model's engine network with all buffers preallocated (probe pass, then real arena). */
export function buildNet(kind: SupervisedModelKind, cfg: AnyConfig, F: number, W: number, capacity: number, rng: Rng, kernel: KernelChoice = 'wasm-simd'): Built {
  const entry = MODEL_REGISTRY[kind];
  const make = (arena: Arena): Built => {
    const xin = arena.f32(2 * capacity * F * W);
    const dLogits = arena.f32(2 * capacity);
    const net = entry.build(arena, capacity, F, W, cfg, rng);
    return { net, arena, xin, dLogits };
  };
  const probe = Arena.probe();
  make(probe);
  return make(Arena.sized(probe.bytes, kernel));
}

/** dst[slot] = src[i] (windows of fw floats): one native copy each, not a JS loop over the floats. */
function copyWindow(src: Float32Array, i: number, dst: Float32Array, slot: number, fw: number): void {
  dst.set(src.subarray(i * fw, (i + 1) * fw), slot * fw);
}

export function trainModel(spec: ModelSpec, train: WindowSet, opts: TrainOptions): TrainedModel {
  const kind = spec.kind;
  if (kind !== 'cnn' && kind !== 'lstm' && kind !== 'contrastive') throw new Error(`engine does not train ${kind}`);
  const cfg = resolveConfig(kind, spec.params);
  const epochs = opts.epochs ?? cfg.epochs;
  const B = Math.max(1, Math.floor(opts.batchSize ?? cfg.batchSize));
  const { F, W, n } = train;
  const fw = F * W;
  if (train.x.length < n * fw) throw new Error('WindowSet.x shorter than n·F·W');
  const cap = Math.max(B, opts.scoreChunk ?? 128);
  const rng = new Rng(opts.seed);
  const { net, arena, xin, dLogits } = buildNet(kind, cfg, F, W, cap, rng, opts.kernel ?? 'wasm-simd');
  net.init(rng);
  // early stopping: training windows trIdx, validation windows split.val (from the fold's training set only)
  const es = earlyStoppingSettings(cfg);
  const split = es ? stratifiedHoldout(train.y, n, es.validationFraction, opts.seed) : null;
  const trIdx = split ? split.train : Int32Array.from({ length: n }, (_, i) => i);
  const nTr = trIdx.length;

  const yb = new Int32Array(cap);
  const probs = new Float32Array(cap * 2);
  const perm = new Int32Array(nTr);
  const nbPerEpoch = Math.ceil(nTr / B);
  // PROTOCOL.md §6.3: pretraining runs `epochs` epochs too unless the spec sets pretrainEpochs
  const preParam = spec.params['pretrainEpochs'];
  const pretrainEpochs = kind !== 'contrastive' ? 0 : typeof preParam === 'number' ? preParam : epochs;
  const totalBatches = nbPerEpoch * (epochs + pretrainEpochs);
  let batchesDone = 0;
  let stopped = false;
  const stop = (): boolean => {
    if (!stopped && opts.shouldStop?.()) stopped = true;
    return stopped;
  };
  const adamCfg = (lr: number) => {
    const c = cfg as unknown as { beta1: number; beta2: number; epsilon: number };
    return { lr, beta1: c.beta1, beta2: c.beta2, epsilon: c.epsilon, flavour: 'pytorch' as const };
  };

  const t0 = performance.now();
  const pretrainLoss: number[] = [];
  if (kind === 'contrastive' && net.pretrain && pretrainEpochs > 0) {
    const c = cfg as unknown as { learningRate: number; jitter: number; replaceFraction: number };
    const pre = net.pretrain;
    const opt = new Adam(pre.params, adamCfg(c.learningRate), arena.adam);
    const normals: number[] = [];
    for (const i of trIdx) if (train.y[i] === 0) normals.push(i);
    const h = Math.floor(W * c.replaceFraction);
    for (let e = 0; e < pretrainEpochs && !stop(); e++) {
      perm.set(trIdx);
      rng.shuffle(perm);
      let tot = 0;
      for (let s = 0; s < nTr; s += B) {
        if (stop()) break;
        const Bc = Math.min(B, nTr - s);
        for (let b = 0; b < Bc; b++) {
          const i = perm[s + b]!;
          copyWindow(train.x, i, xin, b, fw); // view 1: the window as is
          copyWindow(train.x, i, xin, Bc + b, fw); // view 2: augmented
          const v = (Bc + b) * fw;
          if (train.y[i] === 1 && normals.length > 0 && h > 0) {
            const p = normals[rng.int(normals.length)]! * fw;
            // [F, W] layout: replace steps 0..h−1 of every feature
            for (let f = 0; f < F; f++) for (let t = 0; t < h; t++) xin[v + f * W + t] = train.x[p + f * W + t]!;
          }
          for (let k = 0; k < fw; k++) xin[v + k]! += c.jitter * rng.normal();
        }
        const loss = pre.step(xin, Bc, true);
        opt.step();
        tot += loss * Bc;
        opts.onBatch?.(++batchesDone, totalBatches);
      }
      if (stopped) break;
      pretrainLoss.push(tot / nTr);
      opts.onEpoch?.(e, tot / nTr, 'pretrain');
    }
  }
  const t1 = performance.now();

  const lr = kind === 'contrastive' ? (cfg as unknown as { finetuneLearningRate: number }).finetuneLearningRate : (cfg as unknown as { learningRate: number }).learningRate;
  const opt = new Adam(net.params, adamCfg(lr), arena.adam);
  const lossHistory: number[] = [];
  let epochsCompleted = 0;
  const stopper = es ? new EarlyStopper(net.params, es) : null;
  let earlyStopped = false;
  /** Mean cross-entropy over the validation windows, inference mode (no dropout), chunks of cap. */
  const validationLoss = (val: Int32Array): number => {
    let tot = 0;
    for (let s = 0; s < val.length; s += cap) {
      const Bc = Math.min(cap, val.length - s);
      for (let b = 0; b < Bc; b++) {
        const i = val[s + b]!;
        copyWindow(train.x, i, xin, b, fw);
        yb[b] = train.y[i]!;
      }
      tot += softmaxCrossEntropy(net.forward(xin, Bc, false), yb, Bc, 2, probs, null) * Bc;
    }
    return tot / val.length;
  };
  for (let e = 0; e < epochs && !stop(); e++) {
    perm.set(trIdx);
    rng.shuffle(perm);
    let tot = 0;
    for (let s = 0; s < nTr; s += B) {
      if (stop()) break;
      const Bc = Math.min(B, nTr - s);
      for (let b = 0; b < Bc; b++) {
        const i = perm[s + b]!;
        copyWindow(train.x, i, xin, b, fw);
        yb[b] = train.y[i]!;
      }
      const logits = net.forward(xin, Bc, true);
      const loss = softmaxCrossEntropy(logits, yb, Bc, 2, probs, dLogits);
      net.backward(xin, dLogits, Bc);
      opt.step();
      tot += loss * Bc;
      opts.onBatch?.(++batchesDone, totalBatches);
    }
    if (stopped) break;
    lossHistory.push(tot / nTr);
    epochsCompleted++;
    opts.onEpoch?.(e, tot / nTr, kind === 'contrastive' ? 'finetune' : 'train');
    if (stopper && split && stopper.observe(validationLoss(split.val), e + 1)) {
      earlyStopped = true;
      break;
    }
  }
  stopper?.restoreBest();
  const t2 = performance.now();

  const score = (x: Float32Array, m: number): Float32Array => scoreWindows(net, xin, cap, fw, x, m);

  return {
    kind,
    config: cfg,
    F,
    W,
    seed: opts.seed,
    backend: 'vigil-native',
    kernel: arena.kernel,
    paramCount: net.params.reduce((a, p) => a + p.w.length, 0),
    lossHistory,
    validationLossHistory: stopper ? stopper.history : [],
    validationWindows: split ? split.val.length : 0,
    bestEpoch: stopper && stopper.bestEpoch > 0 ? stopper.bestEpoch : epochsCompleted,
    earlyStopped,
    maxEpochs: epochs,
    pretrainLossHistory: pretrainLoss,
    trainSeconds: (t2 - t0) / 1000,
    pretrainSeconds: (t1 - t0) / 1000,
    finetuneSeconds: (t2 - t1) / 1000,
    epochsCompleted,
    stopped,
    score,
    getWeights: () => net.params.map((p) => Float32Array.from(p.w)),
    net,
    toTfjsArtifacts: async () => (await import('./tfjs-export.js')).toTfjsArtifacts(net),
  };
}
