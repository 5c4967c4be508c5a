import { describe, expect, it } from 'vitest';
import type { EmbeddingScatter, ExplainCandidate, HeatMap } from '../../shared/domain/explain';
import { counterTimeMaps, embeddingOption, escapeHtml, formatValue, gridHeatmapOption, mapKey, rawLinesOption, sharedRange, timelineOption, type ExplainColors } from './explain-options';

const colors: ExplainColors = { text: '#111', muted: '#666', grid: '#eee', surface: '#fff', border: '#ccc', accent: '#06c', danger: '#c00', series: ['#a00', '#0a0', '#00a'] };
const map = (method: HeatMap['method'], layer: string | null, values: number[], grid: HeatMap['grid'] = 'counter-time'): HeatMap => ({ method, layer, grid, rows: 2, cols: 3, values, counterImportance: [] });

type HeatSeries = { data: [number, number, number][] };

describe('gridHeatmapOption', () => {
  const opt = gridHeatmapOption({
    rows: ['TPS', '<b>Heap</b>'],
    cols: ['10:00', '10:05', '10:10'],
    values: [1, 2, 3, 4, 5, NaN],
    raw: [10, 20, 30, 40, 50, 60],
    colors,
    cellText: (r, c, v, raw) => `${r}|${c}|${v}|${raw}`,
  }) as { series: HeatSeries[]; yAxis: { data: string[] }; visualMap: { min: number; max: number }; tooltip: { formatter(p: unknown): string } };

  it('puts row 0 on top, one cell per finite value, and scales colours to the values', () => {
    expect(opt.yAxis.data).toEqual(['<b>Heap</b>', 'TPS']);
    expect(opt.series[0]!.data).toEqual([
      [0, 1, 1],
      [1, 1, 2],
      [2, 1, 3],
      [0, 0, 4],
      [1, 0, 5],
    ]);
    expect([opt.visualMap.min, opt.visualMap.max]).toEqual([1, 5]);
  });
  it('names counter, time, value and raw value on hover, escaped', () => {
    expect(opt.tooltip.formatter({ value: [1, 0, 5] })).toBe('&lt;b&gt;Heap&lt;/b&gt;|10:05|5|50');
    expect(opt.tooltip.formatter({ value: [2, 1, 3] })).toBe('TPS|10:10|3|30');
  });
});

describe('maps and scales', () => {
  const maps = [map('activation', 'conv1', [0, 1, 2, 3, 4, 5]), map('adjacency', null, [1, 0, 0, 1], 'counter-counter'), map('saliency', null, [5, 5, 5, 5, 5, 5])];
  it('lists the counter × time maps for the method switch with stable keys', () => {
    expect(counterTimeMaps(maps).map(mapKey)).toEqual(['activation:conv1', 'saliency']);
  });
  it('shares one colour range between normal and anomalous maps', () => {
    expect(sharedRange(maps[0]!, maps[2]!)).toEqual([0, 5]);
    expect(sharedRange(null, null)).toEqual([0, 1]);
  });
  it('escapes HTML', () => expect(escapeHtml(`a<'&">`)).toBe('a&lt;&#39;&amp;&quot;&gt;'));
});

describe('rawLinesOption', () => {
  it('draws one panel per counter with gaps for missing values', () => {
    const o = rawLinesOption(['TPS', 'Heap'], [0, 300_000], [1, NaN, 3, 4], colors) as { grid: unknown[]; series: { data: (number | null)[]; xAxisIndex: number }[] };
    expect(o.grid).toHaveLength(2);
    expect(o.series.map((s) => s.data)).toEqual([
      [1, null],
      [3, 4],
    ]);
    expect(o.series[1]!.xAxisIndex).toBe(1);
  });
});

describe('timelineOption / embeddingOption', () => {
  const c = (kind: ExplainCandidate['kind'], windowIndex: number, score: number): ExplainCandidate => ({ kind, windowIndex, object: '/w', endMs: windowIndex * 1000, label: kind === 'fp' || kind === 'tp' ? 0 : 1, score, fold: 0, outageIndex: -1 });
  it('puts each candidate at (end, score) with its window index, one series per kind', () => {
    const o = timelineOption([c('outage', 3, 0.9), c('fp', 5, 0.7), c('outage', 8, 0.2)], (k) => k, colors, 8) as { series: { name: string; data: { value: number[] }[]; symbolSize(v: unknown, p: unknown): number }[] };
    expect(o.series.map((s) => [s.name, s.data.length])).toEqual([
      ['outage', 2],
      ['fp', 1],
      ['fn', 0],
      ['tp', 0],
    ]);
    expect(o.series[0]!.data[1]!.value).toEqual([8000, 0.2, 8]);
    expect(o.series[0]!.symbolSize(null, { data: { value: [8000, 0.2, 8] } })).toBeGreaterThan(o.series[0]!.symbolSize(null, { data: { value: [3000, 0.9, 3] } }));
  });
  it('splits the embedding by label and keeps each point’s window index', () => {
    const e: EmbeddingScatter = { runId: 'r', model: 'cnn', setting: 'blocked/full', fold: 0, source: 'penultimate', x: [0, 1, 2], y: [3, 4, 5], label: [0, 1, 0], windowIndex: [10, 11, 12], explainedVariance: [0.6, 0.2] };
    const o = embeddingOption(e, { normal: 'N', anomalous: 'A' }, colors, null) as { series: { name: string; data: { value: number[] }[] }[] };
    expect(o.series[0]!.data.map((d) => d.value)).toEqual([
      [0, 3, 10],
      [2, 5, 12],
    ]);
    expect(o.series[1]!.data.map((d) => d.value)).toEqual([[1, 4, 11]]);
  });
});

describe('formatValue', () => {
  it('never shows a small probability as 0', () => {
    expect(formatValue(0.00031)).toBe('3.1e-4');
    expect(formatValue(0)).toBe('0');
    expect(formatValue(0.25)).toBe('0.25');
    expect(formatValue(1234)).toBe('1234');
    expect(formatValue(NaN)).toBe('–');
  });
});
