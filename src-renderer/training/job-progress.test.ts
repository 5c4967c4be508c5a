import { describe, expect, it } from 'vitest';
import { JOB_KINDS, type JobSummary } from '../../shared/domain/jobs';
import { applyJobEvent, applyJobFinished, isActive } from './job-progress';

const job = (id: string, over: Partial<JobSummary> = {}): JobSummary => ({
  id,
  kind: JOB_KINDS[0],
  state: 'running',
  title: `job ${id}`,
  startedAtMs: 1_000,
  finishedAtMs: null,
  progress: 0,
  etaMs: null,
  error: null,
  ...over,
});

describe('applyJobEvent', () => {
  const jobs = [job('a'), job('b')];

  it('moves the progress bar and ETA of the right job', () => {
    const out = applyJobEvent(jobs, { kind: 'progress', jobId: 'b', value: 0.4, etaMs: 90_000 }, 5_000);
    expect(out?.[1]).toMatchObject({ progress: 0.4, etaMs: 90_000 });
    expect(out?.[0]).toBe(jobs[0]);
  });

  it("ignores a task's own progress (per-task bars), even of an unknown job", () => {
    expect(applyJobEvent(jobs, { kind: 'progress', jobId: 'a', task: 'blocked/full/pca fold 1/2', value: 0.9, etaMs: 1 }, 0)).toBe(jobs);
    expect(applyJobEvent(jobs, { kind: 'progress', jobId: 'zz', task: 't', value: 0.9, etaMs: 1 }, 0)).toBe(jobs);
  });

  it('clamps progress to 0–1', () => {
    expect(applyJobEvent(jobs, { kind: 'progress', jobId: 'a', value: 1.7, etaMs: 0 }, 0)?.[0]?.progress).toBe(1);
    expect(applyJobEvent(jobs, { kind: 'progress', jobId: 'a', value: Number.NaN, etaMs: null }, 0)?.[0]?.progress).toBe(0);
  });

  it('finishes a job on a terminal status: no ETA, full bar only on success', () => {
    const ok = applyJobEvent([job('a', { progress: 0.9, etaMs: 10 })], { kind: 'status', jobId: 'a', state: 'succeeded' }, 9_000);
    expect(ok?.[0]).toMatchObject({ state: 'succeeded', progress: 1, etaMs: null, finishedAtMs: 9_000 });
    const cancelled = applyJobEvent([job('a', { progress: 0.3, etaMs: 10 })], { kind: 'status', jobId: 'a', state: 'cancelled' }, 9_000);
    expect(cancelled?.[0]).toMatchObject({ state: 'cancelled', progress: 0.3, etaMs: null });
  });

  it('keeps the same array for events that do not change the row', () => {
    expect(applyJobEvent(jobs, { kind: 'log', jobId: 'a', level: 'info', line: 'x', atMs: 1 }, 0)).toBe(jobs);
    expect(applyJobEvent(jobs, { kind: 'epoch', jobId: 'a', task: 'cnn', epoch: 1, epochs: 5, loss: 0.3 }, 0)).toBe(jobs);
  });

  it('asks for a re-fetch when a job it does not know reports progress', () => {
    expect(applyJobEvent(jobs, { kind: 'status', jobId: 'new', state: 'running' }, 0)).toBeNull();
    expect(applyJobEvent(jobs, { kind: 'log', jobId: 'new', level: 'info', line: 'x', atMs: 1 }, 0)).toBe(jobs);
  });
});

describe('applyJobFinished', () => {
  it('records the final state and error', () => {
    const out = applyJobFinished([job('a')], { jobId: 'a', state: 'failed', error: { code: 'WORKER_CRASHED', message: 'boom' } }, 7_000);
    expect(out?.[0]).toMatchObject({ state: 'failed', error: { code: 'WORKER_CRASHED' }, finishedAtMs: 7_000 });
    expect(applyJobFinished([job('a')], { jobId: 'zz', state: 'succeeded' }, 0)).toBeNull();
  });

  it('knows which states can still be cancelled', () => {
    expect(isActive('queued')).toBe(true);
    expect(isActive('running')).toBe(true);
    expect(isActive('failed')).toBe(false);
  });
});
