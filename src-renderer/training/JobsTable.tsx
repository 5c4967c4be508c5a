import { useEffect, useRef, useState } from 'react';
import type { JobSummary } from '../../shared/domain/jobs';
import type { VigilError } from '../../shared/errors';
import { toVigilError, useApi, useEvent, useRequest } from '../ipc';
import { DataTable, type Column } from '../ui/DataTable';
import { EmptyState } from '../ui/EmptyState';
import { formatDateTime, formatDuration, formatPercent } from '../ui/format';
import { useT } from '../ui/i18n';
import { RequestView } from '../ui/RequestView';
import { Section } from '../ui/Section';
import { StateBadge } from '../ui/StateBadge';
import { applyJobEvent, applyJobFinished, isActive } from './job-progress';

/**
 * Jobs (`jobs:list`) with live progress bars and ETAs folded in from `job:event`, and Cancel
 * (`jobs:cancel`) for the ones still running.
 */
export function JobsTable() {
  const t = useT();
  const api = useApi();
  const list = useRequest('jobs:list', {});
  const [jobs, setJobs] = useState<readonly JobSummary[] | undefined>(undefined);
  const jobsRef = useRef(jobs);
  jobsRef.current = jobs;
  const [cancelling, setCancelling] = useState<ReadonlySet<string>>(new Set());
  const [cancelErrors, setCancelErrors] = useState<ReadonlyMap<string, VigilError>>(new Map());

  // Each fetched snapshot replaces the live-updated copy.
  useEffect(() => {
    if (list.data) setJobs(list.data);
  }, [list.data]);

  const reload = list.reload;
  useEvent('job:event', (ev) => {
    const current = jobsRef.current;
    if (!current) return;
    const next = applyJobEvent(current, ev, Date.now());
    if (next === null) reload();
    else if (next !== current) setJobs(next);
  });
  useEvent('job:finished', (fin) => {
    const current = jobsRef.current;
    if (!current) return;
    const next = applyJobFinished(current, fin, Date.now());
    if (next === null) reload();
    else setJobs(next);
  });

  const cancel = (job: JobSummary) => {
    setCancelling((s) => new Set(s).add(job.id));
    setCancelErrors((m) => {
      const n = new Map(m);
      n.delete(job.id);
      return n;
    });
    api.invoke('jobs:cancel', { jobId: job.id }).then(
      () => undefined,
      (e: unknown) => {
        setCancelErrors((m) => new Map(m).set(job.id, toVigilError(e)));
        setCancelling((s) => {
          const n = new Set(s);
          n.delete(job.id);
          return n;
        });
      },
    );
  };

  const columns: Column<JobSummary>[] = [
    {
      id: 'job',
      header: t('training.col.job'),
      cell: (j) => (
        <div className="job-title">
          <span>{j.title}</span>
          {j.error && (
            <span className="job-error" title={j.error.hint ?? undefined}>
              <code className="error-code">{j.error.code}</code> {j.error.message}
            </span>
          )}
        </div>
      ),
    },
    { id: 'kind', header: t('training.col.kind'), cell: (j) => <span className="tag">{j.kind}</span> },
    { id: 'state', header: t('training.col.state'), cell: (j) => <StateBadge state={j.state} /> },
    {
      id: 'progress',
      header: t('training.col.progress'),
      width: '24%',
      cell: (j) => (
        <div className="progress-cell">
          <div
            className={`progress progress-${j.state}`}
            role="progressbar"
            aria-label={t('training.progressLabel', { title: j.title })}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(j.progress * 100)}
            data-testid={`job-progress-${j.id}`}
          >
            <div className="progress-fill" style={{ width: `${(j.progress * 100).toFixed(1)}%` }} />
          </div>
          <span className="progress-value">{formatPercent(j.progress, 0)}</span>
        </div>
      ),
    },
    {
      id: 'eta',
      header: t('training.col.eta'),
      align: 'right',
      cell: (j) => (isActive(j.state) && j.etaMs !== null ? formatDuration(j.etaMs, t) : t('common.none')),
    },
    { id: 'started', header: t('training.col.started'), cell: (j) => formatDateTime(j.startedAtMs), mono: true, align: 'right' },
    {
      id: 'actions',
      header: t('training.col.actions'),
      align: 'right',
      cell: (j) => {
        const err = cancelErrors.get(j.id);
        return (
          <div className="row-actions">
            {err && (
              <span className="inline-error" role="alert">
                {t('training.cancelFailed', { message: err.message })}
              </span>
            )}
            {isActive(j.state) && (
              <button
                type="button"
                className="btn btn-small btn-danger"
                onClick={() => cancel(j)}
                disabled={cancelling.has(j.id)}
                aria-label={t('training.cancelJob', { title: j.title })}
                data-testid={`job-cancel-${j.id}`}
              >
                {cancelling.has(j.id) ? t('training.cancelling') : t('training.cancel')}
              </button>
            )}
          </div>
        );
      },
    },
  ];

  const view = { ...list, data: jobs ?? list.data };
  return (
    <Section title={t('training.jobs.title')} meta={view.data && view.data.length > 0 ? t('common.count', { count: view.data.length }) : undefined} testId="training-jobs">
      <RequestView state={view} what={t('training.what.jobs')}>
        {(rows) =>
          rows.length === 0 ? (
            <EmptyState icon="training" title={t('training.empty.title')} body={t('training.empty.body')} commands={['vigil compare', 'vigil demo']} testId="jobs-empty" />
          ) : (
            <DataTable label={t('training.jobs.title')} columns={columns} rows={rows} rowKey={(j) => j.id} testId="jobs-table" />
          )
        }
      </RequestView>
    </Section>
  );
}
