import { lazy, Suspense, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { LabelSpan } from '../../shared/domain/labels';
import type { SeriesPoints } from '../../shared/ipc/contract';
import type { EChartsType } from '../charts/echarts-setup';
import { useTheme } from '../theme/theme-context';
import { ErrorNotice } from '../ui/ErrorNotice';
import { useT } from '../ui/i18n';
import { InteractionClock } from './interaction-timing';
import { buildLabelChartOption, counterChartHeight, detailRangeFor, mergeDetail, spanIdOfBand } from './chart-options';
import { useSeriesPoints } from './use-series-points';

/** ECharts is the largest dependency and only the charts need it: load it on first use. */
const EChart = lazy(() => import('../charts/EChart').then((m) => ({ default: m.EChart })));

export interface Range {
  fromMs: number;
  toMs: number;
}

/** Points per counter for the whole range, and for a zoomed window padded to twice its width (LTTB in the engine). */
const OVERVIEW_POINTS = 2000;
const DETAIL_POINTS = 3000;
/** Quiet time after the last zoom/pan event before the window is reported (and re-queried if it left the loaded range). */
const ZOOM_DEBOUNCE_MS = 150;

const sameRange = (a: Range | null, b: Range | null) => a === b || (a !== null && b !== null && a.fromMs === b.fromMs && a.toMs === b.toMs);

/**
 * The multi-object, multi-counter chart: fetches an overview of the whole range and, when
 * zoomed in, the window at full resolution; reports zoom (debounced), brushed spans and clicks
 * on span bands. The option itself is built by the pure `buildLabelChartOption`.
 */
export function LabelChart({
  objects,
  visibleObjects,
  counters,
  bounds,
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
  const { palette } = useTheme();
  // Zoom/pan response timing (interaction-timing.ts): instrumentation only.
  const box = useRef<HTMLDivElement>(null);
  const [clock] = useState(() => new InteractionClock(() => box.current));
  const overview = useSeriesPoints(visibleObjects, null, OVERVIEW_POINTS);
  // Detail only when the window is narrow enough for the overview to have dropped points; it
  // covers more than the window, so small pans and zooms do not re-query (detailRangeFor).
  const loadedDetail = useRef<Range | null>(null);
  const detailRange = useMemo(() => detailRangeFor(view, bounds, loadedDetail.current), [view, bounds]);
  loadedDetail.current = detailRange;
  const detail = useSeriesPoints(detailRange ? visibleObjects : null, detailRange, DETAIL_POINTS);

  const series = useMemo(() => {
    if (!overview.data) return null;
    const out: SeriesPoints[] = [];
    for (const o of visibleObjects) {
      const ov = overview.data.get(o);
      if (ov) out.push(mergeDetail(ov, detailRange ? (detail.data?.get(o) ?? null) : null));
    }
    return out;
  }, [overview.data, detail.data, detailRange, visibleObjects]);

  // The window the chart shows now: the option is not rebuilt when only the window moves (a full
  // `setOption` of every series costs far more than moving the zoom), see the effect below.
  const shown = useRef<Range | null>(view);
  const chartRef = useRef<EChartsType | null>(null);
  // `excluded` is recomputed for every window by the area; rebuild only when its content changes.
  const excludedKey = JSON.stringify(excluded);
  const stableExcluded = useMemo(() => excluded, [excludedKey]);
  /** The window the current option was built with. */
  const builtWith = useRef<Range | null>(null);
  const option = useMemo(() => {
    if (!series) return null;
    builtWith.current = shown.current;
    return buildLabelChartOption({
      series,
      objects,
      counters,
      spans,
      excluded: stableExcluded,
      bounds,
      view: shown.current,
      brush,
      selection,
      colors: {
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
      },
    });
  }, [series, objects, counters, spans, stableExcluded, bounds, brush, selection, palette]);

  /** Set while this component moves the zoom itself: that `datazoom` is no user interaction. */
  const ownDispatch = useRef(false);
  const moveZoom = useCallback(
    (c: EChartsType, to: Range | null) => {
      ownDispatch.current = true;
      try {
        c.dispatchAction(to ? { type: 'dataZoom', startValue: to.fromMs, endValue: to.toMs } : { type: 'dataZoom', start: 0, end: 100 });
        clock.optionSet();
      } finally {
        ownDispatch.current = false;
      }
    },
    [clock],
  );
  // A new `view` from the area (keys, jump to an outage; or the chart's own report): move the zoom.
  const hasOption = useRef(false);
  hasOption.current = option !== null;
  useEffect(() => {
    if (sameRange(view, shown.current)) return;
    shown.current = view;
    const c = chartRef.current;
    if (c && hasOption.current && !sameRange(view, builtWith.current)) moveZoom(c, view);
  }, [view, moveZoom]);

  // Handlers read the latest props through refs: the chart subscribes once.
  const latest = useRef({ onView, onSelection, onBandClick, bounds });
  latest.current = { onView, onSelection, onBandClick, bounds };
  const zoomTimer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(zoomTimer.current), []);

  // Zoom/pan response timing (interaction-timing.ts): instrumentation only.
  const zoomPending = useRef(false);
  const queriesSettled = useRef(true);
  queriesSettled.current = !overview.loading && !detail.loading && overview.current && detail.current;
  const idle = useCallback(() => !zoomPending.current && queriesSettled.current, []);
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
    };
  }, [clock]);

  const onChart = useCallback((chart: EChartsType | null) => {
    chartRef.current = chart;
    if (!chart) return;
    chart.on('finished', () => clock.finished(idle()));
    chart.on('datazoom', (p: unknown) => {
      if (ownDispatch.current) return;
      // The window from the event (percent of the axis = of the bounds), not `getOption()`,
      // which would deep-copy every series' data.
      const e = p as { batch?: DataZoomEvent[] } & DataZoomEvent;
      const win = windowOf(e.batch?.[0] ?? e, latest.current.bounds);
      if (!win) return;
      const b = latest.current.bounds;
      const next = win.fromMs <= b.fromMs && win.toMs >= b.toMs ? null : win;
      shown.current = next;
      clock.begin();
      // Only a window that leaves the loaded detail waits for the report and the re-query.
      zoomPending.current = detailRangeFor(next, b, loadedDetail.current) !== loadedDetail.current;
      window.clearTimeout(zoomTimer.current);
      zoomTimer.current = window.setTimeout(() => {
        zoomPending.current = false;
        const w = shown.current;
        reportedView.current = w;
        latest.current.onView(w);
        // Nothing may be redrawn (same data): settle after React had its turn.
        requestAnimationFrame(() => requestAnimationFrame(() => clock.settleIfIdle(idle())));
      }, ZOOM_DEBOUNCE_MS);
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
  }, [clock, idle]);

  const afterOption = useCallback(
    (chart: EChartsType) => {
      // The window moved while this option was waiting to be set (or built): move the zoom.
      if (!sameRange(shown.current, builtWith.current)) moveZoom(chart, shown.current);
      chart.dispatchAction({ type: 'takeGlobalCursor', key: 'brush', brushOption: brush ? { brushType: 'lineX', brushMode: 'single' } : { brushType: false } });
    },
    [brush, moveZoom],
  );

  const height = counterChartHeight(counters.length);
  if (overview.error) return <ErrorNotice title={t('common.errorTitle', { what: t('labels.what.chart') })} error={overview.error} />;
  return (
    <div ref={box} className="label-chart" data-testid="label-chart" data-brush={brush} data-loading={overview.loading || detail.loading}>
      {option ? (
        <Suspense fallback={<div className="loading-line" style={{ height }} />}>
          <EChart option={option} height={height} label={t('labels.chart.aria', { counters: counters.length, objects: visibleObjects.length })} testId="counter-chart" onChart={onChart} afterOption={afterOption} />
        </Suspense>
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
