import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { BackendInfo, FoldMetrics, ModelKind, RobustnessCurve, RobustnessOption, SplitKind } from '../../../shared/domain/models';
import { SUPERVISED_MODELS, UNSUPERVISED_MODELS } from '../../../shared/domain/models';
import { serializeError, VigilError } from '../../../shared/errors';
import type { SerializedError } from '../../../shared/domain/jobs';
import { planComparison, type FoldInfo, type FoldTask, type SamplingSetting } from '../../core/eval/comparison-plan';
import { summarizeFolds, type FoldSummary } from '../../core/eval/metrics';
import { mergeCatalogs, SUPERVISED_ABLATIONS, type AblationCatalog } from '../../core/eval/ablations';
import { UNSUPERVISED_ABLATIONS } from '../../core/models/unsupervised/ablations';
import { summarizeRobustness, validateRobustness, type RobustnessFold } from '../../core/eval/robustness';
import { resolveBackend } from '../../core/engine/backend-resolve';
import type { FoldOutcome } from '../../core/eval/run-fold';
import type { JobContext } from '../jobs/job-service';
import type { Workspace } from '../workspace/duckdb-workspace';
import { workerScript, type AppPaths } from '../paths';
import { shareWindows } from './shared-windows';
import type { WindowSource } from './load-windows';
import { saveFoldResult, saveRobustnessResult, startRun, finishRun } from './run-store';

export interface ComparisonSettings {
  /** Entries: `kind` or `kind:ablation` (core/eval/ablations.ts). */
  models: string[];
  splits: SplitKind[];
  folds: number;
  sampling: SamplingSetting[];
  epochs: number;
  batchSize: number;
  seed: number;
  /** Per-model hyper-parameter overrides. */
  params?: Partial<Record<ModelKind, Record<string, number>>>;
  saveModels: boolean;
  /** Robustness curves (core/eval/robustness.ts), run under the first split × sampling setting. */
  robustness?: RobustnessOption[];
  /** Ablation catalogue; default: the supervised ones (core/eval/ablations.ts) and the unsupervised registry's. */
  ablations?: AblationCatalog;
}

export interface ComparisonRow {
  split: SplitKind;
  sampling: SamplingSetting;
  /** The comparison entry (`kind` or `kind:ablation`). */
  model: string;
  kind: ModelKind;
  variant: string | null;
  /** Display name, e.g. "mvas-cscd (no CSCD)". */
  label: string;
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
  /** One curve per robustness option (empty without robustness). */
  robustness: RobustnessCurve[];
  seconds: number;
}

/**
 * Unsupervised detectors never read labels (METHODS.md §6), and negative sampling only changes
 * the training windows by reading them: run-fold fits these models on the windows before
 * sampling, so an `ns` task is the very same fit and test as its `full` twin (same split, fold,
 * entry; `paper` balances the test set, so it is not shared). The twin runs once; the `ns` row
 * reuses its outcome.
 */
function shareUnsupervisedTwins(tasks: FoldTask[]): void {
  const isUnsup = (m: string) => (UNSUPERVISED_MODELS as readonly string[]).includes(m);
  const plain = new Map<string, FoldTask>();
  for (const t of tasks) if (!t.robustness && !t.sameAs && t.sampling === 'full' && isUnsup(t.model)) plain.set(`${t.split}/${t.entry}/${t.fold}`, t);
  for (const t of tasks) {
    if (t.robustness || t.sameAs || t.sampling !== 'ns' || !isUnsup(t.model)) continue;
    const twin = plain.get(`${t.split}/${t.entry}/${t.fold}`);
    if (twin && twin.test.length === t.test.length && twin.test.every((v, i) => v === t.test[i])) t.sameAs = twin.id;
  }
  // a robustness task reusing an `ns` task now reuses what that one reuses (only run tasks have outcomes)
  const byId = new Map(tasks.map((t) => [t.id, t]));
  for (const t of tasks) {
    const target = t.sameAs ? byId.get(t.sameAs) : undefined;
    if (target?.sameAs) t.sameAs = target.sameAs;
  }
}

