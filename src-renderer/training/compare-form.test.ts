import { describe, expect, it } from 'vitest';
import { DEFAULT_FORM, FORM_MODELS, compareParams } from './compare-form';

describe('compare form', () => {
  it('offers the supervised, unsupervised and baseline models', () => {
    expect([...FORM_MODELS.supervised, ...FORM_MODELS.baselines]).toEqual(['cnn', 'lstm', 'contrastive', 'random', 'pca', 'iforest']);
    expect(FORM_MODELS.unsupervised).toEqual(['mvas-cscd', 'metric-graph', 'temporal-prototype']);
  });

  it('makes the compare job params', () => {
    expect(compareParams({ ...DEFAULT_FORM, models: ['iforest', 'pca', 'random'], kfold: false, folds: 2, sampling: 'off' })).toEqual({
      models: ['random', 'pca', 'iforest'],
      splits: ['blocked'],
      folds: 2,
      sampling: ['full'],
      epochs: 10,
      batchSize: 32,
      seed: 0,
      windowMode: 'paper',
    });
    expect(compareParams({ ...DEFAULT_FORM, sampling: 'paper' })?.['sampling']).toEqual(['full', 'ns', 'paper']);
  });

  it('refuses an empty model list, no split, or a bad number', () => {
    expect(compareParams({ ...DEFAULT_FORM, models: [] })).toBeNull();
    expect(compareParams({ ...DEFAULT_FORM, blocked: false, kfold: false })).toBeNull();
    expect(compareParams({ ...DEFAULT_FORM, folds: 1 })).toBeNull();
    expect(compareParams({ ...DEFAULT_FORM, epochs: NaN })).toBeNull();
  });
});
