import { expect } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import type { JobKind } from '../../shared/domain/jobs';
import type { Channel, RequestOf, ResponseOf, WireMessage } from '../../shared/ipc/contract';

const DEMO = join(process.cwd(), 'resources', 'demo', 'data');
/** Two demo counters and one access log: a small workspace with outages (the specs that train). */
const SMALL_DEMO = ['[20240304-20240505]tomcat_TPS.csv', '[20240304-20240505]tomcat_ActiveService.csv', 'access-MIS-WAS-A.log.gz'];

/**
 * A second client of the engine behind `vigil serve`, for assertions: the spec checks what the
 * UI shows against what the engine answers over the same contract. Uses the URL (and token)
 * the harness passes in VIGIL_URL.
 */
export class EngineClient {
  private next = 1;
  private constructor(private readonly ws: WebSocket) {}

  static async connect(url: string): Promise<EngineClient> {
    const u = new URL(url);
    const token = new URLSearchParams(u.hash.slice(1)).get('token') ?? '';
    const ws = new WebSocket(`ws://${u.host}/ws?token=${encodeURIComponent(token)}`, { origin: `${u.protocol}//${u.host}` });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new EngineClient(ws);
  }

  invoke<C extends Channel>(channel: C, payload: RequestOf<C>): Promise<ResponseOf<C>> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      const onMessage = (data: Buffer) => {
        const m = JSON.parse(String(data)) as WireMessage;
        if (m.type !== 'res' || m.id !== id) return;
        this.ws.off('message', onMessage);
        if (m.ok) resolve(m.result as ResponseOf<C>);
        else reject(new Error(`${m.error.code}: ${m.error.message}`));
      };
      this.ws.on('message', onMessage);
      this.ws.send(JSON.stringify({ type: 'req', id, channel, payload }));
    });
  }

  /** Starts a job and waits until it has succeeded; returns its id. */
  async runJob(kind: JobKind, params: Record<string, unknown>, timeoutMs: number): Promise<string> {
    const { jobId } = await this.invoke('jobs:start', { kind, params });
    await expect.poll(async () => (await this.invoke('jobs:list', {})).find((j) => j.id === jobId)?.state, { timeout: timeoutMs, intervals: [500, 1000, 2000] }).toBe('succeeded');
    return jobId;
  }

  /**
   * Opens a new temp workspace (the harness's own is restored by the spec) and imports the small
   * demo set into it through the import job — what a spec that trains starts from.
   */
  async openDemoWorkspace(name: string): Promise<void> {
    await this.invoke('workspace:open', { path: mkdtempSync(join(tmpdir(), `vigil-e2e-${name}-`)), create: true });
    await this.runJob('import', { paths: SMALL_DEMO.map((f) => join(DEMO, f)), timeZone: 'Asia/Seoul' }, 180_000);
  }

  close(): void {
    this.ws.close();
  }
}
