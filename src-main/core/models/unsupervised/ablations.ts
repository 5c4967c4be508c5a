/**
 * The unsupervised detectors' ablations as a comparison catalogue (kind → name → overrides),
 * mergeable with core/eval/ablations.ts's supervised one. Imports only the config files, so the
 * main process can validate `kind:ablation` entries without loading TF.js.
 */
import type { UnsupervisedModelKind } from '../../../../shared/domain/models.js';
import { METRIC_GRAPH_ABLATIONS } from '../metric-graph/config.js';
import { MVAS_CSCD_ABLATIONS } from '../mvas-cscd/config.js';
import { TEMPORAL_PROTOTYPE_ABLATIONS } from '../temporal-prototype/config.js';

export const UNSUPERVISED_ABLATIONS = {
  'mvas-cscd': MVAS_CSCD_ABLATIONS,
  'metric-graph': METRIC_GRAPH_ABLATIONS,
  'temporal-prototype': TEMPORAL_PROTOTYPE_ABLATIONS,
} as unknown as Record<UnsupervisedModelKind, Record<string, Record<string, number | string | boolean>>>;
