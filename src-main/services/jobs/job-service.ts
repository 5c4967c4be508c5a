import { randomUUID } from 'node:crypto';
import type { JobEvent, JobKind, JobState, JobSummary } from '../../../shared/domain/jobs';
import type { EventMap, EventName } from '../../../shared/ipc/contract';
import { VigilError, serializeError } from '../../../shared/errors';
import type { WorkerPool } from './worker-pool';
import type { WorkerTaskEvent } from '../../workers/protocol';
import { Throttle, estimateEtaMs } from './eta';

export type EmitEvent = <E extends EventName>(event: E, payload: EventMap[E]) => void;

/** Progress events reach the renderer at most this often per job (DESIGN.md §2: throttled). */
const PROGRESS_INTERVAL_MS = 200;
const MAX_LOG_LINES = 5000;

export interface JobContext {
  readonly jobId: string;
  readonly signal: AbortSignal;
  /** Overall progress 0–1. */
  progress(value: number, message?: string): void;
  log(line: string, level?: 'info' | 'warn' | 'error'): void;
  /** Runs one task in a worker; its progress can be mapped into a share of the job's. */
  runTask<R>(script: string, payload: unknown, opts?: { task?: string; onProgress?: (v: number) => void; maxHeapMb?: number }): Promise<R>;
  throwIfCancelled(): void;
}

interface JobRecord {
  summary: JobSummary;
  controller: AbortController;
  logs: string[];
  throttle: Throttle;
  done: Promise<unknown>;
}

export class JobService {
  private readonly jobs = new Map<string, JobRecord>();

  constructor(private readonly pool: WorkerPool, private readonly emit: EmitEvent) {}

  start<R>(kind: JobKind, title: string, body: (ctx: JobContext) => Promise<R>): { jobId: string; done: Promise<R> } {
    const jobId = randomUUID();
    const controller = new AbortController();
    const summary: JobSummary = { id: jobId, kind, state: 'running', title, startedAtMs: Date.now(), finishedAtMs: null, progress: 0, etaMs: null, error: null };
    const rec: JobRecord = { summary, controller, logs: [], throttle: new Throttle(PROGRESS_INTERVAL_MS), done: Promise.resolve() };
    this.jobs.set(jobId, rec);
    const send = (e: JobEvent) => this.emit('job:event', e);
    const log = (line: string, level: 'info' | 'warn' | 'error' = 'info') => {
      const stamped = `${new Date().toISOString().slice(11, 19)} ${level === 'info' ? '' : `${level.toUpperCase()} `}${line}`;
      rec.logs.push(stamped);
      if (rec.logs.length > MAX_LOG_LINES) rec.logs.splice(0, rec.logs.length - MAX_LOG_LINES);
      send({ kind: 'log', jobId, level, line: stamped, atMs: Date.now() });
    };
    const progress = (value: number, message?: string, force = false) => {
      summary.progress = Math.min(1, Math.max(0, value));
      summary.etaMs = estimateEtaMs(summary.progress, Date.now() - summary.startedAtMs);
      if (rec.throttle.pass(force || summary.progress >= 1)) {
        send({ kind: 'progress', jobId, value: summary.progress, etaMs: summary.etaMs, ...(message ? { message } : {}) });
      }
    };
    const throwIfCancelled = () => {
      if (controller.signal.aborted) throw new VigilError('JOB_CANCELLED', 'the job was cancelled');
    };
    const ctx: JobContext = {
      jobId,
      signal: controller.signal,
      progress: (v, m) => progress(v, m),
      log,
      throwIfCancelled,
      runTask: <T>(script: string, payload: unknown, o: { task?: string; onProgress?: (v: number) => void; maxHeapMb?: number } = {}) => {
        const task = o.task ?? script;
        // Per-task progress (\`task\` set) for the UI's per-task bars; the job's own progress has no task.
        const taskStartMs = Date.now();
        const taskThrottle = new Throttle(PROGRESS_INTERVAL_MS);
        const onEvent = (e: WorkerTaskEvent) => {
          switch (e.kind) {
            case 'log':
              log(`[${task}] ${e.line}`, e.level);
              break;
            case 'progress':
              o.onProgress?.(e.value);
              if (o.task && taskThrottle.pass(e.value >= 1)) send({ kind: 'progress', jobId, task, value: e.value, etaMs: estimateEtaMs(e.value, Date.now() - taskStartMs) });
              break;
            case 'epoch':
              send({ kind: 'epoch', jobId, task, epoch: e.epoch, epochs: e.epochs, loss: e.loss, ...(e.valLoss !== undefined ? { valLoss: e.valLoss } : {}) });
              break;
            case 'batch':
              if (rec.throttle.pass()) send({ kind: 'batch', jobId, task, batch: e.batch, batches: e.batches });
              break;
            case 'metric':
              send({ kind: 'metric', jobId, task, name: e.name, value: e.value });
              break;
          }
        };
        return this.pool.run<T>(script, payload, { onEvent, signal: controller.signal, ...(o.maxHeapMb ? { maxHeapMb: o.maxHeapMb } : {}) });
      },
    };
    const setState = (state: JobState, message?: string) => {
      summary.state = state;
      send({ kind: 'status', jobId, state, ...(message ? { message } : {}) });
    };
    send({ kind: 'status', jobId, state: 'running' });
    log(`${title}: started`);
    const done = (async () => {
      try {
        const result = await body(ctx);
        progress(1, undefined, true);
        summary.finishedAtMs = Date.now();
        setState('succeeded');
        log(`${title}: finished in ${((summary.finishedAtMs - summary.startedAtMs) / 1000).toFixed(1)} s`);
        this.emit('job:finished', { jobId, state: 'succeeded', result });
        return result;
      } catch (e) {
        const cancelled = controller.signal.aborted || (e instanceof VigilError && e.code === 'JOB_CANCELLED');
        const error = serializeError(e);
        summary.error = error;
        summary.finishedAtMs = Date.now();
        setState(cancelled ? 'cancelled' : 'failed', error.message);
        log(`${title}: ${cancelled ? 'cancelled' : `failed: ${error.message}`}`, cancelled ? 'warn' : 'error');
        this.emit('job:finished', { jobId, state: summary.state, error });
        throw e;
      }
    })();
    rec.done = done.catch(() => undefined);
    return { jobId, done };
  }

  cancel(jobId: string): boolean {
    const rec = this.jobs.get(jobId);
    if (!rec || rec.summary.state !== 'running') return false;
    rec.controller.abort();
    return true;
  }

  list(): JobSummary[] {
    return [...this.jobs.values()].map((r) => ({ ...r.summary })).sort((a, b) => b.startedAtMs - a.startedAtMs);
  }

  log(jobId: string): string[] {
    const rec = this.jobs.get(jobId);
    if (!rec) throw new VigilError('NOT_FOUND', `no job ${jobId}`);
    return [...rec.logs];
  }

  async shutdown(): Promise<void> {
    for (const rec of this.jobs.values()) rec.controller.abort();
    await Promise.all([...this.jobs.values()].map((r) => r.done));
  }
}
