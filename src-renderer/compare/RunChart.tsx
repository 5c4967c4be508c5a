import { lazy, Suspense, useMemo } from 'react';
import type { EChartsCoreOption } from 'echarts/core';
import { useTheme } from '../theme/theme-context';

// ECharts loads with the first chart shown, not with the app (as the Labels chart does).
const RunChartBody = lazy(() => import('./RunChartBody'));

/** A titled chart with "Save PNG" / "Save SVG". */
export function RunChart({ title, option, height = 280, testId, fileName }: { title: string; option: EChartsCoreOption; height?: number; testId: string; fileName: string }) {
  return (
    <Suspense fallback={<div className="loading-line" style={{ height }} />}>
      <RunChartBody title={title} option={option} height={height} testId={testId} fileName={fileName} />
    </Suspense>
  );
}

/** The theme colours the option builders need (stable while the theme is). */
export function useRunChartColors() {
  const { palette } = useTheme();
  return useMemo(() => ({ text: palette.text, muted: palette.muted, grid: palette.grid, accent: palette.accent, series: palette.series }), [palette]);
}
