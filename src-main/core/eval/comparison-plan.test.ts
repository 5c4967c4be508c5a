import { describe, expect, it } from 'vitest';
import { MODEL_ABLATIONS, modelLabel } from '../../../shared/domain/models';
import { UNSUPERVISED_ABLATIONS } from '../models/unsupervised/ablations';
import { VigilError } from '../../../shared/errors';
import { planComparison, type ComparisonPlanSettings } from './comparison-plan';
import { mergeCatalogs, resolveEntry, SUPERVISED_ABLATIONS } from './ablations';

// 60 windows, an anomaly every 10th: every blocked fold holds some.
const yw = Uint8Array.from({ length: 60 }, (_, i) => (i % 10 === 9 ? 1 : 0));
const endMs = Float64Array.from({ length: 60 }, (_, i) => i * 60_000);
const base: ComparisonPlanSettings = { models: ['pca', 'contrastive', 'contrastive:no-pretraining'], splits: ['blocked', 'kfold'], folds: 3, sampling: ['full'], seed: 0, W: 2, endMs };

describe('planComparison: ablations', () => {
  it('plans an ablation as its own entry with the merged parameters, on the same index sets', () => {
    const { tasks, entries } = planComparison(yw, { ...base, params: { contrastive: { pretrainEpochs: 5, projUnits: 16 } } });
    expect(entries.map((e) => e.entry)).toEqual(['pca', 'contrastive', 'contrastive:no-pretraining']);
    expect(tasks).toHaveLength(2 * 3 * 3);
    const plain = tasks.find((t) => t.id === 'blocked/full/contrastive/1')!;
    const abl = tasks.find((t) => t.id === 'blocked/full/contrastive:no-pretraining/1')!;
    expect(plain).toMatchObject({ model: 'contrastive', variant: null, params: { pretrainEpochs: 5, projUnits: 16 } });
    // The ablation's overrides win over the user's per-model parameters.
    expect(abl).toMatchObject({ model: 'contrastive', entry: 'contrastive:no-pretraining', variant: 'no-pretraining', params: { pretrainEpochs: 0, projUnits: 16 } });
    expect(abl.trainHash).toBe(plain.trainHash);
    expect(abl.testHash).toBe(plain.testHash);
    expect(modelLabel('contrastive:no-pretraining')).toBe('contrastive (no pre-training)');
    expect(modelLabel('mvas-cscd:no-cscd')).toBe('mvas-cscd (no CSCD)');
  });

  it('refuses unknown models and ablations, listing the valid ones', () => {
    expect(() => planComparison(yw, { ...base, models: ['contrastive:no-such'] })).toThrow(/unknown ablation "no-such" of contrastive; valid: contrastive:no-pretraining/);
    expect(() => planComparison(yw, { ...base, models: ['cnn:x'] })).toThrow(/cnn has no ablations/);
    expect(() => planComparison(yw, { ...base, models: ['gru'] })).toThrow(/unknown model "gru".*valid models: cnn, lstm, contrastive/);
    expect(() => planComparison(yw, { ...base, models: ['pca', 'pca'] })).toThrow(/listed twice/);
    try {
      planComparison(yw, { ...base, models: ['pca:nope'] });
    } catch (e) {
      expect(e).toBeInstanceOf(VigilError);
      expect((e as VigilError).where).toEqual({ field: 'models' });
    }
  });

  it('offers in the UI exactly the ablations the models define (names shown = names runnable)', () => {
    const catalog = mergeCatalogs(SUPERVISED_ABLATIONS, UNSUPERVISED_ABLATIONS);
    const names = (c: Record<string, Record<string, unknown> | undefined>) => Object.entries(c).flatMap(([k, v]) => Object.keys(v ?? {}).map((n) => `${k}:${n}`)).sort();
    expect(names(MODEL_ABLATIONS)).toEqual(names(catalog));
    expect(planComparison(yw, { ...base, models: ['pca', 'temporal-prototype:no-temporal-residual'], ablations: catalog }).tasks.find((t) => t.variant === 'no-temporal-residual')?.params).toEqual(catalog['temporal-prototype']!['no-temporal-residual']);
  });

  it('takes the unsupervised ablations from the catalogue it is given', () => {
    const catalog = mergeCatalogs(SUPERVISED_ABLATIONS, { 'mvas-cscd': { 'no-cscd': { cscd: false } } });
    expect(resolveEntry('mvas-cscd:no-cscd', catalog)).toMatchObject({ kind: 'mvas-cscd', variant: 'no-cscd', label: 'mvas-cscd (no CSCD)', overrides: { cscd: false } });
    expect(resolveEntry('contrastive:no-pretraining', catalog).overrides).toEqual({ pretrainEpochs: 0 });
  });
});

