import type { ComposeOption } from 'echarts/core';
import type { LineSeriesOption } from 'echarts/charts';
import type {
  BrushComponentOption,
  DataZoomComponentOption,
  GridComponentOption,
  MarkAreaComponentOption,
  TitleComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import type { LabelSpan, Provenance } from '../../shared/domain/labels';
import type { Outage } from '../../shared/domain/outage';
import { compactNumber, formatDateTime } from '../ui/format';

/**
 * Pure option builders for the Labels area's chart (ECharts' model/view split: data in, option
 * out, unit-tested without a DOM). Only the modules registered in `charts/echarts-setup.ts` may
 * appear here.
 */
export type CounterChartOption = ComposeOption<
  | LineSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | DataZoomComponentOption
  | MarkAreaComponentOption
  | TitleComponentOption
  | BrushComponentOption
>;

/** The colours the chart needs (from the theme's CSS variables, see theme.ts). */
export interface ChartColors {
  text: string;
  muted: string;
  border: string;
  grid: string;
  surface: string;
  /** Health-check spans (outages). */
  outage: string;
  human: string;
  model: string;
  /** Hours outside the business-hours filter. */
  excluded: string;
  series: readonly string[];
}

/** Vertical layout of the stacked panels, px. */
export interface PanelLayout {
  /** Height of one counter's plot. */
  panelHeight: number;
  /** Space above each plot for its counter name. */
  titleHeight: number;
  top: number;
  left: number;
  right: number;
  /** Room under the last panel for its time axis and the zoom slider. */
  bottom: number;
}

export const DEFAULT_PANEL_LAYOUT: PanelLayout = { panelHeight: 64, titleHeight: 22, top: 6, left: 56, right: 16, bottom: 64 };

/** Top of panel `i`'s plot (below its title strip), px. */
export function panelTop(i: number, layout: PanelLayout = DEFAULT_PANEL_LAYOUT): number {
  return layout.top + i * (layout.titleHeight + layout.panelHeight) + layout.titleHeight;
}

/** Total canvas height for `counters` stacked panels. */
export function counterChartHeight(counters: number, layout: PanelLayout = DEFAULT_PANEL_LAYOUT): number {
  return layout.top + Math.max(1, counters) * (layout.titleHeight + layout.panelHeight) + layout.bottom;
}

/** The outages that concern an object: its own and the all-object ones, inside the range. */
export function outagesFor(object: string, outages: readonly Outage[], fromMs: number, toMs: number): Outage[] {
  return outages.filter((o) => (o.object === null || o.object === object) && o.endMs >= fromMs && o.startMs <= toMs);
}

/** Id of the data-less series that carries the span and excluded-hour bands (over all panels). */
export const BAND_SERIES_ID = 'bands';

/**
 * Id prefix of a panel's invisible series when the lines are drawn on a canvas (`canvasLines`):
 * it carries the value range of the panel's lines, so ECharts fits the y axis as it would to the
 * lines, and gives the axis tooltip a series to trigger on.
 */
export const AXIS_SERIES_PREFIX = 'axis|';

/** Id of the invisible series that gives the zoom slider its data shadow (`canvasLines.shadow`). */
export const SHADOW_SERIES_ID = 'shadow';

/** Name prefix of a span's band; a click on a band reports it, so the span can be removed. */
export const SPAN_BAND_PREFIX = 'span:';

export function spanIdOfBand(name: unknown): string | null {
  return typeof name === 'string' && name.startsWith(SPAN_BAND_PREFIX) ? name.slice(SPAN_BAND_PREFIX.length) : null;
}

/** `rgba(r, g, b, a)` with another alpha; other colour syntaxes are returned unchanged. */
export function withAlpha(color: string, alpha: number): string {
  const m = /^rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)/.exec(color);
  return m ? `rgba(${m[1]}, ${m[2]}, ${m[3]}, ${alpha})` : color;
}

export function provenanceColor(p: Provenance, colors: ChartColors): string {
  switch (p) {
    case 'health-check':
      return colors.outage;
    case 'human':
      return colors.human;
    case 'model':
      return colors.model;
  }
}

