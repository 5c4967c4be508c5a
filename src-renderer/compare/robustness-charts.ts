import type { LineSeriesOption } from 'echarts/charts';
import type { RobustnessCurve, RobustnessMetric } from '../../shared/domain/models';
import { modelLabel } from '../../shared/domain/models';
import type { RunChartColors, RunChartOption } from './run-charts';

/**
 * A robustness curve as an ECharts option (pure; tested without a DOM): one line per model of the
 * metric's mean over folds against the level in %, at the planned levels. Undefined points are
 * gaps (null), never 0. The tooltip gives mean ± sd and how many folds define it.
 */
export function robustnessOption(curve: RobustnessCurve, metric: RobustnessMetric, labels: { x: string; y: string }, c: RunChartColors): RunChartOption {
  const series: LineSeriesOption[] = curve.models.map((m) => ({
    type: 'line',
    name: modelLabel(m.model),
    connectNulls: false,
    showSymbol: true,
    symbolSize: 6,
    lineStyle: { width: 1.6 },
    data: m.points.map((p) => {
      const s = p.metrics[metric];
      return { value: [round(p.level * 100), s.mean], sd: s.std, folds: s.folds };
    }),
  }));
  const levels = curve.levels.map((l) => round(l * 100));
  return {
    animation: false,
    color: [...c.series],
    textStyle: { color: c.text },
    legend: { top: 0, textStyle: { color: c.text }, type: 'scroll' },
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const q = p as { seriesName: string; data: { value: [number, number | null]; sd: number | null; folds: number } };
        const [x, y] = q.data.value;
        return `${escape(q.seriesName)}<br/>${x} %: ${y === null ? 'undef' : `${y.toFixed(3)} ± ${(q.data.sd ?? 0).toFixed(3)}`} (${q.data.folds})`;
      },
    },
    grid: { left: 56, right: 20, top: 34, bottom: 46 },
    xAxis: {
      type: 'value',
      name: labels.x,
      nameLocation: 'middle',
      nameGap: 30,
      nameTextStyle: { color: c.muted },
      min: levels.length ? Math.min(...levels) : 0,
      max: levels.length ? Math.max(...levels) : 100,
      axisLabel: { color: c.muted, formatter: '{value} %' },
      axisLine: { lineStyle: { color: c.grid } },
      splitLine: { lineStyle: { color: c.grid } },
    },
    yAxis: { type: 'value', name: labels.y, nameLocation: 'middle', nameGap: 38, min: 0, max: 1, nameTextStyle: { color: c.muted }, axisLabel: { color: c.muted }, axisLine: { lineStyle: { color: c.grid } }, splitLine: { lineStyle: { color: c.grid } } },
    series,
  };
}

const round = (v: number) => Math.round(v * 1000) / 1000;

function escape(s: string): string {
  return s.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch] ?? ch);
}
