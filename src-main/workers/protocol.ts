import type { SerializedError } from '../../shared/domain/jobs';

/**
 * Typed worker RPC (Signal-Desktop style): every task has a sequence number; the worker
 * streams events for it and ends with exactly one `done` or `fail`.
 */
export type ToWorker = { type: 'run'; seq: number; payload: unknown } | { type: 'cancel'; seq: number };

export type WorkerTaskEvent =
  | { kind: 'progress'; value: number; message?: string }
  | { kind: 'log'; level: 'info' | 'warn' | 'error'; line: string }
  | { kind: 'epoch'; epoch: number; epochs: number; loss: number; valLoss?: number }
  | { kind: 'batch'; batch: number; batches: number }
  | { kind: 'metric'; name: string; value: number | null };

export type FromWorker =
  | { type: 'event'; seq: number; event: WorkerTaskEvent }
  | { type: 'done'; seq: number; result: unknown }
  | { type: 'fail'; seq: number; error: SerializedError };
