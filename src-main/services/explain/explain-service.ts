/**
 * The Explain area's engine side (METHODS.md §7; contract `explain:*`, job kind `explain`): picks
 * windows of a stored run, rebuilds and scales them with their fold's scaling, and hands the
 * numeric work to a `ExplainCompute` (the worker pool in the app, in-process in the CLI).
 */
import type { AveragedMaps, CandidateKind, EmbeddingScatter, ExplainCandidate, WindowExplanation } from '../../../shared/domain/explain';
import { UNSUPERVISED_MODELS } from '../../../shared/domain/models';
import { VigilError } from '../../../shared/errors';
import type { AveragePart, AverageTaskResult, EmbeddingTaskResult, ModelRef, WindowTaskResult } from '../../core/explain/explain-task';
import { averageTask, embeddingTask, explainWindowTask, needsTfBackend } from '../../core/explain/explain-task';
import { ensureTfBackend } from '../../core/models/unsupervised/tf-runtime';
import type { Workspace } from '../workspace/duckdb-workspace';
import { foldDir, loadRunContext, type RunContext } from './run-context';

export interface ExplainCompute {
  window(model: ModelRef, x: Float32Array, m: number): Promise<WindowTaskResult>;
  embedding(model: ModelRef, x: Float32Array, m: number): Promise<EmbeddingTaskResult>;
  average(parts: AveragePart[], onProgress: (v: number) => void, signal?: AbortSignal): Promise<AverageTaskResult>;
}

/** Runs the work in this thread (CLI, tests). */
export const inProcessCompute: ExplainCompute = {
  async window(model, x, m) {
    if (needsTfBackend(model)) await ensureTfBackend();
    return explainWindowTask(model, x, m);
  },
  async embedding(model, x, m) {
    if (needsTfBackend(model)) await ensureTfBackend();
    return embeddingTask(model, x, m);
  },
  async average(parts, onProgress, signal) {
    if (parts.some((p) => needsTfBackend(p.model))) await ensureTfBackend();
    return averageTask(parts, onProgress, () => signal?.aborted ?? false);
  },
};

const isUnsupervised = (model: string): boolean => (UNSUPERVISED_MODELS as readonly string[]).includes(model.split(':')[0]!);

/** The model reference of a fold; unsupervised occlusion uses μ_f of the fold's normal training windows. */
function modelRef(ctx: RunContext, fold: number): ModelRef {
  const f = ctx.folds.find((x) => x.fold === fold)!;
  const { F, W } = ctx.windows;
  const ref: ModelRef = { dir: foldDir(ctx, fold), kind: ctx.model, params: f.params, F, W };
  if (isUnsupervised(ctx.model)) {
    const normal = Array.from(f.trainBeforeSampling).filter((i) => ctx.windows.y[i] === 0);
    const xs = ctx.scaled(fold, normal);
    const level = new Float32Array(F);
    for (let j = 0; j < normal.length; j++) for (let c = 0; c < F * W; c++) level[Math.floor(c / W)]! += xs[j * F * W + c]! / (normal.length * W);
    ref.normalLevel = level;
  }
  return ref;
}

function windowIndexOf(ctx: RunContext, object: string, endMs: number): number {
  const oi = ctx.windows.objects.indexOf(object);
  if (oi >= 0) for (let i = 0; i < ctx.windows.n; i++) if (ctx.windows.objectIndex[i] === oi && ctx.windows.endMs[i] === endMs) return i;
  throw new VigilError('NOT_FOUND', `run ${ctx.runId} has no window of ${object} ending at ${new Date(endMs).toISOString()}`, { where: { field: 'endMs' } });
}

/** The first fold with a saved model, preferring `preferred`. */
function pickFold(ctx: RunContext, preferred: number | undefined): number {
  if (preferred !== undefined) return preferred;
  const saved = ctx.folds.find((f) => f.dir);
  if (!saved) throw new VigilError('NOT_FOUND', `no saved ${ctx.model} model in run ${ctx.runId} (${ctx.setting})`, { hint: 'Run the comparison again with saved models (the default).' });
  return saved.fold;
}

async function stepMs(ws: Workspace, ctx: RunContext, i: number): Promise<number> {
  const object = ctx.windows.objects[ctx.windows.objectIndex[i]!]!;
  try {
    const r = await ws.one('SELECT s.cadence_ms FROM series s JOIN objects o ON o.id = s.object_id WHERE o.name = $1 AND s.t_ms = $2 LIMIT 1', [object, ctx.windows.endMs[i]!]);
    if (r && Number(r['cadence_ms']) > 0) return Number(r['cadence_ms']);
  } catch {
    // CSV runs have no series table rows: fall back to the windows' own spacing
  }
  let best = Infinity;
  for (let j = 1; j < ctx.windows.n; j++) {
    if (ctx.windows.objectIndex[j] !== ctx.windows.objectIndex[j - 1]) continue;
    const d = ctx.windows.endMs[j]! - ctx.windows.endMs[j - 1]!;
    if (d > 0 && d < best) best = d;
  }
  return Number.isFinite(best) ? best : 60_000;
}

