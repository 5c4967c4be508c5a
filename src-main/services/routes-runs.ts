import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Channel, ParsedRequestOf, ResponseOf } from '../../shared/ipc/contract';
import type { BackendInfo, FoldMetrics } from '../../shared/domain/models';
import type { ReportFile, RunDetail, RunGroup, RunPredictions } from '../../shared/domain/runs';
import type { JobState, SerializedError } from '../../shared/domain/jobs';
import { VigilError } from '../../shared/errors';
import { summarizeFolds } from '../core/eval/metrics';
import { resolveBackend } from '../core/engine/backend-resolve';
import type { Engine } from './engine';
import type { Workspace } from './workspace/duckdb-workspace';
import { comparisonOf, readFoldMetrics } from './reports/gather-report';
import { readRobustness } from './compare/run-store';

type RunChannels = 'runs:get' | 'runs:predictions' | 'engine:backend' | 'reports:list' | 'reports:read';
type RunHandlers = { [C in RunChannels & Channel]: (req: ParsedRequestOf<C>) => Promise<ResponseOf<C>> };

/**
 * Handlers of the Training / Compare / Reports areas: a stored comparison read back, its
 * per-window predictions, the training backend, and the reports folder. Spread into `routes()`.
 */
export function runRoutes(engine: Engine): RunHandlers {
  let backend: Promise<BackendInfo> | null = null;
  return {
    'runs:get': (req) => readRun(engine.workspace, req.runId),
    'runs:predictions': (req) => readPredictions(engine.workspace, req.runId, req.model, req.setting),
    'engine:backend': () => {
      // Resolved once per engine (it imports the TF.js backends to see which load).
      backend ??= resolveBackend({ threads: 1 }).then((r) => r.info);
      backend.catch(() => (backend = null));
      return backend;
    },
    'reports:list': async () => listReports(engine.workspace.dir),
    'reports:read': async (req) => readReport(engine.workspace.dir, req.name, req.pdf ?? false),
  };
}

const json = <T>(v: unknown, fallback: T): T => (v === null || v === undefined ? fallback : (JSON.parse(String(v)) as T));

/** `runs:get`: settings, provenance, and per setting the per-model summaries, confusion, lead times and pooled curves. */
export async function readRun(ws: Workspace, runId: string): Promise<RunDetail> {
  const run = await ws.one('SELECT * FROM runs WHERE id = $1', [runId]);
  if (!run) throw new VigilError('NOT_FOUND', `no run ${runId}`);
  const comparison = await comparisonOf(ws, runId);
  const folds = await readFoldMetrics(ws, runId);
  const groups: RunGroup[] = (comparison?.groups ?? []).map((g) => {
    const setting = `${g.split}/${g.sampling}`;
    const byModel = folds.get(setting) ?? new Map<string, FoldMetrics[]>();
    return {
      setting,
      split: g.split,
      sampling: g.sampling,
      folds: g.folds,
      foldsWithAnomalies: g.foldsWithAnomalies,
      rows: g.rows.map((r) => {
        const ms = byModel.get(r.model) ?? [];
        const pooled = summarizeFolds(ms).pooled;
        const secs = ms.map((m) => (m as FoldMetrics & { trainSeconds?: number }).trainSeconds).filter((v): v is number => typeof v === 'number');
        return {
          model: r.model,
          folds: r.folds,
          metrics: r.metrics,
          confusion: { tp: pooled.tp, tn: pooled.tn, fp: pooled.fp, fn: pooled.fn },
          leadTimes: ms.map((m) => ({ fold: m.fold, minutes: m.leadTimesMin })),
          trainWindowsPerSec: r.trainWindowsPerSec,
          trainSeconds: secs.length ? secs.reduce((a, b) => a + b, 0) : null,
          roc: g.roc.find((c) => c.name === r.model)?.points ?? [],
          pr: g.pr.find((c) => c.name === r.model)?.points ?? [],
        };
      }),
    };
  });
  return {
    id: runId,
    kind: String(run['kind']),
    state: String(run['state']) as JobState,
    createdAtMs: Number(run['created_at_ms']),
    finishedAtMs: run['finished_at_ms'] === null ? null : Number(run['finished_at_ms']),
    labelSetId: run['label_set_id'] === null ? null : String(run['label_set_id']),
    labelVersion: run['label_version'] === null ? null : Number(run['label_version']),
    dataHash: run['data_hash'] === null ? null : String(run['data_hash']),
    seed: run['seed'] === null ? null : Number(run['seed']),
    backend: json<BackendInfo | null>(run['backend'], null),
    settings: json<Record<string, unknown>>(run['settings'], {}),
    versions: json<Record<string, string>>(run['versions'], {}),
    error: json<SerializedError | null>(run['error'], null),
    groups,
    robustness: await readRobustness(ws, runId),
  };
}

/** `runs:predictions`: one model × setting's test windows over all folds, by object then time. */
export async function readPredictions(ws: Workspace, runId: string, model: string, setting: string): Promise<RunPredictions> {
  const rows = await ws.all('SELECT fold, object_id, end_ms, label, score FROM predictions WHERE run_id = $1 AND model = $2 AND setting = $3 ORDER BY object_id, end_ms, fold', [runId, model, setting]);
  if (rows.length === 0 && !(await ws.one('SELECT id FROM runs WHERE id = $1', [runId]))) throw new VigilError('NOT_FOUND', `no run ${runId}`);
  const out: RunPredictions = { endMs: [], label: [], score: [], objectIndex: [], fold: [] };
  for (const r of rows) {
    out.endMs.push(Number(r['end_ms']));
    out.label.push(Number(r['label']));
    out.score.push(Number(r['score']));
    out.objectIndex.push(Number(r['object_id']));
    out.fold.push(Number(r['fold']));
  }
  return out;
}

/** `reports:list`: the `.html` reports in `<workspace>/reports/`, newest first, with their PDF when printed. */
export function listReports(workspaceDir: string): ReportFile[] {
  const dir = join(workspaceDir, 'reports');
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir);
  return files
    .filter((f) => f.endsWith('.html'))
    .map((f) => {
      const name = f.slice(0, -'.html'.length);
      const html = join(dir, f);
      const pdf = files.includes(`${name}.pdf`) ? join(dir, `${name}.pdf`) : null;
      const st = statSync(html);
      return { name, html, pdf, createdAtMs: st.mtimeMs, bytes: st.size };
    })
    .sort((a, b) => b.createdAtMs - a.createdAtMs || b.name.localeCompare(a.name));
}

/** `reports:read`: only a name `reports:list` lists (the schema already refuses separators). */
export function readReport(workspaceDir: string, name: string, pdf: boolean): { html: string; pdfBase64: string | null } {
  const found = listReports(workspaceDir).find((r) => r.name === name);
  if (!found) throw new VigilError('NOT_FOUND', `no report named ${JSON.stringify(name)} in the workspace's reports folder`);
  return { html: readFileSync(found.html, 'utf8'), pdfBase64: pdf && found.pdf ? readFileSync(found.pdf).toString('base64') : null };
}
