/**
 * Contrastive (SimCLR pretraining + fine-tuning) hyper-parameters (PROTOCOL.md §6.3;
 * METHODS.md §4: encoder = 2 conv + 1 max-pool, NT-Xent, lr 1e-3, batch 10, 50 epochs).
 */
export interface ContrastiveConfig {
  filters1: number;
  filters2: number;
  kernelSize: number;
  poolSize: number;
  /** representation h = dense(denseUnits, relu). */
  denseUnits: number;
  /** projection head z = dense(projUnits, linear), pretraining only. */
  projUnits: number;
  temperature: number;
  /** Gaussian jitter sd of the augmented view (scaled units). */
  jitter: number;
  /** Abnormal views: the first floor(W · replaceFraction) steps come from a random normal window. */
  replaceFraction: number;
  learningRate: number;
  finetuneLearningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  /** Pretraining epochs (the protocol uses `epochs` for both phases). */
  pretrainEpochs: number;
  /**
   * Early stopping (engine/early-stopping.ts): fraction of the fold's training windows held out
   * (stratified) as a validation split; 0 = off (the protocol's setting, PROTOCOL.md §6). When on,
   * `epochs` is the maximum and the best validation epoch's weights are kept.
   */
  validationFraction: number;
  /** Epochs without validation-loss improvement before stopping (early stopping only). */
  patience: number;
  /** Smallest validation-loss decrease that counts as an improvement. */
  minDelta: number;
  epochs: number;
  batchSize: number;
}

export const CONTRASTIVE_DEFAULTS: ContrastiveConfig = {
  filters1: 32,
  filters2: 64,
  kernelSize: 3,
  poolSize: 2,
  denseUnits: 64,
  projUnits: 64,
  temperature: 0.5,
  jitter: 0.01,
  replaceFraction: 0.5,
  learningRate: 1e-3,
  finetuneLearningRate: 1e-3,
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-7,
  pretrainEpochs: 50,
  validationFraction: 0,
  patience: 5,
  minDelta: 0,
  epochs: 50,
  batchSize: 10,
};
