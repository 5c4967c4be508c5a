import { describe, expect, it } from 'vitest';
import type { ExplainCandidate } from '../../shared/domain/explain';
import type { RunDetail } from '../../shared/domain/runs';
import type { RunSummary } from '../../shared/ipc/contract';
import { defaultModel, explainableRuns, modelsOf, settingsOf, stepCandidate } from './explain-pick';

const run = (id: string, state: RunSummary['state'], createdAtMs: number): RunSummary => ({ id, state, createdAtMs, kind: 'compare', labelSetId: null, labelVersion: null, seed: 0, backend: null, settings: {} });
const cand = (windowIndex: number): ExplainCandidate => ({ kind: 'outage', windowIndex, object: '/a', endMs: windowIndex, label: 1, score: 0.5, fold: 0, outageIndex: 0 });

describe('explain pickers', () => {
  it('offers finished runs, newest first', () => {
    expect(explainableRuns([run('a', 'succeeded', 1), run('b', 'failed', 3), run('c', 'succeeded', 2)]).map((r) => r.id)).toEqual(['c', 'a']);
  });
  it('prefers a model with maps over a baseline', () => {
    expect(defaultModel(['random', 'pca', 'lstm', 'cnn'])).toBe('cnn');
    expect(defaultModel(['random'])).toBe('random');
    expect(defaultModel([])).toBeNull();
  });
  it('lists settings and their models from the run', () => {
    const d = { groups: [{ setting: 'blocked/full', rows: [{ model: 'cnn' }, { model: 'random' }] }, { setting: 'kfold/full', rows: [{ model: 'lstm' }] }] } as unknown as RunDetail;
    expect(settingsOf(d)).toEqual(['blocked/full', 'kfold/full']);
    expect(modelsOf(d, 'kfold/full')).toEqual(['lstm']);
    expect(modelsOf(d, 'nope')).toEqual([]);
    expect(settingsOf(undefined)).toEqual([]);
  });
  it('steps through the candidates with wrap-around', () => {
    const l = [cand(4), cand(9), cand(2)];
    expect(stepCandidate(l, null, 1)).toBe(4);
    expect(stepCandidate(l, null, -1)).toBe(2);
    expect(stepCandidate(l, 4, 1)).toBe(9);
    expect(stepCandidate(l, 2, 1)).toBe(4);
    expect(stepCandidate(l, 4, -1)).toBe(2);
    expect(stepCandidate(l, 77, 1)).toBe(4); // chosen elsewhere (embedding): start at the top
    expect(stepCandidate([], 4, 1)).toBeNull();
  });
});
