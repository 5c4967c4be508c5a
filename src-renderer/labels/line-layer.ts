import type { EChartsType } from '../charts/echarts-setup';
import { DEFAULT_PANEL_LAYOUT, panelTop, type PanelLayout } from './chart-options';
import { panelMap, type CanvasLine, type PanelMap } from './line-canvas';
import type { Range } from './window-data';

/**
 * Glue between the ECharts panels and the line canvas (line-canvas.ts): each panel's pixel map
 * read from the axes as ECharts laid them out, and the visible lines in panel order.
 */

/**
 * The map of each of `panels` panels for window `w`: x from the panel's time axis, y from its
 * value axis (`convertToPixel`, so the lines sit exactly on ECharts' ticks whatever it made of
 * the extent), clipped to the panel's plot. Null for a panel whose axes are not laid out.
 */
export function panelMapsOf(chart: EChartsType, panels: number, w: Range, layout: PanelLayout = DEFAULT_PANEL_LAYOUT): (PanelMap | null)[] {
  const px = (finder: { xAxisIndex: number } | { yAxisIndex: number }, v: number) => {
    const r = chart.convertToPixel(finder, v) as unknown;
    return typeof r === 'number' && Number.isFinite(r) ? r : null;
  };
  const plotW = Math.max(0, chart.getWidth() - layout.left - layout.right);
  return Array.from({ length: panels }, (_, p) => {
    const xA = px({ xAxisIndex: p }, w.fromMs);
    const xB = px({ xAxisIndex: p }, w.toMs);
    const yA = px({ yAxisIndex: p }, 0);
    const yB = px({ yAxisIndex: p }, 1);
    if (xA === null || xB === null || yA === null || yB === null || xB <= xA) return null;
    const m = panelMap({ x: layout.left, y: panelTop(p, layout), width: plotW, height: layout.panelHeight }, w.fromMs, w.toMs, 0, yA, 1, yB);
    // x from the axis itself (a slider zoom is in percent of the bounds, not exactly `w`).
    return { ...m, x0: xA, xPerMs: (xB - xA) / (w.toMs - w.fromMs) };
  });
}

/** The lines to draw: per panel (counter, in order) each shown object that has it, with its points from `drawn` (`counter|object`). */
export function visibleLines(
  counters: readonly string[],
  objects: readonly string[],
  hasCounter: (object: string, counter: string) => boolean,
  drawn: ReadonlyMap<string, Float64Array>,
  colorOf: (object: string) => string,
): CanvasLine[] {
  const lines: CanvasLine[] = [];
  counters.forEach((counter, p) => {
    for (const o of objects) {
      if (!hasCounter(o, counter)) continue;
      const points = drawn.get(`${counter}|${o}`);
      if (points) lines.push({ panel: p, color: colorOf(o), points });
    }
  });
  return lines;
}
