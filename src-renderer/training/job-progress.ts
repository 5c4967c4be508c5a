import type { JobEvent, JobState, JobSummary } from '../../shared/domain/jobs';
import type { EventMap } from '../../shared/ipc/contract';

/**
 * Folds live job events into the `jobs:list` snapshot, so progress bars move between fetches.
 * Returns the same array when nothing changed (React skips the render); an event for a job
 * not in the list returns null: the caller re-fetches the list.
 */
export function applyJobEvent(jobs: readonly JobSummary[], ev: JobEvent, nowMs: number): readonly JobSummary[] | null {
  // A task's own progress (per-task bars) is not the job's.
  if (ev.kind === 'progress' && ev.task !== undefined) return jobs;
  const i = jobs.findIndex((j) => j.id === ev.jobId);
  if (i < 0) return ev.kind === 'status' || ev.kind === 'progress' ? null : jobs;
  const job = jobs[i] as JobSummary;
  let next: JobSummary;
  switch (ev.kind) {
    case 'progress':
      next = { ...job, progress: clamp01(ev.value), etaMs: ev.etaMs };
      break;
    case 'status':
      next = withState(job, ev.state, nowMs);
      break;
    case 'epoch':
    case 'batch':
    case 'metric':
    case 'log':
      return jobs;
  }
  const out = jobs.slice();
  out[i] = next;
  return out;
}

/** `job:finished`: the final state (and error) without waiting for a re-fetch. */
export function applyJobFinished(jobs: readonly JobSummary[], fin: EventMap['job:finished'], nowMs: number): readonly JobSummary[] | null {
  const i = jobs.findIndex((j) => j.id === fin.jobId);
  if (i < 0) return null;
  const out = jobs.slice();
  out[i] = { ...withState(jobs[i] as JobSummary, fin.state, nowMs), error: fin.error ?? null };
  return out;
}

export function isActive(state: JobState): boolean {
  return state === 'queued' || state === 'running';
}

function withState(job: JobSummary, state: JobState, nowMs: number): JobSummary {
  if (isActive(state)) return { ...job, state };
  return {
    ...job,
    state,
    etaMs: null,
    progress: state === 'succeeded' ? 1 : job.progress,
    finishedAtMs: job.finishedAtMs ?? nowMs,
  };
}

function clamp01(v: number): number {
  return Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0;
}
