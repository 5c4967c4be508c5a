import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkerPool, HARD_CANCEL_MS } from './worker-pool';
import { VigilError } from '../../../shared/errors';

// Tiny worker scripts speaking the pool's protocol (workers/protocol.ts), written per test run.
const dir = mkdtempSync(join(tmpdir(), 'vigil-pool-'));
const script = (name: string, body: string) => {
  const file = join(dir, `${name}.mjs`);
  writeFileSync(file, `import { parentPort } from 'node:worker_threads';\nconst cancelled = new Set();\n${body}\n`);
  return file;
};
const echo = script('echo', `parentPort.on('message', (m) => { if (m.type !== 'run') return;
  parentPort.postMessage({ type: 'event', seq: m.seq, event: { kind: 'progress', value: 0.5 } });
  parentPort.postMessage({ type: 'done', seq: m.seq, result: { doubled: m.payload * 2 } }); });`);
const crash = script('crash', `parentPort.on('message', (m) => { if (m.type === 'run') setTimeout(() => { throw new Error('boom in worker'); }, 5); });`);
const exit = script('exit', `parentPort.on('message', (m) => { if (m.type === 'run') process.exit(3); });`);
const oom = script('oom', `parentPort.on('message', (m) => { if (m.type !== 'run') return; const keep = []; for (;;) keep.push(new Array(1e6).fill(Math.random())); });`);
const cooperative = script('coop', `parentPort.on('message', (m) => {
  if (m.type === 'cancel') { cancelled.add(m.seq); return; }
  const tick = () => { if (cancelled.has(m.seq)) parentPort.postMessage({ type: 'fail', seq: m.seq, error: { code: 'JOB_CANCELLED', message: 'stopped between batches' } }); else setTimeout(tick, 20); };
  tick(); });`);
const stubborn = script('stubborn', `parentPort.on('message', (m) => { if (m.type !== 'run') return; const end = Date.now() + 60_000; while (Date.now() < end) {} });`);

let pool: WorkerPool;
beforeAll(() => {
  pool = new WorkerPool(2);
});
afterAll(async () => {
  await pool.close();
  rmSync(dir, { recursive: true, force: true });
});

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'resolved';
  } catch (e) {
    expect(e).toBeInstanceOf(VigilError);
    return `${(e as VigilError).code}: ${(e as VigilError).message}`;
  }
}

describe('WorkerPool', () => {
  it('runs tasks and streams their events', async () => {
    const events: unknown[] = [];
    const r = await pool.run(echo, 21, { onEvent: (e) => events.push(e) });
    expect(r).toEqual({ doubled: 42 });
    expect(events).toEqual([{ kind: 'progress', value: 0.5 }]);
  });

  it('runs more tasks than workers by queueing them', async () => {
    const rs = await Promise.all(Array.from({ length: 7 }, (_, i) => pool.run(echo, i)));
    expect(rs).toEqual(Array.from({ length: 7 }, (_, i) => ({ doubled: 2 * i })));
  });

  it('fails only the crashed task, with the reason, and keeps serving', async () => {
    const [a, b] = await Promise.all([codeOf(pool.run(crash, null)), pool.run(echo, 1)]);
    expect(a).toMatch(/^WORKER_CRASHED: .*boom in worker/);
    expect(b).toEqual({ doubled: 2 });
    expect(await codeOf(pool.run(exit, null))).toMatch(/^WORKER_CRASHED: .*code 3/);
    expect(await pool.run(echo, 5)).toEqual({ doubled: 10 });
  });

  it('reports an out-of-memory worker as such', async () => {
    expect(await codeOf(pool.run(oom, null, { maxHeapMb: 32 }))).toMatch(/^WORKER_CRASHED: .*out of memory/);
    expect(await pool.run(echo, 4)).toEqual({ doubled: 8 });
  });

  it('cancels cooperatively, and terminates a worker that does not listen within a second', async () => {
    const c1 = new AbortController();
    const p1 = pool.run(cooperative, null, { signal: c1.signal });
    await new Promise((r) => setTimeout(r, 50));
    let t = performance.now();
    c1.abort();
    expect(await codeOf(p1)).toMatch(/^JOB_CANCELLED/);
    expect(performance.now() - t).toBeLessThan(1000);

    const c2 = new AbortController();
    const p2 = pool.run(stubborn, null, { signal: c2.signal });
    await new Promise((r) => setTimeout(r, 50));
    t = performance.now();
    c2.abort();
    expect(await codeOf(p2)).toMatch(/^JOB_CANCELLED/);
    expect(performance.now() - t).toBeLessThan(HARD_CANCEL_MS + 700);
    expect(await pool.run(echo, 6)).toEqual({ doubled: 12 });
  });
});