export interface LabelChartInput {
  /** One entry per visible object, with its counters (the lines themselves are on the canvas). */
  series: readonly { object: string; counters: readonly string[] }[];
  /**
   * The lines are drawn on a canvas over the chart (line-canvas.ts), not by ECharts, which zooms
   * and pans nothing itself either (the chart's gestures do, zoom-gestures.ts): each panel gets
   * one invisible series spanning `extent(counter)` (the value range of its lines, null = no
   * values), which fits its y axis; `shadow` (interleaved t, v) is the slider's data shadow;
   * `tooltipTime()` is the time the axis tooltip shows — ECharts would report the nearest point of
   * the invisible series (a bound), so the chart gives the pointer's time, snapped to the nearest
   * drawn point (null: none near) — and `valueAt(counter|object, t)` each line's value there.
   */
  canvasLines: {
    extent(counter: string): readonly [number, number] | null;
    shadow?: Float64Array;
    tooltipTime(): number | null;
    valueAt(seriesId: string, t: number): number | null;
  };
  /** Every object of the workspace, in a stable order: an object keeps its colour when others hide. */
  objects: readonly string[];
  /** Visible counters, one panel each, in this order. */
  counters: readonly string[];
  spans: readonly LabelSpan[];
  /** Hours outside the business-hours filter, [start, end) ms (see business-hours.ts). */
  excluded: readonly (readonly [number, number])[];
  /** Full extent of the data, ms: the time axes and the slider cover it. */
  bounds: { fromMs: number; toMs: number };
  /** Zoom window, ms; null = everything. */
  view: { fromMs: number; toMs: number } | null;
  /** Whether the brush (select a time span by dragging) is on. */
  brush: boolean;
  /** The brushed span waiting for `l`, drawn as a band on every panel. */
  selection?: { fromMs: number; toMs: number } | null;
  colors: ChartColors;
}

/**
 * One small panel (grid) per counter, stacked on one shared time axis with synced zoom
 * (Grafana-style small multiples: TPS and HeapUsed differ by orders of magnitude, so each panel
 * has its own y axis). Each visible object is one line per panel, coloured by object, drawn on
 * the canvas over the chart (`canvasLines`). Label spans are bands coloured by provenance
 * (health-check / human / model), over the shading of the excluded hours; a span for one object
 * is drawn only while that object is shown.
 */
