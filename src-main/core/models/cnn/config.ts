/**
 * CNN detector hyper-parameters (PROTOCOL.md §6.1; METHODS.md §4: Adam, batch 10, 50 epochs,
 * dropout 0.01, lr 1e-3; filter counts / sizes fixed by the protocol).
 */
export interface CnnConfig {
  filters1: number;
  filters2: number;
  kernelSize: number;
  /** max-pool 2×2 stride 2 'same' after each conv (fixed; recorded). */
  poolSize: number;
  denseUnits: number;
  dropout: number;
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
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

export const CNN_DEFAULTS: CnnConfig = {
  filters1: 32,
  filters2: 64,
  kernelSize: 3,
  poolSize: 2,
  denseUnits: 64,
  dropout: 0.01,
  learningRate: 1e-3,
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-7,
  validationFraction: 0,
  patience: 5,
  minDelta: 0,
  epochs: 50,
  batchSize: 10,
};
