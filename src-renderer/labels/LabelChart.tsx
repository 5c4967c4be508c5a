import { lazy, Suspense, useCallback, useEffect, useMemo, useRef } from 'react';
import type { LabelSpan } from '../../shared/domain/labels';
import type { SeriesPoints } from '../../shared/ipc/contract';
import type { EChartsType } from '../charts/echarts-setup';
import { useTheme } from '../theme/theme-context';
import { ErrorNotice } from '../ui/ErrorNotice';
import { useT } from '../ui/i18n';
import { buildLabelChartOption, counterChartHeight, mergeDetail, spanIdOfBand } from './chart-options';
import { useSeriesPoints } from './use-series-points';

/** ECharts is the largest dependency and only the charts need it: load it on first use. */
const EChart = lazy(() => import('../charts/EChart').then((m) => ({ default: m.EChart })));

export interface Range {
  fromMs: number;
  toMs: number;
}

/** Points per counter for the whole range, and for a zoomed window (LTTB in the engine). */
const OVERVIEW_POINTS = 2000;
const DETAIL_POINTS = 1500;

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
  const overview = useSeriesPoints(visibleObjects, null, OVERVIEW_POINTS);
  // Detail only when the window is narrow enough for the overview to have dropped points.
  const detailRange = view && view.toMs - view.fromMs < (bounds.toMs - bounds.fromMs) * 0.5 ? view : null;
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

  const option = useMemo(() => {
    if (!series) return null;
    return buildLabelChartOption({
      series,
      objects,
      counters,
      spans,
      excluded,
      bounds,
      view,
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
  }, [series, objects, counters, spans, excluded, bounds, view, brush, selection, palette]);

  // Handlers read the latest props through refs: the chart subscribes once.
  const latest = useRef({ onView, onSelection, onBandClick, bounds });
  latest.current = { onView, onSelection, onBandClick, bounds };
  const zoomTimer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(zoomTimer.current), []);

  const onChart = useCallback((chart: EChartsType | null) => {
    if (!chart) return;
    chart.on('datazoom', () => {
      window.clearTimeout(zoomTimer.current);
      zoomTimer.current = window.setTimeout(() => {
        const dz = (chart.getOption() as { dataZoom?: { startValue?: number; endValue?: number }[] }).dataZoom?.[0];
        const b = latest.current.bounds;
        if (!dz || dz.startValue === undefined || dz.endValue === undefined) return;
        const full = dz.startValue <= b.fromMs && dz.endValue >= b.toMs;
        latest.current.onView(full ? null : { fromMs: dz.startValue, toMs: dz.endValue });
      }, 250);
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
  }, []);

  const afterOption = useCallback(
    (chart: EChartsType) => {
      chart.dispatchAction({ type: 'takeGlobalCursor', key: 'brush', brushOption: brush ? { brushType: 'lineX', brushMode: 'single' } : { brushType: false } });
    },
    [brush],
  );

  const height = counterChartHeight(counters.length);
  if (overview.error) return <ErrorNotice title={t('common.errorTitle', { what: t('labels.what.chart') })} error={overview.error} />;
  return (
    <div className="label-chart" data-testid="label-chart" data-brush={brush} data-loading={overview.loading || detail.loading}>
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
