import { init, use, type EChartsType } from 'echarts/core';
import { LineChart } from 'echarts/charts';
import {
  AxisPointerComponent,
  BrushComponent,
  DataZoomInsideComponent,
  DataZoomSliderComponent,
  GridComponent,
  MarkAreaComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

// Only what the option builders use (labels/chart-options.ts): keeps the bundle small and makes
// an option that needs an unregistered module fail loudly in development.
use([LineChart, GridComponent, TitleComponent, TooltipComponent, AxisPointerComponent, DataZoomInsideComponent, DataZoomSliderComponent, MarkAreaComponent, BrushComponent, CanvasRenderer]);

export { init, type EChartsType };
