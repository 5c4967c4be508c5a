/**
 * Random baseline: scores uniform in [0, 1) from the protocol PRNG (PROTOCOL.md §2 mulberry32),
 * seeded at fit. The generator is stateful: successive `score` calls continue one stream
 * (scoring train then test gives different numbers), deterministic for a given seed and call order.
 * Not in PROTOCOL.md (ref.py has no random baseline): a floor for every other model.
 */
import { mulberry32, type Rng } from '../../windows/prng';
import type { BaselineModel } from './types';

export interface RandomConfig {
  /** Added to the fit seed (lets two random baselines differ under one seed). */
  seedOffset: number;
}

export const RANDOM_DEFAULTS: RandomConfig = { seedOffset: 0 };

export interface RandomModel extends BaselineModel {
  kind: 'random';
  config: RandomConfig;
}

/** `x` is ignored apart from n; F, W are accepted for a uniform baseline API. */
export function fitRandom(_x: Float32Array, _n: number, _F: number, _W: number, seed: number, config: RandomConfig = RANDOM_DEFAULTS): RandomModel {
  const rng: Rng = mulberry32((seed + config.seedOffset) >>> 0);
  return {
    kind: 'random',
    config: { ...config },
    paramCount: 0,
    score(_xs: Float32Array, n: number): Float64Array {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = rng();
      return out;
    },
  };
}
