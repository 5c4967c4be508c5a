import { useCallback, useRef } from 'react';
import type { EChartsCoreOption } from 'echarts/core';
import { EChart } from '../charts/EChart';
import type { EChartsType } from '../charts/echarts-setup';
import { useTheme } from '../theme/theme-context';
import { useT } from '../ui/i18n';
import { chartPng, downloadFile, fileSlug } from './export';
import { chartSvg } from './run-echarts';

export interface RunChartBodyProps {
  title: string;
  option: EChartsCoreOption;
  height: number;
  testId: string;
  fileName: string;
  /** Extra class on the figure (e.g. the Explain area's). */
  className?: string;
  /** A click on a data point whose `value` is numeric: that array. */
  onPoint?: (value: readonly number[]) => void;
}

/** The chart, its "Save PNG" / "Save SVG" buttons and point clicks (loaded lazily with ECharts, see RunChart / ExplainChart). */
export default function RunChartBody({ title, option, height, testId, fileName, className, onPoint }: RunChartBodyProps) {
  const t = useT();
  const { palette } = useTheme();
  const chart = useRef<EChartsType | null>(null);
  const onPointRef = useRef(onPoint);
  onPointRef.current = onPoint;
  const save = (format: 'png' | 'svg') => {
    const c = chart.current;
    if (!c) return;
    const name = `${fileSlug('vigil', fileName)}.${format}`;
    if (format === 'png') downloadFile(name, chartPng(c, palette.surface));
    else downloadFile(name, chartSvg(option, c.getWidth(), c.getHeight(), palette.surface));
  };
  const onChart = useCallback((c: EChartsType | null) => {
    chart.current = c;
    c?.on('click', (p: unknown) => {
      const v = (p as { value?: unknown }).value;
      if (Array.isArray(v) && v.every((x) => typeof x === 'number')) onPointRef.current?.(v as number[]);
    });
  }, []);
  return (
    <figure className={className ? `run-chart ${className}` : 'run-chart'} data-testid={testId}>
      <figcaption className="run-chart-head">
        <span className="run-chart-title">{title}</span>
        <span className="run-chart-actions">
          <button type="button" className="btn btn-small" onClick={() => save('png')} data-testid={`${testId}-png`}>
            {t('compare.export.png')}
          </button>
          <button type="button" className="btn btn-small" onClick={() => save('svg')} data-testid={`${testId}-svg`}>
            {t('compare.export.svg')}
          </button>
        </span>
      </figcaption>
      <EChart option={option} height={height} label={title} onChart={onChart} testId={`${testId}-canvas`} />
    </figure>
  );
}
