import type { RunningJob } from '../ipc';
import { formatDuration, formatPercent } from './format';
import { useT } from './i18n';

/** A running job's progress bar with its share done, the ETA and (with `onCancel`) a Cancel button. */
export function JobProgressBar({ job, label, onCancel, grow, testId }: { job: RunningJob; label: string; onCancel?: () => void; grow?: boolean; testId?: string }) {
  const t = useT();
  return (
    <div className={grow ? 'progress-cell grow' : 'progress-cell'} data-testid={testId}>
      <div className="progress progress-running" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(job.value * 100)}>
        <div className="progress-fill" style={{ width: `${(job.value * 100).toFixed(1)}%` }} />
      </div>
      <span className="progress-value">{formatPercent(job.value, 0)}</span>
      {job.etaMs !== null && <span className="muted">{t('import.phase.eta', { eta: formatDuration(job.etaMs, t) })}</span>}
      {onCancel && (
        // the id arrives when jobs:start answers; until then there is nothing to cancel
        <button type="button" className="btn btn-small btn-danger" disabled={job.jobId === null} onClick={onCancel} data-testid={testId ? `${testId}-cancel` : undefined}>
          {t('training.cancel')}
        </button>
      )}
    </div>
  );
}
