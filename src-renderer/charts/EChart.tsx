import { useEffect, useRef } from 'react';
import type { EChartsCoreOption } from 'echarts/core';
import { init, type EChartsType } from './echarts-setup';

/**
 * Thin React wrapper around one ECharts instance: init on mount, `setOption` (not merged) when
 * the option changes, resize with its box, dispose on unmount. The canvas is described to
 * assistive technology by `label` (role img).
 */
export function EChart({ option, height, label, testId }: { option: EChartsCoreOption; height: number; label: string; testId?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return undefined;
    const instance = init(el, null, { renderer: 'canvas' });
    chart.current = instance;
    const ro = new ResizeObserver(() => instance.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={box} className="echart" style={{ height }} role="img" aria-label={label} data-testid={testId} />;
}
