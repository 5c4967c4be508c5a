import { EventEmitter } from 'node:events';
import { availableParallelism, platform } from 'node:os';
import type { AppInfo, Channel, EventMap, EventName, ParsedRequestOf, ResponseOf, WorkspaceInfo } from '../../shared/ipc/contract';
import { validateRequest } from '../../shared/ipc/validate';
import { VigilError } from '../../shared/errors';
import { Workspace } from './workspace/duckdb-workspace';
import { WorkerPool } from './jobs/worker-pool';
import { JobService } from './jobs/job-service';
import { UserSettingsStore } from './user-settings';
import { appPaths, appVersion, type AppPaths } from './paths';
import { workspaceCounts } from './workspace/record-store';
import { routes } from './routes';
import { startJob } from './job-handlers';

export interface EngineOptions {
  root: string;
  transport: 'electron' | 'loopback';
  workspaceDir?: string;
  configDir?: string;
  poolSize?: number;
}

type Handlers = { [C in Channel]: (req: ParsedRequestOf<C>) => Promise<ResponseOf<C>> };

/**
 * The composition root (DESIGN.md §1): owns the workspace, the worker pool and the job service,
 * and answers every request of the contract. Both transports call `handle` with untrusted
 * payloads; validation happens here, once, for both.
 */
export class Engine {
  readonly paths: AppPaths;
  readonly pool: WorkerPool;
  readonly jobs: JobService;
  readonly settings: UserSettingsStore;
  private ws: Workspace | null = null;
  private readonly events = new EventEmitter();
  private readonly handlers: Handlers;

  private constructor(readonly opts: EngineOptions) {
    this.paths = appPaths(opts.root);
    this.pool = new WorkerPool(opts.poolSize ?? availableParallelism());
    this.jobs = new JobService(this.pool, (e, p) => this.emit(e, p));
    this.settings = new UserSettingsStore(opts.configDir);
    this.handlers = routes(this);
    this.events.setMaxListeners(100);
  }

  static async create(opts: EngineOptions): Promise<Engine> {
    const engine = new Engine(opts);
    if (opts.workspaceDir) await engine.openWorkspace(opts.workspaceDir);
    return engine;
  }

  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    this.events.emit('event', event, payload);
  }

  onEvent(listener: <E extends EventName>(event: E, payload: EventMap[E]) => void): () => void {
    this.events.on('event', listener);
    return () => this.events.off('event', listener);
  }

  /** Entry point of both transports: validate, then dispatch. */
  async handle(channel: unknown, payload: unknown): Promise<unknown> {
    const req = validateRequest(channel as Channel, payload);
    const handler = this.handlers[channel as Channel] as (r: unknown) => Promise<unknown>;
    return handler(req);
  }

  get workspace(): Workspace {
    if (!this.ws) throw new VigilError('NO_WORKSPACE', 'no workspace is open', { hint: 'Open a workspace folder first (`vigil serve --workspace DIR`).' });
    return this.ws;
  }

  get hasWorkspace(): boolean {
    return this.ws !== null;
  }

  async openWorkspace(dir: string, create = true): Promise<WorkspaceInfo> {
    const next = await Workspace.open(dir, { create });
    this.ws?.close();
    this.ws = next;
    this.settings.rememberWorkspace(next.dir);
    this.emit('workspace:changed', { what: 'workspace' });
    return this.workspaceInfo();
  }

  async workspaceInfo(): Promise<WorkspaceInfo> {
    const ws = this.workspace;
    return { path: ws.dir, schemaVersion: ws.schemaVersion, counts: await workspaceCounts(ws) };
  }

  async appInfo(): Promise<AppInfo> {
    const s = this.settings.get();
    return {
      version: appVersion(this.paths.root),
      transport: this.opts.transport,
      platform: `${platform()} ${process.arch}`,
      cores: availableParallelism(),
      workspace: this.ws ? await this.workspaceInfo() : null,
      recentWorkspaces: s.recentWorkspaces,
      settings: { theme: s.theme, locale: s.locale },
    };
  }

  startJob(kind: ParsedRequestOf<'jobs:start'>['kind'], params: Record<string, unknown>): { jobId: string; done: Promise<unknown> } {
    return startJob(this, kind, params);
  }

  async close(): Promise<void> {
    await this.jobs.shutdown();
    await this.pool.close();
    this.ws?.close();
    this.ws = null;
  }
}
