import type { ModelKind, RobustnessKind, RobustnessOption, SplitKind } from '../../../shared/domain/models';
import { ROBUSTNESS_SHIFT_TEST } from '../../../shared/domain/models';
import { VigilError } from '../../../shared/errors';
import { negativeSample } from '../windows/negative-sampling';
import { blockedSplits, kfoldSplits, type Fold } from './splits';
import { indexHash } from './index-hash';
import { resolveEntry, SUPERVISED_ABLATIONS, type AblationCatalog, type ParamOverrides, type ResolvedEntry } from './ablations';
import { isIdentityLevel, reduceTraining, shiftSplit, validateRobustness, type Perturbation } from './robustness';

/**
 * "full" = trained on every training window (the paper's Table 3); "ns" = trained with negative
 * sampling (Table 4), tested on the natural test set; "paper" = negative sampling on the training
 * AND a balanced test set — what the paper's Table 4 evidently did (its ACC equals
 * (TPR + 1 − FPR)/2), offered explicitly so its numbers can be reproduced and seen for what they are.
 */
export type SamplingSetting = 'full' | 'ns' | 'paper';

export interface ComparisonPlanSettings {
  /** Comparison entries: `kind` or `kind:ablation` (e.g. `contrastive:no-pretraining`). */
  models: readonly string[];
  splits: readonly SplitKind[];
  folds: number;
  sampling: readonly SamplingSetting[];
  seed: number;
  /** Window length, for the blocked purge gap (PROTOCOL.md §4). */
  W: number;
  /** Ablation name → overrides per model (default: the supervised ones only). */
  ablations?: AblationCatalog;
  /** Per-model hyper-parameter overrides; an ablation's overrides win over them. */
  params?: Partial<Record<ModelKind, ParamOverrides>>;
  /** Robustness curves, run under the first split × first sampling setting. */
  robustness?: readonly RobustnessOption[];
  /** Per window: epoch ms of its last row (the distribution-shift split orders by it). */
  endMs?: ArrayLike<number>;
}

/** Which robustness level a task is, when it is one. */
export interface RobustnessTaskInfo {
  kind: RobustnessKind;
  level: number;
}

/** One unit of work: a model trained on one fold's training windows and scored on its test windows. */
export interface FoldTask {
  id: string;
  model: ModelKind;
  /** The comparison entry (`kind` or `kind:variant`): the name stored and shown. */
  entry: string;
  variant: string | null;
  /** Merged hyper-parameters: the per-model overrides, then the ablation's. */
  params: ParamOverrides;
  /** Set on robustness tasks; null on the plain comparison's. */
  robustness: RobustnessTaskInfo | null;
  /** What the worker applies to its copy of the windows (noise, label noise); null = nothing. */
  perturb: Perturbation | null;
  /** A robustness task identical to a plain one (noise 0, all training data): its result is reused. */
  sameAs: string | null;
  split: SplitKind;
  sampling: SamplingSetting;
  fold: number;
  /** Ascending window indices (after negative sampling for `ns`). */
  train: Int32Array;
  /** The fold's training windows before negative sampling: scaling is fitted on them (PROTOCOL.md §3). */
  trainBeforeSampling: Int32Array;
  test: Int32Array;
  samplingApplied: boolean;
  trainHash: string;
  testHash: string;
}

export interface FoldInfo {
  split: SplitKind;
  fold: number;
  testWindows: number;
  testAnomalies: number;
}

/**
 * Every (split × sampling × fold × model) task of a comparison. Index sets are shared by all
 * models of a fold (exact, PROTOCOL.md §4–5), so models are compared on identical windows.
 * A model is a comparison entry, `kind` or `kind:ablation` (issue #5 item 4: ablations are
 * configurations), resolved here to its merged parameters; unknown names fail listing the valid
 * ones. Robustness options (issue #5 item 5, METHODS.md §6.1) add one task per level × model ×
 * fold on the first split × sampling setting's index sets (robustness.ts).
 */
