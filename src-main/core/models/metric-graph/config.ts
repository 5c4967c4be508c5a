/**
 * Hyper-parameters of the metric-dependency graph model (METHODS.md §6.2). Small by default so a
 * demo comparison stays fast; every value is recorded with the run.
 */
export interface MetricGraphConfig {
  [k: string]: number | boolean | string;
  /** Node embedding size H of h_i = ReLU(W_e x_i + b_e); the window embedding is 2H ([mean, max] over nodes). */
  hidden: number;
  /**
   * Window readout of the node states z [F, H] → 2H: 'nodes' = a linear map of all nodes' states
   * (keeps which counter moved), 'pool' = [mean, max] over nodes (permutation-invariant).
   */
  readout: string;
  /** Projection-head output size (NT-Xent space). */
  projection: number;
  /** τ of the adaptive adjacency A_ij = softmax_j(cos(h_i, h_j)/τ). */
  adjacencyTemperature: number;
  /** τ of the NT-Xent loss. */
  temperature: number;
  /** Weight of the temporal smoothness term 1/(T−1) Σ ‖z_{t+1} − z_t‖² in the loss. */
  smoothWeight: number;
  /** false = ablation `no-graph`: A = identity (each counter only sees itself). */
  graph: boolean;
  /** false = ablation `no-smoothing`: the smoothness term is dropped from the loss. */
  smoothing: boolean;
  learningRate: number;
  /** σ of the Gaussian jitter that makes each of the two augmented views (scaled units). */
  jitter: number;
  /** Window-level amplitude scaling of the views: factor ∈ [1 − s, 1 + s]. */
  scaling: number;
  /** Neighbours m of the kNN score (mean distance to the m nearest normal embeddings). */
  knnM: number;
  /** Most training embeddings kept in the memory bank (an evenly spaced subset beyond that). */
  memoryBankMax: number;
  /** Share of each object's latest training windows held out (unlabelled) to fit the threshold. */
  validationFraction: number;
  /** λ of the threshold δ = median + λ·MAD on the validation scores; 8 as mvas-cscd (the raw MAD of skewed kNN distances is small: λ = 3 flagged 8.8 % of the demo test windows). */
  thresholdLambda: number;
}

export const METRIC_GRAPH_DEFAULTS: MetricGraphConfig = {
  hidden: 32,
  readout: 'nodes',
  projection: 32,
  adjacencyTemperature: 0.5,
  temperature: 0.1,
  smoothWeight: 0.1,
  graph: true,
  smoothing: true,
  learningRate: 1e-3,
  jitter: 0.03,
  scaling: 0.1,
  knnM: 10,
  memoryBankMax: 50_000,
  validationFraction: 0.2,
  thresholdLambda: 8,
};

export const METRIC_GRAPH_ABLATIONS: Record<string, Partial<MetricGraphConfig>> = {
  'no-graph': { graph: false },
  'no-smoothing': { smoothing: false },
};
