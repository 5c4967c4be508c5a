import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BackendInfo, FoldMetrics, RobustnessCurve, RobustnessKind, RobustnessOption } from '../../../shared/domain/models';
import type { SerializedError } from '../../../shared/domain/jobs';
import type { WindowSet } from '../../../shared/domain/windows';
import type { FoldTask } from '../../core/eval/comparison-plan';
import type { FoldOutcome } from '../../core/eval/run-fold';
import { summarizeRobustness, type RobustnessFold } from '../../core/eval/robustness';
import type { Tx, Workspace } from '../workspace/duckdb-workspace';
import type { WindowSource } from './load-windows';

/** Package versions recorded with every run (reproducibility, DESIGN.md §4). */
function versions(root: string): Record<string, string> {
  const out: Record<string, string> = { node: process.versions.node };
  for (const p of ['vigil', '@tensorflow/tfjs-core', '@tensorflow/tfjs-layers', '@duckdb/node-api']) {
    try {
      const file = p === 'vigil' ? join(root, 'package.json') : join(root, 'node_modules', p, 'package.json');
      out[p] = (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
    } catch {
      /* not installed here: leave it out */
    }
  }
  return out;
}

export async function startRun(ws: Workspace, r: { id: string; kind: string; source: WindowSource; seed: number | null; settings: unknown; backend: BackendInfo; appRoot: string }): Promise<void> {
  const o = r.source.origin;
  await ws.transaction((tx) =>
    tx.run('INSERT INTO runs (id, kind, state, created_at_ms, label_set_id, label_version, data_hash, seed, settings, backend, versions) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)', [
      r.id,
      r.kind,
      'running',
      Date.now(),
      o.kind === 'workspace' ? o.labelSetId : null,
      o.kind === 'workspace' ? o.labelVersion : null,
      r.source.dataHash,
      r.seed,
      JSON.stringify(r.settings),
      JSON.stringify(r.backend),
      JSON.stringify(versions(r.appRoot)),
    ]),
  );
}

/** Ends a run; `result` (e.g. a deployed model's threshold) is stored as `settings.result`. */
export async function finishRun(ws: Workspace, id: string, state: 'succeeded' | 'failed' | 'cancelled', error: SerializedError | null, result?: object): Promise<void> {
  await ws.transaction(async (tx) => {
    await tx.run('UPDATE runs SET state = $1, finished_at_ms = $2, error = $3 WHERE id = $4', [state, Date.now(), error ? JSON.stringify(error) : null, id]);
    if (result) await tx.run('UPDATE runs SET settings = json_merge_patch(settings, $1::JSON) WHERE id = $2', [JSON.stringify({ result }), id]);
  });
}

/** One fold's metrics, curves and per-window predictions, in one transaction. */
export async function saveFoldResult(ws: Workspace, runId: string, t: FoldTask, out: Omit<FoldOutcome, 'trained'>, windows: WindowSet): Promise<void> {
  const setting = `${t.split}/${t.sampling}`;
  await ws.transaction(async (tx) => {
    await tx.run('INSERT INTO fold_metrics VALUES ($1, $2, $3, $4, $5, $6)', [
      runId,
      // The comparison entry (`kind` or `kind:ablation`): an ablation is its own row everywhere.
      t.entry,
      setting,
      t.fold,
      JSON.stringify({ ...out.metrics, variant: t.variant, params: t.params, trainSeconds: out.trainSeconds, scoreSeconds: out.scoreSeconds, trainWindowsPerSec: out.trainWindowsPerSec, paramCount: out.paramCount, nTrain: t.train.length, nTest: t.test.length, trainHash: t.trainHash, testHash: t.testHash, samplingApplied: t.samplingApplied }),
      JSON.stringify({ roc: out.roc, pr: out.pr, loss: out.lossHistory }),
    ]);
    await appendPredictions(tx, { runId, model: t.entry, setting, fold: t.fold }, t.test, windows, out.scores, (j) => out.flags[j] === 1);
  });
}

/** One robustness task's metrics (no per-window predictions: a curve needs only the summary). */
export async function saveRobustnessResult(ws: Workspace, runId: string, t: FoldTask, metrics: FoldMetrics, extra: { trainSeconds: number; nTrain: number; nTest: number }): Promise<void> {
  if (!t.robustness) throw new Error(`task ${t.id} is not a robustness task`);
  await ws.transaction((tx) =>
    tx.run('INSERT INTO robustness_metrics VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      runId,
      t.entry,
      t.robustness!.kind,
      t.robustness!.level,
      `${t.split}/${t.sampling}`,
      t.fold,
      JSON.stringify({ ...metrics, ...extra, trainHash: t.trainHash, testHash: t.testHash, reused: t.sameAs !== null }),
    ]),
  );
}

/**
 * A run's robustness curves, summarised per kind, model and level (mean ± std over folds), in
 * the order of the run's settings (`robustness`, `models`). [] for runs without robustness.
 */
export async function readRobustness(ws: Workspace, runId: string): Promise<RobustnessCurve[]> {
  const run = await ws.one('SELECT settings FROM runs WHERE id = $1', [runId]);
  if (!run) return [];
  const settings = JSON.parse(String(run['settings'])) as { models?: string[]; robustness?: RobustnessOption[] };
  const options = settings.robustness ?? [];
  if (options.length === 0) return [];
  const rows = await ws.all('SELECT model, kind, level, setting, metrics FROM robustness_metrics WHERE run_id = $1 ORDER BY kind, model, level, fold', [runId]);
  const folds: RobustnessFold[] = rows.map((r) => ({ model: String(r['model']), kind: String(r['kind']) as RobustnessKind, level: Number(r['level']), setting: String(r['setting']), metrics: JSON.parse(String(r['metrics'])) as FoldMetrics }));
  const models = settings.models ?? [...new Set(folds.map((f) => f.model))];
  const setting = folds[0]?.setting ?? '';
  return summarizeRobustness(options, models, setting, folds);
}

/**
 * Per-window predictions of one (run, model, setting, fold): `windowIdx[j]` is the window whose
 * score is `scores[j]`. Shared by comparisons (test windows) and scoring (every window).
 */
export async function appendPredictions(tx: Tx, key: { runId: string; model: string; setting: string; fold: number }, windowIdx: ArrayLike<number>, windows: WindowSet, scores: ArrayLike<number>, flagged: (j: number) => boolean): Promise<void> {
  const app = await tx.conn.createAppender('predictions');
  try {
    for (let j = 0; j < windowIdx.length; j++) {
      const w = windowIdx[j] as number;
      app.appendVarchar(key.runId);
      app.appendVarchar(key.model);
      app.appendVarchar(key.setting);
      app.appendInteger(key.fold);
      app.appendSmallInt(windows.objectIndex[w] ?? 0);
      app.appendDouble(windows.endMs[w] ?? 0);
      app.appendTinyInt(windows.y[w] ?? 0);
      app.appendDouble(scores[j] ?? 0);
      app.appendBoolean(flagged(j));
      app.endRow();
    }
  } finally {
    app.closeSync();
  }
}
