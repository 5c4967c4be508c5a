import type { EChartsCoreOption } from 'echarts/core';
import type { EmbeddingScatter, ExplainCandidate, ExplainMethod, HeatMap } from '../../shared/domain/explain';
import { compactNumber } from '../ui/format';

/**
 * Pure ECharts option builders of the Explain area (METHODS.md §7): data in, option out, unit
 * tested without a DOM. Only modules registered in charts/echarts-setup.ts appear (heatmap,
 * scatter, line, continuous visualMap). Every number drawn comes from the engine's answer.
 */

export interface ExplainColors {
  text: string;
  muted: string;
  grid: string;
  surface: string;
  border: string;
  accent: string;
  danger: string;
  series: readonly string[];
}

/** A score or map value: compact, but a small probability (3e-4) is not shown as 0. */
export function formatValue(n: number): string {
  if (!Number.isFinite(n)) return '–';
  const a = Math.abs(n);
  return a !== 0 && a < 0.001 ? n.toExponential(1) : compactNumber(n);
}

/** A map's key in the method switch: `gradcam:conv2`, `saliency`. */
export function mapKey(m: Pick<HeatMap, 'method' | 'layer'>): string {
  return m.layer ? `${m.method}:${m.layer}` : m.method;
}

/** The counters × time maps of an explanation, in the engine's order (the method switch). */
export function counterTimeMaps(maps: readonly HeatMap[]): HeatMap[] {
  return maps.filter((m) => m.grid === 'counter-time');
}

export function mapOf(maps: readonly HeatMap[], method: ExplainMethod): HeatMap | null {
  return maps.find((m) => m.method === method) ?? null;
}

/** `HH:MM` (local) of each column's time: the x axis of a window (W is small: 4 to 60 steps). */
export function timeLabels(times: readonly number[]): string[] {
  const pad = (n: number) => String(n).padStart(2, '0');
  return times.map((t) => {
    const d = new Date(t);
    return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  });
}

export interface GridHeatmapInput {
  /** Row names (counters), top to bottom. */
  rows: readonly string[];
  /** Column names (times, or counters for an adjacency). */
  cols: readonly string[];
  /** [rows·cols] row-major. */
  values: readonly number[];
  /** Shown in the tooltip beside each cell's value ([rows·cols] raw values), when given. */
  raw?: readonly number[] | null;
  colors: ExplainColors;
  /** Tooltip line of a cell: counter (row), column, value (and raw value). */
  cellText(row: string, col: string, value: number, raw: number | null): string;
  /** Left margin for the row names, px. */
  left?: number;
  /** Fixed colour scale (to compare two maps side by side); default the map's own min..max. */
  range?: [number, number];
}

/**
 * A rows × cols heatmap (the window's counters × time grid, or a counter × counter adjacency):
 * row 0 at the top, one cell per value, a continuous colour scale from surface to accent.
 */
