import { flushSync } from 'react-dom';
import { lazy, Suspense, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { LabelSpan } from '../../shared/domain/labels';
import type { VigilError } from '../../shared/errors';
import type { EChartsType } from '../charts/echarts-setup';
import { useTheme } from '../theme/theme-context';
import { ErrorNotice } from '../ui/ErrorNotice';
import { useT } from '../ui/i18n';
import { InteractionClock } from './interaction-timing';
import { toVigilError, useApi } from '../ipc';
import { axisSeriesUpdate, buildLabelChartOption, counterChartHeight, DEFAULT_PANEL_LAYOUT, seriesColor, spanIdOfBand, type ChartColors } from './chart-options';
import { drawLines, foldExtent } from './line-canvas';
import { panelMapsOf, visibleLines } from './line-layer';
import { DetailTiles } from './detail-tiles';
import { useSeriesPoints } from './use-series-points';
import { orAll, panWindow, wheelZoom } from './zoom-gestures';
import { bucketsForWidth, detailRangeOf, nearestTime, nearestValue, needsDetail, PairBuffer, toColumns, windowLine, type PointColumns, type Range } from './window-data';

/** ECharts is the largest dependency and only the charts need it: load it on first use. */
const EChart = lazy(() => import('../charts/EChart').then((m) => ({ default: m.EChart })));

export type { Range };

/**
 * Points per counter the engine sends (LTTB, `series:query` maxPoints): the whole range once,
 * and a zoomed window's padded range after the zoom settles (series-points.ts keeps the union of
 * the counters' picks, ≈ 2× this many times).
 */
const OVERVIEW_POINTS = 4000;
const DETAIL_POINTS = 4000;
/**
 * Quiet time after the last zoom/pan event before the window is reported (and finer points
 * fetched if it needs them). Longer than a frame, so a burst of wheel or drag events (one per
 * frame) settles once; shorter than a redraw, so a single step settles as soon as it is drawn.
 */
const SETTLE_MS = 24;
/** Plot width assumed before the chart is laid out, px. */
const DEFAULT_PLOT_PX = 1200;
/** Buckets of the zoom slider's data shadow (the whole range, drawn once per option). */
const SHADOW_BUCKETS = 256;

/** Equal keys: the panels' y ranges are unchanged (no ECharts update needed). */
const extentsKey = (e: ReadonlyMap<string, readonly [number, number] | null>) => JSON.stringify([...e]);

const sameRange = (a: Range | null, b: Range | null) => a === b || (a !== null && b !== null && a.fromMs === b.fromMs && a.toMs === b.toMs);

/**
 * The multi-object, multi-counter chart. The option (panels, axes, bands) is built when the data
 * or the labels change; a zoom or pan only re-cuts each line's points for the new window on the
 * client, from the overview (or a cached detail tile) to about one point per two pixels
 * (window-data.ts), moves the axes with ONE merge `setOption` drawn at once — never a rebuild —
 * and redraws the lines on the canvas laid over the chart (line-canvas.ts; ECharts draws axes,
 * bands, brush, slider and tooltip). Finer points for a narrow window are fetched once the
 * interaction settles (detail-tiles.ts) and swapped in the same way; when they leave every y axis
 * as it was, only the line canvas is redrawn.
 * Reports zoom (debounced), brushed spans and clicks on span bands.
 */
export function LabelChart({
  objects,
  visibleObjects,
  counters,
  bounds,
  cadenceMs = 0,
  view,
  spans,
  excluded,
  brush,
  selection,
  onView,
  onSelection,
  onBandClick,
}: {
  objects: readonly string[];
  visibleObjects: readonly string[];
  counters: readonly string[];
  bounds: Range;
  /** The data's sampling interval, ms (0 = unknown): a window with few raw points needs no finer fetch. */
  cadenceMs?: number;
  view: Range | null;
  spans: readonly LabelSpan[];
  excluded: readonly (readonly [number, number])[];
  brush: boolean;
  selection: Range | null;
  onView(v: Range | null): void;
  onSelection(r: Range | null): void;
  onBandClick(spanId: string): void;
}) {
  const t = useT();
  const api = useApi();
  const { palette } = useTheme();
  // Zoom/pan response timing (interaction-timing.ts): instrumentation only.
  const box = useRef<HTMLDivElement>(null);
  const [clock] = useState(() => new InteractionClock(() => box.current));
  const overview = useSeriesPoints(visibleObjects, null, OVERVIEW_POINTS);
  const overviewCols = useMemo(() => {
    if (!overview.data) return null;
    const m = new Map<string, PointColumns>();
    for (const [o, p] of overview.data) m.set(o, toColumns(p, bounds));
    return m;
  }, [overview.data, bounds]);

  /** The window the chart shows now (null = everything). */
  const shown = useRef<Range | null>(view);
  const chartRef = useRef<EChartsType | null>(null);
  const [detailError, setDetailError] = useState<VigilError | null>(null);
  const [detailLoading, setDetailLoading] = useState(false);

  // Latest inputs for the imperative paths (zoom handler, tile answers): the chart subscribes once.
  const colors: ChartColors = useMemo(
    () => ({
      text: palette.text,
      muted: palette.muted,
      border: palette.border,
      grid: palette.grid,
      surface: palette.surface,
      outage: palette.outage,
      human: palette.human,
      model: palette.model,
      excluded: palette.excluded,
      series: palette.series,
    }),
    [palette],
  );
  const latest = useRef({ onView, onSelection, onBandClick, bounds, visibleObjects, counters, cadenceMs, overviewCols, objects, colors });
  latest.current = { onView, onSelection, onBandClick, bounds, visibleObjects, counters, cadenceMs, overviewCols, objects, colors };

  const plotPx = () => {
    const c = chartRef.current;
    const w = c ? c.getWidth() - DEFAULT_PANEL_LAYOUT.left - DEFAULT_PANEL_LAYOUT.right : DEFAULT_PLOT_PX;
    return Math.max(100, w > 0 ? w : DEFAULT_PLOT_PX);
  };
  /** Buckets per line for the plot's width (window-data.ts `bucketsForWidth`). */
  const buckets = () => bucketsForWidth(plotPx());

  /** The points each line was last given (`counter|object` → interleaved t, v), for the canvas and the tooltip. */
  const drawn = useRef(new Map<string, Float64Array>());
  /** Each line's points buffer, re-filled by every cut (no allocation per zoom/pan frame). */
  const lineBuffers = useRef(new Map<string, PairBuffer>());
  const linesCanvas = useRef<HTMLCanvasElement>(null);
  /** The lines' points changed since the canvas was drawn (it is drawn at the chart's next `finished`). */
  const linesDirty = useRef(true);
  /** The chart size the canvas was drawn for (a resize redraws it). */
  const linesSize = useRef('');
  /** The y extents the panels' axis series were last given (JSON): equal ones need no ECharts update. */
  const shownExtents = useRef('');
  /**
   * Cuts every visible line for window `w` from the finest loaded points that cover it, each into
   * its own buffer (`drawn` holds the views), and returns each counter's value range over its
   * lines (what ECharts fitted the y axis to when it drew the lines: all their points).
   */
  const cutLines = useCallback(
    (w: Range | null) => {
      const { overviewCols: ov, visibleObjects: objs, counters: cs } = latest.current;
      const tile = w ? tiles.best(objs, w) : null;
      const b = buckets();
      const extents = new Map<string, readonly [number, number] | null>();
      for (const counter of cs) {
        const e: [number, number] = [Infinity, -Infinity];
        for (const o of objs) {
          const cols = ov?.get(o);
          if (!cols?.counters.includes(counter)) continue;
          const key = `${counter}|${o}`;
          let buf = lineBuffers.current.get(key);
          if (!buf) lineBuffers.current.set(key, (buf = new PairBuffer()));
          const line = windowLine(cols, tile?.cols.get(o) ?? null, counter, w, b, buf);
          drawn.current.set(key, line);
          foldExtent(line, e);
        }
        extents.set(counter, e[0] <= e[1] ? e : null);
      }
      linesDirty.current = true;
      return extents;
    },
    // `tiles` is created once (below) and read through the closure.
    [],
  );
  const extentsUpdate = (extents: ReadonlyMap<string, readonly [number, number] | null>) => {
    const { counters: cs, bounds: b } = latest.current;
    shownExtents.current = extentsKey(extents);
    return axisSeriesUpdate(cs, b, (k) => extents.get(k) ?? null);
  };

  /**
   * Draws the visible lines on the canvas over the chart, through each panel's axes as ECharts
   * laid them out (called at its `finished`, so the axes are those of the last update).
   */
  const drawCanvasLines = useCallback((chart: EChartsType) => {
    const canvas = linesCanvas.current;
    if (!canvas) return;
    const { overviewCols: ov, visibleObjects: objs, counters: cs, objects: all, colors } = latest.current;
    const width = chart.getWidth();
    const height = chart.getHeight();
    const maps = panelMapsOf(chart, cs.length, shown.current ?? latest.current.bounds);
    const lines = visibleLines(cs, objs, (o, c) => ov?.get(o)?.counters.includes(c) ?? false, drawn.current, (o) => seriesColor(o, all, colors));
    drawLines(canvas, width, height, window.devicePixelRatio || 1, maps, lines);
    linesDirty.current = false;
    linesSize.current = `${width}x${height}`;
  }, []);

  /**
   * Swaps every line's points for window `w`: the axis series get the lines' new value ranges
   * (merge update, drawn at once, or on the next frame with `lazy` inside an ECharts event
   * handler, where `setOption` must not render) and the canvas is redrawn at `finished`; when no
   * range changed, ECharts has nothing to redraw and only the canvas is.
   */
  const showPoints = useCallback(
    (w: Range | null, lazy = false) => {
      const c = chartRef.current;
      if (!c || !hasOption.current || !latest.current.overviewCols) return;
      const extents = cutLines(w);
      // Before `setOption`: a synchronous draw reports `finished` from inside it.
      clock.optionSet();
      if (!lazy && extentsKey(extents) === shownExtents.current) {
        drawCanvasLines(c);
        clock.finished(idle());
        return;
      }
      c.setOption(extentsUpdate(extents), { lazyUpdate: lazy });
    },
    // `idle` and `extentsUpdate` read refs only.
    [clock, cutLines, drawCanvasLines],
  );

  const [tiles] = useState(
    () =>
      new DetailTiles(
        (object, range, maxPoints) => api.invoke('series:query', { object, maxPoints, fromMs: range.fromMs, toMs: range.toMs }),
        (tile) => {
          setDetailLoading(tiles.loading);
          const w = shown.current;
          // Swap in only if it serves what is shown now (else it stays cached for later).
          if (w && tile.range.fromMs <= w.fromMs && tile.range.toMs >= w.toMs) showPoints(w);
          else requestAnimationFrame(() => clock.settleIfIdle(idle()));
        },
        (e) => {
          setDetailLoading(tiles.loading);
          setDetailError(toVigilError(e));
          requestAnimationFrame(() => clock.settleIfIdle(idle()));
        },
      ),
  );
  // New data or other objects: cached tiles no longer describe what is shown.
  useEffect(() => tiles.clear(), [tiles, overview.data]);

  /** Fetches finer points for `w` when what is loaded has fewer than the plot can show. */
  const fetchDetailIfNeeded = useCallback(
    (w: Range | null) => {
      const { overviewCols: ov, visibleObjects: objs, bounds: b, cadenceMs: cad } = latest.current;
      const first = objs[0] === undefined ? undefined : ov?.get(objs[0]);
      if (!w || !first) return;
      const have = tiles.best(objs, w)?.cols.get(first.object) ?? first;
      // Two points per bucket (its min and max): the engine's LTTB points are spaced unevenly
      // (few where a line is smooth), so fewer would leave long straight runs across the plot.
      if (!needsDetail(have, w, 2 * buckets(), cad)) return;
      setDetailError(null);
      tiles.request(objs, detailRangeOf(w, b), DETAIL_POINTS);
      setDetailLoading(true);
    },
    [tiles],
  );

  /** A line's drawn value at time `t`: its nearest point within one bucket of the window shown. */
  const valueAt = useCallback((seriesId: string, t: number) => {
    const line = drawn.current.get(seriesId);
    if (!line) return null;
    const w = shown.current ?? latest.current.bounds;
    return nearestValue(line, t, (w.toMs - w.fromMs) / buckets());
  }, []);
  /** The pointer's last x on the page (for the tooltip's time). */
  const pointerX = useRef<number | null>(null);
  /**
   * The axis tooltip's time: the pointer's, snapped to the drawn point nearest to it over the
   * visible lines (within one bucket; null: none, or the pointer is off the plots).
   */
  const tooltipTime = useCallback(() => {
    const { visibleObjects: objs, counters: cs } = latest.current;
    const canvas = box.current?.querySelector('canvas');
    const x = pointerX.current;
    if (!canvas || x === null) return null;
    const r = canvas.getBoundingClientRect();
    const plotW = r.width - DEFAULT_PANEL_LAYOUT.left - DEFAULT_PANEL_LAYOUT.right;
    const w = shown.current ?? latest.current.bounds;
    if (plotW <= 0) return null;
    const t = w.fromMs + ((x - r.left - DEFAULT_PANEL_LAYOUT.left) / plotW) * (w.toMs - w.fromMs);
    const tol = (w.toMs - w.fromMs) / buckets();
    let best: number | null = null;
    for (const counter of cs)
      for (const o of objs) {
        const line = drawn.current.get(`${counter}|${o}`);
        const ti = line ? nearestTime(line, t, tol) : null;
        if (ti !== null && (best === null || Math.abs(ti - t) < Math.abs(best - t))) best = ti;
      }
    return best;
  }, []);

  // `excluded` is recomputed for every window by the area; rebuild only when its content changes.
  const excludedKey = JSON.stringify(excluded);
  const stableExcluded = useMemo(() => excluded, [excludedKey]);
  const hasOption = useRef(false);
  const option = useMemo(() => {
    if (!overviewCols) return null;
    const series = visibleObjects.flatMap((o) => {
      const c = overviewCols.get(o);
      return c ? [{ object: o, counters: c.counters }] : [];
    });
    const extents = cutLines(shown.current);
    shownExtents.current = extentsKey(extents);
    const first = series.find((s) => s.counters.includes(counters[0] ?? ''));
    const firstCols = first ? overviewCols.get(first.object) : undefined;
    return buildLabelChartOption({
      series,
      canvasLines: {
        extent: (k) => extents.get(k) ?? null,
        ...(firstCols && counters[0] !== undefined ? { shadow: windowLine(firstCols, null, counters[0], null, SHADOW_BUCKETS) } : {}),
        tooltipTime,
        valueAt,
      },
      objects,
      counters,
      spans,
      excluded: stableExcluded,
      bounds,
      view: shown.current,
      brush,
      selection,
      colors,
    });
  }, [overviewCols, visibleObjects, objects, counters, spans, stableExcluded, bounds, brush, selection, colors, cutLines, valueAt, tooltipTime]);
  hasOption.current = option !== null;

  /**
   * Moves the window and swaps in its points with ONE merge `setOption` (drawn on the next frame):
   * keys, jumps to an outage, wheel and drag all come through here.
   */
  const applyWindow = useCallback(
    (to: Range | null) => {
      const c = chartRef.current;
      if (!c || !hasOption.current || !latest.current.overviewCols) return;
      const zoom = to ? { startValue: to.fromMs, endValue: to.toMs } : { start: 0, end: 100 };
      const extents = cutLines(to);
      // The axis series only when a panel's value range moved (rarely: it spans all the points).
      const update = extentsKey(extents) === shownExtents.current ? {} : extentsUpdate(extents);
      // The axis tooltip (40 rows of HTML) would be rebuilt and measured after every redraw while
      // the pointer rests on the chart, for values that are moving anyway: hide it; the next
      // pointer move brings it back.
      c.dispatchAction({ type: 'hideTip' });
      // Drawn now, not on the next frame (`lazyUpdate`): this runs in a frame callback (gestures)
      // or right after the key's render, so a lazy update would wait one more frame for nothing.
      clock.optionSet();
      c.setOption({ ...update, dataZoom: [zoom, zoom] });
    },
    [clock, cutLines],
  );
  const moveZoom = useCallback(
    (to: Range | null) => {
      // The fetch first: the interaction is not settled at the draw's `finished` while finer points are on their way.
      fetchDetailIfNeeded(to);
      applyWindow(to);
    },
    [applyWindow, fetchDetailIfNeeded],
  );
  // A new `view` from the area (keys, jump to an outage; or the chart's own report): move the zoom.
  useEffect(() => {
    if (sameRange(view, shown.current)) return;
    shown.current = view;
    const c = chartRef.current;
    if (c && hasOption.current) moveZoom(view);
  }, [view, moveZoom]);

  const zoomTimer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(zoomTimer.current), []);

  // Zoom/pan response timing (interaction-timing.ts): instrumentation only.
  const zoomPending = useRef(false);
  const overviewSettled = useRef(true);
  overviewSettled.current = !overview.loading && overview.current;
  /** The gesture window already reported and given the points it needs (the debounced settle has nothing left to do for it). */
  const served = useRef<Range | null | undefined>(undefined);
  const idle = useCallback(() => (!zoomPending.current || served.current === shown.current) && overviewSettled.current && !tiles.loading, [tiles]);
  /** The last window the chart itself reported: a different `view` came from elsewhere (keys, jump to outage). */
  const reportedView = useRef<Range | null>(view);
  useLayoutEffect(() => {
    if (view !== reportedView.current) clock.begin();
    reportedView.current = view;
  }, [view, clock]);
  useEffect(() => {
    if (option) clock.optionSet();
  }, [option, clock]);
  useEffect(() => {
    if (clock.pending) requestAnimationFrame(() => clock.settleIfIdle(idle()));
  });
  useEffect(() => {
    const el = box.current;
    const onInput = (e: Event) => clock.input(e.timeStamp);
    const onPointer = (e: PointerEvent) => {
      pointerX.current = e.clientX;
    };
    el?.addEventListener('pointermove', onPointer, { capture: true, passive: true });
    const opts = { capture: true, passive: true } as const;
    window.addEventListener('keydown', onInput, opts);
    el?.addEventListener('wheel', onInput, opts);
    el?.addEventListener('pointerdown', onInput, opts);
    el?.addEventListener('pointermove', onInput, opts);
    return () => {
      window.removeEventListener('keydown', onInput, opts);
      el?.removeEventListener('wheel', onInput, opts);
      el?.removeEventListener('pointerdown', onInput, opts);
      el?.removeEventListener('pointermove', onInput, opts);
      el?.removeEventListener('pointermove', onPointer, { capture: true });
    };
  }, [clock]);

  /**
   * Reports window `w` to the area. Rendered (and its effects run) right here, not in a later
   * task: the area's re-render is all that is left of an interaction that needs no finer points.
   */
  const reportView = useCallback((w: Range | null) => {
    if (reportedView.current === w) return;
    reportedView.current = w;
    flushSync(() => latest.current.onView(w));
  }, []);
  /** After the last step of a zoom/pan: report the window to the area and fetch finer points if it needs them. */
  const settleLater = useCallback(() => {
    zoomPending.current = true;
    window.clearTimeout(zoomTimer.current);
    zoomTimer.current = window.setTimeout(() => {
      zoomPending.current = false;
      const w = shown.current;
      reportView(w);
      fetchDetailIfNeeded(w);
      clock.settleIfIdle(idle());
    }, SETTLE_MS);
  }, [clock, idle, fetchDetailIfNeeded, reportView]);

  // Wheel zoom and drag pan (zoom-gestures.ts): one window change per frame at most.
  const frame = useRef<number | null>(null);
  const gesture = useCallback(
    (next: Range) => {
      const w = orAll(next, latest.current.bounds);
      if (sameRange(w, shown.current)) return;
      clock.begin();
      shown.current = w;
      if (frame.current === null)
        frame.current = requestAnimationFrame(() => {
          frame.current = null;
          const now = shown.current;
          applyWindow(now);
          // The step's window is reported and its finer points asked for at once (one query in
          // flight at a time), not only after the debounce: a single wheel notch or drag move is
          // settled as soon as this frame is drawn, and continuous gestures still settle once
          // more at their end (`settleLater`).
          reportView(now);
          if (!tiles.loading) fetchDetailIfNeeded(now);
          served.current = now;
          clock.settleIfIdle(idle());
        });
      settleLater();
    },
    [clock, applyWindow, settleLater, reportView, fetchDetailIfNeeded, idle, tiles],
  );
  const brushOn = useRef(brush);
  brushOn.current = brush;
  useEffect(() => {
    const el = box.current;
    if (!el) return undefined;
    /** Where a pointer is across the plot (0..1), or null outside the plots and over the slider. */
    const plotFraction = (e: MouseEvent): number | null => {
      const canvas = el.querySelector('canvas');
      if (!canvas) return null;
      const r = canvas.getBoundingClientRect();
      const x = e.clientX - r.left - DEFAULT_PANEL_LAYOUT.left;
      const w = r.width - DEFAULT_PANEL_LAYOUT.left - DEFAULT_PANEL_LAYOUT.right;
      const y = e.clientY - r.top;
      if (w <= 0 || x < 0 || x > w || y < 0 || y > r.height - DEFAULT_PANEL_LAYOUT.bottom + 20) return null;
      return x / w;
    };
    const plotWidth = () => {
      const canvas = el.querySelector('canvas');
      return canvas ? canvas.getBoundingClientRect().width - DEFAULT_PANEL_LAYOUT.left - DEFAULT_PANEL_LAYOUT.right : 0;
    };
    const current = () => shown.current ?? latest.current.bounds;
    const onWheel = (e: WheelEvent) => {
      const a = plotFraction(e);
      if (a === null || e.deltaY === 0) return;
      e.preventDefault();
      // Ours alone: ECharts would hit-test the scene and refresh its axis pointer and tooltip
      // for a wheel it ignores anyway (its inside zoom has the wheel off).
      e.stopPropagation();
      gesture(wheelZoom(current(), latest.current.bounds, a, e.deltaY));
    };
    let drag: { x: number; start: Range; width: number } | null = null;
    const onDown = (e: PointerEvent) => {
      if (e.button !== 0 || brushOn.current || plotFraction(e) === null) return;
      drag = { x: e.clientX, start: current(), width: plotWidth() };
    };
    const onMove = (e: PointerEvent) => {
      if (!drag || drag.width <= 0) return;
      const dx = e.clientX - drag.x;
      // A click (on a band) is no pan.
      if (Math.abs(dx) < 2) return;
      // A pan move is ours alone (caught on the window before it reaches the chart): ECharts
      // would rebuild its 40-row axis tooltip and pointer for each move of a drag that redraws
      // every line anyway. The clock's own listener is skipped too, so the input time goes here.
      e.stopPropagation();
      clock.input(e.timeStamp);
      gesture(panWindow(drag.start, latest.current.bounds, dx / drag.width));
    };
    const onUp = () => {
      drag = null;
    };
    // zrender follows the pointer with mouse events (not pointer events) in Chromium: while a pan
    // moves the window, the compatibility mousemove would make ECharts rebuild its 40-row axis
    // tooltip and pointer on every move (~25 ms each, measured): ours alone too.
    const onMouseMove = (e: MouseEvent) => {
      if (drag && Math.abs(e.clientX - drag.x) >= 2) e.stopPropagation();
    };
    // Capture: ECharts' inside zoom stops the wheel event at its own element (even with wheel zoom off).
    el.addEventListener('wheel', onWheel, { passive: false, capture: true });
    el.addEventListener('pointerdown', onDown);
    window.addEventListener('pointermove', onMove, { capture: true });
    window.addEventListener('pointerup', onUp);
    window.addEventListener('mousemove', onMouseMove, { capture: true });
    return () => {
      window.removeEventListener('mousemove', onMouseMove, { capture: true });
      el.removeEventListener('wheel', onWheel, { capture: true });
      el.removeEventListener('pointerdown', onDown);
      window.removeEventListener('pointermove', onMove, { capture: true });
      window.removeEventListener('pointerup', onUp);
      if (frame.current !== null) cancelAnimationFrame(frame.current);
    };
  }, [gesture, clock]);

  const onChart = useCallback(
    (chart: EChartsType | null) => {
      chartRef.current = chart;
      if (!chart) return;
      chart.on('finished', () => {
        // The lines go on the canvas once ECharts has laid out the axes they are drawn through.
        if (linesDirty.current || linesSize.current !== `${chart.getWidth()}x${chart.getHeight()}`) drawCanvasLines(chart);
        clock.finished(idle());
      });
      // Only the slider still zooms through ECharts (wheel and drag: `gesture` below).
      chart.on('datazoom', (p: unknown) => {
        // The window from the event (percent of the axis = of the bounds), not `getOption()`,
        // which would deep-copy every series' data.
        const e = p as { batch?: DataZoomEvent[] } & DataZoomEvent;
        const win = windowOf(e.batch?.[0] ?? e, latest.current.bounds);
        if (!win) return;
        const next = orAll(win, latest.current.bounds);
        clock.begin();
        shown.current = next;
        // The new window's points (drawn on the next frame: we are inside ECharts' own dispatch).
        showPoints(next, true);
        settleLater();
      });
      chart.on('brushEnd', (p: unknown) => {
        const area = (p as { areas?: { coordRange?: unknown }[] }).areas?.[0];
        const r = area?.coordRange;
        if (Array.isArray(r) && typeof r[0] === 'number' && typeof r[1] === 'number' && r[1] > r[0]) latest.current.onSelection({ fromMs: r[0], toMs: r[1] });
        // The selection is drawn as a band by the option; the brush rectangle itself goes.
        chart.dispatchAction({ type: 'brush', areas: [] });
      });
      chart.on('click', (p: unknown) => {
        const e = p as { componentType?: string; name?: unknown; data?: { name?: unknown } };
        if (e.componentType !== 'markArea') return;
        const id = spanIdOfBand(e.name ?? e.data?.name);
        if (id) latest.current.onBandClick(id);
      });
    },
    [clock, idle, showPoints, settleLater, drawCanvasLines],
  );

  const afterOption = useCallback(
    (chart: EChartsType) => {
      // A rebuilt option was cut for the window shown when it was built, at the default width
      // until the chart was laid out: re-cut for the real width, and fetch finer points if needed.
      showPoints(shown.current);
      fetchDetailIfNeeded(shown.current);
      chart.dispatchAction({ type: 'takeGlobalCursor', key: 'brush', brushOption: brush ? { brushType: 'lineX', brushMode: 'single' } : { brushType: false } });
    },
    [brush, showPoints, fetchDetailIfNeeded],
  );

  const height = counterChartHeight(counters.length);
  if (overview.error) return <ErrorNotice title={t('common.errorTitle', { what: t('labels.what.chart') })} error={overview.error} />;
  return (
    <div ref={box} className="label-chart" data-testid="label-chart" data-brush={brush} data-loading={overview.loading || detailLoading}>
      {detailError && <ErrorNotice title={t('common.errorTitle', { what: t('labels.what.chart') })} error={detailError} />}
      {option ? (
        <div className="label-chart-plot" style={{ position: 'relative' }}>
          <Suspense fallback={<div className="loading-line" style={{ height }} />}>
            <EChart option={option} height={height} label={t('labels.chart.aria', { counters: counters.length, objects: visibleObjects.length })} testId="counter-chart" onChart={onChart} afterOption={afterOption} />
          </Suspense>
          {/* The lines (line-canvas.ts), over the ECharts canvas; pointer events go through to it. */}
          <canvas ref={linesCanvas} className="label-chart-lines" data-testid="counter-lines" aria-hidden="true" style={{ position: 'absolute', left: 0, top: 0, pointerEvents: 'none' }} />
        </div>
      ) : (
        <div className="loading-line" style={{ height }} />
      )}
    </div>
  );
}

interface DataZoomEvent {
  start?: number;
  end?: number;
  startValue?: number;
  endValue?: number;
}

/** The zoom window of a `datazoom` event, ms: values when given, else percent of the bounds. */
function windowOf(e: DataZoomEvent, b: Range): Range | null {
  if (typeof e.startValue === 'number' && typeof e.endValue === 'number') return { fromMs: e.startValue, toMs: e.endValue };
  if (typeof e.start !== 'number' || typeof e.end !== 'number') return null;
  const span = b.toMs - b.fromMs;
  return { fromMs: b.fromMs + (span * e.start) / 100, toMs: b.fromMs + (span * e.end) / 100 };
}
