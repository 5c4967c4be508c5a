import { describe, expect, it } from 'vitest';
import type { RobustnessCurve } from '../../../shared/domain/models';
import { VigilError } from '../../../shared/errors';
import { compareParams, formatRobustness, robustnessOptions } from './compare';

const opts = { split: 'blocked', folds: '3', models: 'pca,contrastive:no-pretraining', sampling: 'full', epochs: '1', batch: '32', seed: '0', window: '4', windows: 'paper' as const, validation: '0.1', cadence: '60' };

describe('vigil compare --robustness', () => {
  it('turns repeated options into robustness settings and passes ablation entries through', () => {
    const p = compareParams({ ...opts, robustness: ['noise:0,0.1,0.2,0.3,0.4', 'reduced:1,0.5,0.25'] });
    expect(p['models']).toEqual(['pca', 'contrastive:no-pretraining']);
    expect(p['robustness']).toEqual([
      { kind: 'noise', levels: [0, 0.1, 0.2, 0.3, 0.4] },
      { kind: 'reduced', levels: [0.25, 0.5, 1] },
    ]);
    expect(compareParams(opts)['robustness']).toBeUndefined();
  });

  it('turns --early-stopping into validation-split parameters of the engine models only', () => {
    expect(compareParams(opts)['params']).toBeUndefined();
    const p = compareParams({ ...opts, earlyStopping: '4', validation: '0.2' })['params'] as Record<string, unknown>;
    expect(p).toEqual({ cnn: { patience: 4, validationFraction: 0.2 }, lstm: { patience: 4, validationFraction: 0.2 }, contrastive: { patience: 4, validationFraction: 0.2 } });
  });

  it('names the bad part of a robustness option', () => {
    const err = (specs: string[]) => {
      try {
        robustnessOptions(specs);
      } catch (e) {
        return e as VigilError;
      }
      throw new Error('expected an error');
    };
    expect(err(['jitter:0.1']).message).toMatch(/unknown kind "jitter"; valid: noise, label-noise, shift, reduced, reduced-first/);
    expect(err(['jitter:0.1']).code).toBe('INVALID_SETTINGS');
    expect(err(['noise:0.1,x']).message).toMatch(/level "x" is not a share/);
    expect(err(['noise:']).message).toMatch(/write noise:level/);
    expect(err(['noise:0.1', 'noise:0.2']).message).toMatch(/given twice/);
    expect(err(['label-noise:0.7']).message).toMatch(/≤ 0.5/);
  });

  it('prints a table per curve with the variant label, mean ± std, and undefined as undef', () => {
    const stat = (mean: number | null, std: number | null) => ({ mean, std, folds: mean === null ? 0 : 3 });
    const curves: RobustnessCurve[] = [
      {
        kind: 'noise',
        setting: 'blocked/full',
        levels: [0, 0.4],
        models: [
          { model: 'contrastive:no-pretraining', points: [{ level: 0, folds: 3, metrics: { f1: stat(0.8, 0.05), rocAuc: stat(0.9, 0.01), prAuc: stat(0.7, 0.1), eventRecall: stat(null, null) } }, { level: 0.4, folds: 3, metrics: { f1: stat(0.5, 0.1), rocAuc: stat(0.6, 0.02), prAuc: stat(0.3, 0.1), eventRecall: stat(1, 0) } }] },
        ],
      },
    ];
    const text = formatRobustness(curves);
    expect(text).toMatch(/robustness: injected Gaussian noise .* · blocked\/full/);
    expect(text).toMatch(/contrastive \(no pre-training\)\s+0 %\s+3\s+0\.800±0\.050\s+0\.900±0\.010\s+0\.700±0\.100\s+undef/);
    expect(text).toMatch(/40 %\s+3\s+0\.500±0\.100/);
  });
});
