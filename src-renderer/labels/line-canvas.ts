/**
 * The Labels chart's 40 lines (objects × counters), drawn on a canvas laid over the ECharts
 * canvas (LabelChart.tsx). ECharts keeps the axes, bands, brush, slider and axis tooltip; it is
 * not given the lines: for 40 line series it re-merged, re-laid out, re-built and re-painted
 * every polyline on each zoom/pan frame (~half of a 50–70 ms redraw, profiled with
 * bench/labels-view.bench.ts), where tracing ~40 × 700 points here takes a few ms.
 * The points are already cut to about one per two pixel columns (window-data.ts `windowLine`).
 * Missing values (NaN) break the line: a gap, never a zero (METHODS.md §1).
 */

/** Linear map of one panel: time (ms) → x px and value → y px, plus the plot rectangle (CSS px) that clips its lines. */
export interface PanelMap {
  /** x = x0 + (t − t0) · xPerMs */
  t0: number;
  x0: number;
  xPerMs: number;
  /** y = y0 + (v − v0) · yPerUnit (negative: larger values are higher up) */
  v0: number;
  y0: number;
  yPerUnit: number;
  clip: { x: number; y: number; width: number; height: number };
}

/** Map for a plot whose left/right edges show times `t0`/`t1` and whose pixel rows `yA`/`yB` show values `vA`/`vB`. */
export function panelMap(clip: PanelMap['clip'], t0: number, t1: number, vA: number, yA: number, vB: number, yB: number): PanelMap {
  const xPerMs = t1 > t0 ? clip.width / (t1 - t0) : 0;
  const yPerUnit = vB !== vA ? (yB - yA) / (vB - vA) : 0;
  return { t0, x0: clip.x, xPerMs, v0: vA, y0: yA, yPerUnit, clip };
}

/** The subset of `CanvasRenderingContext2D` a path needs. */
export interface PathSink {
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
}

/**
 * Traces one line (interleaved `t, v` pairs, times ascending) into `sink` through `map`: a NaN
 * value ends the current run (the next point starts a new one), and a point alone between gaps
 * is drawn as a one-pixel dash so it stays visible. Returns how many points were traced.
 */
export function traceLine(sink: PathSink, points: Float64Array, map: PanelMap): number {
  const { t0, x0, xPerMs, v0, y0, yPerUnit } = map;
  let open = false;
  let alone = false;
  let lastX = 0;
  let lastY = 0;
  let n = 0;
  for (let i = 0; i + 1 < points.length; i += 2) {
    const v = points[i + 1] as number;
    if (!Number.isFinite(v)) {
      if (alone) sink.lineTo(lastX + 1, lastY);
      open = false;
      alone = false;
      continue;
    }
    const x = x0 + ((points[i] as number) - t0) * xPerMs;
    const y = y0 + (v - v0) * yPerUnit;
    if (open) {
      sink.lineTo(x, y);
      alone = false;
    } else {
      sink.moveTo(x, y);
      open = true;
      alone = true;
    }
    lastX = x;
    lastY = y;
    n++;
  }
  if (alone) sink.lineTo(lastX + 1, lastY);
  return n;
}

/** Smallest and largest finite value of interleaved `t, v` pairs, folded into `into` ([+∞, −∞] to start). */
export function foldExtent(points: Float64Array, into: [number, number]): [number, number] {
  for (let i = 1; i < points.length; i += 2) {
    const v = points[i] as number;
    if (v < into[0]) into[0] = v;
    if (v > into[1]) into[1] = v;
  }
  return into;
}

/** One line to draw: its points, the panel it belongs to and its colour. */
export interface CanvasLine {
  panel: number;
  color: string;
  points: Float64Array;
}

/**
 * Sizes `canvas` to `width` × `height` CSS px at the device pixel ratio and draws `lines`, each
 * clipped to its panel's plot. Lines are 1 px: a hairline stroke is the cheapest Skia raster.
 */
export function drawLines(canvas: HTMLCanvasElement, width: number, height: number, dpr: number, maps: readonly (PanelMap | null)[], lines: readonly CanvasLine[]): void {
  const w = Math.max(1, Math.round(width * dpr));
  const h = Math.max(1, Math.round(height * dpr));
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
  }
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  ctx.lineWidth = 1;
  for (let p = 0; p < maps.length; p++) {
    const map = maps[p];
    if (!map) continue;
    ctx.save();
    ctx.beginPath();
    ctx.rect(map.clip.x, map.clip.y, map.clip.width, map.clip.height);
    ctx.clip();
    for (const line of lines) {
      if (line.panel !== p || line.points.length === 0) continue;
      ctx.beginPath();
      traceLine(ctx, line.points, map);
      ctx.strokeStyle = line.color;
      ctx.stroke();
    }
    ctx.restore();
  }
}
