/** The interface every engine model implements (models/<kind>/model.ts). */
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { SupervisedModelKind } from '../../../shared/domain/models.js';
import type { Arena } from './arena.js';
import type { Param } from './layers.js';
import type { Rng } from './rng.js';

export type Tfl = typeof import('@tensorflow/tfjs-layers');

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
}

export type NetBuilder<C> = (arena: Arena, capacity: number, F: number, W: number, cfg: C, rng: Rng) => EngineNet;
