import { describe, expect, it } from 'vitest';
import { init, use } from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { DataZoomInsideComponent, DataZoomSliderComponent, GridComponent, MarkAreaComponent, TitleComponent, TooltipComponent, AxisPointerComponent, BrushComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { buildLabelChartOption, DEFAULT_PANEL_LAYOUT, counterChartHeight, panelTop, type ChartColors } from './chart-options';
import { panelMapsOf, visibleLines } from './line-layer';
import type { EChartsType } from '../charts/echarts-setup';

// A real ECharts instance (server-side rendering: no DOM), laid out from the real option.
use([LineChart, GridComponent, TitleComponent, TooltipComponent, AxisPointerComponent, DataZoomInsideComponent, DataZoomSliderComponent, MarkAreaComponent, BrushComponent, SVGRenderer]);

const colors: ChartColors = { text: '#111', muted: '#666', border: '#ccc', grid: '#eee', surface: '#fff', outage: '#f00', human: '#00f', model: '#0f0', excluded: '#eee', series: ['#a00', '#0a0'] };

describe('panelMapsOf (a real ECharts layout)', () => {
  const counters = ['TPS', 'HeapUsed'];
  const bounds = { fromMs: 0, toMs: 1_000_000 };
  const extents: Record<string, [number, number]> = { TPS: [3, 97], HeapUsed: [-40, 1200] };
  const width = 900;
  const chart = init(null, null, { renderer: 'svg', ssr: true, width, height: counterChartHeight(counters.length) }) as unknown as EChartsType;
  const view = { fromMs: 200_000, toMs: 600_000 };
  chart.setOption(
    buildLabelChartOption({
      series: [{ object: '/x/a', counters }],
      canvasLines: { extent: (c) => extents[c] ?? null, tooltipTime: () => null, valueAt: () => null },
      objects: ['/x/a'],
      counters,
      spans: [],
      excluded: [],
      bounds,
      view,
      brush: false,
      colors,
    }),
  );
  const maps = panelMapsOf(chart, counters.length, view);
  const L = DEFAULT_PANEL_LAYOUT;

  it('maps the window onto the plot width and each panel to its own rows', () => {
    expect(maps).toHaveLength(2);
    maps.forEach((m, p) => {
      expect(m).not.toBeNull();
      const x = (t: number) => m!.x0 + (t - m!.t0) * m!.xPerMs;
      expect(x(view.fromMs)).toBeCloseTo(L.left, 3);
      expect(x(view.toMs)).toBeCloseTo(width - L.right, 3);
      expect(m!.clip).toEqual({ x: L.left, y: panelTop(p), width: width - L.left - L.right, height: L.panelHeight });
    });
  });

  it("fits each panel's value range inside its plot, larger values higher up (the y axis ECharts niced)", () => {
    maps.forEach((m, p) => {
      const [lo, hi] = extents[counters[p]!]!;
      const y = (v: number) => m!.y0 + (v - m!.v0) * m!.yPerUnit;
      const top = panelTop(p);
      for (const v of [lo, hi]) {
        expect(y(v)).toBeGreaterThanOrEqual(top - 1e-6);
        expect(y(v)).toBeLessThanOrEqual(top + L.panelHeight + 1e-6);
      }
      expect(y(hi)).toBeLessThan(y(lo));
    });
  });
});

describe('visibleLines', () => {
  it('lists each shown object that has the counter, panel by panel, with its points and colour', () => {
    const drawn = new Map([
      ['TPS|/a', Float64Array.from([0, 1])],
      ['TPS|/b', Float64Array.from([0, 2])],
      ['Heap|/a', Float64Array.from([0, 3])],
    ]);
    const lines = visibleLines(['Heap', 'TPS'], ['/a', '/b'], (o, c) => !(o === '/b' && c === 'Heap'), drawn, (o) => (o === '/a' ? 'red' : 'blue'));
    expect(lines.map((l) => [l.panel, l.color, l.points[1]])).toEqual([
      [0, 'red', 3],
      [1, 'red', 1],
      [1, 'blue', 2],
    ]);
  });
});
