import { useRef } from 'react';
import type { EChartsCoreOption } from 'echarts/core';
import { EChart } from '../charts/EChart';
import type { EChartsType } from '../charts/echarts-setup';
import { useTheme } from '../theme/theme-context';
import { useT } from '../ui/i18n';
import { chartPng, downloadFile, fileSlug } from './export';
import { chartSvg } from './run-echarts';

/** The chart and its "Save PNG" / "Save SVG" buttons (loaded lazily with ECharts, see RunChart). */
export default function RunChartBody({ title, option, height, testId, fileName }: { title: string; option: EChartsCoreOption; height: number; testId: string; fileName: string }) {
  const t = useT();
  const { palette } = useTheme();
  const chart = useRef<EChartsType | null>(null);
  const save = (format: 'png' | 'svg') => {
    const c = chart.current;
    if (!c) return;
    const name = `${fileSlug('vigil', fileName)}.${format}`;
    if (format === 'png') downloadFile(name, chartPng(c, palette.surface));
    else downloadFile(name, chartSvg(option, c.getWidth(), c.getHeight(), palette.surface));
  };
  return (
    <figure className="run-chart" data-testid={testId}>
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
      <EChart option={option} height={height} label={title} onChart={(c) => (chart.current = c)} />
    </figure>
  );
}
