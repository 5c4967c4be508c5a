import { cpus, platform, release } from 'node:os';
import type { FoldMetrics } from '../../../shared/domain/models';
import type { BackendInfo } from '../../../shared/domain/models';
import type { ReportComparison, ReportGroup, ReportModel } from '../../core/report/report-model';
import { prCurve, rocCurve, summarizeFolds } from '../../core/eval/metrics';
import type { Workspace } from '../workspace/duckdb-workspace';
import type { AveragedMaps } from '../../../shared/domain/explain';
import { listSeries } from '../workspace/series-store';
import { listOutages } from '../workspace/outage-store';
import { listImports, listRuns } from '../workspace/record-store';
import { getLabelVersion, listLabelSets } from '../workspace/label-store';
import { appVersion } from '../paths';
import { readRobustness } from '../compare/run-store';
import { defaultLabelSet } from '../../../shared/domain/labels';

/** A run's stored fold metrics, per `split/sampling` setting and model, folds ascending. */
export async function readFoldMetrics(ws: Workspace, runId: string): Promise<Map<string, Map<string, FoldMetrics[]>>> {
  const folds = await ws.all('SELECT model, setting, fold, metrics FROM fold_metrics WHERE run_id = $1 ORDER BY setting, model, fold', [runId]);
  const bySetting = new Map<string, Map<string, FoldMetrics[]>>();
  for (const f of folds) {
    const setting = String(f['setting']);
    const model = String(f['model']);
    const m = bySetting.get(setting) ?? new Map<string, FoldMetrics[]>();
    m.set(model, [...(m.get(model) ?? []), JSON.parse(String(f['metrics'])) as FoldMetrics]);
    bySetting.set(setting, m);
  }
  return bySetting;
}

/** The run's comparison as the report shows it (also read by the Compare area, routes-runs.ts). */
export async function comparisonOf(ws: Workspace, runId: string): Promise<ReportComparison | null> {
  const run = await ws.one('SELECT * FROM runs WHERE id = $1', [runId]);
  if (!run) return null;
  const settings = JSON.parse(String(run['settings'])) as Record<string, unknown> & { models?: string[]; folds?: number };
  const preds = await ws.all('SELECT model, setting, label, score FROM predictions WHERE run_id = $1', [runId]);
  const bySetting = await readFoldMetrics(ws, runId);
  const order = settings.models ?? [];
  const groups: ReportGroup[] = [];
  for (const [setting, models] of [...bySetting].sort(([a], [b]) => a.localeCompare(b))) {
    const [split = '', sampling = ''] = setting.split('/');
    const names = [...models.keys()].sort((a, b) => order.indexOf(a) - order.indexOf(b));
    const curveOf = (model: string) => {
      const mine = preds.filter((p) => p['setting'] === setting && p['model'] === model);
      return { y: mine.map((p) => Number(p['label'])), s: mine.map((p) => Number(p['score'])) };
    };
    const anyModel = models.get(names[0] ?? '') ?? [];
    groups.push({
      split,
      sampling,
      folds: anyModel.length,
      foldsWithAnomalies: anyModel.filter((m) => m.tp + m.fn > 0).length,
      rows: names.map((model) => {
        const ms = models.get(model) ?? [];
        const speeds = ms.map((m) => (m as FoldMetrics & { trainWindowsPerSec?: number }).trainWindowsPerSec).filter((v): v is number => typeof v === 'number');
        return { model, folds: ms.length, metrics: summarizeFolds(ms).metrics, trainWindowsPerSec: speeds.length ? speeds.reduce((a, b) => a + b, 0) / speeds.length : null };
      }),
      roc: names.map((model) => {
        const { y, s } = curveOf(model);
        return { name: model, points: rocCurve(y, s).map((p) => ({ x: p.fpr, y: p.tpr })) };
      }),
      pr: names.map((model) => {
        const { y, s } = curveOf(model);
        return { name: model, points: prCurve(y, s).map((p) => ({ x: p.recall, y: p.precision })) };
      }),
    });
  }
  return {
    runId,
    createdAtMs: Number(run['created_at_ms']),
    seed: run['seed'] === null ? null : Number(run['seed']),
    dataHash: run['data_hash'] === null ? null : String(run['data_hash']),
    labelVersion: run['label_version'] === null ? null : Number(run['label_version']),
    backend: run['backend'] === null ? null : (JSON.parse(String(run['backend'])) as BackendInfo),
    settings,
    groups,
  };
}

/** Gathers everything the report shows from the workspace (the newest comparison unless one is named). */
export async function gatherReport(ws: Workspace, opts: { appRoot: string; runId?: string; locale: 'en' | 'ko'; title?: string }): Promise<ReportModel> {
  const sets = await listLabelSets(ws);
  const latest = defaultLabelSet(sets);
  const version = latest ? await getLabelVersion(ws, latest.labelSetId) : null;
  const runs = (await listRuns(ws)).filter((r) => r.kind === 'comparison' && r.state === 'succeeded');
  const runId = opts.runId ?? runs[0]?.id;
  const versions = runId ? (JSON.parse(String((await ws.one('SELECT versions FROM runs WHERE id = $1', [runId]))?.['versions'] ?? '{}')) as Record<string, string>) : {};
  return {
    title: opts.title ?? (opts.locale === 'ko' ? 'Vigil 이상 탐지 보고서' : 'Vigil anomaly-detection report'),
    generatedAtMs: Date.now(),
    locale: opts.locale,
    workspace: { path: ws.dir },
    series: await listSeries(ws),
    imports: (await listImports(ws)).map((i) => ({ file: i.file, kind: i.kind, rows: i.rows, detail: i.detail })),
    labelling: version && latest ? { labelSetId: latest.labelSetId, name: latest.name, version: version.version, rules: version.rules, spans: version.spans.length, humanSpans: version.spans.filter((x) => x.provenance === 'human').length } : null,
    outages: await listOutages(ws),
    comparison: runId ? await comparisonOf(ws, runId) : null,
    environment: { vigil: appVersion(opts.appRoot), node: process.versions.node, platform: `${platform()} ${release()} ${process.arch}`, cpu: `${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}`, versions },
    explanations: runId ? await storedAverages(ws, runId) : [],
    robustness: runId ? await readRobustness(ws, runId) : [],
  };
}

/** The run's stored averaged maps (`explain` job / `vigil explain --average`), in the order they were computed. */
async function storedAverages(ws: Workspace, runId: string): Promise<AveragedMaps[]> {
  const rows = await ws.all("SELECT meta FROM explanations WHERE run_id = $1 AND kind = 'average' ORDER BY created_at_ms", [runId]);
  return rows.map((r) => JSON.parse(String(r['meta'])) as AveragedMaps);
}
