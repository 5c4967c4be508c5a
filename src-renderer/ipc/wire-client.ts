import type { Channel, EventMap, EventName, RequestOf, ResponseOf, VigilApi, WireMessage } from '../../shared/ipc/contract';
import type { SerializedError } from '../../shared/domain/jobs';
import { deserializeError, VigilError } from '../../shared/errors';

/**
 * The loopback transport: the contract's `WireMessage`s over one WebSocket to `vigil serve`
 * (DESIGN.md §2).
 *
 * - Requests get increasing ids; a `res` with the same id settles them. A failed `res` rejects
 *   with the engine's error rebuilt as a `VigilError` (`deserializeError`), so callers see the
 *   same codes whichever transport carries them.
 * - Requests made while the socket is (re)connecting wait in a queue and go out on open.
 * - When the socket drops, everything sent and not answered, and everything queued, is rejected
 *   at once (an answer can no longer arrive); the client then reconnects with exponential
 *   backoff and jitter. A close with an auth code (1008 / 4401) stops reconnecting: a wrong
 *   token will not get better.
 * - After a reconnect (or a first connection that needed retries) the client emits a synthetic
 *   `workspace:changed {what:'workspace'}` to its own listeners: answers and events may have been
 *   missed while it was away, so every view re-fetches (and a failed start-up recovers by itself).
 */

/** The part of the browser WebSocket API this client uses (a test double implements just this). */
export type SocketLike = Pick<WebSocket, 'readyState' | 'send' | 'close' | 'onopen' | 'onmessage' | 'onclose' | 'onerror'>;
export type SocketFactory = (url: string) => SocketLike;

/** Timers, injectable so tests drive reconnection without waiting. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface WireClientOptions {
  /** First reconnect delay, ms; doubles per failed attempt up to `maxDelayMs`. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** 0–1 random source for jitter (delay × [0.5, 1)). */
  random?: () => number;
  timers?: Timers;
}

/** WebSocket close codes that mean "your token is wrong": no point reconnecting. */
const AUTH_CLOSE_CODES = new Set([1008, 4401, 4403]);
const OPEN = 1;

interface Pending {
  resolve(value: unknown): void;
  reject(error: unknown): void;
  channel: string;
}

export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

export class WireClient implements VigilApi {
  readonly transport = 'loopback' as const;

  private socket: SocketLike | null = null;
  private nextId = 1;
  /** Sent, waiting for their `res`. */
  private readonly inFlight = new Map<number, Pending>();
  /** Not sent yet: made while the socket was not open. */
  private queue: { id: number; message: string; pending: Pending }[] = [];
  private readonly listeners = new Map<EventName, Set<(payload: never) => void>>();
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();
  private attempt = 0;
  private everOpened = false;
  private retryHandle: unknown = null;
  private stopped = false;
  private state: ConnectionState = 'connecting';
  private readonly initialDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly random: () => number;
  private readonly timers: Timers;

