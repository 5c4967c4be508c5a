import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { SUPERVISED_MODELS, type DeployedModelResult, type DeploymentThreshold, type ModelKind } from '../../../shared/domain/models';
import { VigilError } from '../../../shared/errors';
import type { ModelMeta } from '../../core/eval/train-final';
import { resolveBackend } from '../../core/engine/backend-resolve';
import { flaggedSpans } from '../../core/labeling/flag-spans';
import type { JobContext } from '../jobs/job-service';
import type { Workspace } from '../workspace/duckdb-workspace';
import { createLabelSet } from '../workspace/label-store';
import { workerScript, type AppPaths } from '../paths';
import { windowsFromWorkspace } from './load-windows';
import { shareWindows } from './shared-windows';
import { appendPredictions, finishRun, startRun } from './run-store';

export interface TrainSettings {
  model: ModelKind;
  epochs: number;
  batchSize: number;
  seed: number;
  negativeSampling: boolean;
  W: number;
  labelSetId?: string;
  /** Choose the threshold for this alert budget on the training windows (default: the model's rule). */
  alertsPerDay?: number;
}

/** `vigil train`: the deployable model, trained on every labelled window of the workspace. */
export async function trainWorkspaceModel(ctx: JobContext, ws: Workspace, paths: AppPaths, s: TrainSettings): Promise<{ runId: string; modelDir: string; meta: ModelMeta; trainSeconds: number }> {
  const source = await windowsFromWorkspace(ws, { W: s.W, mode: { kind: 'paper' }, ...(s.labelSetId ? { labelSetId: s.labelSetId } : {}) });
  const runId = randomUUID();
  const modelDir = join(ws.dir, 'models', runId, s.model);
  const { info: backend } = await resolveBackend({ threads: 1 });
  await startRun(ws, { id: runId, kind: 'train', source, seed: s.seed, settings: { ...s, modelDir }, backend, appRoot: paths.root });
  const o = source.origin;
  return settleRun(ws, ctx, runId, async () => {
    // this build's worker always writes how the threshold was chosen (older files may lack it)
    const r = await ctx.runTask<{ meta: ModelMeta & DeploymentThreshold; trainSeconds: number }>(
      workerScript(paths, 'train-final'),
      { windows: shareWindows(source.windows), model: s.model, params: {}, epochs: s.epochs, batchSize: s.batchSize, seed: s.seed, negativeSampling: s.negativeSampling, ...(s.alertsPerDay !== undefined ? { alertsPerDay: s.alertsPerDay } : {}), modelDir, provenance: { dataHash: source.dataHash, labelSetId: o.kind === 'workspace' ? o.labelSetId : null, labelVersion: o.kind === 'workspace' ? o.labelVersion : null } },
      { task: `train ${s.model}`, onProgress: (v) => ctx.progress(v) },
    );
    const { threshold, thresholdRule, trainingFlags } = r.meta;
    const result: DeployedModelResult = { threshold, thresholdRule, trainingFlags, trainSeconds: r.trainSeconds, windows: r.meta.trained.windows };
    return { out: { runId, modelDir, meta: r.meta, trainSeconds: r.trainSeconds }, result };
  });
}

/**
 * `vigil score`: applies a saved model to every window of the workspace (sliding, stride 1, all
 * hours) → per-window scores and flags in `predictions`, and the flagged stretches as a label set
 * of provenance "model" so the Labels view draws them beside the health-check outages.
 */
export async function scoreWorkspace(ctx: JobContext, ws: Workspace, paths: AppPaths, o: { modelRunId: string; W?: number }): Promise<{ runId: string; windows: number; flagged: number; spans: number; labelSetId: string }> {
  const trainRun = await ws.one("SELECT settings FROM runs WHERE id = $1 AND kind = 'train'", [o.modelRunId]);
  if (!trainRun) throw new VigilError('NOT_FOUND', `no trained model with run id ${o.modelRunId}`, { hint: 'List runs in the Compare area or train one with `vigil train`.' });
  const settings = JSON.parse(String(trainRun['settings'])) as { modelDir: string; W: number; model: string };
  const source = await windowsFromWorkspace(ws, { W: o.W ?? settings.W, mode: { kind: 'sliding', stride: 1 }, allHours: true });
  const windows = shareWindows(source.windows);
  // supervised models score on the engine whatever trains (score-worker.ts), so the run says so
  const { info: backend } = await resolveBackend({ threads: 1, forceEngine: (SUPERVISED_MODELS as readonly string[]).includes(settings.model) });
  const runId = randomUUID();
  await startRun(ws, { id: runId, kind: 'score', source, seed: null, settings: { modelRunId: o.modelRunId, modelDir: settings.modelDir }, backend, appRoot: paths.root });
  return settleRun(ws, ctx, runId, async () => {
    const r = await ctx.runTask<{ scores: Float32Array; threshold: number; model: string }>(workerScript(paths, 'score'), { modelDir: settings.modelDir, windows }, { task: `score ${settings.model}`, onProgress: (v) => ctx.progress(v) });
    const isFlagged = (i: number) => (r.scores[i] ?? 0) >= r.threshold;
    let flagged = 0;
    for (let i = 0; i < windows.n; i++) if (isFlagged(i)) flagged++;
    const spans = flaggedSpans(windows, isFlagged, (object, startMs, endMs) => ({ id: randomUUID(), object, startMs, endMs, provenance: 'model', note: `${settings.model} p ≥ ${r.threshold}` }));
    const labelSet = await ws.transaction(async (tx) => {
      const all = Int32Array.from({ length: windows.n }, (_, i) => i);
      await appendPredictions(tx, { runId, model: settings.model, setting: 'score', fold: 0 }, all, windows, r.scores, isFlagged);
      const rules = { gapFactor: 0, businessHours: null };
      return createLabelSet(tx, `Model flags: ${settings.model} (run ${o.modelRunId.slice(0, 8)})`, rules, spans, { kind: 'create', source: 'model', note: `${flagged} of ${windows.n} windows flagged` });
    });
    const result = { windows: windows.n, flagged, spans: spans.length, labelSetId: labelSet.labelSetId };
    return { out: { runId, ...result }, result };
  });
}

/**
 * Runs a run's work and records how it ended: succeeded with its `result` (kept in the run's
 * settings for the Training area), or cancelled / failed with the reason — never left 'running'.
 */
async function settleRun<T>(ws: Workspace, ctx: JobContext, runId: string, work: () => Promise<{ out: T; result: object }>): Promise<T> {
  try {
    const { out, result } = await work();
    await finishRun(ws, runId, 'succeeded', null, result);
    return out;
  } catch (e) {
    await finishRun(ws, runId, ctx.signal.aborted ? 'cancelled' : 'failed', { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) });
    throw e;
  }
}
