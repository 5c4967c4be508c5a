import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkerPool } from '../jobs/worker-pool';
import { JobService } from '../jobs/job-service';
import { appPaths, findAppRoot } from '../paths';
import { Workspace } from '../workspace/duckdb-workspace';
import { runImport } from '../import/run-import';
import { getLabelVersion, listLabelSets } from '../workspace/label-store';
import { defaultLabelSet } from '../../../shared/domain/labels';
import { windowsFromWorkspace } from './load-windows';
import { listRuns } from '../workspace/record-store';
import { scoreWorkspace, trainWorkspaceModel } from './train-and-score';
import { MODEL_META_FILE } from '../../core/eval/train-final';
import { VigilError } from '../../../shared/errors';

// Real import (three demo counters + one log), real training in a worker, scoring on the engine in another.
const root = findAppRoot(import.meta.dirname);
const demo = join(root, 'resources/demo/data');
const tmp = mkdtempSync(join(tmpdir(), 'vigil-train-'));
let ws: Workspace;
let pool: WorkerPool;
let jobs: JobService;

beforeAll(async () => {
  ws = await Workspace.open(join(tmp, 'ws'));
  await runImport(ws, ['ActiveService', 'ElapsedTime', 'GcTime'].map((c) => join(demo, `[20240304-20240505]tomcat_${c}.csv`)).concat(join(demo, 'access-MIS-WAS-A.log.gz')), { timeZone: 'Asia/Seoul' });
  pool = new WorkerPool(2);
  jobs = new JobService(pool, () => undefined);
});
afterAll(async () => {
  await pool.close();
  ws.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('train → score', () => {
  it('saves a TF.js model that scores every window, stores the flags, and refuses a model of another format version', async () => {
    const trained = await jobs.start('train', 't', (ctx) => trainWorkspaceModel(ctx, ws, appPaths(root), { model: 'cnn', epochs: 3, batchSize: 16, seed: 1, negativeSampling: true, W: 4, alertsPerDay: 3 })).done;
    expect(trained.meta).toMatchObject({ format: 'vigil-model', formatVersion: 1, model: 'cnn', W: 4, counters: ['ActiveService', 'ElapsedTime', 'GcTime'] });
    // the threshold was chosen on the training windows for the alert budget, and says what it flags there
    expect(trained.meta.thresholdRule).toEqual({ kind: 'alerts-per-day', alertsPerDay: 3 });
    expect(trained.meta.trainingFlags!.alertsPerDay).toBeLessThanOrEqual(3);
    expect(trained.meta.trainingFlags!.alertsPerDay).toBeGreaterThan(2); // distinct scores: the budget is used
    expect(trained.meta.threshold).toBeGreaterThan(0);
    expect(JSON.parse(readFileSync(join(trained.modelDir, 'model.json'), 'utf8'))).toMatchObject({ format: 'layers-model' });
    // the run keeps the outcome for the Training area's list of deployable models
    const trainRun = (await listRuns(ws)).find((r) => r.id === trained.runId)!;
    expect(trainRun.state).toBe('succeeded');
    expect(trainRun.settings['result']).toEqual({ threshold: trained.meta.threshold, thresholdRule: trained.meta.thresholdRule, trainingFlags: trained.meta.trainingFlags, trainSeconds: trained.trainSeconds, windows: trained.meta.trained.windows });
    const outageSet = (await listLabelSets(ws)).at(-1)!;
    expect(outageSet.source).toBe('health-check');

    const scored = await jobs.start('score', 's', (ctx) => scoreWorkspace(ctx, ws, appPaths(root), { modelRunId: trained.runId })).done;
    // 4 objects × (18,144 − 3) sliding windows, every hour of the day.
    expect(scored.windows).toBe(4 * (18144 - 3));
    const stored = await ws.all('SELECT count(*) AS n, min(score) AS lo, max(score) AS hi FROM predictions WHERE run_id = $1', [scored.runId]);
    expect(Number(stored[0]?.['n'])).toBe(scored.windows);
    expect(Number(stored[0]?.['lo'])).toBeGreaterThanOrEqual(0);
    expect(Number(stored[0]?.['hi'])).toBeLessThanOrEqual(1);
    const flags = await getLabelVersion(ws, scored.labelSetId);
    expect(flags.spans.length).toBe(scored.spans);
    expect(flags.spans.every((s) => s.provenance === 'model')).toBe(true);
    const scoreRun = (await listRuns(ws)).find((r) => r.id === scored.runId)!;
    expect(scoreRun).toMatchObject({ state: 'succeeded', settings: { modelRunId: trained.runId, result: { windows: scored.windows, flagged: scored.flagged, spans: scored.spans, labelSetId: scored.labelSetId } } });
    // the model's flags are the newest label set, but never the default ground truth: the next
    // training / comparison / report reads the health-check set unless the flags are named
    const sets = await listLabelSets(ws);
    expect(sets.at(-1)).toMatchObject({ labelSetId: scored.labelSetId, source: 'model' });
    expect(defaultLabelSet(sets)?.labelSetId).toBe(outageSet.labelSetId);
    const next = await windowsFromWorkspace(ws, { W: 4, mode: { kind: 'paper' } });
    expect(next.origin).toMatchObject({ kind: 'workspace', labelSetId: outageSet.labelSetId });
    // runs of flagged windows are one span each, per object: never more spans than flagged windows,
    // and an object's spans do not overlap (the windows interleave the objects)
    expect(scored.spans).toBeLessThanOrEqual(scored.flagged);
    for (const o of new Set(flags.spans.map((s) => s.object))) {
      const mine = flags.spans.filter((s) => s.object === o).sort((a, b) => a.startMs - b.startMs);
      for (let k = 1; k < mine.length; k++) expect(mine[k]!.startMs).toBeGreaterThan(mine[k - 1]!.endMs);
    }

    const metaFile = join(trained.modelDir, MODEL_META_FILE);
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as Record<string, unknown>;
    writeFileSync(metaFile, JSON.stringify({ ...meta, formatVersion: 99 }));
    const err = await jobs.start('score', 's2', (ctx) => scoreWorkspace(ctx, ws, appPaths(root), { modelRunId: trained.runId })).done.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VigilError);
    expect((err as VigilError).code).toBe('UNSUPPORTED_FORMAT');
    expect((err as VigilError).message).toMatch(/format version 99/);
  });
});
