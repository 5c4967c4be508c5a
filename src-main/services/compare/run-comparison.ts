import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { BackendInfo, FoldMetrics, ModelKind, SplitKind } from '../../../shared/domain/models';
import { SUPERVISED_MODELS } from '../../../shared/domain/models';
import { serializeError, VigilError } from '../../../shared/errors';
import type { SerializedError } from '../../../shared/domain/jobs';
import { planComparison, type FoldInfo, type FoldTask, type SamplingSetting } from '../../core/eval/comparison-plan';
import { summarizeFolds, type FoldSummary } from '../../core/eval/metrics';
import { resolveBackend } from '../../core/engine/backend-resolve';
import type { FoldOutcome } from '../../core/eval/run-fold';
import type { JobContext } from '../jobs/job-service';
import type { Workspace } from '../workspace/duckdb-workspace';
import { workerScript, type AppPaths } from '../paths';
import { shareWindows } from './shared-windows';
import type { WindowSource } from './load-windows';
import { saveFoldResult, startRun, finishRun } from './run-store';

export interface ComparisonSettings {
  models: ModelKind[];
  splits: SplitKind[];
  folds: number;
  sampling: SamplingSetting[];
  epochs: number;
  batchSize: number;
  seed: number;
  /** Per-model hyper-parameter overrides. */
  params?: Partial<Record<ModelKind, Record<string, number>>>;
  saveModels: boolean;
}

export interface ComparisonRow {
  split: SplitKind;
  sampling: SamplingSetting;
  model: ModelKind;
  /** Folds that finished, and how many of them had anomalies in their test windows. */
  folds: number;
  foldsWithAnomalies: number;
  failed: number;
  summary: FoldSummary;
  trainWindowsPerSec: number | null;
  paramCount: number | null;
}

export interface ComparisonResult {
  runId: string;
  rows: ComparisonRow[];
  folds: FoldInfo[];
  windows: { n: number; anomalies: number; F: number; W: number; counters: string[]; mode: string; dataHash: string };
  backend: BackendInfo;
  errors: { task: string; error: SerializedError }[];
  seconds: number;
}

/** Relative cost of a task, for one progress bar and ETA over tasks of very different size. */
function cost(t: FoldTask, s: ComparisonSettings): number {
  if ((SUPERVISED_MODELS as readonly string[]).includes(t.model)) return t.train.length * s.epochs * (t.model === 'contrastive' ? 2.5 : 1) + 1;
  return t.train.length * 0.2 + 1;
}

/**
 * A comparison (models × splits × sampling settings × folds) is one job (issue: training engine):
 * its tasks run in the worker pool, as many at once as there are cores; a crashed task fails
 * alone with its reason; results land in the workspace with the label-set version, data hash,
 * seed, settings and backend.
 */
