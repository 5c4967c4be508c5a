/** LSTM detector hyper-parameters (PROTOCOL.md §6.2; METHODS.md §4: lr 1e-4, batch 10, 50 epochs). */
export interface LstmConfig {
  units: number;
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  epochs: number;
  batchSize: number;
}

export const LSTM_DEFAULTS: LstmConfig = {
  units: 64,
  learningRate: 1e-4,
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-7,
  epochs: 50,
  batchSize: 10,
};
