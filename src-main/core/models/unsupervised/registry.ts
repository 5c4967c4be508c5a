/**
 * Registry of the unsupervised detectors (METHODS.md §6) and how a comparison names them:
 * `kind` or `kind:ablation` (e.g. `mvas-cscd:no-cscd`), with `params` overriding the defaults.
 * Ablations are configurations (issue #5 item 4), never code copies.
 */
import { UNSUPERVISED_MODELS, type UnsupervisedModelKind } from '../../../../shared/domain/models.js';
import { VigilError } from '../../../../shared/errors.js';
import { METRIC_GRAPH_ENTRY } from '../metric-graph/model.js';
import { MVAS_CSCD_ENTRY } from '../mvas-cscd/model.js';
import { TEMPORAL_PROTOTYPE_ENTRY } from '../temporal-prototype/model.js';
import type { FittedDetector, SavedDetector, UnsupervisedEntry } from './types.js';

export type UnsupervisedConfig = Record<string, number | boolean | string>;

export const UNSUPERVISED_REGISTRY: Partial<Record<UnsupervisedModelKind, UnsupervisedEntry<UnsupervisedConfig>>> = {
  'mvas-cscd': MVAS_CSCD_ENTRY as unknown as UnsupervisedEntry<UnsupervisedConfig>,
  'metric-graph': METRIC_GRAPH_ENTRY as unknown as UnsupervisedEntry<UnsupervisedConfig>,
  'temporal-prototype': TEMPORAL_PROTOTYPE_ENTRY as unknown as UnsupervisedEntry<UnsupervisedConfig>,
};

export function isUnsupervisedKind(kind: string): kind is UnsupervisedModelKind {
  return (UNSUPERVISED_MODELS as readonly string[]).includes(kind);
}

export function unsupervisedEntry(kind: UnsupervisedModelKind): UnsupervisedEntry<UnsupervisedConfig> {
  const e = UNSUPERVISED_REGISTRY[kind];
  if (!e) throw new VigilError('INVALID_SETTINGS', `unsupervised model ${kind} is not available in this build`, { where: { field: 'models' } });
  return e;
}

/** Splits `kind:ablation` (the ablation part may be absent). */
export function parseUnsupervisedName(name: string): { kind: UnsupervisedModelKind; ablation: string | null } {
  const [kind, ablation, ...rest] = name.split(':');
  if (!kind || !isUnsupervisedKind(kind) || rest.length > 0) throw new VigilError('INVALID_SETTINGS', `"${name}" is not an unsupervised model (${UNSUPERVISED_MODELS.join(', ')}, optionally :ablation)`, { where: { field: 'models' } });
  return { kind, ablation: ablation ?? null };
}

/**
 * Defaults ← ablation overrides ← `params` (only keys the config knows, with the default's type;
 * numbers may be given for numeric keys, booleans or 'true'/'false' for boolean keys).
 */
export function resolveUnsupervisedConfig(kind: UnsupervisedModelKind, ablation: string | null, params: Record<string, unknown>): UnsupervisedConfig {
  const entry = unsupervisedEntry(kind);
  const out: UnsupervisedConfig = { ...entry.defaults };
  if (ablation !== null) {
    const ov = entry.ablations[ablation];
    if (!ov) throw new VigilError('INVALID_SETTINGS', `${kind} has no ablation "${ablation}" (known: ${Object.keys(entry.ablations).join(', ') || 'none'})`, { where: { field: 'models' } });
    Object.assign(out, ov);
  }
  for (const [k, v] of Object.entries(params)) {
    if (!(k in entry.defaults)) continue;
    const def = entry.defaults[k];
    if (typeof def === 'number' && typeof v === 'number' && Number.isFinite(v)) out[k] = v;
    else if (typeof def === 'boolean' && typeof v === 'boolean') out[k] = v;
    else if (typeof def === 'boolean' && (v === 0 || v === 1)) out[k] = v === 1; // CLI / IPC params are numbers
    else if (typeof def === 'boolean' && (v === 'true' || v === 'false')) out[k] = v === 'true';
    else if (typeof def === 'string' && typeof v === 'string') out[k] = v;
    else if (typeof def === 'string' && Array.isArray(v)) out[k] = v.join(',');
    else throw new VigilError('INVALID_SETTINGS', `${kind}: parameter ${k} must be a ${typeof def}, got ${JSON.stringify(v)}`, { where: { field: k } });
  }
  return out;
}

/** Rebuilds a fitted detector from what `FittedDetector.save()` wrote. */
export function loadDetector(saved: SavedDetector): FittedDetector {
  return unsupervisedEntry(saved.kind).load(saved);
}
