import { useEffect, useRef } from 'react';
import type { EChartsCoreOption } from 'echarts/core';
import { init, type EChartsType } from './echarts-setup';

/**
 * Thin React wrapper around one ECharts instance: init on mount, `setOption` (not merged) when
 * the option changes, resize with its box, dispose on unmount. The canvas is described to
 * assistive technology by `label` (role img). `onChart` hands the instance to a caller that
 * needs events or actions (zoom, brush); `afterOption` runs after each `setOption`.
 */
export function EChart({
  option,
  height,
  label,
  testId,
  onChart,
  afterOption,
}: {
  option: EChartsCoreOption;
  height: number;
  label: string;
  testId?: string;
  onChart?: (chart: EChartsType | null) => void;
  afterOption?: (chart: EChartsType) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const onChartRef = useRef(onChart);
  onChartRef.current = onChart;
  const afterRef = useRef(afterOption);
  afterRef.current = afterOption;

  useEffect(() => {
    const el = box.current;
    if (!el) return undefined;
    const instance = init(el, null, { renderer: 'canvas' });
    chart.current = instance;
    onChartRef.current?.(instance);
    const ro = new ResizeObserver(() => instance.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      onChartRef.current?.(null);
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    c.setOption(option, { notMerge: true });
    afterRef.current?.(c);
  }, [option]);

  return <div ref={box} className="echart" style={{ height }} role="img" aria-label={label} data-testid={testId} />;
}
