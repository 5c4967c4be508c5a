import { lazy, Suspense, useMemo } from 'react';
import type { LabelSetSummary } from '../../shared/domain/labels';
import type { Outage } from '../../shared/domain/outage';
import { formatInOffset, offsetLabel } from '../../shared/domain/time';
import { useRequest } from '../ipc';
import { useTheme } from '../theme/theme-context';
import { DataTable, type Column } from '../ui/DataTable';
import { EmptyState } from '../ui/EmptyState';
import { formatDateTime, formatInteger, formatStatusCounts, shortId } from '../ui/format';
import { useLocale, useT } from '../ui/i18n';
import { RequestView } from '../ui/RequestView';
import { Section } from '../ui/Section';
import { buildCounterPanelsOption, counterChartHeight, outagesFor } from './chart-options';

/** ECharts is the largest dependency and only this chart needs it: load it on first use. */
const EChart = lazy(() => import('../charts/EChart').then((m) => ({ default: m.EChart })));

/** Stable empty list, so the chart option is not rebuilt on every render. */
const NO_OUTAGES: readonly Outage[] = [];

/** Outages (`outages:list`), label sets (`labels:list`) and the counters of the first object. */
export function LabelsArea() {
  const t = useT();
  const locale = useLocale();
  const outages = useRequest('outages:list', {}, { refetchOn: ['outages', 'labels', 'imports'] });
  const sets = useRequest('labels:list', {}, { refetchOn: ['labels', 'outages'] });
  const series = useRequest('series:list', {}, { refetchOn: ['series', 'imports'] });

  const offsets = new Set((outages.data ?? []).map((o) => o.utcOffsetMinutes));
  const outageColumns: Column<Outage>[] = [
    { id: 'date', header: t('labels.col.date'), cell: (o) => formatInOffset(o.startMs, o.utcOffsetMinutes).slice(0, 10), mono: true },
    { id: 'from', header: t('labels.col.from'), cell: (o) => formatInOffset(o.startMs, o.utcOffsetMinutes).slice(11), mono: true },
    {
      id: 'to',
      header: t('labels.col.to'),
      cell: (o) => {
        const from = formatInOffset(o.startMs, o.utcOffsetMinutes);
        const to = formatInOffset(o.endMs, o.utcOffsetMinutes);
        // Only the time when the outage ends the day it started.
        return to.slice(0, 10) === from.slice(0, 10) ? to.slice(11) : to;
      },
      mono: true,
    },
    { id: 'seconds', header: t('labels.col.seconds'), cell: (o) => formatInteger(o.seconds, locale), align: 'right' },
    { id: 'object', header: t('labels.col.object'), cell: (o) => o.object ?? <span className="muted">{t('labels.allObjects')}</span>, mono: true },
    { id: 'sources', header: t('labels.col.sources'), cell: (o) => o.evidence.sources.join(', ') || t('common.none'), mono: true },
    {
      id: 'statuses',
      header: t('labels.col.statuses'),
      cell: (o) => (
        <span className="statuses">
          <span className={`tag tag-${o.evidence.kind}`}>{t(`labels.kind.${o.evidence.kind}`)}</span>
          <span className="mono">{formatStatusCounts(o.evidence.statusCounts)}</span>
        </span>
      ),
    },
  ];
  const setColumns: Column<LabelSetSummary>[] = [
    { id: 'name', header: t('labels.col.name'), cell: (s) => s.name },
    { id: 'id', header: t('labels.col.id'), cell: (s) => <span title={s.labelSetId}>{shortId(s.labelSetId)}</span>, mono: true },
    { id: 'version', header: t('labels.col.version'), cell: (s) => `v${s.latestVersion}`, align: 'right', mono: true },
    { id: 'spans', header: t('labels.col.spans'), cell: (s) => formatInteger(s.spans, locale), align: 'right' },
    { id: 'created', header: t('labels.col.created'), cell: (s) => formatDateTime(s.createdAtMs), mono: true, align: 'right' },
  ];

  const firstObject = series.data?.[0]?.object ?? null;
  return (
    <>
      <Section
        title={t('labels.outages.title')}
        meta={
          outages.data && outages.data.length > 0 ? (
            <>
              {offsets.size === 1 && <span>{t('labels.outages.offset', { offset: offsetLabel([...offsets][0] ?? 0) })}</span>}
              <span>{t('common.count', { count: outages.data.length })}</span>
            </>
          ) : undefined
        }
        testId="labels-outages"
      >
        <RequestView state={outages} what={t('labels.what.outages')}>
          {(list) =>
            list.length === 0 ? (
              <EmptyState icon="labels" title={t('labels.outages.empty.title')} body={t('labels.outages.empty.body')} commands={['vigil gaps', 'vigil demo']} testId="outages-empty" />
            ) : (
              <DataTable label={t('labels.outages.title')} columns={outageColumns} rows={list} rowKey={(o) => o.id} testId="outages-table" />
            )
          }
        </RequestView>
      </Section>
      <Section title={t('labels.sets.title')} meta={sets.data && sets.data.length > 0 ? t('common.count', { count: sets.data.length }) : undefined} testId="labels-sets">
        <RequestView state={sets} what={t('labels.what.sets')}>
          {(list) =>
            list.length === 0 ? (
              <EmptyState icon="labels" title={t('labels.sets.empty.title')} body={t('labels.sets.empty.body')} commands={['vigil label']} testId="label-sets-empty" />
            ) : (
              <DataTable label={t('labels.sets.title')} columns={setColumns} rows={list} rowKey={(s) => s.labelSetId} testId="label-sets-table" />
            )
          }
        </RequestView>
      </Section>
      {firstObject !== null && <CounterChart object={firstObject} outages={outages.data ?? NO_OUTAGES} />}
    </>
  );
}

/** The counters of one object (down-sampled by the engine) with its outages shaded. */
function CounterChart({ object, outages }: { object: string; outages: readonly Outage[] }) {
  const t = useT();
  const { palette } = useTheme();
  const points = useRequest('series:query', { object, maxPoints: 1500 }, { refetchOn: ['series', 'imports'] });
  const data = points.data;
  const option = useMemo(() => {
    if (!data || data.times.length === 0) return null;
    const from = data.times[0] ?? 0;
    const to = data.times[data.times.length - 1] ?? 0;
    return buildCounterPanelsOption(data, outagesFor(object, outages, from, to), {
      text: palette.text,
      muted: palette.muted,
      border: palette.border,
      grid: palette.grid,
      surface: palette.surface,
      outage: palette.outage,
      series: palette.series,
    });
  }, [data, object, outages, palette]);

  return (
    <Section
      title={t('labels.chart.title', { object })}
      meta={
        <span className="legend-outage">
          <span className="swatch" aria-hidden="true" />
          {t('labels.chart.legend')}
        </span>
      }
      testId="labels-chart"
    >
      <RequestView state={points} what={t('labels.what.chart')}>
        {(p) =>
          option ? (
            <Suspense fallback={<div className="loading-line" style={{ height: counterChartHeight(p.counters.length) }} />}>
              <EChart option={option} height={counterChartHeight(p.counters.length)} label={t('labels.chart.aria', { object })} testId="counter-chart" />
            </Suspense>
          ) : (
            <div className="muted">{t('common.none')}</div>
          )
        }
      </RequestView>
    </Section>
  );
}
