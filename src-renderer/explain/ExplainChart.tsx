import { lazy, Suspense } from 'react';
import type { EChartsCoreOption } from 'echarts/core';

// ECharts loads with the first chart shown, not with the app; the body is the Compare charts' one.
const RunChartBody = lazy(() => import('../compare/RunChartBody'));

export interface ExplainChartProps {
  title: string;
  option: EChartsCoreOption;
  height: number;
  testId: string;
  fileName: string;
  /** A click on a data point: its `value` array (window index last for the timeline and the embedding). */
  onPoint?: (value: readonly number[]) => void;
}

/** A titled Explain chart with "Save PNG" / "Save SVG" (like the Compare charts). */
export function ExplainChart(props: ExplainChartProps) {
  return (
    <Suspense fallback={<div className="loading-line" style={{ height: props.height }} />}>
      <RunChartBody {...props} className="explain-chart" />
    </Suspense>
  );
}
