import { createServer, type IncomingMessage, type Server } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { WireMessage } from '../../../shared/ipc/contract';
import { serializeError } from '../../../shared/errors';
import type { Engine } from '../engine';
import { resolveStatic } from './static-files';

/** The renderer's CSP when served over loopback (the Electron window uses the same policy). */
export function contentSecurityPolicy(port?: number): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    port === undefined ? "connect-src 'self'" : `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export interface LoopbackServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * `vigil serve`: the same contract as Electron IPC over a loopback WebSocket (DESIGN.md §2).
 * Binds 127.0.0.1 only, needs the per-start random token, checks Host (DNS rebinding) and
 * Origin (other web pages), and serves the built renderer.
 */
export async function startLoopbackServer(engine: Engine, opts: { port?: number; rendererDir: string }): Promise<LoopbackServer> {
  const token = randomBytes(24).toString('base64url');
  let port = opts.port ?? 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  const hostOk = (req: IncomingMessage) => allowedHosts().has(req.headers.host ?? '');

  if (!existsSync(opts.rendererDir)) throw new Error(`renderer bundle ${opts.rendererDir} is missing: run \`npm run build\``);

  const server: Server = createServer((req, res) => {
    if (!hostOk(req)) {
      res.writeHead(421, { 'content-type': 'text/plain' }).end('wrong host');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    void resolveStatic(opts.rendererDir, req.url ?? '/').then((file) => {
      if (!file) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      res.writeHead(200, {
        'content-type': file.type,
        'content-security-policy': contentSecurityPolicy(port),
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : file.body);
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const given = url.searchParams.get('token') ?? '';
    const originOk = allowedOrigins().has(String(req.headers.origin ?? ''));
    if (url.pathname !== '/ws' || !hostOk(req) || !originOk) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    if (!sameToken(given, token)) {
      // Our own page with a stale token (the server restarted): tell it so with a close code it
      // recognises (4401), instead of a bare 403 the browser would report as a network error.
      wss.handleUpgrade(req, socket, head, (ws) => ws.close(4401, 'unauthorized: the token is not valid for this server start'));
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  const send = (ws: WebSocket, m: WireMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m));
  };
  wss.on('connection', (ws: WebSocket) => {
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      let msg: unknown;
      try {
        msg = JSON.parse(String(data));
      } catch {
        return;
      }
      if (typeof msg !== 'object' || msg === null) return;
      const m = msg as { type?: unknown; id?: unknown; channel?: unknown; payload?: unknown };
      if (m.type !== 'req' || typeof m.id !== 'number') return;
      const id = m.id;
      engine.handle(m.channel, m.payload).then(
        (result) => send(ws, { type: 'res', id, ok: true, result }),
        (e: unknown) => send(ws, { type: 'res', id, ok: false, error: serializeError(e) }),
      );
    });
  });
  const unsubscribe = engine.onEvent((event, payload) => {
    const text = JSON.stringify({ type: 'event', event, payload } satisfies WireMessage);
    for (const ws of wss.clients) if (ws.readyState === ws.OPEN) ws.send(text);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    close: async () => {
      unsubscribe();
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
