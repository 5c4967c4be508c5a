/**
 * Explanation work on the worker pool (DESIGN.md §4: the main process never runs it): requests
 * (`explain:window`, `explain:embedding`) as plain pool tasks, averages as a job's task.
 */
import type { JobContext } from '../jobs/job-service';
import type { WorkerPool } from '../jobs/worker-pool';
import type { ExplainCompute } from './explain-service';

export function poolCompute(pool: WorkerPool, script: () => string, job?: JobContext): ExplainCompute {
  return {
    window: (model, x, m) => pool.run(script(), { op: 'window', model, x, m }),
    embedding: (model, x, m) => pool.run(script(), { op: 'embedding', model, x, m }),
    average: (parts, onProgress, signal) =>
      job
        ? job.runTask(script(), { op: 'average', parts }, { task: 'average maps', onProgress })
        : pool.run(script(), { op: 'average', parts }, { onEvent: (e) => e.kind === 'progress' && onProgress(e.value), ...(signal ? { signal } : {}) }),
  };
}
