import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkerPool } from './worker-pool';

// WorkerPool.prespawn: workers started before the tasks arrive run those tasks (no start-up on
// the task's clock). The worker answers with when its module was loaded and which thread it is.
const dir = mkdtempSync(join(tmpdir(), 'vigil-prespawn-'));
const script = join(dir, 'stamp.mjs');
writeFileSync(
  script,
  `import { parentPort, threadId } from 'node:worker_threads';
const loadedAt = Date.now();
parentPort.on('message', (m) => { if (m.type === 'run') setTimeout(() => parentPort.postMessage({ type: 'done', seq: m.seq, result: { loadedAt, threadId } }), 50); });\n`,
);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('WorkerPool.prespawn', () => {
  it('starts idle workers that the next tasks use', async () => {
    const pool = new WorkerPool(2);
    try {
      expect(pool.prespawn(script)).toBe(2);
      expect(pool.prespawn(script)).toBe(0); // already there
      expect(pool.busyCount).toBe(0);
      await new Promise((r) => setTimeout(r, 500)); // let them load
      const submitted = Date.now();
      const results = await Promise.all([1, 2].map(() => pool.run<{ loadedAt: number; threadId: number }>(script, null)));
      expect(results.every((r) => r.loadedAt < submitted)).toBe(true);
      expect(new Set(results.map((r) => r.threadId)).size).toBe(2);
    } finally {
      await pool.close();
    }
    expect(pool.prespawn(script)).toBe(0); // closed
  });

  it('stays within the pool size and leaves room it does not have alone', async () => {
    const pool = new WorkerPool(2);
    try {
      expect(pool.prespawn(script, 1)).toBe(1);
      expect(pool.prespawn(script, 5)).toBe(1); // capped by the pool size
      expect(pool.prespawn(`${script}?other`, 1)).toBe(0); // full: nothing is retired for it
    } finally {
      await pool.close();
    }
  });
});