  constructor(
    private readonly url: string,
    private readonly createSocket: SocketFactory,
    options: WireClientOptions = {},
  ) {
    this.initialDelayMs = options.initialDelayMs ?? 250;
    this.maxDelayMs = options.maxDelayMs ?? 10_000;
    this.random = options.random ?? Math.random;
    this.timers = options.timers ?? {
      setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
      clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof globalThis.setTimeout>),
    };
    this.connect();
  }

  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
    if (this.stopped) return Promise.reject(new VigilError('UNAUTHORIZED', 'the connection to the Vigil engine was refused'));
    const id = this.nextId++;
    const message = JSON.stringify({ type: 'req', id, channel, payload: request } satisfies WireMessage);
    return new Promise<ResponseOf<C>>((resolve, reject) => {
      const pending: Pending = { resolve: resolve as (v: unknown) => void, reject, channel };
      if (this.socket && this.socket.readyState === OPEN) {
        this.inFlight.set(id, pending);
        this.socket.send(message);
      } else {
        this.queue.push({ id, message, pending });
      }
    });
  }

  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    const entry = listener as (payload: never) => void;
    set.add(entry);
    return () => {
      set.delete(entry);
    };
  }

  /** Connection state for diagnostics (not part of `VigilApi`: views never need it). */
  onState(listener: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    listener(this.state);
    return () => {
      this.stateListeners.delete(listener);
    };
  }

  /** Closes the socket for good and rejects everything outstanding. */
  dispose(): void {
    this.stopped = true;
    if (this.retryHandle !== null) this.timers.clearTimeout(this.retryHandle);
    this.retryHandle = null;
    const s = this.socket;
    this.socket = null;
    if (s) {
      s.onclose = null;
      s.close(1000, 'client closed');
    }
    this.failOutstanding(new VigilError('INTERNAL', 'the connection to the Vigil engine was closed'));
    this.setState('closed');
  }

  private connect(): void {
    const s = this.createSocket(this.url);
    this.socket = s;
    s.onopen = () => {
      if (this.socket !== s) return;
      // Anything that failed before this open (a drop, or a first connection that took retries)
      // may have missed answers or events: tell the views to re-fetch.
      const recovered = this.everOpened || this.attempt > 0;
      this.everOpened = true;
      this.attempt = 0;
      this.setState('open');
      const queued = this.queue;
      this.queue = [];
      for (const q of queued) {
        this.inFlight.set(q.id, q.pending);
        s.send(q.message);
      }
      if (recovered) this.emit('workspace:changed', { what: 'workspace' });
    };
    s.onmessage = (ev: MessageEvent) => {
      if (this.socket !== s) return;
      this.handleMessage(ev.data);
    };
    // Browsers fire `error` then `close`; all handling happens in `close`.
    s.onerror = () => undefined;
    s.onclose = (ev: CloseEvent) => {
      if (this.socket !== s) return;
      this.socket = null;
      if (AUTH_CLOSE_CODES.has(ev.code)) {
        this.stopped = true;
        this.failOutstanding(
          new VigilError('UNAUTHORIZED', ev.reason || 'the Vigil engine refused the access token', {
            hint: 'open the address `vigil serve` printed, with its #token',
          }),
        );
        this.setState('closed');
        return;
      }
      this.failOutstanding(
        new VigilError('INTERNAL', this.everOpened ? 'lost the connection to the Vigil engine' : `could not connect to the Vigil engine at ${redact(this.url)}`, {
          hint: 'is `vigil serve` still running? Vigil reconnects by itself when it is back',
        }),
      );
      this.scheduleReconnect();
    };
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    this.setState('reconnecting');
    const base = Math.min(this.maxDelayMs, this.initialDelayMs * 2 ** this.attempt);
    this.attempt += 1;
    const delay = Math.round(base * (0.5 + this.random() / 2));
    this.retryHandle = this.timers.setTimeout(() => {
      this.retryHandle = null;
      if (!this.stopped) this.connect();
    }, delay);
  }

  private handleMessage(data: unknown): void {
    if (typeof data !== 'string') {
      console.error('[vigil ipc] ignored a non-text WebSocket frame');
      return;
    }
    let msg: WireMessage;
    try {
      msg = JSON.parse(data) as WireMessage;
    } catch (e) {
      console.error('[vigil ipc] ignored a malformed frame', e);
      return;
    }
    if (msg.type === 'res') {
      const p = this.inFlight.get(msg.id);
      if (!p) {
        console.error(`[vigil ipc] response for unknown request id ${msg.id}`);
        return;
      }
      this.inFlight.delete(msg.id);
      if (msg.ok) p.resolve(msg.result);
      else p.reject(deserializeError(asSerializedError(msg.error)));
    } else if (msg.type === 'event') {
      this.emit(msg.event, msg.payload as EventMap[typeof msg.event]);
    } else {
      console.error('[vigil ipc] ignored an unexpected frame', msg.type);
    }
  }

  private emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    const set = this.listeners.get(event);
    if (!set) return;
    for (const l of [...set]) {
      try {
        (l as (p: EventMap[E]) => void)(payload);
      } catch (e) {
        // A broken view must not stop the other listeners; it is a bug, so say so loudly.
        console.error(`[vigil ipc] a ${event} listener threw`, e);
      }
    }
  }

  private failOutstanding(error: VigilError): void {
    const all = [...this.inFlight.values(), ...this.queue.map((q) => q.pending)];
    this.inFlight.clear();
    this.queue = [];
    for (const p of all) p.reject(error);
  }

  private setState(state: ConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    for (const l of [...this.stateListeners]) l(state);
  }
}

/** A malformed error payload still becomes a VigilError, never `undefined.message`. */
function asSerializedError(e: unknown): SerializedError {
  if (e && typeof e === 'object' && typeof (e as SerializedError).message === 'string') return e as SerializedError;
  return { code: 'INTERNAL', message: 'the engine answered with an error it did not describe', internal: true };
}

/** The URL without its token, for messages. */
function redact(url: string): string {
  return url.replace(/token=[^&]*/, 'token=…');
}
