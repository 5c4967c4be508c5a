import { describe, expect, it } from 'vitest';
import type { LabelSpan } from '../../shared/domain/labels';
import type { Outage } from '../../shared/domain/outage';
import { axisSeriesUpdate, axisTooltipHtml, withAlpha, AXIS_SERIES_PREFIX, BAND_SERIES_ID, buildLabelChartOption, counterChartHeight, DEFAULT_PANEL_LAYOUT, outagesFor, panelTop, seriesColor, SHADOW_SERIES_ID, spanIdOfBand, spanToRemove, type ChartColors, type LabelChartInput } from './chart-options';
import { formatDateTime } from '../ui/format';

const colors: ChartColors = {
  text: '#111',
  muted: '#666',
  border: '#ccc',
  grid: '#eee',
  surface: '#fff',
  outage: 'rgba(255,0,0,0.2)',
  human: 'rgba(0,0,255,0.2)',
  model: 'rgba(0,255,0,0.2)',
  excluded: 'rgba(0,0,0,0.05)',
  series: ['#a00', '#0a0', '#00a'],
};

const pts = (object: string, counters: string[]) => ({ object, counters });
/** The value range of each panel's lines (what the canvas draws), as LabelChart computes it. */
const extents: Record<string, [number, number]> = { TPS: [1, 40], HeapUsed: [-5, 5] };

const span = (id: string, object: string | null, startMs: number, endMs: number, provenance: LabelSpan['provenance'] = 'health-check'): LabelSpan => ({ id, object, startMs, endMs, provenance });

const input = (over: Partial<LabelChartInput> = {}): LabelChartInput => ({
  series: [pts('/x/a', ['TPS', 'HeapUsed', 'GcCount']), pts('/x/b', ['TPS', 'HeapUsed', 'GcCount'])],
  canvasLines: { extent: (c) => extents[c] ?? null, tooltipTime: () => 300_000, valueAt: (id) => id.length },
  objects: ['/x/a', '/x/b', '/x/c'],
  counters: ['TPS', 'HeapUsed', 'GcCount'],
  spans: [span('s1', null, 300_000, 450_000), span('s2', '/x/b', 0, 100_000, 'human'), span('s3', '/x/c', 0, 1, 'model')],
  excluded: [[500_000, 600_000]],
  bounds: { fromMs: 0, toMs: 600_000 },
  view: null,
  brush: false,
  colors,
  ...over,
});

type S = { id: string; name: string;  xAxisIndex: number; yAxisIndex: number; data: [number, number | null][]; color: string; sampling: string; markArea?: { data: [{ xAxis: number; name?: string; itemStyle: { color: string } }, { xAxis: number }][] } };

