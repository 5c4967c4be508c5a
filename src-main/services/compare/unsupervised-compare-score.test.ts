import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkerPool } from '../jobs/worker-pool';
import { JobService } from '../jobs/job-service';
import { appPaths, findAppRoot } from '../paths';
import { Workspace } from '../workspace/duckdb-workspace';
import { getLabelVersion } from '../workspace/label-store';
import { windowsFromCsv } from './load-windows';
import { runComparison, type ComparisonResult } from './run-comparison';
import { scoreWorkspace, trainWorkspaceModel } from './train-and-score';
import { runImport } from '../import/run-import';
import { mulberry32 } from '../../core/windows/prng';

// Unsupervised detectors (METHODS.md §6) through the real worker pool (dist/workers, built by the
// global setup): a comparison beside a baseline with an ablation, fitted without labels, saved per
// fold; then train → score on imported demo counters.
const tmp = mkdtempSync(join(tmpdir(), 'vigil-unsup-compare-'));
const csv = join(tmp, 'labelled.csv');
const root = findAppRoot(import.meta.dirname);
let pool: WorkerPool;
let jobs: JobService;

beforeAll(() => {
  const rng = mulberry32(11);
  const lines = ['time,active,elapsed,heap,label'];
  for (let i = 0; i < 1500; i++) {
    const inOutage = i % 150 >= 140 && i % 150 < 145;
    const precursor = i % 150 >= 132 && i % 150 < 145;
    const wave = Math.sin(i / 12);
    lines.push(`${i},${(10 + 3 * wave + (precursor ? 9 : 0) + rng()).toFixed(3)},${(1000 + 200 * wave + (precursor ? 1500 : 0) + 50 * rng()).toFixed(1)},${(500 + 100 * rng()).toFixed(1)},${inOutage ? 1 : 0}`);
  }
  writeFileSync(csv, `${lines.join('\n')}\n`);
  pool = new WorkerPool(2);
  jobs = new JobService(pool, () => undefined);
});
afterAll(async () => {
  await pool.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('unsupervised detectors in comparisons and scoring', () => {
  it('mvas-cscd and its no-cscd ablation run beside pca on the same folds, fitted on windows before sampling, saved per fold', async () => {
    const ws = await Workspace.open(join(tmp, 'ws'));
    try {
      const source = await windowsFromCsv(csv, { W: 4 });
      const settings = { models: ['mvas-cscd', 'mvas-cscd:no-cscd', 'pca'], splits: ['blocked' as const], folds: 2, sampling: ['full' as const, 'ns' as const], epochs: 3, batchSize: 128, seed: 0, saveModels: true };
      const r = (await jobs.start('compare', 'test', (ctx) => runComparison(ctx, ws, appPaths(root), source, settings)).done) as ComparisonResult;
      expect(r.errors).toEqual([]);
      const row = (model: string, sampling: string) => r.rows.find((x) => x.model === model && x.sampling === sampling)!;
      for (const m of ['mvas-cscd', 'mvas-cscd:no-cscd']) {
        expect(row(m, 'full').folds).toBe(2);
        expect(row(m, 'full').trainWindowsPerSec).toBeGreaterThan(0);
        // labels play no part in fitting: negative sampling does not change the detector or its scores
        expect(row(m, 'ns').summary.metrics.rocAuc.mean).toBe(row(m, 'full').summary.metrics.rocAuc.mean);
      }
      // the precursor windows stand out from the wave: the detector ranks them above normal ones
      expect(row('mvas-cscd', 'full').summary.metrics.rocAuc.mean!).toBeGreaterThan(0.7);
      expect(row('mvas-cscd:no-cscd', 'full').paramCount).toBe(row('mvas-cscd', 'full').paramCount);
      expect(row('mvas-cscd:no-cscd', 'full').summary.metrics.rocAuc.mean).not.toBe(row('mvas-cscd', 'full').summary.metrics.rocAuc.mean);
      const dir = join(ws.dir, 'models', r.runId, 'blocked-full-mvas-cscd-no-cscd-fold1');
      expect(JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'))).toMatchObject({ format: 'vigil-unsupervised-detector', kind: 'mvas-cscd', meta: { config: { cscd: false } } });
      expect(existsSync(join(dir, 'weights.bin'))).toBe(true);
    } finally {
      ws.close();
    }
  }, 300_000);

  it('vigil train --model mvas-cscd → vigil score: flags against the detector threshold, stored as predictions and a model label set', async () => {
    const ws = await Workspace.open(join(tmp, 'ws-score'));
    try {
      const demo = join(root, 'resources/demo/data');
      await runImport(ws, ['ActiveService', 'ElapsedTime', 'GcTime'].map((c) => join(demo, `[20240304-20240505]tomcat_${c}.csv`)).concat(join(demo, 'access-MIS-WAS-A.log.gz')), { timeZone: 'Asia/Seoul' });
      const trained = await jobs.start('train', 't', (ctx) => trainWorkspaceModel(ctx, ws, appPaths(root), { model: 'mvas-cscd', epochs: 1, batchSize: 256, seed: 1, negativeSampling: true, W: 4 })).done;
      expect(trained.meta).toMatchObject({ model: 'mvas-cscd', W: 4, trained: { negativeSampling: false } });
      expect(trained.meta.threshold).toBeGreaterThan(0);
      expect(JSON.parse(readFileSync(join(trained.modelDir, 'model.json'), 'utf8'))).toMatchObject({ format: 'vigil-unsupervised-detector' });
      const scored = await jobs.start('score', 's', (ctx) => scoreWorkspace(ctx, ws, appPaths(root), { modelRunId: trained.runId })).done;
      expect(scored.windows).toBe(4 * (18144 - 3));
      const stored = await ws.all('SELECT count(*) AS n, min(score) AS lo, sum(CASE WHEN flag THEN 1 ELSE 0 END) AS f, sum(CASE WHEN flag = (score >= $2) THEN 1 ELSE 0 END) AS consistent FROM predictions WHERE run_id = $1', [scored.runId, trained.meta.threshold]);
      expect(Number(stored[0]?.['n'])).toBe(scored.windows);
      expect(Number(stored[0]?.['lo'])).toBeGreaterThanOrEqual(0);
      expect(Number(stored[0]?.['consistent'])).toBe(scored.windows);
      // a median + λ·MAD threshold flags a minority of windows, not none and not all
      expect(scored.flagged).toBeGreaterThan(0);
      expect(scored.flagged).toBeLessThan(scored.windows / 2);
      const flags = await getLabelVersion(ws, scored.labelSetId);
      expect(flags.spans.every((s) => s.provenance === 'model')).toBe(true);
    } finally {
      ws.close();
    }
  }, 300_000); // import + training + scoring 72,564 windows; minutes on a busy 2-core machine
});
