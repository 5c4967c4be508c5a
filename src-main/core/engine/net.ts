/** The interface every engine model implements (models/<kind>/model.ts). */
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { SupervisedModelKind } from '../../../shared/domain/models.js';
import type { Arena } from './arena.js';
import type { Param } from './layers.js';
import type { Rng } from './rng.js';

export type Tfl = typeof import('@tensorflow/tfjs-layers');

/**
 * One conv layer seen from outside (explanations, METHODS.md §7): its ReLU activations after a
 * forward pass and the gradient that reached them in the last backward pass. NHWC like the
 * layers: [B, H, Wd, C] with H = counters axis, Wd = time axis of the (pooled) grid.
 */
export interface ConvProbe {
  readonly name: string;
  readonly H: number;
  readonly Wd: number;
  readonly C: number;
  /** 2×2 poolings between the input and this layer: input cell (f, t) lies in cell (f >> pooled, t >> pooled). */
  readonly pooled: number;
  /** [B, H, Wd, C] ReLU activations of the last forward. */
  readonly out: Float32Array;
  /** [B, H, Wd, C] ∂/∂out of the last backward, already zero where out = 0 (the ReLU's mask). */
  grad(): Float32Array;
}

/** Read-only view of a network's internals for explanations (optional: cnn and contrastive). */
export interface NetProbe {
  /** Conv layers in forward order. */
  readonly convs: readonly ConvProbe[];
  /**
   * The first conv's kernel [k, k, 1, Cout] (TF.js layout, 'same' padding, stride 1): the first
   * layer keeps no input gradient, so explanations carry `convs[0].grad()` back to x with it.
   */
  readonly inputConv: { readonly k: number; readonly Cout: number; readonly kernel: Float32Array };
  /** [B, size] the last hidden representation before the classifier head, after a forward. */
  readonly penultimate: { readonly out: Float32Array; readonly size: number };
}

export interface EngineNet {
  readonly kind: SupervisedModelKind;
  readonly F: number;
  readonly W: number;
  /** Largest classifier batch the buffers hold. */
  readonly capacity: number;
  /** Classifier parameters, in TF.js `model.getWeights()` order. */
  readonly params: Param[];
  init(rng: Rng): void;
  /** x [B, F, W] → logits [B, 2] (a view of an internal buffer). */
  forward(x: Float32Array, B: number, training: boolean): Float32Array;
  /**
   * Inference-only mode on / off (scoring): forward passes then may skip storing what only
   * backward reads (the LSTM's activated gates) and may run on a copy of the weights taken when
   * it turns on (the LSTM's fused step) — set the weights first; backward refuses to run after
   * such a pass.
   */
  setInference?(on: boolean): void;
  /** dLogits [B, 2] → parameter gradients in `params[i].g`. */
  backward(x: Float32Array, dLogits: Float32Array, B: number): void;
  /** The same network as a TF.js layers model taking [n, F, W]; weights not set. */
  tfjsModel(tfl: Tfl, headActivation: 'softmax' | 'linear'): LayersModel;
  /** Contrastive only: SimCLR pretraining over a 2B batch (views 1 then views 2). */
  readonly pretrain?: {
    readonly params: Param[];
    /** x2 [2B, F, W] → NT-Xent loss; gradients into `params[i].g` when `grad`. */
    step(x2: Float32Array, B: number, grad: boolean): number;
  };
  /** Internals for explanations (activation / Grad-CAM maps); absent for models without convs. */
  readonly probe?: NetProbe;
}

export type NetBuilder<C> = (arena: Arena, capacity: number, F: number, W: number, cfg: C, rng: Rng) => EngineNet;
