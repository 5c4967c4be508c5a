import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { WebSocket } from 'ws';
import { Engine } from '../engine';
import { findAppRoot } from '../paths';
import { startLoopbackServer, type LoopbackServer } from './loopback-server';
import type { WireMessage } from '../../../shared/ipc/contract';

const tmp = mkdtempSync(join(tmpdir(), 'vigil-serve-'));
const renderer = join(tmp, 'renderer');
let engine: Engine;
let server: LoopbackServer;

beforeAll(async () => {
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Vigil</title>');
  writeFileSync(join(renderer, 'assets/app.js'), 'console.log(1)');
  writeFileSync(join(tmp, 'secret.txt'), 'do not serve');
  engine = await Engine.create({ root: findAppRoot(import.meta.dirname), transport: 'loopback', workspaceDir: join(tmp, 'ws'), configDir: join(tmp, 'config'), poolSize: 2 });
  server = await startLoopbackServer(engine, { rendererDir: renderer });
});
afterAll(async () => {
  await server.close();
  await engine.close();
  rmSync(tmp, { recursive: true, force: true });
});

function get(path: string, host = `127.0.0.1:${server.port}`): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers: { host } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function connect(opts: { token?: string; origin?: string } = {}): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws?token=${opts.token ?? server.token}`, { origin: opts.origin ?? `http://127.0.0.1:${server.port}` });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function call(ws: WebSocket, id: number, channel: string, payload: unknown): Promise<WireMessage> {
  return new Promise((resolve) => {
    const onMsg = (data: Buffer) => {
      const m = JSON.parse(String(data)) as WireMessage;
      if (m.type === 'res' && m.id === id) {
        ws.off('message', onMsg);
        resolve(m);
      }
    };
    ws.on('message', onMsg);
    ws.send(JSON.stringify({ type: 'req', id, channel, payload }));
  });
}

describe('vigil serve (loopback transport)', () => {
  it('binds 127.0.0.1 with a fresh random token in the URL fragment', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{32}$/);
  });

  it('serves the renderer with a strict CSP, and nothing outside it', async () => {
    const index = await get('/');
    expect(index.status).toBe(200);
    expect(String(index.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(String(index.headers['content-security-policy'])).toContain("object-src 'none'");
    expect((await get('/assets/app.js')).headers['content-type']).toMatch(/javascript/);
    expect((await get('/../secret.txt')).body).not.toContain('do not serve');
    expect((await get('/%2e%2e/secret.txt')).body).not.toContain('do not serve');
    expect((await get('/', 'evil.example:80')).status).toBe(421);
  });

  it('refuses a WebSocket without the token or from another origin', async () => {
    await expect(connect({ origin: 'http://evil.example' })).rejects.toThrow(/403/);
    const stale = await connect({ token: 'wrong' });
    const closed = await new Promise<{ code: number; reason: string }>((resolve) => stale.once('close', (code, reason) => resolve({ code, reason: String(reason) })));
    expect(closed.code).toBe(4401);
    // Nothing is answered on such a socket.
    expect(stale.readyState).toBe(stale.CLOSED);
  });

  it('answers contract requests, validates them, and pushes job events', async () => {
    const ws = await connect();
    const info = await call(ws, 1, 'app:info', {});
    expect(info).toMatchObject({ ok: true, result: { transport: 'loopback', workspace: { counts: { objects: 0 } } } });
    expect(await call(ws, 2, 'nope:nothing', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await call(ws, 3, 'jobs:start', { kind: 'rm -rf' })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });

    const events: WireMessage[] = [];
    ws.on('message', (d: Buffer) => events.push(JSON.parse(String(d)) as WireMessage));
    const started = await call(ws, 4, 'jobs:start', { kind: 'selftest', params: { seconds: 0.3, workers: 1 } });
    expect(started).toMatchObject({ ok: true });
    const jobId = (started as { result: { jobId: string } }).result.jobId;
    await new Promise<void>((resolve) => {
      const check = () => (events.some((e) => e.type === 'event' && e.event === 'job:finished') ? resolve() : setTimeout(check, 20));
      check();
    });
    const finished = events.find((e) => e.type === 'event' && e.event === 'job:finished');
    expect(finished).toMatchObject({ payload: { jobId, state: 'succeeded' } });
    expect(events.some((e) => e.type === 'event' && e.event === 'job:event' && (e.payload as { kind: string }).kind === 'log')).toBe(true);
    const log = await call(ws, 5, 'jobs:log', { jobId });
    expect((log as { result: string[] }).result.join('\n')).toMatch(/GFLOP\/s/);
    ws.close();
  });
});
