import { describe, expect, it } from 'vitest';
import { applyTaskEvent, finishLiveJob, lossSeries, newLiveJob, plannedTasks } from './task-progress';

const T = 'blocked/full/cnn fold 1/2';

describe('task progress', () => {
  it('plans the task labels of a comparison', () => {
    expect(plannedTasks({ models: ['cnn', 'pca'], splits: ['blocked'], sampling: ['full'], folds: 2 }).map((t) => t.task)).toEqual([
      'blocked/full/cnn fold 1/2',
      'blocked/full/cnn fold 2/2',
      'blocked/full/pca fold 1/2',
      'blocked/full/pca fold 2/2',
    ]);
  });

  it('folds job progress, task progress and epochs in; ignores other jobs', () => {
    let j = newLiveJob('j', plannedTasks({ models: ['cnn'], splits: ['blocked'], sampling: ['full'], folds: 2 }));
    expect(applyTaskEvent(j, { kind: 'progress', jobId: 'other', value: 0.5, etaMs: 1 })).toBe(j);
    j = applyTaskEvent(j, { kind: 'progress', jobId: 'j', value: 0.25, etaMs: 9000 });
    expect([j.value, j.etaMs]).toEqual([0.25, 9000]);
    j = applyTaskEvent(j, { kind: 'progress', jobId: 'j', task: T, value: 0.4, etaMs: 3000 });
    j = applyTaskEvent(j, { kind: 'epoch', jobId: 'j', task: T, epoch: 1, epochs: 4, loss: 0.7 });
    j = applyTaskEvent(j, { kind: 'epoch', jobId: 'j', task: T, epoch: 2, epochs: 4, loss: 0.5 });
    const t = j.tasks.find((x) => x.task === T)!;
    expect(t).toMatchObject({ value: 0.5, epoch: 2, epochs: 4, etaMs: 3000 });
    expect(j.value).toBe(0.25);
    expect(lossSeries(j).get(T)).toEqual([
      { epoch: 1, loss: 0.7 },
      { epoch: 2, loss: 0.5 },
    ]);
    j = applyTaskEvent(j, { kind: 'progress', jobId: 'j', task: 'kfold/full/cnn fold 1/2', value: 1, etaMs: 0 });
    expect(j.tasks).toHaveLength(3);
    expect(j.tasks[2]).toMatchObject({ value: 1, etaMs: 0 });
  });

  it('marks every task done when the job succeeded, not when it was cancelled', () => {
    const j = newLiveJob('j', plannedTasks({ models: ['pca'], splits: ['blocked'], sampling: ['full'], folds: 2 }));
    expect(finishLiveJob(j, 'succeeded').tasks.every((t) => t.value === 1)).toBe(true);
    expect(finishLiveJob(j, 'cancelled').tasks.every((t) => t.value === 0)).toBe(true);
  });
});
