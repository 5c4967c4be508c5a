import { describe, expect, it } from 'vitest';
import type { RobustnessCurve } from '../../shared/domain/models';
import { robustnessOption } from './robustness-charts';

const colors = { text: '#111', muted: '#666', grid: '#ddd', accent: '#00f', series: ['#a00', '#0a0'] };
const stat = (mean: number | null, std = 0.05) => ({ mean, std: mean === null ? null : std, folds: mean === null ? 0 : 3 });
const curve: RobustnessCurve = {
  kind: 'noise',
  setting: 'blocked/full',
  levels: [0, 0.2, 0.4],
  models: [
    { model: 'pca', points: [0, 0.2, 0.4].map((level, i) => ({ level, folds: 3, metrics: { f1: stat([0.9, 0.7, 0.5][i]!), rocAuc: stat(0.8), prAuc: stat(0.5), eventRecall: stat(null) } })) },
    { model: 'contrastive:no-pretraining', points: [0, 0.2, 0.4].map((level) => ({ level, folds: 3, metrics: { f1: stat(level === 0.2 ? null : 0.6), rocAuc: stat(0.7), prAuc: stat(0.4), eventRecall: stat(1) } })) },
  ],
};

describe('robustnessOption', () => {
  it('draws one line per model at the levels in %, labelled with the variant, gaps for undefined points', () => {
    const o = robustnessOption(curve, 'f1', { x: 'noise %', y: 'F1' }, colors);
    const series = o.series as { name: string; connectNulls: boolean; data: { value: [number, number | null]; sd: number | null; folds: number }[] }[];
    expect(series.map((s) => s.name)).toEqual(['pca', 'contrastive (no pre-training)']);
    expect(series[0]!.data.map((d) => d.value)).toEqual([[0, 0.9], [20, 0.7], [40, 0.5]]);
    expect(series[1]!.data[1]!.value).toEqual([20, null]);
    expect(series[1]!.connectNulls).toBe(false);
    expect(o.xAxis).toMatchObject({ min: 0, max: 40, name: 'noise %' });
    expect(o.yAxis).toMatchObject({ min: 0, max: 1, name: 'F1' });
    const fmt = (o.tooltip as { formatter: (p: unknown) => string }).formatter;
    expect(fmt({ seriesName: 'a<b', data: series[0]!.data[2] })).toBe('a&lt;b<br/>40 %: 0.500 ± 0.050 (3)');
    expect(fmt({ seriesName: 'x', data: series[1]!.data[1] })).toBe('x<br/>20 %: undef (0)');
  });
});