export function gridHeatmapOption(input: GridHeatmapInput): EChartsCoreOption {
  const { rows, cols, values, colors } = input;
  const R = rows.length;
  const C = cols.length;
  const data: [number, number, number][] = [];
  let lo = Infinity;
  let hi = -Infinity;
  for (let r = 0; r < R; r++) {
    for (let c = 0; c < C; c++) {
      const v = values[r * C + c];
      if (v === undefined || !Number.isFinite(v)) continue;
      // y index counts from the bottom in ECharts: row 0 goes on top.
      data.push([c, R - 1 - r, v]);
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  const [min, max] = input.range ?? (lo <= hi ? [lo, hi === lo ? lo + 1 : hi] : [0, 1]);
  return {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: { color: colors.text, fontSize: 11 },
    grid: { left: input.left ?? 132, right: 70, top: 8, bottom: 28 },
    xAxis: { type: 'category', data: [...cols], axisLabel: { color: colors.muted, fontSize: 10, hideOverlap: true }, axisLine: { lineStyle: { color: colors.border } }, splitArea: { show: false } },
    yAxis: { type: 'category', data: [...rows].reverse(), axisLabel: { color: colors.muted, fontSize: 10 }, axisLine: { lineStyle: { color: colors.border } } },
    visualMap: {
      type: 'continuous',
      min,
      max,
      calculable: false,
      orient: 'vertical',
      right: 4,
      top: 'middle',
      itemHeight: 120,
      itemWidth: 10,
      textStyle: { color: colors.muted, fontSize: 10 },
      formatter: (v: number) => formatValue(v),
      inRange: { color: [colors.surface, colors.accent, colors.danger] },
    },
    tooltip: {
      trigger: 'item',
      backgroundColor: colors.surface,
      borderColor: colors.border,
      textStyle: { color: colors.text, fontSize: 12 },
      formatter: (p: unknown) => {
        const v = (p as { value?: [number, number, number] }).value;
        if (!v) return '';
        const r = R - 1 - v[1];
        const raw = input.raw ? (input.raw[r * C + v[0]] ?? null) : null;
        return escapeHtml(input.cellText(rows[r] ?? '', cols[v[0]] ?? '', v[2], raw === null || !Number.isFinite(raw) ? null : raw));
      },
    },
    series: [{ type: 'heatmap', data, emphasis: { itemStyle: { borderColor: colors.text, borderWidth: 1 } }, progressive: 0 }],
  };
}

/** One small panel per counter of the raw values over the window (each with its own y scale). */
export function rawLinesOption(counters: readonly string[], times: readonly number[], raw: readonly number[], colors: ExplainColors, panelHeight = 34): EChartsCoreOption {
  const F = counters.length;
  const W = times.length;
  const labels = timeLabels(times);
  const top = (i: number) => 6 + i * (panelHeight + 6);
  return {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: { color: colors.text, fontSize: 11 },
    grid: counters.map((_, i) => ({ left: 132, right: 12, top: top(i), height: panelHeight })),
    xAxis: counters.map((_, i) => ({ type: 'category', gridIndex: i, data: labels, boundaryGap: false, axisLabel: { show: i === F - 1, color: colors.muted, fontSize: 10 }, axisTick: { show: false }, axisLine: { lineStyle: { color: colors.border } } })),
    yAxis: counters.map((c, i) => ({ type: 'value', gridIndex: i, scale: true, name: c, nameLocation: 'middle', nameRotate: 0, nameGap: 8, nameTextStyle: { color: colors.muted, fontSize: 10, align: 'right' }, axisLabel: { show: false }, splitLine: { show: false } })),
    tooltip: { trigger: 'axis', backgroundColor: colors.surface, borderColor: colors.border, textStyle: { color: colors.text, fontSize: 12 }, valueFormatter: (v: unknown) => (typeof v === 'number' ? compactNumber(v) : '–') },
    axisPointer: { link: [{ xAxisIndex: 'all' }] },
    series: counters.map((c, i) => ({
      type: 'line',
      name: c,
      xAxisIndex: i,
      yAxisIndex: i,
      showSymbol: W <= 12,
      symbolSize: 4,
      color: colors.series[i % Math.max(1, colors.series.length)] ?? colors.text,
      lineStyle: { width: 1.4 },
      // Missing values stay gaps (METHODS.md §1).
      data: Array.from({ length: W }, (_, t) => {
        const v = raw[i * W + t];
        return v === undefined || !Number.isFinite(v) ? null : v;
      }),
    })),
  };
}

/** Height of `rawLinesOption` for F counters. */
export function rawLinesHeight(F: number, panelHeight = 34): number {
  return 6 + F * (panelHeight + 6) + 22;
}

/** Temporal attention α over the window's steps. */
export function temporalOption(map: HeatMap, times: readonly number[], colors: ExplainColors): EChartsCoreOption {
  return {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: { color: colors.text, fontSize: 11 },
    grid: { left: 48, right: 12, top: 10, bottom: 26 },
    xAxis: { type: 'category', data: timeLabels(times.length === map.cols ? times : []), axisLabel: { color: colors.muted, fontSize: 10 } },
    yAxis: { type: 'value', min: 0, axisLabel: { color: colors.muted, fontSize: 10, formatter: (v: number) => compactNumber(v) }, splitLine: { lineStyle: { color: colors.grid } } },
    tooltip: { trigger: 'axis', backgroundColor: colors.surface, borderColor: colors.border, textStyle: { color: colors.text, fontSize: 12 } },
    series: [{ type: 'line', name: 'α', data: map.values.slice(0, map.cols), color: colors.accent, areaStyle: { opacity: 0.15 }, showSymbol: true }],
  };
}

/** Candidate windows over time: x = window end, y = the model's score, one colour per kind. */
export function timelineOption(candidates: readonly ExplainCandidate[], kindName: (k: ExplainCandidate['kind']) => string, colors: ExplainColors, selected: number | null): EChartsCoreOption {
  const kinds: ExplainCandidate['kind'][] = ['outage', 'fp', 'fn', 'tp'];
  const color: Record<ExplainCandidate['kind'], string> = { outage: colors.danger, fp: colors.series[1] ?? colors.accent, fn: colors.series[2] ?? colors.muted, tp: colors.series[0] ?? colors.accent };
  return {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: { color: colors.text, fontSize: 11 },
    grid: { left: 48, right: 12, top: 26, bottom: 26 },
    xAxis: { type: 'time', axisLabel: { color: colors.muted, fontSize: 10, hideOverlap: true }, splitLine: { show: false } },
    yAxis: { type: 'value', name: 'score', nameTextStyle: { color: colors.muted, fontSize: 10 }, axisLabel: { color: colors.muted, fontSize: 10, formatter: (v: number) => compactNumber(v) }, splitLine: { lineStyle: { color: colors.grid } } },
    tooltip: { trigger: 'item', backgroundColor: colors.surface, borderColor: colors.border, textStyle: { color: colors.text, fontSize: 12 } },
    series: kinds.map((k) => ({
      type: 'scatter',
      name: kindName(k),
      color: color[k],
      symbolSize: (_: unknown, p: { data?: { value?: number[] } }) => ((p.data?.value?.[2] ?? -1) === selected ? 13 : 7),
      data: candidates.filter((c) => c.kind === k).map((c) => ({ value: [c.endMs, c.score, c.windowIndex], name: `${kindName(k)} · ${c.object}` })),
    })),
  };
}

/** The embedding scatter: one series per label, each point carrying its window index (click → open it). */
export function embeddingOption(e: EmbeddingScatter, names: { normal: string; anomalous: string }, colors: ExplainColors, selected: number | null): EChartsCoreOption {
  const pts = (label: number) => e.x.flatMap((x, i) => ((e.label[i] ?? 0) === label ? [{ value: [x, e.y[i] ?? 0, e.windowIndex[i] ?? -1] }] : []));
  const size = (_: unknown, p: { data?: { value?: number[] } }) => ((p.data?.value?.[2] ?? -1) === selected ? 12 : 5);
  return {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: { color: colors.text, fontSize: 11 },
    grid: { left: 44, right: 12, top: 28, bottom: 26 },
    xAxis: { type: 'value', name: 'PC1', scale: true, nameTextStyle: { color: colors.muted }, axisLabel: { color: colors.muted, fontSize: 10, formatter: (v: number) => compactNumber(v) }, splitLine: { lineStyle: { color: colors.grid } } },
    yAxis: { type: 'value', name: 'PC2', scale: true, nameTextStyle: { color: colors.muted }, axisLabel: { color: colors.muted, fontSize: 10, formatter: (v: number) => compactNumber(v) }, splitLine: { lineStyle: { color: colors.grid } } },
    tooltip: { trigger: 'item', backgroundColor: colors.surface, borderColor: colors.border, textStyle: { color: colors.text, fontSize: 12 }, formatter: (p: unknown) => `${escapeHtml((p as { seriesName?: string }).seriesName ?? '')} · #${(p as { value?: number[] }).value?.[2] ?? ''}` },
    series: [
      { type: 'scatter', name: names.normal, color: colors.series[0] ?? colors.accent, symbolSize: size, data: pts(0), large: e.x.length > 4000 },
      { type: 'scatter', name: names.anomalous, color: colors.danger, symbolSize: size, data: pts(1) },
    ],
  };
}

/** One colour range over two maps (normal vs anomalous side by side must share a scale). */
export function sharedRange(a: HeatMap | null, b: HeatMap | null): [number, number] {
  const vals = [...(a?.values ?? []), ...(b?.values ?? [])].filter((v) => Number.isFinite(v));
  if (vals.length === 0) return [0, 1];
  const lo = Math.min(...vals);
  const hi = Math.max(...vals);
  return [lo, hi === lo ? lo + 1 : hi];
}

/** Tooltip text is HTML in ECharts: counter names come from the user's files. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}
