import { useState } from 'react';
import type { RunSummary } from '../../shared/ipc/contract';
import { useRequest } from '../ipc';
import { DataTable, type Column } from '../ui/DataTable';
import { EmptyState } from '../ui/EmptyState';
import { formatDateTime, shortId } from '../ui/format';
import { useT } from '../ui/i18n';
import { RequestView } from '../ui/RequestView';
import { Section } from '../ui/Section';
import { StateBadge } from '../ui/StateBadge';
import { RunDetailView } from './RunDetailView';
import './runs.css';

/** Recorded runs (`runs:list`); the selected one (newest by default) read back whole (`runs:get`). */
export function CompareArea() {
  const t = useT();
  const runs = useRequest('runs:list', {}, { refetchOn: ['runs', 'labels'] });
  const [picked, setPicked] = useState<string | null>(null);
  const list = runs.data ?? [];
  const selected = list.find((r) => r.id === picked) ?? list.find((r) => r.kind === 'comparison' && r.state === 'succeeded') ?? null;
  const detail = useRequest('runs:get', selected ? { runId: selected.id } : null, { refetchOn: ['runs'] });
  const columns: Column<RunSummary>[] = [
    { id: 'run', header: t('compare.col.run'), cell: (r) => <span title={r.id}>{shortId(r.id)}</span>, mono: true },
    { id: 'created', header: t('compare.col.created'), cell: (r) => formatDateTime(r.createdAtMs), mono: true },
    { id: 'kind', header: t('compare.col.kind'), cell: (r) => <span className="tag">{r.kind}</span> },
    { id: 'state', header: t('compare.col.state'), cell: (r) => <StateBadge state={r.state} /> },
    {
      id: 'labels',
      header: t('compare.col.labels'),
      cell: (r) => (r.labelSetId ? <span title={r.labelSetId}>{`${shortId(r.labelSetId)}${r.labelVersion !== null ? ` v${r.labelVersion}` : ''}`}</span> : t('common.none')),
      mono: true,
    },
    { id: 'seed', header: t('compare.col.seed'), cell: (r) => (r.seed === null ? t('common.none') : String(r.seed)), mono: true, align: 'right' },
    {
      id: 'backend',
      header: t('compare.col.backend'),
      cell: (r) =>
        r.backend ? (
          <span title={r.backend.skipped.map((s) => `${s.name}: ${s.reason}`).join('\n') || undefined}>
            {r.backend.name} <span className="muted">· {r.backend.device}</span>
          </span>
        ) : (
          t('common.none')
        ),
    },
  ];
  return (
    <>
      <Section title={t('compare.runs.title')} meta={list.length > 0 ? t('common.count', { count: list.length }) : undefined} testId="compare-runs">
        <RequestView state={runs} what={t('compare.what.runs')}>
          {(rows) =>
            rows.length === 0 ? (
              <EmptyState icon="compare" title={t('compare.empty.title')} body={t('compare.empty.body')} commands={['vigil label', 'vigil compare']} testId="runs-empty" />
            ) : (
              <DataTable
                label={t('compare.runs.title')}
                columns={columns}
                rows={rows}
                rowKey={(r) => r.id}
                testId="runs-table"
                rowTestId="run-row"
                onRowClick={(r) => setPicked(r.id)}
                selectedKey={selected?.id ?? null}
              />
            )
          }
        </RequestView>
      </Section>
      {list.length > 0 && (
        <Section title={selected ? t('compare.detail.title', { run: shortId(selected.id) }) : t('compare.detail.pick')} testId="compare-detail">
          {selected ? <RequestView state={detail} what={t('compare.detail.what')}>{(run) => <RunDetailView run={run} />}</RequestView> : <p className="muted">{t('compare.detail.pick')}</p>}
        </Section>
      )}
    </>
  );
}
