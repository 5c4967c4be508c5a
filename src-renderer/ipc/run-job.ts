import type { JobKind } from '../../shared/domain/jobs';
import type { VigilApi } from '../../shared/ipc/contract';
import { deserializeError, VigilError } from '../../shared/errors';

export interface JobProgress {
  value: number;
  etaMs: number | null;
  message?: string;
}

/**
 * Starts a job and resolves with its result from `job:finished` (rejects with the job's error,
 * `where` included, or JOB_CANCELLED). Listens before starting: a short job can finish before
 * `jobs:start` has answered, so finished events are kept until the id is known.
 */
export function runJob<R>(
  api: Pick<VigilApi, 'invoke' | 'on'>,
  kind: JobKind,
  params: Record<string, unknown>,
  opts: { onStarted?: (jobId: string) => void; onProgress?: (p: JobProgress) => void } = {},
): Promise<R> {
  return new Promise<R>((resolve, reject) => {
    let jobId: string | null = null;
    const early = new Map<string, { state: string; result?: unknown; error?: Parameters<typeof deserializeError>[0] }>();
    const offs: (() => void)[] = [];
    const stop = () => offs.forEach((f) => f());
    const settle = (fin: { state: string; result?: unknown; error?: Parameters<typeof deserializeError>[0] }) => {
      stop();
      if (fin.state === 'succeeded') resolve(fin.result as R);
      else if (fin.error) reject(deserializeError(fin.error));
      else reject(new VigilError(fin.state === 'cancelled' ? 'JOB_CANCELLED' : 'INTERNAL', `the job ended ${fin.state}`));
    };
    offs.push(
      api.on('job:finished', (fin) => {
        if (jobId === null) early.set(fin.jobId, fin);
        else if (fin.jobId === jobId) settle(fin);
      }),
      api.on('job:event', (e) => {
        if (e.jobId === jobId && e.kind === 'progress' && e.task === undefined) opts.onProgress?.({ value: e.value, etaMs: e.etaMs, ...(e.message ? { message: e.message } : {}) });
      }),
    );
    api.invoke('jobs:start', { kind, params }).then(
      (r) => {
        jobId = r.jobId;
        opts.onStarted?.(r.jobId);
        const fin = early.get(r.jobId);
        if (fin) settle(fin);
      },
      (e: unknown) => {
        stop();
        reject(e);
      },
    );
  });
}