export interface WindowRequest {
  runId: string;
  model: string;
  setting: string;
  fold?: number | undefined;
  windowIndex?: number | undefined;
  object?: string | undefined;
  endMs?: number | undefined;
}

/** `explain:window`. */
export async function explainWindow(ws: Workspace, compute: ExplainCompute, req: WindowRequest): Promise<WindowExplanation> {
  const t0 = performance.now();
  const ctx = await loadRunContext(ws, req.runId, req.model, req.setting);
  const { windows } = ctx;
  const i = req.windowIndex ?? windowIndexOf(ctx, req.object!, req.endMs!);
  if (i < 0 || i >= windows.n) throw new VigilError('NOT_FOUND', `window ${i} is outside run ${req.runId}'s ${windows.n} windows`, { where: { field: 'windowIndex' } });
  const fold = req.fold ?? (ctx.testFold[i]! >= 0 && ctx.folds.find((f) => f.fold === ctx.testFold[i])?.dir ? ctx.testFold[i]! : pickFold(ctx, undefined));
  const x = ctx.scaled(fold, [i]);
  const r = await compute.window(modelRef(ctx, fold), x, 1);
  const { F, W } = windows;
  const step = await stepMs(ws, ctx, i);
  const end = windows.endMs[i]!;
  const th = await ws.one('SELECT metrics FROM fold_metrics WHERE run_id = $1 AND model = $2 AND setting = $3 AND fold = $4', [req.runId, req.model, req.setting, fold]);
  const threshold = th ? (JSON.parse(String(th['metrics'])) as { threshold?: number }).threshold ?? null : null;
  return {
    runId: req.runId,
    model: req.model,
    setting: req.setting,
    fold,
    window: { windowIndex: i, object: windows.objects[windows.objectIndex[i]!]!, endMs: end },
    label: windows.y[i]!,
    score: r.score[0]!,
    threshold,
    scoreParts: Object.fromEntries(Object.entries(r.parts).map(([k, v]) => [k, v[0]!])),
    counters: windows.counters,
    times: Array.from({ length: W }, (_, t) => end - (W - 1 - t) * step),
    raw: Array.from(windows.x.subarray(i * F * W, (i + 1) * F * W)),
    scaled: Array.from(x),
    maps: r.maps[0]!,
    elapsedMs: performance.now() - t0,
  };
}

/** `explain:windows`: outages (the last window before each), then false negatives, false positives, caught windows. */
export async function explainCandidates(ws: Workspace, req: { runId: string; model: string; setting: string; kinds?: CandidateKind[] | undefined; limit?: number | undefined }): Promise<ExplainCandidate[]> {
  const ctx = await loadRunContext(ws, req.runId, req.model, req.setting);
  const { windows } = ctx;
  const rows = await ws.all('SELECT fold, object_id, end_ms, label, score, flag FROM predictions WHERE run_id = $1 AND model = $2 AND setting = $3', [req.runId, req.model, req.setting]);
  const key = (o: number, e: number) => `${o}\0${e}`;
  const index = new Map<string, number>();
  for (let i = 0; i < windows.n; i++) index.set(key(windows.objectIndex[i]!, windows.endMs[i]!), i);
  const kinds = new Set<CandidateKind>(req.kinds ?? ['outage', 'fn', 'fp', 'tp']);
  const out: ExplainCandidate[] = [];
  const lastOfOutage = new Map<number, ExplainCandidate>();
  for (const r of rows) {
    const i = index.get(key(Number(r['object_id']), Number(r['end_ms'])));
    if (i === undefined) continue;
    const label = Number(r['label']);
    const flag = Boolean(r['flag']);
    const c: Omit<ExplainCandidate, 'kind'> = { windowIndex: i, object: windows.objects[windows.objectIndex[i]!]!, endMs: windows.endMs[i]!, label, score: Number(r['score']), fold: Number(r['fold']), outageIndex: windows.outageIndex[i]! };
    const kind: CandidateKind | null = label && !flag ? 'fn' : !label && flag ? 'fp' : label && flag ? 'tp' : null;
    if (kind && kinds.has(kind)) out.push({ ...c, kind });
    if (label && c.outageIndex >= 0) {
      const prev = lastOfOutage.get(c.outageIndex);
      if (!prev || c.endMs > prev.endMs) lastOfOutage.set(c.outageIndex, { ...c, kind: 'outage' });
    }
  }
  const outages = kinds.has('outage') ? [...lastOfOutage.values()].sort((a, b) => a.endMs - b.endMs) : [];
  const rank: Record<CandidateKind, number> = { outage: 0, fn: 1, fp: 2, tp: 3 };
  // most confident mistakes first: lowest-scored misses, highest-scored false alarms
  out.sort((a, b) => rank[a.kind] - rank[b.kind] || (a.kind === 'fn' ? a.score - b.score : b.score - a.score) || a.endMs - b.endMs);
  return [...outages, ...out].slice(0, req.limit ?? 500);
}

