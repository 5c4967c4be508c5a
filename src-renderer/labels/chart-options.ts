import type { ComposeOption } from 'echarts/core';
import type { LineSeriesOption } from 'echarts/charts';
import type {
  DataZoomComponentOption,
  GridComponentOption,
  MarkAreaComponentOption,
  TitleComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import type { Outage } from '../../shared/domain/outage';
import type { SeriesPoints } from '../../shared/ipc/contract';
import { compactNumber } from '../ui/format';

/**
 * Pure option builders for the Labels area's counter chart (ECharts' model/view split: data in,
 * option out, unit-tested without a DOM). Only the modules registered in `charts/echarts-setup.ts`
 * may appear here.
 */
export type CounterChartOption = ComposeOption<
  LineSeriesOption | GridComponentOption | TooltipComponentOption | DataZoomComponentOption | MarkAreaComponentOption | TitleComponentOption
>;

/** The colours the chart needs (from the theme's CSS variables, see theme.ts). */
export interface ChartColors {
  text: string;
  muted: string;
  border: string;
  grid: string;
  surface: string;
  outage: string;
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

export const DEFAULT_PANEL_LAYOUT: PanelLayout = { panelHeight: 56, titleHeight: 22, top: 6, left: 56, right: 16, bottom: 64 };

/** Total canvas height for `counters` stacked panels. */
export function counterChartHeight(counters: number, layout: PanelLayout = DEFAULT_PANEL_LAYOUT): number {
  return layout.top + counters * (layout.titleHeight + layout.panelHeight) + layout.bottom;
}

/** The outages to shade on an object's chart: its own and the all-object ones, inside the range. */
export function outagesFor(object: string, outages: readonly Outage[], fromMs: number, toMs: number): Outage[] {
  return outages.filter((o) => (o.object === null || o.object === object) && o.endMs >= fromMs && o.startMs <= toMs);
}

/**
 * One small panel per counter, stacked with a shared, linked time axis (Grafana-style small
 * multiples: counters such as TPS and HeapUsed differ by orders of magnitude, so one shared y
 * axis would flatten most of them). Outages are shaded as mark areas in every panel; missing
 * values (null) leave gaps, never zeros (METHODS.md §1).
 *
 * `points.values` is [C][T] aligned with `points.times` [T] (epoch ms).
 */
export function buildCounterPanelsOption(
  points: SeriesPoints,
  outages: readonly Pick<Outage, 'startMs' | 'endMs'>[],
  colors: ChartColors,
  layout: PanelLayout = DEFAULT_PANEL_LAYOUT,
): CounterChartOption {
  const C = points.counters.length;
  const panelTop = (i: number) => layout.top + i * (layout.titleHeight + layout.panelHeight) + layout.titleHeight;
  const all = points.counters.map((_, i) => i);
  const shaded = outages.map((o) => [{ xAxis: o.startMs }, { xAxis: o.endMs }] as [{ xAxis: number }, { xAxis: number }]);

  return {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: { color: colors.text, fontSize: 11 },
    title: points.counters.map((counter, i) => ({
      text: counter,
      left: layout.left,
      top: panelTop(i) - layout.titleHeight + 3,
      textStyle: { fontSize: 11, fontWeight: 600, color: colors.muted },
    })),
    grid: all.map((i) => ({
      left: layout.left,
      right: layout.right,
      top: panelTop(i),
      height: layout.panelHeight,
      containLabel: false,
    })),
    xAxis: all.map((i) => ({
      type: 'time' as const,
      gridIndex: i,
      min: points.times[0],
      max: points.times[points.times.length - 1],
      axisLine: { lineStyle: { color: colors.border } },
      axisTick: { show: i === C - 1, lineStyle: { color: colors.border } },
      axisLabel: { show: i === C - 1, color: colors.muted, fontSize: 11, hideOverlap: true },
      splitLine: { show: true, lineStyle: { color: colors.grid } },
    })),
    yAxis: all.map((i) => ({
      type: 'value' as const,
      gridIndex: i,
      scale: true,
      splitNumber: 2,
      axisLabel: { color: colors.muted, fontSize: 10, formatter: (v: number) => compactNumber(v) },
      splitLine: { lineStyle: { color: colors.grid } },
    })),
    axisPointer: { link: [{ xAxisIndex: 'all' }], lineStyle: { color: colors.muted } },
    tooltip: {
      trigger: 'axis',
      backgroundColor: colors.surface,
      borderColor: colors.border,
      textStyle: { color: colors.text, fontSize: 12 },
      valueFormatter: (v) => (typeof v === 'number' ? compactNumber(v) : '–'),
    },
    dataZoom: [
      { type: 'inside', xAxisIndex: all, filterMode: 'none' },
      {
        type: 'slider',
        xAxisIndex: all,
        filterMode: 'none',
        height: 18,
        bottom: 8,
        left: layout.left,
        right: layout.right,
        borderColor: colors.border,
        textStyle: { color: colors.muted, fontSize: 10 },
      },
    ],
    series: points.counters.map((counter, i) => ({
      type: 'line' as const,
      name: counter,
      xAxisIndex: i,
      yAxisIndex: i,
      showSymbol: false,
      connectNulls: false,
      sampling: 'lttb' as const,
      lineStyle: { width: 1.25 },
      color: colors.series[i % Math.max(1, colors.series.length)] ?? colors.text,
      data: points.times.map((t, j) => [t, points.values[i]?.[j] ?? null] as [number, number | null]),
      markArea: shaded.length > 0 ? { silent: true, itemStyle: { color: colors.outage }, data: shaded } : undefined,
    })),
  };
}