describe('buildLabelChartOption', () => {
  const opt = buildLabelChartOption(input());
  const all = opt.series as S[];
  const series = all.filter((s) => s.id !== BAND_SERIES_ID);
  const bandSeries = all.find((s) => s.id === BAND_SERIES_ID);
  // The last grid carries the bands over all the panels.
  const allGrids = opt.grid as { top: number; height: number; outerBoundsMode?: string }[];
  const grids = allGrids.slice(0, -1);

  it('builds one titled panel per counter, each with its own y axis', () => {
    expect(grids).toHaveLength(3);
    expect(opt.yAxis).toHaveLength(4);
    expect((opt.title as { text: string }[]).map((t) => t.text)).toEqual(['TPS', 'HeapUsed', 'GcCount']);
    expect(series.map((s) => [s.xAxisIndex, s.yAxisIndex, s.name])).toEqual([
      [0, 0, 'TPS'],
      [1, 1, 'HeapUsed'],
      [2, 2, 'GcCount'],
    ]);
  });

  it('stacks panels without overlap and fits the computed height', () => {
    for (let i = 1; i < grids.length; i++) expect(grids[i]!.top).toBeGreaterThanOrEqual(grids[i - 1]!.top + grids[i - 1]!.height);
    const last = grids[grids.length - 1]!;
    expect(last.top + last.height + DEFAULT_PANEL_LAYOUT.bottom).toBe(counterChartHeight(3));
    // Fixed margins: ECharts need not measure labels to fit them on every redraw.
    expect(allGrids.every((g) => g.outerBoundsMode === 'none')).toBe(true);
  });

  it('lays the band grid over all the panels, on its own hidden axes, last in the series', () => {
    const band = allGrids[allGrids.length - 1]!;
    expect(band.top).toBe(grids[0]!.top);
    expect(band.top + band.height).toBe(grids[2]!.top + grids[2]!.height);
    expect(bandSeries).toMatchObject({ xAxisIndex: 3, yAxisIndex: 3, data: [] });
    expect(all[all.length - 1]).toBe(bandSeries);
    expect((opt.xAxis as { show?: boolean; min: number; max: number }[])[3]).toMatchObject({ show: false, min: 0, max: 600_000 });
    expect((opt.yAxis as { show?: boolean; min?: number; max?: number }[])[3]).toMatchObject({ show: false, min: 0, max: 1 });
    // No spans and no excluded hours: no band series at all.
    const none = buildLabelChartOption(input({ spans: [], excluded: [] }));
    expect((none.series as S[]).some((s) => s.id === BAND_SERIES_ID)).toBe(false);
  });

  it('draws excluded hours under the spans, spans coloured by provenance, only for shown objects', () => {
    // One markArea for all panels (not one per panel: ECharts re-lays out every item per redraw).
    expect(all.filter((s) => s.markArea)).toEqual([bandSeries]);
    const bands = bandSeries!.markArea!.data;
    expect(bands.map(([a, b]) => [a.xAxis, b.xAxis, a.name ?? null, a.itemStyle.color])).toEqual([
      [500_000, 600_000, null, colors.excluded],
      [300_000, 450_000, 'span:s1', colors.outage],
      [0, 100_000, 'span:s2', colors.human],
    ]);
    expect(spanIdOfBand(bands[1]![0].name)).toBe('s1');
    expect((bands[1]![0].itemStyle as { borderColor?: string }).borderColor).toBe('rgba(255, 0, 0, 0.75)');
    expect(spanIdOfBand(undefined)).toBeNull();
  });

  it('hides counters and objects that are switched off', () => {
    const o = buildLabelChartOption(input({ counters: ['GcCount'], series: [pts('/x/b', ['TPS', 'HeapUsed', 'GcCount'])] }));
    expect((o.series as S[]).map((s) => s.id)).toEqual([`${AXIS_SERIES_PREFIX}GcCount`, BAND_SERIES_ID]);
    expect(o.grid).toHaveLength(2); // one panel + the band grid
  });

  it('links the panels: one axis pointer and one zoom across all axes, at the view', () => {
    expect(opt.axisPointer).toMatchObject({ link: [{ xAxisIndex: 'all' }] });
    const zooms = opt.dataZoom as { type: string; xAxisIndex: number[]; start?: number; startValue?: number; endValue?: number }[];
    // The band grid's axis (3) zooms with the panels.
    expect(zooms.map((d) => [d.type, d.xAxisIndex])).toEqual([
      ['inside', [0, 1, 2, 3]],
      ['slider', [3, 0, 1, 2]],
    ]);
    expect(zooms[0]!.start).toBe(0);
    const zoomed = buildLabelChartOption(input({ view: { fromMs: 100, toMs: 200 } }));
    expect((zoomed.dataZoom as { startValue: number; endValue: number }[]).map((d) => [d.startValue, d.endValue])).toEqual([
      [100, 200],
      [100, 200],
    ]);
    expect((opt.xAxis as { min: number; max: number }[]).every((a) => a.min === 0 && a.max === 600_000)).toBe(true);
  });

  it('selects spans with a lineX brush on every panel; the wheel and drags are the chart\'s own gestures', () => {
    expect(opt.brush).toMatchObject({ xAxisIndex: 'all', brushType: 'lineX', brushMode: 'single' });
    for (const brush of [false, true]) {
      const inside = (buildLabelChartOption(input({ brush })).dataZoom as { zoomOnMouseWheel?: boolean; moveOnMouseMove?: boolean }[])[0]!;
      expect([inside.zoomOnMouseWheel, inside.moveOnMouseMove]).toEqual([false, false]);
    }
  });

  it('formats axis labels compactly', () => {
    const y = (opt.yAxis as { axisLabel: { formatter: (v: number) => string } }[])[1]!;
    expect(y.axisLabel.formatter(2_500_000)).toBe('2.5M');
  });
});

