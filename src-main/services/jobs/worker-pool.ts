import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { VigilError, deserializeError } from '../../../shared/errors';
import type { FromWorker, ToWorker, WorkerTaskEvent } from '../../workers/protocol';

export interface TaskOptions {
  onEvent?: (e: WorkerTaskEvent) => void;
  signal?: AbortSignal;
  /** Heap limit for the worker; exceeding it fails this task with an out-of-memory reason. */
  maxHeapMb?: number;
}

interface Slot {
  worker: Worker;
  script: string;
  busy: boolean;
}

interface Pending {
  script: string;
  payload: unknown;
  opts: TaskOptions;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

/** After a cancel request, a task that has not stopped cooperatively by then is terminated. */
export const HARD_CANCEL_MS = 800;

/**
 * A `worker_threads` pool sized to the cores (DESIGN.md §4). Each slot runs one task at a time;
 * idle workers of the same script are reused (TensorFlow.js start-up is paid once). A crashed or
 * out-of-memory worker fails only its own task with the reason; the pool replaces it.
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private seq = 0;
  private closed = false;

  constructor(readonly size = Math.max(1, availableParallelism())) {}

  get busyCount(): number {
    return this.slots.filter((s) => s.busy).length;
  }

  run<R = unknown>(script: string, payload: unknown, opts: TaskOptions = {}): Promise<R> {
    if (this.closed) return Promise.reject(new VigilError('INTERNAL', 'worker pool is closed'));
    if (opts.signal?.aborted) return Promise.reject(new VigilError('JOB_CANCELLED', 'cancelled before start'));
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ script, payload, opts, resolve: resolve as (v: unknown) => void, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const next = this.queue[0]!;
      if (next.opts.signal?.aborted) {
        this.queue.shift();
        next.reject(new VigilError('JOB_CANCELLED', 'cancelled while queued'));
        continue;
      }
      let slot = this.slots.find((s) => !s.busy && s.script === next.script);
      if (!slot) {
        if (this.slots.length >= this.size) {
          const idle = this.slots.find((s) => !s.busy);
          if (!idle) return;
          this.retire(idle);
        }
        slot = this.spawn(next.script, next.opts.maxHeapMb);
      }
      this.queue.shift();
      this.execute(slot, next);
    }
  }

  /**
   * Starts idle workers of `script` ahead of use (up to `count`, within the pool size, not
   * replacing busy or other workers), so the first tasks skip thread start-up and module
   * loading: e.g. import workers started before the files arrive. Returns how many were started.
   */
  prespawn(script: string, count = this.size): number {
    if (this.closed) return 0;
    let started = 0;
    while (this.slots.filter((s) => s.script === script).length < count && this.slots.length < this.size) {
      this.spawn(script);
      started++;
    }
    return started;
  }

  private spawn(script: string, maxHeapMb?: number): Slot {
    const worker = new Worker(script, maxHeapMb ? { resourceLimits: { maxOldGenerationSizeMb: maxHeapMb } } : {});
    const slot: Slot = { worker, script, busy: false };
    worker.unref();
    this.slots.push(slot);
    return slot;
  }

  private retire(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    void slot.worker.terminate();
  }

  private execute(slot: Slot, task: Pending): void {
    slot.busy = true;
    slot.worker.ref();
    const seq = ++this.seq;
    const { worker } = slot;
    let settled = false;
    let hardCancel: NodeJS.Timeout | undefined;

    const finish = (fn: () => void, keepWorker: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(hardCancel);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      task.opts.signal?.removeEventListener('abort', onAbort);
      if (keepWorker) {
        slot.busy = false;
        worker.unref();
      } else {
        this.retire(slot);
      }
      fn();
      this.pump();
    };
    const onMessage = (m: FromWorker) => {
      if (m.seq !== seq) return;
      if (m.type === 'event') task.opts.onEvent?.(m.event);
      else if (m.type === 'done') finish(() => task.resolve(m.result), true);
      else finish(() => task.reject(deserializeError(m.error)), true);
    };
    let lastError: Error | undefined;
    const onError = (e: Error) => {
      lastError = e;
    };
    const onExit = (code: number) => {
      const oom = lastError && /ERR_WORKER_OUT_OF_MEMORY|out of memory/i.test(`${(lastError as NodeJS.ErrnoException).code ?? ''} ${lastError.message}`);
      const reason = oom
        ? 'the worker ran out of memory'
        : lastError
          ? `the worker crashed: ${lastError.message}`
          : `the worker exited with code ${code}`;
      if (task.opts.signal?.aborted) finish(() => task.reject(new VigilError('JOB_CANCELLED', 'cancelled')), false);
      else finish(() => task.reject(new VigilError('WORKER_CRASHED', reason, { hint: oom ? 'Use fewer windows or a smaller batch, or raise the memory limit.' : 'The rest of the job goes on; see the console log.' })), false);
    };
    const onAbort = () => {
      worker.postMessage({ type: 'cancel', seq } satisfies ToWorker);
      hardCancel = setTimeout(() => {
        finish(() => task.reject(new VigilError('JOB_CANCELLED', 'cancelled (worker stopped)')), false);
      }, HARD_CANCEL_MS);
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    task.opts.signal?.addEventListener('abort', onAbort, { once: true });
    worker.postMessage({ type: 'run', seq, payload: task.payload } satisfies ToWorker);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new VigilError('JOB_CANCELLED', 'engine is shutting down'));
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }
}
