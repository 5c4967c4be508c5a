import { describe, expect, it } from 'vitest';
import { curvesOption, leadTimeBins, leadTimeOption, lossOption, thresholdOption } from './run-charts';

const colors = { text: '#111', muted: '#666', grid: '#ddd', accent: '#00f', series: ['#a00', '#0a0'] };

describe('run chart options', () => {
  it('draws one line per model on a unit square, plus the chance diagonal for ROC', () => {
    const o = curvesOption([{ name: 'cnn', points: [{ x: 0, y: 0 }, { x: 0.5, y: 0.9 }, { x: 1, y: 1 }] }, { name: 'pca', points: [] }], { x: 'FPR', y: 'TPR' }, colors, true);
    const series = o.series as { name: string; data: number[][] }[];
    expect(series.map((s) => s.name)).toEqual(['cnn', 'pca', '']);
    expect(series[0]!.data).toEqual([[0, 0], [0.5, 0.9], [1, 1]]);
    expect(series[2]!.data).toEqual([[0, 0], [1, 1]]);
    expect(o.xAxis).toMatchObject({ min: 0, max: 1, name: 'FPR' });
    expect(o.animation).toBe(false);
    expect((curvesOption([], { x: 'R', y: 'P' }, colors, false).series as unknown[]).length).toBe(0);
  });

  it('bins lead times in shared 10-minute bins, negatives included', () => {
    expect(leadTimeBins([])).toEqual([]);
    expect(leadTimeBins([-5, 12])).toEqual([
      { from: -10, to: 0 },
      { from: 0, to: 10 },
      { from: 10, to: 20 },
    ]);
    const o = leadTimeOption(
      [
        { model: 'cnn', leadTimes: [{ fold: 0, minutes: [-5, 12] }, { fold: 1, minutes: [15] }] },
        { model: 'pca', leadTimes: [{ fold: 0, minutes: [1] }] },
      ],
      { x: 'min', y: 'n' },
      colors,
    );
    expect((o.xAxis as { data: string[] }).data).toEqual(['-10…0', '0…10', '10…20']);
    expect((o.series as { name: string; data: number[] }[]).map((s) => [s.name, s.data])).toEqual([
      ['cnn', [1, 0, 2]],
      ['pca', [0, 1, 0]],
    ]);
  });

  it('plots outages caught (%) against alerts/day and marks the current threshold', () => {
    const p = (alerts: number | null, recall: number | null) => ({ q: 0, flagged: 0, alertsPerDay: alerts, caught: 0, outages: 2, eventRecall: recall });
    const o = thresholdOption([p(0, 0), p(1, 0.5), p(null, null), p(3, 1)], p(1, 0.5), { x: 'a/d', y: '%' }, colors);
    const series = o.series as { data: number[][] }[];
    expect(series[0]!.data).toEqual([[0, 0], [1, 50], [3, 100]]);
    expect(series[1]!.data).toEqual([[1, 50]]);
    expect((thresholdOption([], null, { x: 'a', y: 'b' }, colors).series as unknown[]).length).toBe(1);
  });

  it('plots the loss of each task per epoch', () => {
    const o = lossOption(new Map([['blocked/full/cnn fold 1/3', [{ epoch: 1, loss: 0.7 }, { epoch: 2, loss: 0.5 }]]]), { x: 'epoch', y: 'loss' }, colors);
    expect(o.series).toEqual([expect.objectContaining({ name: 'blocked/full/cnn fold 1/3', data: [[1, 0.7], [2, 0.5]] })]);
  });
});
