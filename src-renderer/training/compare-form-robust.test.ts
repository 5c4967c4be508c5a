import { describe, expect, it } from 'vitest';
import { DEFAULT_FORM, ablationsOf, compareParams, parseLevels, robustnessList, taskCount } from './compare-form';

describe('compare form: ablations and robustness', () => {
  it('offers each model\'s ablations as kind:name entries', () => {
    expect(ablationsOf('contrastive')).toEqual([{ entry: 'contrastive:no-pretraining', name: 'no-pretraining', text: 'no pre-training' }]);
    expect(ablationsOf('cnn')).toEqual([]);
    expect(ablationsOf('mvas-cscd').map((a) => a.entry)).toContain('mvas-cscd:no-cscd');
  });

  it('puts an ablation right after its model and passes robustness levels', () => {
    const p = compareParams({ ...DEFAULT_FORM, models: ['pca', 'contrastive', 'cnn'], ablations: ['contrastive:no-pretraining'], robustness: { noise: '0, 0.4,0.2', reduced: '1,0.5' } })!;
    expect(p['models']).toEqual(['cnn', 'contrastive', 'contrastive:no-pretraining', 'pca']);
    expect(compareParams({ ...DEFAULT_FORM, models: ['pca', 'mvas-cscd'], ablations: ['mvas-cscd:no-cscd', 'mvas-cscd:no-mvas'] })?.['models']).toEqual(['mvas-cscd', 'mvas-cscd:no-mvas', 'mvas-cscd:no-cscd', 'pca']);
    expect(p['robustness']).toEqual([
      { kind: 'noise', levels: [0, 0.2, 0.4] },
      { kind: 'reduced', levels: [0.5, 1] },
    ]);
    expect(compareParams({ ...DEFAULT_FORM, models: [], ablations: ['contrastive:no-pretraining'] })?.['models']).toEqual(['contrastive:no-pretraining']);
  });

  it('refuses bad levels and counts the extra tasks (identity levels reuse the plain run)', () => {
    expect(parseLevels('0, 0.1')).toEqual([0, 0.1]);
    expect(parseLevels('0,,0.1')).toBeNull();
    expect(parseLevels('0.1, 2')).toBeNull();
    expect(robustnessList({ noise: 'x' })).toBeNull();
    expect(compareParams({ ...DEFAULT_FORM, robustness: { noise: '0, abc' } })).toBeNull();
    const f = { ...DEFAULT_FORM, models: ['pca', 'cnn'], kfold: false, folds: 3, sampling: 'off' as const, robustness: { noise: '0,0.2,0.4', shift: '0.5' } };
    // 2 models × 1 split × 1 sampling × 3 folds + noise (2 non-zero levels × 2 × 3) + shift (1 × 2 × 1)
    expect(taskCount(f, compareParams(f)!)).toBe(6 + 12 + 2);
  });
});
