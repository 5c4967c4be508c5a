import { describe, expect, it } from 'vitest';
import type { RobustnessCurve } from '../../../shared/domain/models';
import { robustnessChartSvg, robustnessFigures } from './robustness-chart';

const stat = (mean: number | null, std = 0) => ({ mean, std: mean === null ? null : std, folds: mean === null ? 0 : 3 });
const curve: RobustnessCurve = {
  kind: 'noise',
  setting: 'blocked/full',
  levels: [0, 0.2, 0.4],
  models: [
    { model: 'pca', points: [0.9, 0.7, 0.5].map((f1, i) => ({ level: [0, 0.2, 0.4][i]!, folds: 3, metrics: { f1: stat(f1, 0.1), rocAuc: stat(0.8), prAuc: stat(0.5), eventRecall: stat(1) } })) },
    { model: 'mvas-cscd:no-cscd', points: [stat(0.6), stat(null), stat(0.4)].map((f1, i) => ({ level: [0, 0.2, 0.4][i]!, folds: 3, metrics: { f1, rocAuc: stat(0.7), prAuc: stat(0.4), eventRecall: stat(null) } })) },
  ],
};

describe('robustnessChartSvg', () => {
  it('draws a line per model at the planned levels, with ±sd bars and the variant label', () => {
    const svg = robustnessChartSvg(curve, 'f1');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).not.toContain('<script');
    expect(svg).toContain('>40%</text>');
    expect(svg).toContain('>20%</text>');
    expect(svg).toContain('mvas-cscd (no CSCD)');
    expect(svg).toContain('noise sd (share of the training range)');
    // pca: x at 48, 228, 408 (plot 360 wide); y = 260 − mean × 232.
    expect(svg).toContain('<path d="M48.0,51.2L228.0,97.6L408.0,144.0"');
    // Its sd bars: one per point.
    expect(svg.match(/stroke-opacity="0.6"/g)).toHaveLength(3);
  });

  it('breaks a line at an undefined point instead of drawing 0', () => {
    const svg = robustnessChartSvg(curve, 'f1');
    expect(svg).toContain('<path d="M48.0,120.8M408.0,167.2"');
    const none = robustnessChartSvg(curve, 'eventRecall');
    expect(none.match(/<path /g)).toHaveLength(1);
  });

  it('escapes titles and labels given by the caller', () => {
    expect(robustnessChartSvg(curve, 'rocAuc', { title: '<b>x</b>' })).toContain('&lt;b&gt;x&lt;/b&gt;');
  });

  it('makes one figure per curve and metric for the report', () => {
    const figs = robustnessFigures([curve, { ...curve, kind: 'reduced' }], ['f1', 'rocAuc']);
    expect(figs.map((f) => `${f.kind}/${f.metric}`)).toEqual(['noise/f1', 'noise/rocAuc', 'reduced/f1', 'reduced/rocAuc']);
    expect(figs[3]!.svg).toContain('share of training windows kept (latest)');
  });
});