/** Evenly spaced subsample keeping every anomalous window first (up to `max`). */
function subsample(idx: Int32Array, y: Uint8Array, max: number): number[] {
  if (idx.length <= max) return Array.from(idx);
  const pos = Array.from(idx).filter((i) => y[i]);
  const neg = Array.from(idx).filter((i) => !y[i]);
  const keepPos = pos.slice(0, Math.min(pos.length, Math.ceil(max / 2)));
  const room = max - keepPos.length;
  const keepNeg = Array.from({ length: Math.min(room, neg.length) }, (_, j) => neg[Math.floor((j * neg.length) / Math.min(room, neg.length))]!);
  return [...keepPos, ...keepNeg].sort((a, b) => a - b);
}

/** `explain:embedding`: PCA scatter of one fold's test windows. */
export async function explainEmbedding(ws: Workspace, compute: ExplainCompute, req: { runId: string; model: string; setting: string; fold?: number | undefined; maxPoints?: number | undefined }): Promise<EmbeddingScatter> {
  const ctx = await loadRunContext(ws, req.runId, req.model, req.setting);
  const fold = pickFold(ctx, req.fold);
  const f = ctx.folds.find((x) => x.fold === fold);
  if (!f) throw new VigilError('NOT_FOUND', `run ${req.runId} has no fold ${fold}`, { where: { field: 'fold' } });
  const idx = subsample(f.test, ctx.windows.y, req.maxPoints ?? 5000);
  const r = await compute.embedding(modelRef(ctx, fold), ctx.scaled(fold, idx), idx.length);
  return { runId: req.runId, model: req.model, setting: req.setting, fold, source: r.source, x: r.x, y: r.y, label: idx.map((i) => ctx.windows.y[i]!), windowIndex: idx, explainedVariance: r.explainedVariance };
}

const avgId = (runId: string, model: string, setting: string) => `average:${runId}:${model}:${setting}`;

/** The `explain` job's work: maps averaged over normal vs anomalous test windows of every fold with a saved model; stored. */
export async function explainAverage(ws: Workspace, compute: ExplainCompute, req: { runId: string; model: string; setting: string; maxWindows?: number | undefined }, onProgress: (v: number) => void = () => undefined, signal?: AbortSignal): Promise<AveragedMaps> {
  const t0 = performance.now();
  const ctx = await loadRunContext(ws, req.runId, req.model, req.setting);
  const folds = ctx.folds.filter((f) => f.dir);
  if (folds.length === 0) throw new VigilError('NOT_FOUND', `no saved ${req.model} model in run ${req.runId} (${req.setting})`, { hint: 'Run the comparison again with saved models (the default).' });
  const per = req.maxWindows ? Math.max(1, Math.floor(req.maxWindows / folds.length)) : Infinity;
  const parts: AveragePart[] = folds.map((f) => {
    const idx = Number.isFinite(per) ? subsample(f.test, ctx.windows.y, per) : Array.from(f.test);
    return { model: modelRef(ctx, f.fold), x: ctx.scaled(f.fold, idx), y: Uint8Array.from(idx, (i) => ctx.windows.y[i]!) };
  });
  const r = await compute.average(parts, onProgress, signal);
  if (signal?.aborted) throw new VigilError('JOB_CANCELLED', 'the explanation was cancelled');
  const result: AveragedMaps = { runId: req.runId, model: req.model, setting: req.setting, folds: folds.map((f) => f.fold), counters: ctx.windows.counters, W: ctx.windows.W, normal: r.normal, anomalous: r.anomalous, elapsedMs: performance.now() - t0, createdAtMs: Date.now() };
  const id = avgId(req.runId, req.model, req.setting);
  await ws.transaction(async (tx) => {
    await tx.run('DELETE FROM explanations WHERE id = $1', [id]);
    await tx.run('INSERT INTO explanations (id, run_id, model, kind, created_at_ms, meta) VALUES ($1, $2, $3, $4, $5, $6)', [id, req.runId, req.model, 'average', result.createdAtMs, JSON.stringify(result)]);
  });
  return result;
}

/** `explain:average-get`. */
export async function storedAverage(ws: Workspace, req: { runId: string; model: string; setting: string }): Promise<AveragedMaps | null> {
  const r = await ws.one('SELECT meta FROM explanations WHERE id = $1', [avgId(req.runId, req.model, req.setting)]);
  return r ? (JSON.parse(String(r['meta'])) as AveragedMaps) : null;
}
