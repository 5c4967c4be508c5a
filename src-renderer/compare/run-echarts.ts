import { use } from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';
import { init } from '../charts/echarts-setup';

// The modules the run charts use beyond the shared setup (bar, legend; SVG for "Save SVG").
use([LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export { init };

/** SVG of the same option: rendered once more, off screen, by ECharts' SVG renderer. */
export function chartSvg(option: EChartsCoreOption, width: number, height: number, background: string): string {
  const box = document.createElement('div');
  box.style.cssText = `position:fixed;left:-10000px;top:0;width:${width}px;height:${height}px`;
  document.body.appendChild(box);
  const chart = init(box, null, { renderer: 'svg', width, height });
  try {
    chart.setOption({ ...(option as Record<string, unknown>), backgroundColor: background, animation: false });
    return chart.getDataURL({ type: 'svg' });
  } finally {
    chart.dispose();
    box.remove();
  }
}