/** Relative cost of a task, for one progress bar and ETA over tasks of very different size. */
function cost(t: FoldTask, s: ComparisonSettings): number {
  if ((SUPERVISED_MODELS as readonly string[]).includes(t.model)) return t.train.length * s.epochs * (t.model === 'contrastive' ? 2.5 : 1) + 1;
  // unsupervised: several views per window through the encoder, on the fold's windows before sampling
  if ((UNSUPERVISED_MODELS as readonly string[]).includes(t.model)) return t.trainBeforeSampling.length * (typeof t.params['epochs'] === 'number' ? t.params['epochs'] : s.epochs) * 3 + 1;
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
  const robustness = (s.robustness ?? []).map(validateRobustness);
  const { tasks, folds, entries } = planComparison(windows.y, { models: s.models, splits: s.splits, folds: s.folds, sampling: s.sampling, seed: s.seed, W: windows.W, ablations: s.ablations ?? mergeCatalogs(SUPERVISED_ABLATIONS, UNSUPERVISED_ABLATIONS), ...(s.params ? { params: s.params } : {}), robustness, endMs: windows.endMs });
  shareUnsupervisedTwins(tasks);
  const anomalies = windows.y.reduce((a, v) => a + v, 0);
  const { info: backend } = await resolveBackend({ threads: 1 });
  ctx.log(`${windows.n} windows (${anomalies} anomalous) of ${windows.F} counters × ${windows.W} steps; ${tasks.length} tasks on ${backend.name} (${backend.device})`);
  for (const sk of backend.skipped) ctx.log(`backend ${sk.name} skipped: ${sk.reason}`);
  for (const f of folds.filter((x) => x.testAnomalies === 0)) ctx.log(`${f.split} fold ${f.fold}: no anomaly in its test windows — recall, ROC-AUC and PR-AUC are undefined there`, 'warn');

  const runId = randomUUID();
  const { ablations: _catalog, ...recorded } = s;
  const settingsRecord = { ...recorded, models: entries.map((e) => e.entry), robustness, windows: { mode: source.windowMode, W: windows.W, counters: windows.counters, objects: windows.objects, n: windows.n, anomalies }, origin: source.origin };
  if (ws) await startRun(ws, { id: runId, kind: 'comparison', source, seed: s.seed, settings: settingsRecord, backend, appRoot: paths.root });

  // Robustness levels identical to a plain task (noise 0, all training data) reuse its result.
  const weights = tasks.map((t) => (t.sameAs ? 0 : cost(t, s)));
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  const done = new Array<number>(tasks.length).fill(0);
  const report = () => ctx.progress(done.reduce((a, v, i) => a + v * (weights[i] ?? 0), 0) / total);
  const script = workerScript(paths, 'train');
  const outcomes = new Map<string, Omit<FoldOutcome, 'trained'>>();
  const errors: ComparisonResult['errors'] = [];

  // Every task settles before the job ends, so a cancelled comparison leaves no busy worker.
  await Promise.allSettled(
    tasks.map(async (t, i) => {
      if (t.sameAs) return;
      const label = t.robustness
        ? `${t.robustness.kind} ${t.robustness.level}/${t.entry} fold ${t.fold + 1}`
        : `${t.split}/${t.sampling}/${t.entry} fold ${t.fold + 1}/${s.folds}`;
      const saveModel = ws && s.saveModels && !t.robustness && ([...SUPERVISED_MODELS, ...UNSUPERVISED_MODELS] as readonly string[]).includes(t.model);
      const modelDir = saveModel ? join(ws.dir, 'models', runId, `${t.split}-${t.sampling}-${t.entry.replace(':', '-')}-fold${t.fold}`) : undefined;
      try {
        const out = await ctx.runTask<Omit<FoldOutcome, 'trained'>>(
          script,
          { windows, run: { model: t.model, params: t.params, fold: t.fold, epochs: s.epochs, batchSize: s.batchSize, seed: s.seed, train: t.train, trainBeforeSampling: t.trainBeforeSampling, test: t.test }, label, ...(modelDir ? { modelDir } : {}), ...(t.perturb ? { perturb: t.perturb } : {}) },
          { task: label, onProgress: (v) => ((done[i] = v), report()) },
        );
        outcomes.set(t.id, out);
        if (ws && !t.robustness) await saveFoldResult(ws, runId, t, out, windows);
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

  // Plain tasks that reuse a twin's outcome (shareUnsupervisedTwins) are stored under their own setting.
  if (ws) {
    for (const t of tasks) {
      const out = !t.robustness && t.sameAs ? outcomes.get(t.sameAs) : undefined;
      if (out) await saveFoldResult(ws, runId, t, out, windows);
    }
  }

  // Robustness results, the reused ones included, once every plain task has settled.
  const robustFolds: RobustnessFold[] = [];
  for (const t of tasks) {
    if (!t.robustness) continue;
    const out = outcomes.get(t.sameAs ?? t.id);
    if (!out) continue;
    robustFolds.push({ model: t.entry, kind: t.robustness.kind, level: t.robustness.level, setting: `${t.split}/${t.sampling}`, metrics: out.metrics });
    if (ws) await saveRobustnessResult(ws, runId, t, out.metrics, { trainSeconds: out.trainSeconds, nTrain: t.train.length, nTest: t.test.length });
  }
  const robustSetting = `${s.splits[0] ?? ''}/${s.sampling[0] ?? ''}`;
  const curves = summarizeRobustness(robustness, entries.map((e) => e.entry), robustSetting, robustFolds);

  const rows: ComparisonRow[] = [];
  for (const split of s.splits) {
    for (const sampling of s.sampling) {
      for (const e of entries) {
        const mine = tasks.filter((t) => !t.robustness && t.split === split && t.sampling === sampling && t.entry === e.entry);
        const outs = mine.map((t) => outcomes.get(t.sameAs ?? t.id)).filter((o): o is Omit<FoldOutcome, 'trained'> => o !== undefined);
        const metrics: FoldMetrics[] = outs.map((o) => o.metrics);
        rows.push({
          split,
          sampling,
          model: e.entry,
          kind: e.kind,
          variant: e.variant,
          label: e.label,
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
  const ran = tasks.filter((t) => !t.sameAs).length;
  if (ran > 0 && errors.length === ran) {
    if (ws) await finishRun(ws, runId, 'failed', errors[0]!.error);
    throw new VigilError('WORKER_CRASHED', `every task failed; the first: ${errors[0]!.error.message}`);
  }
  if (ws) await finishRun(ws, runId, 'succeeded', null);
  return { runId, rows, folds, windows: { n: windows.n, anomalies, F: windows.F, W: windows.W, counters: windows.counters, mode: source.windowMode, dataHash: source.dataHash }, backend, errors, robustness: curves, seconds: (performance.now() - t0) / 1000 };
}
