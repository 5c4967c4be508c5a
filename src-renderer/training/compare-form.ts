import { BASELINE_MODELS, MODEL_ABLATIONS, ROBUSTNESS_KINDS, SUPERVISED_MODELS, UNSUPERVISED_MODELS, type ModelKind, type RobustnessKind } from '../../shared/domain/models';

/** The Training area's comparison settings, and the `compare` job params they make. */
export interface CompareFormState {
  models: string[];
  blocked: boolean;
  kfold: boolean;
  folds: number;
  /** Negative sampling: off = all windows only; on = all windows and sampled; paper = also the paper's balanced test set. */
  sampling: 'off' | 'on' | 'paper';
  epochs: number;
  batchSize: number;
  seed: number;
  windowMode: 'paper' | 'sliding';
  /** Ablation entries (`kind:name`, shared/domain/models.ts MODEL_ABLATIONS), each run as its own model. */
  ablations: string[];
  /** Robustness curves switched on, with their levels as typed (comma-separated shares). */
  robustness: Partial<Record<RobustnessKind, string>>;
}

/** Models offered: supervised, unsupervised (METHODS.md §6, labels used only to evaluate) and baselines. */
export const FORM_MODELS = { supervised: SUPERVISED_MODELS, unsupervised: UNSUPERVISED_MODELS, baselines: BASELINE_MODELS } as const;

export const DEFAULT_FORM: CompareFormState = {
  models: [...SUPERVISED_MODELS, ...BASELINE_MODELS],
  blocked: true,
  kfold: true,
  folds: 5,
  sampling: 'on',
  epochs: 10,
  batchSize: 32,
  seed: 0,
  windowMode: 'paper',
  ablations: [],
  robustness: {},
};

/** Levels offered when a robustness curve is switched on (issue #5: noise 0–40 %; reduced 100/50/25/10 %). */
export const DEFAULT_LEVELS: Record<RobustnessKind, string> = {
  noise: '0, 0.1, 0.2, 0.3, 0.4',
  'label-noise': '0, 0.05, 0.1, 0.2',
  shift: '0.2, 0.4, 0.6, 0.8',
  reduced: '1, 0.5, 0.25, 0.1',
  'reduced-first': '1, 0.5, 0.25, 0.1',
};

/** The ablations of a model as `kind:name` entries with their display text. */
export function ablationsOf(model: string): { entry: string; name: string; text: string }[] {
  return Object.entries(MODEL_ABLATIONS[model as ModelKind] ?? {}).map(([name, text]) => ({ entry: `${model}:${name}`, name, text }));
}

/** "0, 0.1, 0.2" → [0, 0.1, 0.2] (sorted, distinct); null unless every part is a share in [0, 1]. */
export function parseLevels(text: string): number[] | null {
  const parts = text.split(',').map((x) => x.trim());
  if (parts.length === 0 || parts.some((x) => x === '')) return null;
  const v = parts.map(Number);
  if (v.some((x) => !Number.isFinite(x) || x < 0 || x > 1)) return null;
  return [...new Set(v)].sort((a, b) => a - b);
}

/** The form's robustness options for the job; null when a switched-on curve has bad levels. */
export function robustnessList(r: CompareFormState['robustness']): { kind: RobustnessKind; levels: number[] }[] | null {
  const out: { kind: RobustnessKind; levels: number[] }[] = [];
  for (const kind of ROBUSTNESS_KINDS) {
    const text = r[kind];
    if (text === undefined) continue;
    const levels = parseLevels(text);
    if (!levels) return null;
    out.push({ kind, levels });
  }
  return out;
}

/**
 * Tasks the comparison will run: models × splits × samplings × folds, plus per robustness level
 * one per model and fold (one split for shift); levels equal to the plain run (noise 0, all data) reuse it.
 */
export function taskCount(f: CompareFormState, params: Record<string, unknown>): number {
  const models = (params['models'] as string[]).length;
  let n = models * splitList(f).length * samplingList(f.sampling).length * f.folds;
  for (const r of (params['robustness'] as { kind: RobustnessKind; levels: number[] }[] | undefined) ?? []) {
    for (const l of r.levels) {
      const identity = ((r.kind === 'noise' || r.kind === 'label-noise') && l === 0) || ((r.kind === 'reduced' || r.kind === 'reduced-first') && l === 1);
      if (!identity) n += models * (r.kind === 'shift' ? 1 : f.folds);
    }
  }
  return n;
}

export function samplingList(s: CompareFormState['sampling']): string[] {
  return s === 'off' ? ['full'] : s === 'on' ? ['full', 'ns'] : ['full', 'ns', 'paper'];
}

export function splitList(f: Pick<CompareFormState, 'blocked' | 'kfold'>): string[] {
  return [...(f.blocked ? ['blocked'] : []), ...(f.kfold ? ['kfold'] : [])];
}

/** null when the form cannot start (no model, no split, or a bad number). */
export function compareParams(f: CompareFormState): Record<string, unknown> | null {
  const splits = splitList(f);
  const int = (v: number, lo: number, hi: number) => Number.isInteger(v) && v >= lo && v <= hi;
  if (f.models.length + f.ablations.length === 0 || splits.length === 0) return null;
  if (!int(f.folds, 2, 50) || !int(f.epochs, 1, 1000) || !int(f.batchSize, 1, 4096) || !int(f.seed, 0, Number.MAX_SAFE_INTEGER)) return null;
  const order = [...SUPERVISED_MODELS, ...UNSUPERVISED_MODELS, ...BASELINE_MODELS] as readonly string[];
  const robustness = robustnessList(f.robustness);
  if (robustness === null) return null;
  // Each ablation right after its model (or where its model would be).
  const rank = (e: string) => {
    const [kind = e, variant] = e.split(':');
    const k = order.indexOf(kind);
    return (k < 0 ? order.length : k) * 100 + (variant ? 1 + ablationsOf(kind).findIndex((a) => a.entry === e) : 0);
  };
  return {
    models: [...f.models, ...f.ablations.filter((a) => !f.models.includes(a))].sort((a, b) => rank(a) - rank(b)),
    splits,
    folds: f.folds,
    sampling: samplingList(f.sampling),
    epochs: f.epochs,
    batchSize: f.batchSize,
    seed: f.seed,
    windowMode: f.windowMode,
    ...(robustness.length ? { robustness } : {}),
  };
}
