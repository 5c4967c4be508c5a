/** Long work is a job (DESIGN.md §2). */
export const JOB_KINDS = ['import', 'compare', 'train', 'score', 'report', 'selftest', 'explain'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export type JobState = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

/** Progress is a 0–1 value with an ETA; `kind` tags what the event is (GitHub Desktop style). */
export type JobEvent =
  | { kind: 'status'; jobId: string; state: JobState; message?: string }
  | { kind: 'progress'; jobId: string; task?: string; value: number; etaMs: number | null; message?: string }
  | { kind: 'epoch'; jobId: string; task: string; epoch: number; epochs: number; loss: number; valLoss?: number }
  | { kind: 'batch'; jobId: string; task: string; batch: number; batches: number }
  | { kind: 'metric'; jobId: string; task: string; name: string; value: number | null }
  | { kind: 'log'; jobId: string; level: 'info' | 'warn' | 'error'; line: string; atMs: number };

export interface JobSummary {
  id: string;
  kind: JobKind;
  state: JobState;
  title: string;
  startedAtMs: number;
  finishedAtMs: number | null;
  progress: number;
  etaMs: number | null;
  error: SerializedError | null;
}

export interface SerializedError {
  code: string;
  message: string;
  /** Where the problem is, when it is in an input file. */
  where?: { file?: string; line?: number; column?: number; field?: string };
  hint?: string;
  /** true = a bug, not something the user can fix. */
  internal?: boolean;
}

export function assertNever(x: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(x)}`);
}