describe('spanToRemove', () => {
  const spans = [span('a', null, 0, 100), span('b', '/x', 50, 300), span('c', '/y', 0, 1000)];
  it('picks the span overlapping the range most, among shown objects', () => {
    expect(spanToRemove(spans, { fromMs: 60, toMs: 250 }, new Set(['/x']))?.id).toBe('b');
    expect(spanToRemove(spans, { fromMs: 10, toMs: 20 }, new Set(['/x']))?.id).toBe('a');
    expect(spanToRemove(spans, { fromMs: 2000, toMs: 3000 })).toBeNull();
    expect(spanToRemove(spans, { fromMs: 500, toMs: 500 })?.id).toBe('c');
  });
});

describe('outagesFor', () => {
  it("keeps the object's own and all-object outages that overlap the range", () => {
    const o = (id: string, object: string | null, startMs: number, endMs: number) => ({ id, object, startMs, endMs }) as Outage;
    const list = [o('a', '/x', 100, 200), o('b', null, 150, 250), o('c', '/y', 100, 200), o('d', '/x', 5_000, 6_000)];
    expect(outagesFor('/x', list, 0, 1_000).map((x) => x.id)).toEqual(['a', 'b']);
  });
});

describe('withAlpha', () => {
  it('replaces the alpha of rgb/rgba colours only', () => {
    expect(withAlpha('rgba(214, 69, 56, 0.16)', 0.5)).toBe('rgba(214, 69, 56, 0.5)');
    expect(withAlpha('rgb(1,2,3)', 1)).toBe('rgba(1, 2, 3, 1)');
    expect(withAlpha('#abc', 0.5)).toBe('#abc');
  });
});

describe('axisTooltipHtml', () => {
  const colorOf = (o: string) => (o === '/x/a' ? '#a00' : '#0a0');
  it('shows the time once, then a row per counter with a column per object, read at that time; gaps as –', () => {
    const seen: string[] = [];
    const values: Record<string, number | null> = { 'TPS|/x/a': 1234.5, 'TPS|/x/b': NaN, 'Heap|/x/b': 2_500_000, 'Heap|/x/a': null };
    const html = axisTooltipHtml(['TPS', 'Heap'], ['/x/a', '/x/b'], colorOf, (id, t) => (seen.push(`${id}@${t}`), values[id] ?? null), 60_000);
    expect(seen.sort()).toEqual(['Heap|/x/a@60000', 'Heap|/x/b@60000', 'TPS|/x/a@60000', 'TPS|/x/b@60000']);
    expect(html.split(formatDateTime(60_000))).toHaveLength(2);
    const rows = html.split('<tr>').slice(2); // after the table and its heading row
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('TPS');
    expect(rows[0]).toContain('>1235<'); // compactNumber
    expect(rows[0]!.match(/–/g)).toHaveLength(1); // /x/b's missing value
    expect(rows[1]).toContain('2.5M');
    expect(rows[1]!.match(/–/g)).toHaveLength(1); // no Heap point near for /x/a
    expect(html).toContain('background:#a00');
    expect(html).toMatch(/>a<\/th>.*>b<\/th>/);
  });
  it('no time (no drawn point near the pointer): the rows stay, every cell –', () => {
    const none = axisTooltipHtml(['TPS', 'Heap'], ['/x/a'], () => '#000', () => 5, null);
    expect(none.split('<tr>').slice(2)).toHaveLength(2);
    expect(none.match(/–/g)).toHaveLength(2);
    expect(none).not.toContain('>5<');
  });
  it('escapes names from the data', () => {
    const html = axisTooltipHtml(['T<b>'], ['/x/<img src=x>'], () => '#000', () => 1, 0);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('T<b>');
    expect(html).toContain('T&#60;b&#62;');
  });
});

