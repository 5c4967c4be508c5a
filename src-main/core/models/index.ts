/** Registry of the supervised detectors the engine trains (PROTOCOL.md §6, METHODS.md §4). */
import type { SupervisedModelKind } from '../../../shared/domain/models.js';
import type { NetBuilder } from '../engine/net.js';
import { CNN_DEFAULTS, type CnnConfig } from './cnn/config.js';
import { buildCnn } from './cnn/model.js';
import { CONTRASTIVE_DEFAULTS, type ContrastiveConfig } from './contrastive/config.js';
import { buildContrastive } from './contrastive/model.js';
import { LSTM_DEFAULTS, type LstmConfig } from './lstm/config.js';
import { buildLstm } from './lstm/model.js';

export type AnyConfig = CnnConfig | LstmConfig | ContrastiveConfig;

export interface ModelEntry {
  defaults: AnyConfig;
  build: NetBuilder<AnyConfig>;
}

export const MODEL_REGISTRY: Record<SupervisedModelKind, ModelEntry> = {
  cnn: { defaults: CNN_DEFAULTS, build: buildCnn as NetBuilder<AnyConfig> },
  lstm: { defaults: LSTM_DEFAULTS, build: buildLstm as NetBuilder<AnyConfig> },
  contrastive: { defaults: CONTRASTIVE_DEFAULTS, build: buildContrastive as NetBuilder<AnyConfig> },
};

/** Defaults overridden by the numeric entries of `params` whose names the config knows. */
export function resolveConfig(kind: SupervisedModelKind, params: Record<string, unknown>): AnyConfig {
  const base = MODEL_REGISTRY[kind].defaults as unknown as Record<string, number>;
  const out: Record<string, number> = { ...base };
  for (const [k, v] of Object.entries(params)) {
    if (k in base && typeof v === 'number' && Number.isFinite(v)) out[k] = v;
  }
  return out as unknown as AnyConfig;
}

export { CNN_DEFAULTS, LSTM_DEFAULTS, CONTRASTIVE_DEFAULTS };
export type { CnnConfig, LstmConfig, ContrastiveConfig };
