import { useEffect, useState } from 'react';
import { useRequest } from '../ipc';
import { BackendBanner } from './BackendBanner';
import { CompareForm } from './CompareForm';
import { DeployPanel } from './DeployPanel';
import { JobsTable } from './JobsTable';
import { LiveComparison } from './LiveComparison';
import { newLiveJob, type LiveJob } from './task-progress';
import '../compare/runs.css';

/**
 * Training: the backend in use (always at the top), a new comparison's settings, the running
 * comparison's tasks and loss curves, deploying a detector (train for scoring, score, show the
 * flags), and every job on the engine.
 */
// The comparison followed here outlives the area (the shell unmounts areas when switching).
let remembered: LiveJob | null = null;

export function TrainingArea() {
  const [live, setLive] = useState<LiveJob | null>(() => remembered);
  useEffect(() => {
    remembered = live;
  }, [live]);
  const jobs = useRequest('jobs:list', {}, { refetchOn: 'never' });
  // A comparison already running when the area opens (started elsewhere, or before a reload) is followed too.
  useEffect(() => {
    const running = jobs.data?.find((j) => j.kind === 'compare' && (j.state === 'running' || j.state === 'queued'));
    if (running) setLive((cur) => cur ?? newLiveJob(running.id));
  }, [jobs.data]);
  return (
    <div className="training-area" data-testid="training-area">
      <BackendBanner />
      <CompareForm busy={false} onStarted={(jobId, planned) => setLive(newLiveJob(jobId, planned))} />
      <LiveComparison live={live} setLive={setLive} jobs={jobs.data} />
      <DeployPanel />
      <JobsTable />
    </div>
  );
}
