import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { RunModelRow, XY } from '../../shared/domain/runs';
import type { ThresholdPoint } from './threshold';

/**
 * Pure ECharts option builders of the Training and Compare areas (data in, option out; tested
 * without a DOM). Modules used: line, bar, grid, legend, tooltip — registered in
 * `run-echarts.ts`.
 */
export type RunChartOption = ComposeOption<LineSeriesOption | BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

export interface RunChartColors {
  text: string;
  muted: string;
  grid: string;
  accent: string;
  series: readonly string[];
}

function axis(name: string, c: RunChartColors, extra: Record<string, unknown> = {}) {
  return {
    type: 'value' as const,
    name,
    nameLocation: 'middle' as const,
    nameGap: 30,
    nameTextStyle: { color: c.muted },
    axisLabel: { color: c.muted },
    axisLine: { lineStyle: { color: c.grid } },
    splitLine: { lineStyle: { color: c.grid } },
    ...extra,
  };
}

function base(c: RunChartColors): Pick<RunChartOption, 'animation' | 'color' | 'textStyle' | 'legend' | 'tooltip'> {
  return {
    animation: false,
    color: [...c.series],
    textStyle: { color: c.text },
    legend: { top: 0, textStyle: { color: c.text }, type: 'scroll' },
    tooltip: { trigger: 'axis' },
  };
}

const grid = { left: 56, right: 20, top: 34, bottom: 46 };

/** One line per model over a 0–1 × 0–1 plane (ROC or PR), plus the chance diagonal for ROC. */
export function curvesOption(curves: readonly { name: string; points: readonly XY[] }[], labels: { x: string; y: string }, c: RunChartColors, diagonal: boolean): RunChartOption {
  const series: LineSeriesOption[] = curves.map((k) => ({
    type: 'line',
    name: k.name,
    showSymbol: false,
    step: false,
    data: k.points.map((p) => [p.x, p.y]),
    lineStyle: { width: 1.6 },
  }));
  if (diagonal) series.push({ type: 'line', name: '', data: [[0, 0], [1, 1]], showSymbol: false, silent: true, lineStyle: { type: 'dashed', color: c.muted, width: 1 }, tooltip: { show: false } });
  return {
    ...base(c),
    tooltip: { trigger: 'item' },
    grid,
    xAxis: axis(labels.x, c, { min: 0, max: 1 }),
    yAxis: axis(labels.y, c, { min: 0, max: 1, nameGap: 38 }),
    series,
  };
}

/** Histogram bins (minutes) of lead times: `width`-minute bins covering every value. */
export function leadTimeBins(values: readonly number[], width = 10): { from: number; to: number }[] {
  if (values.length === 0) return [];
  const lo = Math.floor(Math.min(...values) / width) * width;
  const hi = Math.floor(Math.max(...values) / width) * width;
  const out: { from: number; to: number }[] = [];
  for (let b = lo; b <= hi; b += width) out.push({ from: b, to: b + width });
  return out;
}

/** Lead-time distribution: one bar series per model over shared bins (counts of caught outages). */
export function leadTimeOption(rows: readonly Pick<RunModelRow, 'model' | 'leadTimes'>[], labels: { x: string; y: string }, c: RunChartColors, width = 10): RunChartOption {
  const all = rows.flatMap((r) => r.leadTimes.flatMap((f) => f.minutes));
  const bins = leadTimeBins(all, width);
  const category = bins.map((b) => `${b.from}…${b.to}`);
  return {
    ...base(c),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid,
    xAxis: { type: 'category', data: category, name: labels.x, nameLocation: 'middle', nameGap: 30, nameTextStyle: { color: c.muted }, axisLabel: { color: c.muted } },
    yAxis: axis(labels.y, c, { minInterval: 1, nameGap: 38 }),
    series: rows.map((r) => {
      const counts = bins.map(() => 0);
      for (const v of r.leadTimes.flatMap((f) => f.minutes)) {
        const k = bins.findIndex((b) => v >= b.from && v < b.to);
        if (k >= 0) counts[k] = (counts[k] as number) + 1;
      }
      return { type: 'bar' as const, name: r.model, data: counts };
    }),
  };
}

/** Outages caught (%) against alerts per day over the slider's sweep, with the current point marked. */
export function thresholdOption(sweep: readonly ThresholdPoint[], current: ThresholdPoint | null, labels: { x: string; y: string }, c: RunChartColors): RunChartOption {
  const pts = sweep.filter((p) => p.alertsPerDay !== null && p.eventRecall !== null).map((p) => [p.alertsPerDay as number, (p.eventRecall as number) * 100]);
  const series: LineSeriesOption[] = [{ type: 'line', name: labels.y, data: pts, showSymbol: false, lineStyle: { width: 1.6 } }];
  if (current && current.alertsPerDay !== null && current.eventRecall !== null) {
    series.push({ type: 'line', name: '●', data: [[current.alertsPerDay, current.eventRecall * 100]], symbolSize: 10, itemStyle: { color: c.accent }, lineStyle: { opacity: 0 } });
  }
  return {
    ...base(c),
    legend: { show: false },
    tooltip: { trigger: 'item' },
    grid: { ...grid, top: 16 },
    xAxis: axis(labels.x, c, { type: 'log', min: 0.01, logBase: 10 }),
    yAxis: axis(labels.y, c, { min: 0, max: 100, nameGap: 38 }),
    series,
  };
}

/** Live loss per epoch: one line per task (`blocked/full/cnn fold 1/3`). */
export function lossOption(losses: ReadonlyMap<string, readonly { epoch: number; loss: number }[]>, labels: { x: string; y: string }, c: RunChartColors): RunChartOption {
  return {
    ...base(c),
    grid: { ...grid, top: 40 },
    xAxis: axis(labels.x, c, { minInterval: 1 }),
    yAxis: axis(labels.y, c, { scale: true, nameGap: 44 }),
    series: [...losses].map(([task, pts]) => ({ type: 'line' as const, name: task, data: pts.map((p) => [p.epoch, p.loss]), showSymbol: pts.length < 30 })),
  };
}
