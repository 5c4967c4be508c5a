import { beforeEach, describe, expect, it } from 'vitest';
import { VigilError } from '../../shared/errors';
import type { WireMessage } from '../../shared/ipc/contract';
import { WireClient, type SocketLike, type Timers } from './wire-client';

/** Test double of the browser WebSocket: only the surface WireClient uses. */
class FakeSocket implements SocketLike {
  readyState = 0;
  sent: WireMessage[] = [];
  closedWith: number | null = null;
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  constructor(readonly url: string) {}
  send(data: string): void {
    if (this.readyState !== 1) throw new Error('send before open');
    this.sent.push(JSON.parse(data) as WireMessage);
  }
  close(code?: number): void {
    this.closedWith = code ?? 1000;
    this.readyState = 3;
  }
  // Driving the double from the test:
  open(): void {
    this.readyState = 1;
    this.onopen?.call(this as unknown as WebSocket, new Event('open'));
  }
  receive(msg: WireMessage | string): void {
    const data = typeof msg === 'string' ? msg : JSON.stringify(msg);
    this.onmessage?.call(this as unknown as WebSocket, { data } as MessageEvent);
  }
  drop(code = 1006, reason = ''): void {
    this.readyState = 3;
    this.onerror?.call(this as unknown as WebSocket, new Event('error'));
    this.onclose?.call(this as unknown as WebSocket, { code, reason } as CloseEvent);
  }
}

/** Manual timers: tests fire them explicitly. */
class ManualTimers implements Timers {
  scheduled: { fn: () => void; ms: number }[] = [];
  setTimeout(fn: () => void, ms: number): unknown {
    const t = { fn, ms };
    this.scheduled.push(t);
    return t;
  }
  clearTimeout(handle: unknown): void {
    this.scheduled = this.scheduled.filter((t) => t !== handle);
  }
  fireNext(): number {
    const t = this.scheduled.shift();
    if (!t) throw new Error('no timer scheduled');
    t.fn();
    return t.ms;
  }
}

let sockets: FakeSocket[];
let timers: ManualTimers;
const URL = 'ws://127.0.0.1:4870/ws?token=secret';

function client(): WireClient {
  return new WireClient(URL, (url) => {
    const s = new FakeSocket(url);
    sockets.push(s);
    return s;
  }, { timers, random: () => 0.999, initialDelayMs: 100, maxDelayMs: 1000 });
}
const last = (): FakeSocket => {
  const s = sockets[sockets.length - 1];
  if (!s) throw new Error('no socket');
  return s;
};

beforeEach(() => {
  sockets = [];
  timers = new ManualTimers();
});

