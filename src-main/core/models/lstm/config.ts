/** LSTM detector hyper-parameters (PROTOCOL.md §6.2; METHODS.md §4: lr 1e-4, batch 10, 50 epochs). */
export interface LstmConfig {
  units: number;
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

export const LSTM_DEFAULTS: LstmConfig = {
  units: 64,
  learningRate: 1e-4,
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-7,
  validationFraction: 0,
  patience: 5,
  minDelta: 0,
  epochs: 50,
  batchSize: 10,
};
