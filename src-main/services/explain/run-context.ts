/**
 * What explaining a stored run needs (METHODS.md §7): the run's windows rebuilt from the
 * workspace exactly as the comparison built them (checked by count and data hash), the fold plan
 * recomputed from the recorded settings (same seeded splits, PROTOCOL.md §4–5), each fold's
 * min–max scaling refitted on its training windows, and each fold's saved model folder.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { SplitKind } from '../../../shared/domain/models';
import type { WindowSet } from '../../../shared/domain/windows';
import { VigilError } from '../../../shared/errors';
import { planComparison, type SamplingSetting } from '../../core/eval/comparison-plan';
import { applyMinMaxWindows, fitMinMaxWindows, type MinMax } from '../../core/eval/scaling';
import type { Workspace } from '../workspace/duckdb-workspace';
import { windowsFromCsv, windowsFromWorkspace, type WindowSource } from '../compare/load-windows';

export interface FoldModel {
  fold: number;
  /** Saved model folder, null when the fold's model was not saved. */
  dir: string | null;
  params: Record<string, unknown>;
  test: Int32Array;
  trainBeforeSampling: Int32Array;
}

export interface RunContext {
  runId: string;
  /** The comparison entry (`kind` or `kind:variant`). */
  model: string;
  setting: string;
  windows: WindowSet;
  folds: FoldModel[];
  /** fold of the test set each window is in (-1: none). */
  testFold: Int32Array;
  scaling(fold: number): MinMax;
  /** Windows idx gathered and scaled with `fold`'s scaling, [m, F, W]. */
  scaled(fold: number, idx: ArrayLike<number>): Float32Array;
}

interface StoredSettings {
  models?: string[];
  splits?: SplitKind[];
  folds?: number;
  sampling?: SamplingSetting[];
  seed?: number;
  stride?: number;
  params?: Record<string, Record<string, number>>;
  windows?: { mode?: string; W?: number; counters?: string[]; n?: number };
  /** `cadenceMs` absent = a run from before it was recorded, when CSV rows were 1 ms apart. */
  origin?: { kind: 'workspace'; labelSetId: string; labelVersion: number } | { kind: 'csv'; file: string; cadenceMs?: number };
}

const cache = new Map<string, { windows: WindowSource; at: number }>();

async function runWindows(ws: Workspace, runId: string, s: StoredSettings, dataHash: string | null): Promise<WindowSet> {
  const key = `${ws.dir}\0${runId}`;
  const hit = cache.get(key);
  if (hit) return hit.windows.windows;
  const W = s.windows?.W;
  const o = s.origin;
  if (!W || !o) throw new VigilError('UNSUPPORTED_FORMAT', `run ${runId} does not record its windows (W, origin); it cannot be explained`, { where: { field: 'settings' } });
  const src =
    o.kind === 'csv'
      ? await windowsFromCsv(o.file, { W, cadenceMs: o.cadenceMs ?? 1 })
      : await windowsFromWorkspace(ws, { labelSetId: o.labelSetId, version: o.labelVersion, W, mode: s.windows?.mode === 'sliding' ? { kind: 'sliding', stride: s.stride ?? 1 } : { kind: 'paper' }, ...(s.windows?.counters ? { counters: s.windows.counters } : {}) });
  if ((s.windows?.n !== undefined && src.windows.n !== s.windows.n) || (dataHash && src.dataHash !== dataHash)) {
    throw new VigilError('INVALID_SETTINGS', `the workspace no longer yields run ${runId}'s windows (${src.windows.n} windows now, ${s.windows?.n ?? '?'} then; data hash ${src.dataHash} vs ${dataHash ?? '?'})`, { hint: 'The data or labels changed since the run; run the comparison again to explain it.' });
  }
  cache.clear(); // one run at a time: windows can be hundreds of MB
  cache.set(key, { windows: src, at: Date.now() });
  return src.windows;
}

/** `setting` is `split/sampling` as stored. */
export async function loadRunContext(ws: Workspace, runId: string, model: string, setting: string): Promise<RunContext> {
  const run = await ws.one('SELECT settings, data_hash, kind FROM runs WHERE id = $1', [runId]);
  if (!run) throw new VigilError('NOT_FOUND', `no run ${runId}`, { where: { field: 'runId' } });
  const s = JSON.parse(String(run['settings'])) as StoredSettings;
  if (s.models && !s.models.includes(model)) throw new VigilError('NOT_FOUND', `run ${runId} has no model ${model} (it has ${s.models.join(', ')})`, { where: { field: 'model' } });
  const [split, sampling] = setting.split('/') as [SplitKind, SamplingSetting];
  if (!s.splits?.includes(split) || !s.sampling?.includes(sampling)) throw new VigilError('NOT_FOUND', `run ${runId} has no setting ${setting}`, { where: { field: 'setting' } });
  const windows = await runWindows(ws, runId, s, run['data_hash'] === null ? null : String(run['data_hash']));
  const { tasks } = planComparison(windows.y, { models: [model], splits: [split], folds: s.folds ?? 5, sampling: [sampling], seed: s.seed ?? 0, W: windows.W, ...(s.params ? { params: s.params } : {}), endMs: windows.endMs });
  const mine = tasks.filter((t) => !t.robustness && t.entry === model && t.split === split && t.sampling === sampling).sort((a, b) => a.fold - b.fold);
  const testFold = new Int32Array(windows.n).fill(-1);
  const folds: FoldModel[] = mine.map((t) => {
    for (const i of t.test) testFold[i] = t.fold;
    const dir = join(ws.dir, 'models', runId, `${t.split}-${t.sampling}-${t.entry.replace(':', '-')}-fold${t.fold}`);
    return { fold: t.fold, dir: existsSync(dir) ? dir : null, params: t.params, test: t.test, trainBeforeSampling: t.trainBeforeSampling };
  });
  const mm = new Map<number, MinMax>();
  const scaling = (fold: number): MinMax => {
    const f = folds.find((x) => x.fold === fold);
    if (!f) throw new VigilError('NOT_FOUND', `run ${runId} has no fold ${fold} (folds 0–${folds.length - 1})`, { where: { field: 'fold' } });
    let m = mm.get(fold);
    if (!m) mm.set(fold, (m = fitMinMaxWindows(windows.x, windows.F, windows.W, f.trainBeforeSampling)));
    return m;
  };
  const scaled = (fold: number, idx: ArrayLike<number>): Float32Array => {
    const fw = windows.F * windows.W;
    const g = new Float32Array(idx.length * fw);
    for (let j = 0; j < idx.length; j++) g.set(windows.x.subarray(idx[j]! * fw, (idx[j]! + 1) * fw), j * fw);
    return applyMinMaxWindows(g, idx.length, windows.F, windows.W, scaling(fold));
  };
  return { runId, model, setting, windows, folds, testFold, scaling, scaled };
}

/** The fold's saved model folder, or a clear error. */
export function foldDir(ctx: RunContext, fold: number): string {
  const f = ctx.folds.find((x) => x.fold === fold);
  if (!f) throw new VigilError('NOT_FOUND', `run ${ctx.runId} has no fold ${fold}`, { where: { field: 'fold' } });
  if (!f.dir) throw new VigilError('NOT_FOUND', `the ${ctx.model} model of ${ctx.setting} fold ${fold} was not saved`, { where: { field: 'fold' }, hint: 'Run the comparison again with saved models (the default); unsupervised detectors are saved only where the build supports it.' });
  return f.dir;
}