export function planComparison(yw: Uint8Array, s: ComparisonPlanSettings): { tasks: FoldTask[]; folds: FoldInfo[]; entries: ResolvedEntry[] } {
  const positives = yw.reduce((a, v) => a + v, 0);
  if (positives === 0) throw new VigilError('INVALID_SETTINGS', 'the windows hold no anomaly at all: there is nothing to detect', { hint: 'Check the label set (vigil label) or the business-hours filter; a comparison needs anomalous windows.' });
  if (positives === yw.length) throw new VigilError('INVALID_SETTINGS', 'every window is anomalous: a single class cannot be evaluated', { hint: 'Check the label set: it labels every row.' });
  if (s.splits.includes('kfold') && positives < s.folds) {
    throw new VigilError('INVALID_SETTINGS', `${positives} anomalous window(s) cannot be spread over ${s.folds} stratified folds`, { where: { field: 'folds' }, hint: `Use at most ${positives} folds, or label more outages.` });
  }
  const catalog = s.ablations ?? SUPERVISED_ABLATIONS;
  const entries = s.models.map((m) => resolveEntry(m, catalog));
  const dup = entries.find((e, i) => entries.findIndex((x) => x.entry === e.entry) !== i);
  if (dup) throw new VigilError('INVALID_SETTINGS', `model ${dup.entry} is listed twice`, { where: { field: 'models' } });
  const robustness = (s.robustness ?? []).map(validateRobustness);
  if (new Set(robustness.map((r) => r.kind)).size !== robustness.length) throw new VigilError('INVALID_SETTINGS', 'each robustness kind may be given once', { where: { field: 'robustness' } });
  const paramsOf = (e: ResolvedEntry): ParamOverrides => ({ ...(s.params?.[e.kind] ?? {}), ...e.overrides });
  const tasks: FoldTask[] = [];
  const folds: FoldInfo[] = [];
  const sample = (f: Fold, sampling: SamplingSetting) => {
    const { train, applied } = sampling === 'full' ? { train: f.train, applied: false } : negativeSample(f.train, yw, f.fold, s.seed);
    // Paper mode balances the test set with its own stream (tag 200 + k), disjoint from training's.
    const test = sampling === 'paper' ? negativeSample(f.test, yw, f.fold + 100, s.seed).train : f.test;
    return { train, applied, test };
  };
  const foldsOf = new Map<SplitKind, Fold[]>();
  for (const split of s.splits) {
    const splits: Fold[] = split === 'kfold' ? kfoldSplits(yw, s.folds, s.seed) : blockedSplits(yw.length, s.folds, s.W);
    foldsOf.set(split, splits);
    for (const f of splits) {
      folds.push({ split, fold: f.fold, testWindows: f.test.length, testAnomalies: f.test.reduce((a, i) => a + (yw[i] ?? 0), 0) });
      for (const sampling of s.sampling) {
        const { train, applied, test } = sample(f, sampling);
        const trainHash = indexHash(train);
        const testHash = indexHash(test);
        for (const e of entries) {
          tasks.push({ id: `${split}/${sampling}/${e.entry}/${f.fold}`, model: e.kind, entry: e.entry, variant: e.variant, params: paramsOf(e), robustness: null, perturb: null, sameAs: null, split, sampling, fold: f.fold, train, trainBeforeSampling: f.train, test, samplingApplied: applied, trainHash, testHash });
        }
      }
    }
  }

  // Robustness (issue #5 item 5): one extra task per level × model × fold, on the same index sets
  // as the first split × sampling setting; only what the level names changes.
  const split = s.splits[0];
  const sampling = s.sampling[0];
  if (robustness.length > 0 && split !== undefined && sampling !== undefined) {
    for (const r of robustness) {
      for (const level of r.levels) {
        let rfolds: Fold[];
        if (r.kind === 'shift') {
          if (!s.endMs || s.endMs.length !== yw.length) throw new VigilError('INTERNAL', 'the distribution-shift split needs every window\'s end time');
          rfolds = [{ fold: 0, ...shiftSplit(s.endMs, level, ROBUSTNESS_SHIFT_TEST, s.W) }];
        } else {
          rfolds = foldsOf.get(split) ?? [];
        }
        for (const f0 of rfolds) {
          // Reduced data shrinks the fold's training windows before sampling: scaling and the
          // unsupervised models (which train on the windows before sampling) see less data too.
          const f = r.kind === 'reduced' || r.kind === 'reduced-first' ? { ...f0, train: reduceTraining(f0.train, level, r.kind === 'reduced' ? 'last' : 'first') } : f0;
          const base = sample(f, sampling);
          const train = base.train;
          const perturb: Perturbation | null = r.kind === 'noise' || r.kind === 'label-noise' ? { kind: r.kind, level } : null;
          const identity = r.kind !== 'shift' && isIdentityLevel(r.kind, level);
          const trainHash = indexHash(train);
          const testHash = indexHash(base.test);
          for (const e of entries) {
            tasks.push({
              id: `robust/${r.kind}@${level}/${e.entry}/${f.fold}`,
              model: e.kind,
              entry: e.entry,
              variant: e.variant,
              params: paramsOf(e),
              robustness: { kind: r.kind, level },
              perturb: identity ? null : perturb,
              sameAs: identity ? `${split}/${sampling}/${e.entry}/${f.fold}` : null,
              split,
              sampling,
              fold: f.fold,
              train,
              trainBeforeSampling: f.train,
              test: base.test,
              samplingApplied: base.applied,
              trainHash,
              testHash,
            });
          }
        }
      }
    }
  }
  return { tasks, folds, entries };
}
