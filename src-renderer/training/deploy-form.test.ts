import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../shared/ipc/contract';
import { DEFAULT_DEPLOY, DEPLOY_MODELS, deployedModels, parseAlertBudget, trainParams } from './deploy-form';

const run = (over: Partial<RunSummary> & Pick<RunSummary, 'id' | 'kind' | 'createdAtMs'>): RunSummary => ({ state: 'succeeded', labelSetId: 'ls', labelVersion: 2, seed: 0, backend: null, settings: {}, ...over });

describe('deploy form', () => {
  it('offers the supervised models and the unsupervised detectors, not the baselines', () => {
    expect(DEPLOY_MODELS).toEqual(['cnn', 'lstm', 'contrastive', 'mvas-cscd', 'metric-graph', 'temporal-prototype']);
  });

  it('makes the train job params: the default rule without a budget, alertsPerDay with one', () => {
    expect(trainParams(DEFAULT_DEPLOY)).toEqual({ model: 'cnn', epochs: 20, batchSize: 32, seed: 0, negativeSampling: true, window: 4 });
    expect(trainParams({ ...DEFAULT_DEPLOY, model: 'lstm', alertBudget: ' 2.5 ' })).toMatchObject({ model: 'lstm', alertsPerDay: 2.5 });
    expect(trainParams({ ...DEFAULT_DEPLOY, alertBudget: '0' })).toMatchObject({ alertsPerDay: 0 });
  });

  it('never asks an unsupervised detector for negative sampling (it reads no labels)', () => {
    expect(trainParams({ ...DEFAULT_DEPLOY, model: 'metric-graph', negativeSampling: true })).toMatchObject({ negativeSampling: false });
  });

  it('refuses out-of-range fields and an alert budget that is not a number ≥ 0', () => {
    for (const bad of [{ epochs: 0 }, { epochs: 1.5 }, { batchSize: NaN }, { seed: -1 }, { window: 0 }, { alertBudget: '-1' }, { alertBudget: 'two' }, { alertBudget: '1e9' }]) {
      expect(trainParams({ ...DEFAULT_DEPLOY, ...bad }), JSON.stringify(bad)).toBeNull();
    }
    expect(parseAlertBudget('')).toBeNull();
    expect(parseAlertBudget('3')).toBe(3);
    expect(parseAlertBudget('x')).toBeUndefined();
  });

  it('lists train runs newest first, each with its newest succeeded scoring', () => {
    const result = { threshold: 0.82, thresholdRule: { kind: 'alerts-per-day', alertsPerDay: 2 }, trainingFlags: { fraction: 0.017, alertsPerDay: 2, spanDays: 62 }, trainSeconds: 9.5, windows: 1200 };
    const runs = [
      run({ id: 'cmp', kind: 'comparison', createdAtMs: 50 }),
      run({ id: 't1', kind: 'train', createdAtMs: 100, settings: { model: 'cnn', epochs: 20, result } }),
      run({ id: 's1', kind: 'score', createdAtMs: 200, settings: { modelRunId: 't1', result: { windows: 1000, flagged: 12, spans: 3, labelSetId: 'flags-1' } } }),
      run({ id: 's2', kind: 'score', createdAtMs: 300, settings: { modelRunId: 't1', result: { windows: 1000, flagged: 14, spans: 4, labelSetId: 'flags-2' } } }),
      run({ id: 's3', kind: 'score', createdAtMs: 400, state: 'failed', settings: { modelRunId: 't1' } }),
      run({ id: 't2', kind: 'train', createdAtMs: 500, state: 'cancelled', settings: { model: 'lstm', epochs: 5 } }),
    ];
    const list = deployedModels(runs);
    expect(list.map((m) => m.runId)).toEqual(['t2', 't1']);
    expect(list[0]).toMatchObject({ model: 'lstm', state: 'cancelled', result: null, lastScore: null });
    expect(list[1]).toMatchObject({ model: 'cnn', epochs: 20, labelVersion: 2, result: { threshold: 0.82 } });
    expect(list[1]!.lastScore).toMatchObject({ runId: 's2', flagged: 14, spans: 4, labelSetId: 'flags-2' });
  });

  it('reads train runs of earlier builds (no stored result) without a threshold', () => {
    expect(deployedModels([run({ id: 't', kind: 'train', createdAtMs: 1, settings: { model: 'cnn' } })])[0]).toMatchObject({ result: null, epochs: null });
  });
});
