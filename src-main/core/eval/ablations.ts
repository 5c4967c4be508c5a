import { ALL_MODELS, modelLabel, splitModelEntry, type ModelKind } from '../../../shared/domain/models';
import { VigilError } from '../../../shared/errors';

/** Hyper-parameter overrides; the same value types as FoldRun.params. */
export type ParamOverrides = Record<string, number | string | boolean | number[]>;

/** kind → ablation name → overrides of that model's defaults. */
export type AblationCatalog = Partial<Record<ModelKind, Record<string, ParamOverrides>>>;

/**
 * The supervised models' ablations (issue #5 item 4: configurations, not code copies).
 * `contrastive:no-pretraining` = the paper's contrastive classifier without the SimCLR
 * pre-training phase (METHODS.md §4), i.e. the CNN head trained from scratch on the same encoder.
 */
export const SUPERVISED_ABLATIONS: AblationCatalog = {
  contrastive: { 'no-pretraining': { pretrainEpochs: 0 } },
};

/** Catalogues merged kind by kind (later ones win per name). */
export function mergeCatalogs(...cs: AblationCatalog[]): AblationCatalog {
  const out: AblationCatalog = {};
  for (const c of cs) for (const [k, v] of Object.entries(c) as [ModelKind, Record<string, ParamOverrides>][]) out[k] = { ...(out[k] ?? {}), ...v };
  return out;
}

export interface ResolvedEntry {
  /** The comparison entry as given (`kind` or `kind:variant`): the name stored and shown. */
  entry: string;
  kind: ModelKind;
  variant: string | null;
  /** Display label, e.g. "mvas-cscd (no CSCD)". */
  label: string;
  /** The ablation's overrides (empty for the plain model). */
  overrides: ParamOverrides;
}

/** Validates one comparison entry against the model list and the ablation catalogue. */
export function resolveEntry(entry: string, catalog: AblationCatalog): ResolvedEntry {
  const { kind, variant } = splitModelEntry(entry.trim());
  if (!(ALL_MODELS as readonly string[]).includes(kind)) {
    throw new VigilError('INVALID_SETTINGS', `unknown model "${kind}" in "${entry}"; valid models: ${ALL_MODELS.join(', ')}`, { where: { field: 'models' } });
  }
  const k = kind as ModelKind;
  if (variant === null) return { entry: k, kind: k, variant: null, label: k, overrides: {} };
  const mine = catalog[k] ?? {};
  const overrides = mine[variant];
  if (!overrides) {
    const valid = Object.keys(mine);
    throw new VigilError('INVALID_SETTINGS', `unknown ablation "${variant}" of ${k}; ${valid.length ? `valid: ${valid.map((v) => `${k}:${v}`).join(', ')}` : `${k} has no ablations`}`, { where: { field: 'models' } });
  }
  const e = `${k}:${variant}`;
  return { entry: e, kind: k, variant, label: modelLabel(e), overrides };
}
