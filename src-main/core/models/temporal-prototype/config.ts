/**
 * Hyper-parameters of the temporal-attention prototype model (METHODS.md §6.3). The paper trains an
 * embedding of 256 with Adam 1e-4, batch 32, for 120 epochs; the defaults here are small (32-d,
 * 1e-3) so a demo comparison stays fast — every value is a config entry, recorded with the run.
 */
export interface TemporalPrototypeConfig {
  [k: string]: number | boolean | string;
  /** Per-step feature size d of u_t (temporal encoder channels) = embedding size of z. */
  hidden: number;
  /** Temporal conv layers of the encoder (unsupervised/encoder.ts). */
  layers: number;
  /** Odd temporal kernel size of the encoder. */
  kernel: number;
  /** Projection-head output size (NT-Xent space). */
  projection: number;
  /** false = ablation `no-attention`: z = mean_t u_t instead of Σ_t α_t u_t. */
  attention: boolean;
  /** K prototypes; normal windows are grouped by activity level into K equal-frequency bins. */
  prototypeCount: number;
  /** false = ablation `no-prototypes`: no L_pro term and no Mahalanobis part D in the score. */
  prototypes: boolean;
  /** τ of the instance-contrast NT-Xent (paper: 0.07). */
  temperature: number;
  /** λ1, λ2, λ3 of the loss λ1·L_ins + λ2·L_pro + λ3·L_tem. */
  lambdaIns: number;
  lambdaPro: number;
  lambdaTem: number;
  /** Score weights α (D), β (T), μ (R); renormalised over the enabled parts so they sum to 1. */
  alpha: number;
  beta: number;
  mu: number;
  /** Covariance shrinkage s: Σ ← (1 − s)·Σ + s·(tr Σ / d)·I, so every Σ_k is invertible. */
  shrinkage: number;
  /** m of the kNN part R (mean distance to the m nearest normal embeddings). */
  knnM: number;
  memoryBankMax: number;
  /** σ of the Gaussian jitter of the perturbed view (scaled units). */
  jitter: number;
  /** Amplitude scaling of the perturbed view: factor ∈ [1 − s, 1 + s]. */
  scaling: number;
  learningRate: number;
  /** Share of each object's latest training windows held out (unlabelled) to fit Q and δ. */
  validationFraction: number;
  /** λ of δ = median(A) + λ·MAD(A). */
  thresholdLambda: number;
}

export const TEMPORAL_PROTOTYPE_DEFAULTS: TemporalPrototypeConfig = {
  hidden: 32,
  layers: 2,
  kernel: 3,
  projection: 32,
  attention: true,
  prototypeCount: 8,
  prototypes: true,
  temperature: 0.07,
  lambdaIns: 1,
  lambdaPro: 0.1,
  lambdaTem: 0.1,
  alpha: 1 / 3,
  beta: 1 / 3,
  mu: 1 / 3,
  shrinkage: 0.1,
  knnM: 10,
  memoryBankMax: 50_000,
  jitter: 0.02,
  scaling: 0.05,
  learningRate: 1e-3,
  validationFraction: 0.2,
  thresholdLambda: 3,
};

export const TEMPORAL_PROTOTYPE_ABLATIONS: Record<string, Partial<TemporalPrototypeConfig>> = {
  'no-temporal-residual': { beta: 0 },
  'no-prototypes': { prototypes: false },
  'no-knn': { mu: 0 },
  'no-attention': { attention: false },
};
