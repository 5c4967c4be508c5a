import { BASELINE_MODELS, SUPERVISED_MODELS } from '../../shared/domain/models';

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
}

/** Models offered (the unsupervised detectors are not implemented yet, so they are not shown). */
export const FORM_MODELS = { supervised: SUPERVISED_MODELS, baselines: BASELINE_MODELS } as const;

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
};

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
  if (f.models.length === 0 || splits.length === 0) return null;
  if (!int(f.folds, 2, 50) || !int(f.epochs, 1, 1000) || !int(f.batchSize, 1, 4096) || !int(f.seed, 0, Number.MAX_SAFE_INTEGER)) return null;
  const order = [...SUPERVISED_MODELS, ...BASELINE_MODELS] as readonly string[];
  return {
    models: [...f.models].sort((a, b) => order.indexOf(a) - order.indexOf(b)),
    splits,
    folds: f.folds,
    sampling: samplingList(f.sampling),
    epochs: f.epochs,
    batchSize: f.batchSize,
    seed: f.seed,
    windowMode: f.windowMode,
  };
}
