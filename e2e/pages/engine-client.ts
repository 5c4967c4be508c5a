import { WebSocket } from 'ws';
import type { Channel, RequestOf, ResponseOf, WireMessage } from '../../shared/ipc/contract';

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

  close(): void {
    this.ws.close();
  }
}
