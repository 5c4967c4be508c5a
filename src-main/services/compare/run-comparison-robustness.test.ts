import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkerPool } from '../jobs/worker-pool';
import { JobService } from '../jobs/job-service';
import { appPaths, findAppRoot } from '../paths';
import { Workspace } from '../workspace/duckdb-workspace';
import { readRun } from '../routes-runs';
import { windowsFromCsv } from './load-windows';
import { readRobustness } from './run-store';
import { runComparison, type ComparisonResult } from './run-comparison';
import { mulberry32 } from '../../core/windows/prng';

// Real workers (dist/workers/train-worker.mjs from the global setup) on a generated labelled CSV:
// three counters, a slow wave, and outages preceded by a climbing counter, so a baseline finds them
// on clean windows — and loses them once the test windows drown in noise.
const tmp = mkdtempSync(join(tmpdir(), 'vigil-robust-'));
const csv = join(tmp, 'labelled.csv');
const root = findAppRoot(import.meta.dirname);
let pool: WorkerPool;
let jobs: JobService;

beforeAll(() => {
  const rng = mulberry32(11);
  const lines = ['time,active,elapsed,heap,label'];
  for (let i = 0; i < 900; i++) {
    const inOutage = i % 150 >= 140 && i % 150 < 145;
    const precursor = i % 150 >= 130 && i % 150 < 140;
    const wave = Math.sin(i / 12);
    const active = 10 + 3 * wave + (precursor ? 4 + (i % 150) - 130 : 0) + rng();
    lines.push(`${i},${active.toFixed(3)},${(1000 + 200 * wave + (precursor ? 900 : 0) + 50 * rng()).toFixed(1)},${(500 + 100 * rng()).toFixed(1)},${inOutage ? 1 : 0}`);
  }
  writeFileSync(csv, `${lines.join('\n')}\n`);
  pool = new WorkerPool(2);
  jobs = new JobService(pool, () => {});
});
afterAll(async () => {
  await pool.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('runComparison with ablations and robustness curves', () => {
  it('runs an ablation beside its model, produces noise / reduced / shift curves, and stores them', async () => {
    const ws = await Workspace.open(join(tmp, 'ws'));
    try {
      const source = await windowsFromCsv(csv, { W: 4 });
      const settings = {
        models: ['pca', 'contrastive:no-pretraining'],
        splits: ['blocked' as const],
        folds: 3,
        sampling: ['full' as const],
        epochs: 1,
        batchSize: 64,
        seed: 0,
        saveModels: false,
        robustness: [
          { kind: 'noise' as const, levels: [0, 0.2, 0.4] },
          { kind: 'reduced' as const, levels: [1, 0.5] },
          { kind: 'shift' as const, levels: [0.5] },
        ],
      };
      const { done } = jobs.start('compare', 'robust', (ctx) => runComparison(ctx, ws, appPaths(root), source, settings));
      const r = (await done) as ComparisonResult;
      expect(r.errors).toEqual([]);
      expect(r.rows.map((x) => [x.model, x.kind, x.variant, x.label])).toEqual([
        ['pca', 'pca', null, 'pca'],
        ['contrastive:no-pretraining', 'contrastive', 'no-pretraining', 'contrastive (no pre-training)'],
      ]);
      expect(r.robustness.map((c) => c.kind)).toEqual(['noise', 'reduced', 'shift']);
      const noise = r.robustness[0]!;
      expect(noise.setting).toBe('blocked/full');
      const pca = noise.models.find((m) => m.model === 'pca')!;
      expect(pca.points.map((p) => p.folds)).toEqual([3, 3, 3]);
      const f1 = pca.points.map((p) => p.metrics.f1.mean);
      expect(f1.every((v) => v !== null)).toBe(true);
      // The level-0 point is the plain comparison's own result, reused.
      expect(f1[0]).toBeCloseTo(r.rows[0]!.summary.metrics.f1.mean!, 12);
      // Noise of 40 % of each counter's range must not make the baseline better.
      expect(f1[2]!).toBeLessThanOrEqual(f1[0]!);
      expect(pca.points[2]!.metrics.rocAuc.mean!).toBeLessThan(pca.points[0]!.metrics.rocAuc.mean!);
      expect(r.robustness[2]!.models[0]!.points[0]!.folds).toBe(1);

      // Store round trip: the curves read back equal the job's; runs:get carries them.
      const stored = await readRobustness(ws, r.runId);
      expect(stored).toEqual(r.robustness);
      const detail = await readRun(ws, r.runId);
      expect(detail.robustness).toEqual(r.robustness);
      expect(detail.settings['models']).toEqual(['pca', 'contrastive:no-pretraining']);
      const models = await ws.all('SELECT DISTINCT model FROM fold_metrics WHERE run_id = $1 ORDER BY model', [r.runId]);
      expect(models.map((m) => m['model'])).toEqual(['contrastive:no-pretraining', 'pca']);
      const n = await ws.one('SELECT count(*) AS n FROM robustness_metrics WHERE run_id = $1', [r.runId]);
      expect(Number(n?.['n'])).toBe((3 * 3 + 2 * 3 + 1) * 2);
      // The measured curve, for the record.
      console.log(noise.models.map((m) => `${m.model}: ${m.points.map((p) => `F1@${p.level}=${p.metrics.f1.mean?.toFixed(3)} AUC=${p.metrics.rocAuc.mean?.toFixed(3)}`).join(' ')}`).join('\n'));
    } finally {
      ws.close();
    }
  }, 180_000);
});
