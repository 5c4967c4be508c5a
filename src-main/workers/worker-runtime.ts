import { parentPort } from 'node:worker_threads';
import { serializeError } from '../../shared/errors';
import type { FromWorker, ToWorker, WorkerTaskEvent } from './protocol';

export interface TaskContext {
  emit(event: WorkerTaskEvent): void;
  log(line: string, level?: 'info' | 'warn' | 'error'): void;
  /** True once the owner asked to cancel; long loops check it between batches. */
  cancelled(): boolean;
}

/** Serves tasks in a worker thread: one at a time, each with its own cancellation flag. */
export function serveTasks(handler: (payload: unknown, ctx: TaskContext) => Promise<unknown>): void {
  const port = parentPort;
  if (!port) throw new Error('serveTasks must run inside a worker thread');
  const cancelled = new Set<number>();
  const post = (m: FromWorker) => port.postMessage(m);
  port.on('message', (msg: ToWorker) => {
    if (msg.type === 'cancel') {
      cancelled.add(msg.seq);
      return;
    }
    const seq = msg.seq;
    const ctx: TaskContext = {
      emit: (event) => post({ type: 'event', seq, event }),
      log: (line, level = 'info') => post({ type: 'event', seq, event: { kind: 'log', level, line } }),
      cancelled: () => cancelled.has(seq),
    };
    handler(msg.payload, ctx).then(
      (result) => post({ type: 'done', seq, result }),
      (e: unknown) => post({ type: 'fail', seq, error: serializeError(e) }),
    ).finally(() => cancelled.delete(seq));
  });
}
