import { describe, expect, it } from 'vitest';
import type { Outage } from '../../shared/domain/outage';
import type { SeriesPoints } from '../../shared/ipc/contract';
import { buildCounterPanelsOption, counterChartHeight, DEFAULT_PANEL_LAYOUT, outagesFor, type ChartColors } from './chart-options';

const colors: ChartColors = {
  text: '#111',
  muted: '#666',
  border: '#ccc',
  grid: '#eee',
  surface: '#fff',
  outage: 'rgba(255,0,0,0.2)',
  series: ['#a00', '#0a0'],
};

const points: SeriesPoints = {
  object: '/MIS-WAS/MIS-WAS-D',
  counters: ['TPS', 'HeapUsed', 'GcCount'],
  times: [0, 300_000, 600_000],
  values: [
    [1, 2, 3],
    [100, null, 300],
    [0, 0, 1],
  ],
};

const outage = (id: string, object: string | null, startMs: number, endMs: number) => ({ id, object, startMs, endMs }) as Outage;

describe('buildCounterPanelsOption', () => {
  const opt = buildCounterPanelsOption(points, [{ startMs: 300_000, endMs: 450_000 }], colors);
  const series = opt.series as { xAxisIndex: number; yAxisIndex: number; data: [number, number | null][]; color: string; markArea?: { data: unknown[] } }[];
  const grids = opt.grid as { top: number; height: number }[];
  const xAxes = opt.xAxis as { gridIndex: number; axisLabel: { show: boolean }; min: number; max: number }[];

  it('builds one panel (grid, axes, series, title) per counter', () => {
    expect(grids).toHaveLength(3);
    expect(opt.yAxis).toHaveLength(3);
    expect(opt.title).toHaveLength(3);
    expect(series.map((s) => [s.xAxisIndex, s.yAxisIndex])).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
    ]);
    expect((opt.title as { text: string }[]).map((t) => t.text)).toEqual(['TPS', 'HeapUsed', 'GcCount']);
  });

  it('stacks panels without overlap and fits the computed height', () => {
    for (let i = 1; i < grids.length; i++) {
      const prev = grids[i - 1]!;
      expect(grids[i]!.top).toBeGreaterThanOrEqual(prev.top + prev.height);
    }
    const lastGrid = grids[grids.length - 1]!;
    expect(lastGrid.top + lastGrid.height + DEFAULT_PANEL_LAYOUT.bottom).toBe(counterChartHeight(3));
  });

  it('pairs times with values and keeps missing values as gaps, not zeros', () => {
    expect(series[1]!.data).toEqual([
      [0, 100],
      [300_000, null],
      [600_000, 300],
    ]);
    expect(series[2]!.data[0]).toEqual([0, 0]);
  });

  it('labels only the bottom time axis and pins every axis to the data range', () => {
    expect(xAxes.map((a) => a.axisLabel.show)).toEqual([false, false, true]);
    expect(xAxes.every((a) => a.min === 0 && a.max === 600_000)).toBe(true);
  });

  it('shades outages in every panel and cycles the series colours', () => {
    for (const s of series) expect(s.markArea?.data).toEqual([[{ xAxis: 300_000 }, { xAxis: 450_000 }]]);
    expect(series.map((s) => s.color)).toEqual(['#a00', '#0a0', '#a00']);
    const none = buildCounterPanelsOption(points, [], colors);
    expect((none.series as { markArea?: unknown }[]).every((s) => s.markArea === undefined)).toBe(true);
  });

  it('links the panels: one axis pointer and zoom across all x axes', () => {
    expect(opt.axisPointer).toMatchObject({ link: [{ xAxisIndex: 'all' }] });
    expect((opt.dataZoom as { xAxisIndex: number[] }[]).map((d) => d.xAxisIndex)).toEqual([
      [0, 1, 2],
      [0, 1, 2],
    ]);
  });

  it('formats axis labels compactly', () => {
    const y = (opt.yAxis as { axisLabel: { formatter: (v: number) => string } }[])[1]!;
    expect(y.axisLabel.formatter(2_500_000)).toBe('2.5M');
  });
});

describe('outagesFor', () => {
  it("keeps the object's own and all-object outages that overlap the range", () => {
    const list = [
      outage('a', '/x', 100, 200),
      outage('b', null, 150, 250),
      outage('c', '/y', 100, 200),
      outage('d', '/x', 5_000, 6_000),
    ];
    expect(outagesFor('/x', list, 0, 1_000).map((o) => o.id)).toEqual(['a', 'b']);
  });
});