describe('planComparison: robustness', () => {
  it('adds one task per level × model × fold on the first split × sampling, with the same index sets', () => {
    const { tasks } = planComparison(yw, { ...base, models: ['pca', 'cnn'], robustness: [{ kind: 'noise', levels: [0, 0.2, 0.4] }, { kind: 'reduced', levels: [1, 0.5] }, { kind: 'label-noise', levels: [0.1] }] });
    const plain = tasks.filter((t) => !t.robustness);
    const robust = tasks.filter((t) => t.robustness);
    expect(plain).toHaveLength(2 * 3 * 2);
    expect(robust).toHaveLength((3 + 2 + 1) * 2 * 3);
    for (const t of robust) {
      expect(t.split).toBe('blocked');
      const p = plain.find((x) => x.split === 'blocked' && x.entry === t.entry && x.fold === t.fold)!;
      expect(t.testHash).toBe(p.testHash);
      if (t.robustness!.kind !== 'reduced') expect(t.trainHash).toBe(p.trainHash);
    }
    const noise0 = robust.find((t) => t.id === 'robust/noise@0/cnn/2')!;
    expect(noise0).toMatchObject({ perturb: null, sameAs: 'blocked/full/cnn/2' });
    expect(robust.find((t) => t.id === 'robust/noise@0.4/cnn/2')).toMatchObject({ perturb: { kind: 'noise', level: 0.4 }, sameAs: null });
    expect(robust.find((t) => t.id === 'robust/label-noise@0.1/pca/0')).toMatchObject({ perturb: { kind: 'label-noise', level: 0.1 } });
    const half = robust.find((t) => t.id === 'robust/reduced@0.5/pca/1')!;
    const full = plain.find((t) => t.id === 'blocked/full/pca/1')!;
    expect(half.train.length).toBe(Math.ceil(full.train.length / 2));
    expect(Array.from(half.train)).toEqual(Array.from(full.train.slice(full.train.length - half.train.length)));
    // Shrunk before sampling: scaling and the unsupervised models (trained on these) see less data too.
    expect(Array.from(half.trainBeforeSampling)).toEqual(Array.from(half.train));
    expect(robust.find((t) => t.id === 'robust/reduced@1/pca/1')!.sameAs).toBe('blocked/full/pca/1');
  });

  it('plans distribution shift as one early-train / late-test split per level', () => {
    const { tasks } = planComparison(yw, { ...base, models: ['pca'], robustness: [{ kind: 'shift', levels: [0.4, 0.8] }] });
    const shift = tasks.filter((t) => t.robustness?.kind === 'shift');
    expect(shift).toHaveLength(2);
    for (const t of shift) {
      expect(Array.from(t.test)).toEqual(Array.from({ length: 12 }, (_, i) => 48 + i));
      expect(Math.max(...t.train)).toBeLessThan(48 - 2);
      expect(t.sameAs).toBeNull();
    }
    expect(shift[0]!.train.length).toBe(24);
    expect(shift[1]!.train.length).toBe(46);
  });

  it('refuses a robustness kind given twice', () => {
    expect(() => planComparison(yw, { ...base, robustness: [{ kind: 'noise', levels: [0] }, { kind: 'noise', levels: [0.1] }] })).toThrow(/once/);
  });
});
