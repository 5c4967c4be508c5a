import type { JobEvent } from '../../shared/domain/jobs';

/**
 * Per-task state of a running comparison, folded from `job:event`s (tasks are labelled like
 * `blocked/full/cnn fold 1/3`): progress 0–1 with ETA (task `progress` events; epochs and
 * batches refine it), and the loss after each epoch (neural models only).
 */
export interface TaskState {
  task: string;
  value: number;
  etaMs: number | null;
  epoch: number | null;
  epochs: number | null;
  losses: { epoch: number; loss: number }[];
}

export interface LiveJob {
  jobId: string;
  value: number;
  etaMs: number | null;
  message: string | null;
  tasks: TaskState[];
}

export interface CompareTaskPlan {
  models: readonly string[];
  splits: readonly string[];
  sampling: readonly string[];
  folds: number;
}

/** The task labels a comparison will run (run-comparison.ts names them so), all waiting. */
export function plannedTasks(p: CompareTaskPlan): TaskState[] {
  const out: TaskState[] = [];
  for (const split of p.splits)
    for (const sampling of p.sampling)
      for (const model of p.models)
        for (let f = 0; f < p.folds; f++) out.push(emptyTask(`${split}/${sampling}/${model} fold ${f + 1}/${p.folds}`));
  return out;
}

export function emptyTask(task: string): TaskState {
  return { task, value: 0, etaMs: null, epoch: null, epochs: null, losses: [] };
}

export function newLiveJob(jobId: string, planned: TaskState[] = []): LiveJob {
  return { jobId, value: 0, etaMs: null, message: null, tasks: planned };
}

const clamp01 = (v: number) => (Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0);

function updateTask(job: LiveJob, task: string, f: (t: TaskState) => TaskState): LiveJob {
  const i = job.tasks.findIndex((t) => t.task === task);
  const tasks = job.tasks.slice();
  if (i < 0) tasks.push(f(emptyTask(task)));
  else tasks[i] = f(tasks[i] as TaskState);
  return { ...job, tasks };
}

/** Folds one event in; returns the same object when the event is not this job's or changes nothing. */
export function applyTaskEvent(job: LiveJob, ev: JobEvent): LiveJob {
  if (ev.jobId !== job.jobId) return job;
  switch (ev.kind) {
    case 'progress':
      if (ev.task === undefined) return { ...job, value: clamp01(ev.value), etaMs: ev.etaMs, message: ev.message ?? job.message };
      return updateTask(job, ev.task, (t) => ({ ...t, value: Math.max(t.value, clamp01(ev.value)), etaMs: ev.value >= 1 ? 0 : ev.etaMs }));
    case 'epoch':
      return updateTask(job, ev.task, (t) => ({
        ...t,
        epoch: ev.epoch,
        epochs: ev.epochs,
        value: Math.max(t.value, clamp01(ev.epoch / ev.epochs)),
        losses: Number.isFinite(ev.loss) ? [...t.losses.filter((l) => l.epoch !== ev.epoch), { epoch: ev.epoch, loss: ev.loss }] : t.losses,
      }));
    case 'batch':
      return updateTask(job, ev.task, (t) => {
        if (t.epoch === null || t.epochs === null) return t;
        // `epoch` is the last finished epoch: this batch belongs to the next one.
        const v = clamp01((t.epoch + ev.batch / ev.batches) / t.epochs);
        return v > t.value ? { ...t, value: v } : t;
      });
    case 'status':
    case 'metric':
    case 'log':
      return job;
  }
}

/** At the end of a succeeded job every task is done. */
export function finishLiveJob(job: LiveJob, state: string): LiveJob {
  if (state !== 'succeeded') return { ...job, etaMs: null };
  return { ...job, value: 1, etaMs: 0, tasks: job.tasks.map((t) => ({ ...t, value: 1, etaMs: 0 })) };
}

/** The loss series of the tasks that have any, for the live chart. */
export function lossSeries(job: LiveJob): Map<string, { epoch: number; loss: number }[]> {
  return new Map(job.tasks.filter((t) => t.losses.length > 0).map((t) => [t.task, [...t.losses].sort((a, b) => a.epoch - b.epoch)]));
}
