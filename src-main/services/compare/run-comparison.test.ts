import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkerPool } from '../jobs/worker-pool';
import { JobService } from '../jobs/job-service';
import { appPaths, findAppRoot } from '../paths';
import { Workspace } from '../workspace/duckdb-workspace';
import { listRuns } from '../workspace/record-store';
import { windowsFromCsv } from './load-windows';
import { runComparison, type ComparisonResult, type ComparisonSettings } from './run-comparison';
import { VigilError } from '../../../shared/errors';
import { mulberry32 } from '../../core/windows/prng';

// Real workers (dist/workers/train-worker.mjs, built by the global setup), real training, on a
// small labelled CSV whose anomalies a detector can find: three counters, a daily-like wave,
// and outages preceded by a climbing counter.
const tmp = mkdtempSync(join(tmpdir(), 'vigil-compare-'));
const csv = join(tmp, 'labelled.csv');
const root = findAppRoot(import.meta.dirname);
let pool: WorkerPool;
let jobs: JobService;
const events: unknown[] = [];

beforeAll(() => {
  const rng = mulberry32(7);
  const lines = ['time,active,elapsed,heap,label'];
  for (let i = 0; i < 1200; i++) {
    const inOutage = i % 150 >= 140 && i % 150 < 145;
    const precursor = i % 150 >= 130 && i % 150 < 140;
    const wave = Math.sin(i / 12);
    const active = 10 + 3 * wave + (precursor ? 4 + (i % 150) - 130 : 0) + rng();
    lines.push(`${i},${active.toFixed(3)},"${(1000 + 200 * wave + (precursor ? 900 : 0) + 50 * rng()).toFixed(1)}",${(500 + 100 * rng()).toFixed(1)},${inOutage ? 1 : 0}`);
  }
  writeFileSync(csv, `${lines.join('\n')}\n`);
  pool = new WorkerPool(2);
  jobs = new JobService(pool, (_e, p) => events.push(p));
});
afterAll(async () => {
  await pool.close();
  rmSync(tmp, { recursive: true, force: true });
});

const base: ComparisonSettings = { models: ['pca', 'iforest', 'random', 'cnn'], splits: ['blocked', 'kfold'], folds: 3, sampling: ['full', 'ns'], epochs: 2, batchSize: 32, seed: 0, saveModels: true };

describe('runComparison', () => {
  it('runs every model × split × sampling × fold in workers, stores the run, and baselines beat random', async () => {
    const ws = await Workspace.open(join(tmp, 'ws'));
    try {
      const source = await windowsFromCsv(csv, { W: 4 });
      const { done } = jobs.start('compare', 'test', (ctx) => runComparison(ctx, ws, appPaths(root), source, base));
      const r = (await done) as ComparisonResult;
      expect(r.errors).toEqual([]);
      expect(r.rows).toHaveLength(2 * 2 * 4);
      for (const row of r.rows) expect(row.folds).toBe(3);
      const auc = (split: string, model: string) => r.rows.find((x) => x.split === split && x.sampling === 'full' && x.model === model)!.summary.metrics.rocAuc.mean!;
      expect(auc('kfold', 'pca')).toBeGreaterThan(auc('kfold', 'random') + 0.2);
      expect(auc('kfold', 'iforest')).toBeGreaterThan(auc('kfold', 'random') + 0.2);
      // Blocked folds of a series whose anomalies are spread out all hold anomalies here.
      expect(r.folds.filter((f) => f.split === 'blocked').every((f) => f.testAnomalies > 0)).toBe(true);
      const runs = await listRuns(ws);
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({ state: 'succeeded', seed: 0, backend: { name: r.backend.name } });
      const stored = await ws.all('SELECT count(*) AS n FROM fold_metrics WHERE run_id = $1', [r.runId]);
      expect(Number(stored[0]?.['n'])).toBe(2 * 2 * 4 * 3);
    } finally {
      ws.close();
    }
  });

  it('a crashed task fails alone, with its reason; the others finish', async () => {
    // A train worker that dies on the LSTM's tasks and is the real worker otherwise.
    const workers = mkdtempSync(join(tmp, 'workers-'));
    // Module order: the crash listener registers before the real worker's.
    writeFileSync(join(workers, 'crash-on-lstm.mjs'), `import { parentPort } from 'node:worker_threads';
       parentPort.on('message', (m) => { if (m.type === 'run' && m.payload.run.model === 'lstm') process.exit(9); });`);
    writeFileSync(join(workers, 'train-worker.mjs'), `import './crash-on-lstm.mjs';\nimport ${JSON.stringify(join(root, 'dist/workers/train-worker.mjs'))};\n`);
    const source = await windowsFromCsv(csv, { W: 4 });
    const { done } = jobs.start('compare', 'crash', (ctx) => runComparison(ctx, null, { ...appPaths(root), workers }, source, { ...base, models: ['lstm', 'pca'], splits: ['blocked'], sampling: ['full'] }));
    const r = (await done) as ComparisonResult;
    expect(r.errors).toHaveLength(3);
    expect(r.errors[0]!.error).toMatchObject({ code: 'WORKER_CRASHED' });
    expect(r.errors[0]!.error.message).toMatch(/code 9/);
    expect(r.rows.find((x) => x.model === 'pca')!.folds).toBe(3);
    expect(r.rows.find((x) => x.model === 'lstm')!.failed).toBe(3);
  });

  it('cancels within a second', async () => {
    const source = await windowsFromCsv(csv, { W: 4 });
    const { jobId, done } = jobs.start('compare', 'cancel', (ctx) => runComparison(ctx, null, appPaths(root), source, { ...base, models: ['cnn'], splits: ['kfold'], sampling: ['full'], epochs: 500 }));
    await new Promise<void>((resolve) => {
      const check = () => (events.some((e) => (e as { kind?: string; jobId?: string; value?: number }).kind === 'progress' && (e as { jobId: string }).jobId === jobId && (e as { value: number }).value > 0) ? resolve() : setTimeout(check, 20));
      check();
    });
    const t0 = performance.now();
    jobs.cancel(jobId);
    const err = await done.catch((e: unknown) => e);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect((err as VigilError).code).toBe('JOB_CANCELLED');
    expect(pool.busyCount).toBe(0);
  });
});
