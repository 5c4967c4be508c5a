/**
 * MVAS + CSCD hyper-parameters (METHODS.md §6.1). The paper's settings: Adam 1e-4, batch 256,
 * 100 epochs, τ = 0.1, linear warm-up. Product defaults that differ, and why:
 * - learningRate 1e-3: a comparison trains a handful of epochs (the demo: 8), and at 1e-4 the
 *   encoder barely leaves its initialisation in that few steps (loss flat); 1e-3 with a one-epoch
 *   warm-up trains stably on the demo windows. `--params` can restore 1e-4.
 * - epochs / batch size come from the comparison settings (the paper's 100 / 256 can be given there).
 * - a small encoder (2 conv layers × 32 channels, kernel 3, projection 32) so a demo comparison
 *   stays within its time budget; the paper's encoder sizes are not given.
 * Threshold: median + λ·MAD of the kNN scores of the held-out last `validationFraction` (in time)
 * of the training windows, which are assumed normal (no labels are read). λ = 8 because the MAD is
 * unscaled (σ ≈ 1.48·MAD) and kNN distances are right-skewed: on the demo data (blocked fold 1,
 * 3,272 test windows) λ = 3 flagged 8.8 % of the test windows, λ = 8 flagged 8 with every anomalous
 * window among them (ROC-AUC 1.0 either way).
 */
import type { MvasAugmentConfig } from '../unsupervised/augment.js';

export interface MvasCscdConfig extends Record<string, number | boolean | string>, MvasAugmentConfig {
  /** Channels of the temporal encoder's conv layers (= representation size). */
  hidden: number;
  layers: number;
  /** Odd kernel size along time. */
  kernel: number;
  projHidden: number;
  projDim: number;
  /** NT-Xent temperature τ. */
  tau: number;
  learningRate: number;
  /** Linear warm-up length in epochs (0 = none). */
  warmupEpochs: number;
  // MVAS: instance contrast between two augmented views (the augmentation switches: MvasAugmentConfig)
  mvas: boolean;
  mvasWeight: number;
  // CSCD: cross-scale contrast + alignment to the fused embedding
  cscd: boolean;
  cscdWeight: number;
  /** Comma-separated down-sampling factors; 1 = the raw window. */
  scales: string;
  /** Weight of Σ_i ‖z^(s_i) − z_global‖² (METHODS.md §6.1 alignment term). */
  alignWeight: number;
  // score and threshold
  /** m nearest normal embeddings averaged in the kNN score. */
  knnM: number;
  thresholdLambda: number;
  validationFraction: number;
  /** Largest memory bank (evenly sub-sampled beyond), bounding scoring cost. */
  memoryBankMax: number;
}

export const MVAS_CSCD_DEFAULTS: MvasCscdConfig = {
  hidden: 32,
  layers: 2,
  kernel: 3,
  projHidden: 64,
  projDim: 32,
  tau: 0.1,
  learningRate: 1e-3,
  warmupEpochs: 1,
  mvas: true,
  mvasWeight: 1,
  jitter: true,
  jitterSigma: 0.03,
  maxShift: 1,
  frequency: true,
  freqAmpSigma: 0.1,
  freqPhaseSigma: 0.2,
  mask: true,
  maskFraction: 0.25,
  indexReplace: true,
  replaceFraction: 0.25,
  cscd: true,
  cscdWeight: 1,
  scales: '1,2,4',
  alignWeight: 0.1,
  knnM: 10,
  thresholdLambda: 8,
  validationFraction: 0.1,
  memoryBankMax: 8192,
};

/** Ablations as configurations (issue #5 item 4): `mvas-cscd:no-cscd` etc. */
export const MVAS_CSCD_ABLATIONS: Record<string, Partial<MvasCscdConfig>> = {
  'no-mvas': { mvas: false },
  'no-cscd': { cscd: false },
  'no-alignment': { alignWeight: 0 },
};

/** Parsed, validated scale factors (each an integer ≥ 1, 1 first when present). */
export function parseScales(s: string): number[] {
  const out = s
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)
    .map(Number);
  if (out.length === 0 || out.some((v) => !Number.isInteger(v) || v < 1)) throw new Error(`scales must be a comma list of integers ≥ 1, got "${s}"`);
  return [...new Set(out)].sort((a, b) => a - b);
}