export async function runComparison(ctx: JobContext, ws: Workspace | null, paths: AppPaths, source: WindowSource, s: ComparisonSettings): Promise<ComparisonResult> {
  const t0 = performance.now();
  const windows = shareWindows(source.windows);
  const { tasks, folds } = planComparison(windows.y, { models: s.models, splits: s.splits, folds: s.folds, sampling: s.sampling, seed: s.seed, W: windows.W });
  const anomalies = windows.y.reduce((a, v) => a + v, 0);
  const { info: backend } = await resolveBackend({ threads: 1 });
  ctx.log(`${windows.n} windows (${anomalies} anomalous) of ${windows.F} counters × ${windows.W} steps; ${tasks.length} tasks on ${backend.name} (${backend.device})`);
  for (const sk of backend.skipped) ctx.log(`backend ${sk.name} skipped: ${sk.reason}`);
  for (const f of folds.filter((x) => x.testAnomalies === 0)) ctx.log(`${f.split} fold ${f.fold}: no anomaly in its test windows — recall, ROC-AUC and PR-AUC are undefined there`, 'warn');

  const runId = randomUUID();
  const settingsRecord = { ...s, windows: { mode: source.windowMode, W: windows.W, counters: windows.counters, objects: windows.objects, n: windows.n, anomalies }, origin: source.origin };
  if (ws) await startRun(ws, { id: runId, kind: 'comparison', source, seed: s.seed, settings: settingsRecord, backend, appRoot: paths.root });

  const weights = tasks.map((t) => cost(t, s));
  const total = weights.reduce((a, b) => a + b, 0);
  const done = new Array<number>(tasks.length).fill(0);
  const report = () => ctx.progress(done.reduce((a, v, i) => a + v * (weights[i] ?? 0), 0) / total);
  const script = workerScript(paths, 'train');
  const outcomes = new Map<string, Omit<FoldOutcome, 'trained'>>();
  const errors: ComparisonResult['errors'] = [];

  // Every task settles before the job ends, so a cancelled comparison leaves no busy worker.
  await Promise.allSettled(
    tasks.map(async (t, i) => {
      const label = `${t.split}/${t.sampling}/${t.model} fold ${t.fold + 1}/${s.folds}`;
      const params = { ...(s.params?.[t.model] ?? {}) };
      const modelDir = ws && s.saveModels && (SUPERVISED_MODELS as readonly string[]).includes(t.model) ? join(ws.dir, 'models', runId, `${t.split}-${t.sampling}-${t.model}-fold${t.fold}`) : undefined;
      try {
        const out = await ctx.runTask<Omit<FoldOutcome, 'trained'>>(
          script,
          { windows, run: { model: t.model, params, fold: t.fold, epochs: s.epochs, batchSize: s.batchSize, seed: s.seed, train: t.train, trainBeforeSampling: t.trainBeforeSampling, test: t.test }, label, ...(modelDir ? { modelDir } : {}) },
          { task: label, onProgress: (v) => ((done[i] = v), report()) },
        );
        outcomes.set(t.id, out);
        if (ws) await saveFoldResult(ws, runId, t, out, windows);
      } catch (e) {
        if (ctx.signal.aborted) return;
        const error = serializeError(e);
        errors.push({ task: label, error });
        ctx.log(`${label} failed: ${error.message}`, 'error');
      } finally {
        done[i] = 1;
        report();
      }
    }),
  );
  if (ctx.signal.aborted) {
    const cancelled = new VigilError('JOB_CANCELLED', 'the comparison was cancelled');
    if (ws) await finishRun(ws, runId, 'cancelled', serializeError(cancelled));
    throw cancelled;
  }

  const rows: ComparisonRow[] = [];
  for (const split of s.splits) {
    for (const sampling of s.sampling) {
      for (const model of s.models) {
        const mine = tasks.filter((t) => t.split === split && t.sampling === sampling && t.model === model);
        const outs = mine.map((t) => outcomes.get(t.id)).filter((o): o is Omit<FoldOutcome, 'trained'> => o !== undefined);
        const metrics: FoldMetrics[] = outs.map((o) => o.metrics);
        rows.push({
          split,
          sampling,
          model,
          folds: outs.length,
          foldsWithAnomalies: metrics.filter((m) => m.tp + m.fn > 0).length,
          failed: mine.length - outs.length,
          summary: summarizeFolds(metrics),
          trainWindowsPerSec: outs.length ? outs.reduce((a, o) => a + o.trainWindowsPerSec, 0) / outs.length : null,
          paramCount: outs[0]?.paramCount ?? null,
        });
      }
    }
  }
  if (tasks.length > 0 && errors.length === tasks.length) {
    if (ws) await finishRun(ws, runId, 'failed', errors[0]!.error);
    throw new VigilError('WORKER_CRASHED', `every task failed; the first: ${errors[0]!.error.message}`);
  }
  if (ws) await finishRun(ws, runId, 'succeeded', null);
  return { runId, rows, folds, windows: { n: windows.n, anomalies, F: windows.F, W: windows.W, counters: windows.counters, mode: source.windowMode, dataHash: source.dataHash }, backend, errors, seconds: (performance.now() - t0) / 1000 };
}