describe('WireClient', () => {
  it('connects to the given URL and queues requests until the socket opens', async () => {
    const c = client();
    expect(last().url).toBe(URL);
    const p = c.invoke('app:info', {});
    expect(last().sent).toEqual([]);
    last().open();
    expect(last().sent).toEqual([{ type: 'req', id: 1, channel: 'app:info', payload: {} }]);
    last().receive({ type: 'res', id: 1, ok: true, result: { version: '0.1.0' } });
    await expect(p).resolves.toEqual({ version: '0.1.0' });
  });

  it('matches responses to requests by id, in any order', async () => {
    const c = client();
    last().open();
    const a = c.invoke('imports:list', {});
    const b = c.invoke('runs:list', {});
    last().receive({ type: 'res', id: 2, ok: true, result: ['runs'] });
    last().receive({ type: 'res', id: 1, ok: true, result: ['imports'] });
    await expect(a).resolves.toEqual(['imports']);
    await expect(b).resolves.toEqual(['runs']);
  });

  it('rejects with a VigilError carrying the engine error code, location and hint', async () => {
    const c = client();
    last().open();
    const p = c.invoke('series:query', { object: '/x' });
    last().receive({
      type: 'res',
      id: 1,
      ok: false,
      error: { code: 'NOT_FOUND', message: 'no series for /x', hint: 'import first', where: { field: 'object' } },
    });
    const e = await p.catch((x: unknown) => x);
    expect(e).toBeInstanceOf(VigilError);
    expect(e).toMatchObject({ code: 'NOT_FOUND', message: 'no series for /x', hint: 'import first', where: { field: 'object' } });
  });

  it('delivers events to listeners until they unsubscribe', () => {
    const c = client();
    last().open();
    const got: unknown[] = [];
    const off = c.on('job:event', (e) => got.push(e));
    const ev = { kind: 'log', jobId: 'j1', level: 'info', line: 'epoch 1', atMs: 1 } as const;
    last().receive({ type: 'event', event: 'job:event', payload: ev });
    off();
    last().receive({ type: 'event', event: 'job:event', payload: ev });
    expect(got).toEqual([ev]);
  });

  it('survives malformed frames and a throwing listener', () => {
    const c = client();
    last().open();
    const got: string[] = [];
    c.on('workspace:changed', () => {
      throw new Error('broken view');
    });
    c.on('workspace:changed', (e) => got.push(e.what));
    const quiet = console.error;
    console.error = () => undefined;
    try {
      last().receive('{not json');
      last().receive({ type: 'event', event: 'workspace:changed', payload: { what: 'runs' } });
    } finally {
      console.error = quiet;
    }
    expect(got).toEqual(['runs']);
  });

  it('rejects in-flight and queued requests when the connection drops, then reconnects with backoff', async () => {
    const c = client();
    last().open();
    const inFlight = c.invoke('jobs:list', {});
    last().drop();
    const queued = c.invoke('runs:list', {});
    // queued during the reconnect delay: stays queued until the next socket opens
    await expect(inFlight).rejects.toMatchObject({ code: 'INTERNAL', message: 'lost the connection to the Vigil engine' });
    expect(timers.fireNext()).toBe(100);
    expect(sockets).toHaveLength(2);
    last().open();
    expect(last().sent.map((m) => (m.type === 'req' ? m.channel : m.type))).toEqual(['runs:list']);
    last().receive({ type: 'res', id: 2, ok: true, result: [] });
    await expect(queued).resolves.toEqual([]);
  });

  it('fails fast when the engine is unreachable and backs off exponentially up to the cap', async () => {
    const c = client();
    const p = c.invoke('app:info', {});
    last().drop();
    await expect(p).rejects.toMatchObject({ code: 'INTERNAL' });
    await expect(p).rejects.toThrow(/could not connect .*token=…/);
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      delays.push(timers.fireNext());
      last().drop();
    }
    expect(delays).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect(timers.scheduled).toHaveLength(1); // still trying
    // When the engine finally answers, the views are told to fetch again.
    const changes: string[] = [];
    c.on('workspace:changed', (e) => changes.push(e.what));
    timers.fireNext();
    last().open();
    expect(changes).toEqual(['workspace']);
  });

  it('reports its connection state', () => {
    const c = client();
    const states: string[] = [];
    c.onState((s) => states.push(s));
    last().open();
    last().drop();
    timers.fireNext();
    last().open();
    c.dispose();
    expect(states).toEqual(['connecting', 'open', 'reconnecting', 'open', 'closed']);
  });

  it('resets the backoff after a successful open and announces the reconnect as a workspace change', () => {
    const c = client();
    const changes: string[] = [];
    c.on('workspace:changed', (e) => changes.push(e.what));
    last().open();
    expect(changes).toEqual([]);
    last().drop();
    timers.fireNext();
    last().drop();
    expect(timers.fireNext()).toBe(200);
    last().open();
    expect(changes).toEqual(['workspace']);
    last().drop();
    expect(timers.fireNext()).toBe(100);
  });

  it('stops reconnecting when the engine refuses the token', async () => {
    const c = client();
    const p = c.invoke('app:info', {});
    last().drop(4401, 'bad token');
    await expect(p).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: 'bad token' });
    expect(timers.scheduled).toHaveLength(0);
    await expect(c.invoke('app:info', {})).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('dispose closes the socket and rejects what is outstanding', async () => {
    const c = client();
    last().open();
    const p = c.invoke('jobs:list', {});
    c.dispose();
    await expect(p).rejects.toBeInstanceOf(VigilError);
    expect(last().closedWith).toBe(1000);
    expect(timers.scheduled).toHaveLength(0);
  });
});
