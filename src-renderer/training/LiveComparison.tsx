import { useEffect, useMemo, useState } from 'react';
import type { JobSummary } from '../../shared/domain/jobs';
import { useApi, useEvent } from '../ipc';
import { RunChart, useRunChartColors } from '../compare/RunChart';
import { lossOption } from '../compare/run-charts';
import { formatDuration, formatPercent, shortId } from '../ui/format';
import { useT } from '../ui/i18n';
import { Section } from '../ui/Section';
import { applyTaskEvent, finishLiveJob, lossSeries, type LiveJob } from './task-progress';

function Bar({ value, label, testId, state = 'running' }: { value: number; label: string; testId?: string; state?: string }) {
  return (
    <div className={`progress progress-${state}`} role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(value * 100)} data-testid={testId}>
      <div className="progress-fill" style={{ width: `${(value * 100).toFixed(1)}%` }} />
    </div>
  );
}

/** The comparison started here: overall and per-task progress with ETAs, live loss curves, Cancel. */
export function LiveComparison({ live, setLive, jobs }: { live: LiveJob | null; setLive(f: (j: LiveJob | null) => LiveJob | null): void; jobs: readonly JobSummary[] | undefined }) {
  const t = useT();
  const api = useApi();
  const colors = useRunChartColors();
  const [ended, setEnded] = useState<{ jobId: string; state: string; runId: string | null } | null>(null);
  const [cancelling, setCancelling] = useState(false);
  useEvent('job:event', (ev) => setLive((j) => (j ? applyTaskEvent(j, ev) : j)));
  useEvent('job:finished', (fin) => {
    if (!live || fin.jobId !== live.jobId) return;
    setLive((j) => (j ? finishLiveJob(j, fin.state) : j));
    const runId = (fin.result as { runId?: string } | undefined)?.runId ?? null;
    setEnded({ jobId: fin.jobId, state: fin.state, runId });
    setCancelling(false);
  });
  // Back in the area after the followed job ended while away: show how it ended.
  useEffect(() => {
    const j = live ? jobs?.find((x) => x.id === live.jobId) : undefined;
    if (!live || !j || j.state === 'running' || j.state === 'queued' || ended?.jobId === live.jobId) return;
    setLive((cur) => (cur ? finishLiveJob(cur, j.state) : cur));
    setEnded({ jobId: j.id, state: j.state, runId: null });
  }, [jobs, live, ended, setLive]);
  const losses = useMemo(() => (live ? lossSeries(live) : new Map()), [live]);
  const option = useMemo(() => lossOption(losses, { x: t('training.live.epochAxis'), y: t('training.live.lossAxis') }, colors), [losses, t, colors]);
  const running = live !== null && ended?.jobId !== live.jobId;
  const cancel = () => {
    if (!live) return;
    setCancelling(true);
    api.invoke('jobs:cancel', { jobId: live.jobId }).catch(() => setCancelling(false));
  };
  return (
    <Section title={t('training.live.title')} testId="live-comparison">
      <div className="pad">
      {!live ? (
        <p className="muted">{t('training.live.none')}</p>
      ) : (
        <div data-testid="live-job" data-job-id={live.jobId} data-state={running ? 'running' : (ended?.state ?? 'running')}>
          <div className="progress-cell">
            <span className="task-name">{t('training.live.overall')}</span>
            <Bar value={live.value} label={t('training.live.overall')} testId="live-overall" state={running ? 'running' : (ended?.state ?? 'running')} />
            <span className="progress-value">{formatPercent(live.value, 0)}</span>
            {running && live.etaMs !== null && <span className="muted">{t('training.live.eta', { eta: formatDuration(live.etaMs, t) })}</span>}
            {running && (
              <button type="button" className="btn btn-small btn-danger" onClick={cancel} disabled={cancelling} data-testid="live-cancel">
                {cancelling ? t('training.cancelling') : t('training.cancel')}
              </button>
            )}
          </div>
          {ended && ended.jobId === live.jobId && (
            <p className={ended.state === 'succeeded' ? 'notice notice-success' : 'notice notice-error'} role="status" data-testid="live-ended">
              {ended.state === 'succeeded' && ended.runId ? t('training.live.finished', { run: shortId(ended.runId) }) : t('training.live.ended', { state: ended.state })}
            </p>
          )}
          <div className="task-list" data-testid="task-list">
            {live.tasks.map((k) => (
              <div key={k.task} style={{ display: 'contents' }} data-testid="task-row">
                <span className="task-name">{k.task}</span>
                <Bar value={k.value} label={t('training.live.taskLabel', { task: k.task })} state={k.value >= 1 ? 'succeeded' : 'running'} />
                <span className="muted">
                  {k.value >= 1
                    ? t('training.live.done')
                    : k.value === 0
                      ? t('training.live.waiting')
                      : [k.epoch !== null && k.epochs !== null ? t('training.live.epoch', { epoch: k.epoch, epochs: k.epochs }) : formatPercent(k.value, 0), k.etaMs !== null ? t('training.live.eta', { eta: formatDuration(k.etaMs, t) }) : '']
                          .filter(Boolean)
                          .join(' · ')}
                </span>
              </div>
            ))}
          </div>
          {losses.size > 0 ? <RunChart title={t('training.live.loss')} option={option} height={260} testId="chart-loss" fileName="loss" /> : <p className="muted">{t('training.live.lossEmpty')}</p>}
        </div>
      )}
      </div>
    </Section>
  );
}
