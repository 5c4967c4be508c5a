import type { ModelKind, SplitKind } from '../../../shared/domain/models';
import { VigilError } from '../../../shared/errors';
import { negativeSample } from '../windows/negative-sampling';
import { blockedSplits, kfoldSplits, type Fold } from './splits';
import { indexHash } from './index-hash';

/**
 * "full" = trained on every training window (the paper's Table 3); "ns" = trained with negative
 * sampling (Table 4), tested on the natural test set; "paper" = negative sampling on the training
 * AND a balanced test set — what the paper's Table 4 evidently did (its ACC equals
 * (TPR + 1 − FPR)/2), offered explicitly so its numbers can be reproduced and seen for what they are.
 */
export type SamplingSetting = 'full' | 'ns' | 'paper';

export interface ComparisonPlanSettings {
  models: readonly ModelKind[];
  splits: readonly SplitKind[];
  folds: number;
  sampling: readonly SamplingSetting[];
  seed: number;
  /** Window length, for the blocked purge gap (PROTOCOL.md §4). */
  W: number;
}

/** One unit of work: a model trained on one fold's training windows and scored on its test windows. */
export interface FoldTask {
  id: string;
  model: ModelKind;
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
 */
export function planComparison(yw: Uint8Array, s: ComparisonPlanSettings): { tasks: FoldTask[]; folds: FoldInfo[] } {
  const positives = yw.reduce((a, v) => a + v, 0);
  if (positives === 0) throw new VigilError('INVALID_SETTINGS', 'the windows hold no anomaly at all: there is nothing to detect', { hint: 'Check the label set (vigil label) or the business-hours filter; a comparison needs anomalous windows.' });
  if (positives === yw.length) throw new VigilError('INVALID_SETTINGS', 'every window is anomalous: a single class cannot be evaluated', { hint: 'Check the label set: it labels every row.' });
  if (s.splits.includes('kfold') && positives < s.folds) {
    throw new VigilError('INVALID_SETTINGS', `${positives} anomalous window(s) cannot be spread over ${s.folds} stratified folds`, { where: { field: 'folds' }, hint: `Use at most ${positives} folds, or label more outages.` });
  }
  const tasks: FoldTask[] = [];
  const folds: FoldInfo[] = [];
  for (const split of s.splits) {
    const splits: Fold[] = split === 'kfold' ? kfoldSplits(yw, s.folds, s.seed) : blockedSplits(yw.length, s.folds, s.W);
    for (const f of splits) {
      folds.push({ split, fold: f.fold, testWindows: f.test.length, testAnomalies: f.test.reduce((a, i) => a + (yw[i] ?? 0), 0) });
      for (const sampling of s.sampling) {
        const { train, applied } = sampling === 'full' ? { train: f.train, applied: false } : negativeSample(f.train, yw, f.fold, s.seed);
        // Paper mode balances the test set with its own stream (tag 200 + k), disjoint from training's.
        const test = sampling === 'paper' ? negativeSample(f.test, yw, f.fold + 100, s.seed).train : f.test;
        const trainHash = indexHash(train);
        const testHash = indexHash(test);
        for (const model of s.models) {
          tasks.push({ id: `${split}/${sampling}/${model}/${f.fold}`, model, split, sampling, fold: f.fold, train, trainBeforeSampling: f.train, test, samplingApplied: applied, trainHash, testHash });
        }
      }
    }
  }
  return { tasks, folds };
}