describe('canvasLines (the lines drawn on a canvas over the chart)', () => {
  const shadow = Float64Array.from([0, 1, 600_000, 2]);
  const opt = buildLabelChartOption(input({ canvasLines: { extent: (c) => extents[c] ?? null, shadow, tooltipTime: () => 300_000, valueAt: (id) => id.length } }));
  type Series = { id: string; type: string; xAxisIndex: number; yAxisIndex: number; data: unknown; silent?: boolean; lineStyle?: { opacity?: number }; markArea?: unknown };
  const series = opt.series as Series[];

  it('gives ECharts no line series: one invisible extent series per panel, on its axes', () => {
    const axes = series.filter((x) => x.id.startsWith(AXIS_SERIES_PREFIX));
    expect(axes.map((x) => [x.id, x.xAxisIndex, x.yAxisIndex])).toEqual([
      ['axis|TPS', 0, 0],
      ['axis|HeapUsed', 1, 1],
      ['axis|GcCount', 2, 2],
    ]);
    expect(series.some((x) => x.id.includes('|/x/'))).toBe(false);
    // Two points at the bounds spanning the lines' values (the y axis fits them); none without values.
    expect(axes[0]!.data).toEqual([
      [0, 1],
      [600_000, 40],
    ]);
    expect(axes[1]!.data).toEqual([
      [0, -5],
      [600_000, 5],
    ]);
    expect(axes[2]!.data).toEqual([]);
    expect(axes.every((x) => x.silent === true && x.lineStyle?.opacity === 0)).toBe(true);
    // The bands stay clickable.
    expect(series.find((x) => x.id === BAND_SERIES_ID)?.silent).toBe(false);
  });

  it('keeps the slider shadow: an invisible series first on the band axis, which the slider lists first', () => {
    const B = 3;
    const sh = series.find((x) => x.id === SHADOW_SERIES_ID)!;
    expect([sh.xAxisIndex, sh.yAxisIndex, sh.data]).toEqual([B, B, shadow]);
    expect(series.findIndex((x) => x.id === SHADOW_SERIES_ID)).toBeLessThan(series.findIndex((x) => x.id === BAND_SERIES_ID));
    const slider = (opt.dataZoom as { type: string; xAxisIndex: number[] }[]).find((d) => d.type === 'slider')!;
    expect(slider.xAxisIndex).toEqual([B, 0, 1, 2]);
  });

  it('lets the axis pointer follow the pointer (no snapping to the 2-point series) and the tooltip use the chart\'s time', () => {
    const xs = opt.xAxis as { axisPointer?: { snap?: boolean; show?: boolean } }[];
    expect(xs.slice(0, 3).every((a) => a.axisPointer?.snap === false)).toBe(true);
    const tooltip = opt.tooltip as { formatter: (p: unknown) => string };
    const html = tooltip.formatter([{ seriesId: 'axis|TPS', value: [0, 1], axisValue: 0, axisValueLabel: 'bound' }]);
    expect(html).toContain(formatDateTime(300_000));
    expect(html).not.toContain('bound');
  });

  it('updates the extents by id, as a merge', () => {
    const u = axisSeriesUpdate(['TPS', 'GcCount'], { fromMs: 10, toMs: 20 }, (c) => (c === 'TPS' ? [2, 3] : null));
    expect(u.series.map((x) => [x.id, x.xAxisIndex, x.data])).toEqual([
      ['axis|TPS', 0, [[10, 2], [20, 3]]],
      ['axis|GcCount', 1, []],
    ]);
  });

  it('places panel plots and colours lines as the option does', () => {
    const grids = opt.grid as { top: number }[];
    expect([0, 1, 2].map((i) => panelTop(i))).toEqual(grids.slice(0, 3).map((g) => g.top));
    expect(seriesColor('/x/b', ['/x/a', '/x/b'], colors)).toBe('#0a0');
    expect(seriesColor('/x/zzz', ['/x/a'], colors)).toBe('#a00');
  });
});
