import type { SeriesSummary } from '../../shared/domain/series';
import type { ImportRecord } from '../../shared/ipc/contract';
import { useRequest } from '../ipc';
import { DataTable, type Column } from '../ui/DataTable';
import { EmptyState } from '../ui/EmptyState';
import { formatCadence, formatDate, formatDateTime, formatInteger, formatPercent } from '../ui/format';
import { useLocale, useT } from '../ui/i18n';
import { RequestView } from '../ui/RequestView';
import { Section } from '../ui/Section';
import { summarizeSeries } from './series-summary';
import { ImportWizard } from './ImportWizard';

/** What has been imported: the series summary and the imported files (`imports:list`, `series:list`). */
export function ImportArea() {
  const t = useT();
  const locale = useLocale();
  const imports = useRequest('imports:list', {}, { refetchOn: ['imports', 'series'] });
  const series = useRequest('series:list', {}, { refetchOn: ['imports', 'series'] });

  if (imports.data?.length === 0 && series.data?.length === 0 && !imports.error && !series.error) {
    return (
      <>
        <ImportWizard />
        <EmptyState
          icon="import"
          title={t('import.empty.title')}
          body={t('import.empty.body')}
          commands={['vigil import <files…>', 'vigil demo']}
          testId="import-empty"
        />
      </>
    );
  }

  const seriesColumns: Column<SeriesSummary>[] = [
    { id: 'object', header: t('import.col.object'), cell: (s) => s.object, mono: true },
    { id: 'type', header: t('import.col.objType'), cell: (s) => s.objType },
    { id: 'counters', header: t('import.col.counters'), cell: (s) => <span title={s.counters.join(', ')}>{s.counters.length}</span>, align: 'right' },
    { id: 'from', header: t('import.col.from'), cell: (s) => formatDateTime(s.fromMs), mono: true },
    { id: 'to', header: t('import.col.to'), cell: (s) => formatDateTime(s.toMs), mono: true },
    { id: 'cadence', header: t('import.col.cadence'), cell: (s) => formatCadence(s.cadenceMs, t), align: 'right' },
    { id: 'rows', header: t('import.col.rows'), cell: (s) => formatInteger(s.rows, locale), align: 'right' },
    {
      id: 'missing',
      header: t('import.col.missing'),
      cell: (s) => (s.rows > 0 ? formatPercent(s.missing / (s.rows * Math.max(1, s.counters.length))) : t('common.none')),
      align: 'right',
    },
  ];
  const importColumns: Column<ImportRecord>[] = [
    { id: 'file', header: t('import.col.file'), cell: (r) => <span title={r.file}>{r.file}</span>, mono: true },
    { id: 'kind', header: t('import.col.kind'), cell: (r) => <span className="tag">{r.kind}</span> },
    { id: 'rows', header: t('import.col.rows'), cell: (r) => formatInteger(r.rows, locale), align: 'right' },
    { id: 'at', header: t('import.col.importedAt'), cell: (r) => formatDateTime(r.importedAtMs), mono: true, align: 'right' },
  ];

  return (
    <>
      <ImportWizard />
      <Section title={t('import.series.title')} meta={series.data ? t('common.count', { count: series.data.length }) : undefined} testId="import-series">
        <RequestView state={series} what={t('import.what.series')}>
          {(list) => {
            const s = summarizeSeries(list);
            return (
              <>
                <dl className="stats" data-testid="series-stats">
                  <div className="stat">
                    <dt>{t('import.stat.objects')}</dt>
                    <dd>{formatInteger(s.objects, locale)}</dd>
                  </div>
                  <div className="stat">
                    <dt>{t('import.stat.counters')}</dt>
                    <dd title={s.counters.join(', ')}>{formatInteger(s.counters.length, locale)}</dd>
                  </div>
                  <div className="stat stat-wide">
                    <dt>{t('import.stat.range')}</dt>
                    <dd className="mono">{s.fromMs === null || s.toMs === null ? t('common.none') : `${formatDate(s.fromMs)} → ${formatDate(s.toMs)}`}</dd>
                  </div>
                  <div className="stat">
                    <dt>{t('import.stat.cadence')}</dt>
                    <dd>{s.cadencesMs.length === 0 ? t('common.none') : s.cadencesMs.map((c) => formatCadence(c, t)).join(', ')}</dd>
                  </div>
                </dl>
                {list.length > 0 && <DataTable label={t('import.series.title')} columns={seriesColumns} rows={list} rowKey={(r) => r.object} testId="series-table" />}
              </>
            );
          }}
        </RequestView>
      </Section>
      <Section title={t('import.files.title')} meta={imports.data ? t('common.count', { count: imports.data.length }) : undefined} testId="import-files">
        <RequestView state={imports} what={t('import.what.files')}>
          {(list) => <DataTable label={t('import.files.title')} columns={importColumns} rows={list} rowKey={(r) => r.id} testId="imports-table" />}
        </RequestView>
      </Section>
    </>
  );
}
