import { useCallback, useState } from 'react';
import type { JobKind } from '../../shared/domain/jobs';
import { useApi } from './hooks';
import { runJob } from './run-job';

/** A job this component started: its id once `jobs:start` answered, progress (0–1) and ETA. */
export interface RunningJob {
  jobId: string | null;
  value: number;
  etaMs: number | null;
}

/**
 * One job at a time from a component: `start` runs it (resolves with its result, rejects with its
 * error or JOB_CANCELLED), `running` follows its progress until it ends, `cancel` asks the engine
 * to stop it (`jobs:cancel`).
 */
export function useJob(): { running: RunningJob | null; start<R>(kind: JobKind, params: Record<string, unknown>): Promise<R>; cancel(): void } {
  const api = useApi();
  const [running, setRunning] = useState<RunningJob | null>(null);
  const start = useCallback(
    <R,>(kind: JobKind, params: Record<string, unknown>): Promise<R> => {
      setRunning({ jobId: null, value: 0, etaMs: null });
      return runJob<R>(api, kind, params, {
        onStarted: (jobId) => setRunning((r) => (r ? { ...r, jobId } : r)),
        onProgress: (p) => setRunning((r) => (r ? { ...r, value: p.value, etaMs: p.etaMs } : r)),
      }).finally(() => setRunning(null));
    },
    [api],
  );
  const jobId = running?.jobId ?? null;
  const cancel = useCallback(() => {
    if (jobId) void api.invoke('jobs:cancel', { jobId });
  }, [api, jobId]);
  return { running, start, cancel };
}