export function buildLabelChartOption(input: LabelChartInput, layout: PanelLayout = DEFAULT_PANEL_LAYOUT): CounterChartOption {
  const { colors, counters, bounds } = input;
  const P = counters.length;
  const top = (i: number) => panelTop(i, layout);
  const all = counters.map((_, i) => i);
  const visibleObjects = new Set(input.series.map((s) => s.object));
  const spanBands = input.spans
    .filter((s) => s.object === null || visibleObjects.has(s.object))
    .map((s) => {
      const color = provenanceColor(s.provenance, colors);
      // The edge is drawn near-opaque: a 10-minute outage is under a pixel wide on a year's axis.
      return [
        { xAxis: s.startMs, name: `${SPAN_BAND_PREFIX}${s.id}`, itemStyle: { color, borderColor: withAlpha(color, 0.75), borderWidth: 1 } },
        { xAxis: s.endMs },
      ] as const;
    });
  const hourBands = input.excluded.map(([a, b]) => [{ xAxis: a, itemStyle: { color: colors.excluded } }, { xAxis: b }] as const);
  const sel = input.selection && input.selection.toMs > input.selection.fromMs ? input.selection : null;
  const selectionBand = sel
    ? [[{ xAxis: sel.fromMs, name: 'selection', itemStyle: { color: 'rgba(0,0,0,0)', borderColor: colors.text, borderWidth: 1, borderType: 'dashed' as const } }, { xAxis: sel.toMs }] as const]
    : [];
  const bands = [...hourBands, ...spanBands, ...selectionBand];
  const colorOf = (object: string) => seriesColor(object, input.objects, colors);
  const canvas = input.canvasLines;

  const series: LineSeriesOption[] = [];
  // The slider's data shadow comes from the first series on its first axis (the band axis, listed
  // first below): an invisible coarse line of the first counter of the first object.
  if (canvas.shadow && canvas.shadow.length > 0)
    series.push({ ...INVISIBLE_LINE, id: SHADOW_SERIES_ID, name: '', xAxisIndex: P, yAxisIndex: P, tooltip: { show: false }, data: canvas.shadow as unknown as LineSeriesOption['data'], dimensions: ['t', 'v'], encode: { x: 't', y: 'v' } });
  series.push(...axisSeriesUpdate(counters, bounds, canvas.extent).series);
  // The bands: ONE markArea on a data-less series of a band grid laid over all the panels (its own
  // hidden time axis, zoomed with the others), not one per panel: ECharts re-lays out and restyles
  // every markArea item on every redraw, and 10 panels × ~50 spans made that a fifth of each
  // zoom/pan frame (bench/labels-view.bench.ts). A band now runs through the panels' title strips too.
  const B = P; // index of the band grid and its axes
  if (bands.length > 0)
    series.push({
      type: 'line',
      id: BAND_SERIES_ID,
      name: '',
      xAxisIndex: B,
      yAxisIndex: B,
      data: [],
      // Not silent: ECharts makes a markArea silent when its series is (MarkAreaView), and the
      // bands must take clicks (click a span to remove it). The series has no points to hit-test.
      silent: false,
      showSymbol: false,
      tooltip: { show: false },
      emphasis: { disabled: true },
      markArea: { silent: false, label: { show: false }, emphasis: { disabled: true }, data: bands as never },
    });

  const zoomWindow = input.view ? { startValue: input.view.fromMs, endValue: input.view.toMs } : { start: 0, end: 100 };
  return {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: { color: colors.text, fontSize: 11 },
    title: counters.map((counter, i) => ({
      text: counter,
      left: layout.left,
      top: top(i) - layout.titleHeight + 3,
      textStyle: { fontSize: 11, fontWeight: 600, color: colors.muted },
    })),
    // `outerBoundsMode: 'none'`: the margins are fixed (layout), so ECharts need not measure every
    // axis label on every redraw to keep them inside the canvas.
    grid: [
      ...all.map((i) => ({ left: layout.left, right: layout.right, top: top(i), height: layout.panelHeight, containLabel: false, outerBoundsMode: 'none' as const })),
      { left: layout.left, right: layout.right, top: top(0), height: top(Math.max(0, P - 1)) + layout.panelHeight - top(0), containLabel: false, outerBoundsMode: 'none' as const },
    ],
    xAxis: [
      ...all.map((i) => ({
        type: 'time' as const,
        gridIndex: i,
        min: bounds.fromMs,
        max: bounds.toMs,
        axisLine: { lineStyle: { color: colors.border } },
        axisTick: { show: i === P - 1, lineStyle: { color: colors.border } },
        axisLabel: { show: i === P - 1, color: colors.muted, fontSize: 11, hideOverlap: true },
        splitLine: { show: true, lineStyle: { color: colors.grid } },
        // The axis pointer snaps to the nearest data point, and the only data are the 2-point
        // extent series: it follows the pointer instead (`tooltipTime` snaps the values).
        axisPointer: { snap: false },
      })),
      { type: 'time' as const, gridIndex: B, min: bounds.fromMs, max: bounds.toMs, show: false, axisPointer: { show: false } },
    ],
    yAxis: [
      ...all.map((i) => ({
        type: 'value' as const,
        gridIndex: i,
        scale: true,
        splitNumber: 2,
        axisLabel: { color: colors.muted, fontSize: 10, formatter: (v: number) => compactNumber(v) },
        splitLine: { lineStyle: { color: colors.grid } },
      })),
      { type: 'value' as const, gridIndex: B, min: 0, max: 1, show: false },
    ],
    // No emphasis symbols on the 40 lines as the pointer moves (one arc per line per move), and
    // the pointer on its own canvas layer: moving it repaints that layer, not every line.
    axisPointer: { link: [{ xAxisIndex: 'all' }], lineStyle: { color: colors.muted }, triggerEmphasis: false, zlevel: 1 },
    tooltip: {
      trigger: 'axis',
      transitionDuration: 0,
      backgroundColor: colors.surface,
      borderColor: colors.border,
      textStyle: { color: colors.text, fontSize: 12 },
      valueFormatter: (v) => (typeof v === 'number' ? compactNumber(v) : '–'),
      // One table (a row per counter, a column per object) instead of ECharts' 40 blocks with a
      // time heading each: a quarter of the markup to parse and lay out on every pointer move.
      formatter: (() => axisTooltipHtml(counters, [...visibleObjects], colorOf, canvas.valueAt, canvas.tooltipTime())) as never,
    },
    brush: {
      xAxisIndex: 'all',
      brushLink: 'all',
      brushType: 'lineX',
      brushMode: 'single',
      transformable: false,
      throttleType: 'debounce',
      throttleDelay: 100,
      brushStyle: { color: 'rgba(120,120,120,0.18)', borderColor: colors.muted, borderWidth: 1 },
      outOfBrush: { colorAlpha: 1 },
    },
    dataZoom: [
      // the wheel and drags are the chart's own gestures (zoom-gestures.ts), not ECharts'
      { type: 'inside', xAxisIndex: [...all, B], filterMode: 'none', ...zoomWindow, zoomOnMouseWheel: false, moveOnMouseMove: false },
      {
        type: 'slider',
        // The band axis first: the shadow series is on it (see above).
        xAxisIndex: [B, ...all],
        filterMode: 'none',
        height: 18,
        bottom: 8,
        left: layout.left,
        right: layout.right,
        borderColor: colors.border,
        textStyle: { color: colors.muted, fontSize: 10 },
        ...zoomWindow,
      },
    ],
    series,
  };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The axis tooltip as one small table: the time `t` (the chart's, see `canvasLines`), then a row
 * per counter (panel order) with each shown object's value there (`valueAt`) in its column
 * (object colour in the heading; '–' where a line has no point near or the value is missing;
 * t null: no time, every cell '–'). Names come from the data, so they are escaped.
 */
export function axisTooltipHtml(
  counters: readonly string[],
  objects: readonly string[],
  colorOf: (object: string) => string,
  valueAt: (seriesId: string, t: number) => number | null,
  t: number | null,
): string {
  const valueOf = (counter: string, object: string): string => {
    const y = t === null ? null : valueAt(`${counter}|${object}`, t);
    return typeof y === 'number' && Number.isFinite(y) ? compactNumber(y) : '–';
  };
  const cell = 'padding:1px 0 1px 10px;text-align:right;font-variant-numeric:tabular-nums';
  const head = objects
    .map((o) => `<th style="${cell};font-weight:600"><span style="display:inline-block;width:8px;height:8px;border-radius:4px;margin-right:4px;background:${escapeHtml(colorOf(o))}"></span>${escapeHtml(o.split('/').filter(Boolean).pop() ?? o)}</th>`)
    .join('');
  const rows = counters.map((c) => `<tr><td style="padding:1px 0">${escapeHtml(c)}</td>${objects.map((o) => `<td style="${cell}">${valueOf(c, o)}</td>`).join('')}</tr>`).join('');
  const time = t === null ? '' : escapeHtml(formatDateTime(t));
  return `<div style="font-weight:600;margin-bottom:2px">${time}</div><table style="border-collapse:collapse"><tr><th></th>${head}</tr>${rows}</table>`;
}

/** A line series that ECharts lays out but never paints or hit-tests. */
const INVISIBLE_LINE = {
  type: 'line',
  silent: true,
  showSymbol: false,
  connectNulls: false,
  lineStyle: { width: 0, opacity: 0 },
  emphasis: { disabled: true },
  animation: false,
} as const satisfies LineSeriesOption;

/**
 * The panels' invisible series (`canvasLines`): one per counter, two
 * points at the bounds' ends spanning the value range of the panel's lines (none when it has no
 * values), so each y axis fits the lines it shows. A merge update (ECharts matches them by id).
 */
export function axisSeriesUpdate(counters: readonly string[], bounds: { fromMs: number; toMs: number }, extent: (counter: string) => readonly [number, number] | null): { series: LineSeriesOption[] } {
  return {
    series: counters.map((counter, p) => {
      const e = extent(counter);
      return {
        ...INVISIBLE_LINE,
        id: `${AXIS_SERIES_PREFIX}${counter}`,
        name: counter,
        xAxisIndex: p,
        yAxisIndex: p,
        data: e ? [[bounds.fromMs, e[0]], [bounds.toMs, e[1]]] : [],
      };
    }),
  };
}

/** The colour of an object's lines: by its place among all objects, so it keeps it when others hide. */
export function seriesColor(object: string, objects: readonly string[], colors: ChartColors): string {
  const i = objects.indexOf(object);
  return colors.series[(i < 0 ? 0 : i) % Math.max(1, colors.series.length)] ?? colors.text;
}

/** The span a `u` press removes: the one overlapping `range` the most (ties: the latest added). */
export function spanToRemove(spans: readonly LabelSpan[], range: { fromMs: number; toMs: number }, visible: ReadonlySet<string> | null = null): LabelSpan | null {
  let best: LabelSpan | null = null;
  let bestOverlap = 0;
  for (const s of spans) {
    if (visible && s.object !== null && !visible.has(s.object)) continue;
    const overlap = Math.min(s.endMs, range.toMs) - Math.max(s.startMs, range.fromMs);
    const point = range.toMs === range.fromMs && s.startMs <= range.fromMs && s.endMs >= range.fromMs;
    const score = point ? Math.max(overlap, 1) : overlap;
    if (score > 0 && score >= bestOverlap) {
      best = s;
      bestOverlap = score;
    }
  }
  return best;
}
