/** Unsupervised / trivial baselines (PROTOCOL.md §7): one file each, config objects with every parameter. */
import type { BaselineModelKind } from '../../../../shared/domain/models';
import { fitIForest, IFOREST_DEFAULTS, type IForestConfig } from './iforest';
import { fitPca, PCA_DEFAULTS, type PcaConfig } from './pca';
import { fitRandom, RANDOM_DEFAULTS, type RandomConfig } from './random';
import type { BaselineModel } from './types';

export type BaselineConfig = RandomConfig | PcaConfig | IForestConfig;

export const BASELINE_DEFAULTS: Record<BaselineModelKind, BaselineConfig> = {
  random: RANDOM_DEFAULTS,
  pca: PCA_DEFAULTS,
  iforest: IFOREST_DEFAULTS,
};

/** Fit a baseline on windows `x` [n, F, W] feature-major (PCA / iForest: the normal training windows). */
export function fitBaseline(kind: BaselineModelKind, x: Float32Array, n: number, F: number, W: number, seed: number, config?: BaselineConfig): BaselineModel {
  switch (kind) {
    case 'random':
      return fitRandom(x, n, F, W, seed, (config as RandomConfig | undefined) ?? RANDOM_DEFAULTS);
    case 'pca':
      return fitPca(x, n, F, W, seed, (config as PcaConfig | undefined) ?? PCA_DEFAULTS);
    case 'iforest':
      return fitIForest(x, n, F, W, seed, (config as IForestConfig | undefined) ?? IFOREST_DEFAULTS);
  }
}

export { fitIForest, fitPca, fitRandom, IFOREST_DEFAULTS, PCA_DEFAULTS, RANDOM_DEFAULTS };
export type { BaselineModel, IForestConfig, PcaConfig, RandomConfig };
export { averagePathLength, type IForestModel, type IsolationTree } from './iforest';
export type { PcaModel } from './pca';
export type { RandomModel } from './random';
export { flattenTimeMajor, gatherWindows, normalWindows } from './flatten';
export { symmetricEigen, type SymmetricEigen } from './symmetric-eigen';
