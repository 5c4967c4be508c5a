import type { Range } from './window-data';

/**
 * Wheel zoom and drag pan of the Labels chart, as pure window arithmetic. The chart handles these
 * gestures itself instead of ECharts' `inside` dataZoom: ECharts would redraw every line for the
 * moved window and then again once the window's points are swapped in; doing both in one
 * `setOption` halves the work per step (LabelChart.tsx).
 */

/** Narrowest window, ms (two 5-minute samples). */
export const MIN_WINDOW_MS = 10 * 60_000;

/** Keeps a window of its width inside the bounds (shifted, never shrunk unless wider than them). */
export function clampWindow(from: number, width: number, b: Range): Range {
  const full = b.toMs - b.fromMs;
  const w = Math.min(full, Math.max(0, width));
  const f = Math.min(Math.max(from, b.fromMs), b.toMs - w);
  return { fromMs: f, toMs: f + w };
}

/** `null` for a window that covers the bounds (the chart's "everything"). */
export function orAll(w: Range, b: Range): Range | null {
  return w.fromMs <= b.fromMs && w.toMs >= b.toMs ? null : w;
}

/**
 * One wheel step: `deltaY` < 0 zooms in (×1/1.4 per notch of ≥ 100 px, ×1/1.1 for a touchpad's
 * small deltas, like ECharts), keeping the time under the cursor (`anchor`, 0..1 across the plot) in place.
 */
export function wheelZoom(win: Range, b: Range, anchor: number, deltaY: number, minMs = MIN_WINDOW_MS): Range {
  if (deltaY === 0) return win;
  const step = Math.abs(deltaY) >= 100 ? 1.4 : 1.1;
  const scale = deltaY < 0 ? 1 / step : step;
  const width = win.toMs - win.fromMs;
  const next = Math.min(b.toMs - b.fromMs, Math.max(minMs, width * scale));
  const a = Math.min(1, Math.max(0, anchor));
  const t = win.fromMs + a * width;
  return clampWindow(t - a * next, next, b);
}

/** A drag by `dxFraction` of the plot width: the data follows the pointer (drag right → earlier times). */
export function panWindow(start: Range, b: Range, dxFraction: number): Range {
  const width = start.toMs - start.fromMs;
  return clampWindow(start.fromMs - dxFraction * width, width, b);
}
