import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobEvent } from '../../../shared/domain/jobs';
import { appPaths, findAppRoot, workerScript } from '../paths';
import { JobService } from './job-service';
import { WorkerPool } from './worker-pool';

// A task run with a `task` label reports its own progress (the Training area's per-task bars),
// beside the job's progress, which carries no task.
let pool: WorkerPool;
const events: JobEvent[] = [];

beforeAll(() => {
  pool = new WorkerPool(1);
});
afterAll(async () => {
  await pool.close();
});

describe('per-task progress events', () => {
  it('forwards worker progress with the task label, throttled and in order', async () => {
    const jobs = new JobService(pool, (e, p) => {
      if (e === 'job:event') events.push(p as JobEvent);
    });
    const script = workerScript(appPaths(findAppRoot(import.meta.dirname)), 'diagnostics');
    const { done } = jobs.start('selftest', 'probe', (ctx) => ctx.runTask(script, { seconds: 0.4 }, { task: 'worker 1', onProgress: (v) => ctx.progress(v) }));
    await done;
    const taskProgress = events.filter((e): e is Extract<JobEvent, { kind: 'progress' }> => e.kind === 'progress' && e.task !== undefined);
    const jobProgress = events.filter((e) => e.kind === 'progress' && e.task === undefined);
    expect(taskProgress.length).toBeGreaterThan(0);
    expect(taskProgress.every((e) => e.task === 'worker 1')).toBe(true);
    expect(jobProgress.length).toBeGreaterThan(0);
    const values = taskProgress.map((e) => e.value);
    expect(values).toEqual([...values].sort((a, b) => a - b));
  });
});
