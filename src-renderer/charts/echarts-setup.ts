import { init, use, type EChartsType } from 'echarts/core';
import { HeatmapChart, LineChart, ScatterChart } from 'echarts/charts';
import {
  AxisPointerComponent,
  BrushComponent,
  DataZoomInsideComponent,
  DataZoomSliderComponent,
  GridComponent,
  MarkAreaComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapContinuousComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

// Only what the option builders use (labels/chart-options.ts, explain/explain-options.ts): keeps
// the bundle small and makes an option that needs an unregistered module fail loudly in development.
use([
  LineChart,
  HeatmapChart,
  ScatterChart,
  GridComponent,
  TitleComponent,
  TooltipComponent,
  AxisPointerComponent,
  DataZoomInsideComponent,
  DataZoomSliderComponent,
  MarkAreaComponent,
  BrushComponent,
  VisualMapContinuousComponent,
  CanvasRenderer,
]);

export { init, type EChartsType };
