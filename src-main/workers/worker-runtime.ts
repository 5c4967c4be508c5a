import { parentPort } from 'node:worker_threads';
import { serializeError } from '../../shared/errors';
import type { FromWorker, ToWorker, WorkerTaskEvent } from './protocol';

/**
 * The ArrayBuffers of the typed arrays in a result (two levels deep), moved rather than copied
 * back to the owner: a parsed Scouter file or a fold's scores are megabytes of typed arrays.
 * Buffers shared with other threads (SharedArrayBuffer) and views on a shared buffer stay put.
 */
function transferables(result: unknown): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  const visit = (v: unknown, depth: number) => {
    if (ArrayBuffer.isView(v)) {
      const b = v.buffer;
      if (b instanceof ArrayBuffer && v.byteOffset === 0 && v.byteLength === b.byteLength) out.add(b);
    } else if (depth < 3 && v !== null && typeof v === 'object') {
      for (const x of Array.isArray(v) ? v : Object.values(v)) visit(x, depth + 1);
    }
  };
  visit(result, 0);
  return [...out];
}

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
      (result) => {
        const done: FromWorker = { type: 'done', seq, result };
        try {
          port.postMessage(done, transferables(result));
        } catch {
          post(done); // a buffer that cannot be detached (e.g. WebAssembly memory): copy instead
        }
      },
      (e: unknown) => post({ type: 'fail', seq, error: serializeError(e) }),
    ).finally(() => cancelled.delete(seq));
  });
}
