import { existsSync } from 'node:fs';
import { WORKSPACE_DB } from './workspace/duckdb-workspace';
import { join } from 'node:path';
import type { Channel, ParsedRequestOf, RecentWorkspace, ResponseOf } from '../../shared/ipc/contract';
import { VigilError } from '../../shared/errors';
import type { Engine } from './engine';
import { listSeries, readSeries } from './workspace/series-store';
import { listOutages } from './workspace/outage-store';
import { diffLabelVersions, editLabels, getLabelVersion, listLabelSets, listLabelVersions, replaceLabelSpans, setLabelRules } from './workspace/label-store';
import { UploadStaging } from './uploads/upload-staging';
import { listImports, listRuns } from './workspace/record-store';
import { SeriesCache, seriesPoints, sliceSeries } from './series-points';
import { runRoutes } from './routes-runs';
import { explainRoutes } from './explain/routes-explain';
import { workerScript } from './paths';

/** The recent list with each folder checked: a workspace whose database is gone is marked missing. */
function recentWorkspaces(engine: Engine): RecentWorkspace[] {
  return engine.settings.get().recent.map((e) => ({ ...e, missing: !existsSync(join(e.path, WORKSPACE_DB)) }));
}

type Handlers = { [C in Channel]: (req: ParsedRequestOf<C>) => Promise<ResponseOf<C>> };

/** One handler per contract channel; the type makes a missing one a compile error. */
export function routes(engine: Engine): Handlers {
  const uploads = new UploadStaging(() => engine.workspace.dir);
  // Whole series in memory for the zoom queries; dropped when the series or the workspace change.
  const seriesCache = new SeriesCache((object) => readSeries(engine.workspace, object));
  engine.onEvent((name, payload) => {
    if (name === 'workspace:changed' && ['series', 'imports', 'workspace'].includes((payload as { what: string }).what)) seriesCache.clear();
  });
  const labelsChanged = <T>(v: T): T => {
    engine.emit('workspace:changed', { what: 'labels' });
    return v;
  };
  return {
    'app:info': () => engine.appInfo(),
    'settings:set': async (req) => {
      const s = engine.settings.update(Object.fromEntries(Object.entries(req).filter(([, v]) => v !== undefined)));
      return { theme: s.theme, locale: s.locale };
    },
    'workspace:open': (req) => engine.openWorkspace(req.path, req.create ?? true),
    'workspace:info': () => engine.workspaceInfo(),
    'workspace:recent': async () => recentWorkspaces(engine),
    'workspace:forget': async (req) => {
      engine.settings.forgetWorkspace(req.path);
      return recentWorkspaces(engine);
    },
    'imports:list': () => listImports(engine.workspace),
    'series:list': () => listSeries(engine.workspace),
    'series:query': async (req) => {
      const ws = engine.workspace;
      const full = await seriesCache.get(`${ws.dir}\n${req.object}`, req.object);
      if (!full) throw new VigilError('NOT_FOUND', `no series for object ${req.object}`);
      return seriesPoints(
        sliceSeries(full, {
          ...(req.counters ? { counters: req.counters } : {}),
          ...(req.fromMs !== undefined ? { fromMs: req.fromMs } : {}),
          ...(req.toMs !== undefined ? { toMs: req.toMs } : {}),
        }),
        req.maxPoints ?? 4000,
      );
    },
    'outages:list': () => listOutages(engine.workspace),
    'labels:list': () => listLabelSets(engine.workspace),
    'labels:get': (req) => getLabelVersion(engine.workspace, req.labelSetId, req.version),
    'labels:edit': async (req) => {
      const v = await editLabels(engine.workspace, req.labelSetId, req.edit);
      engine.emit('workspace:changed', { what: 'labels' });
      return v;
    },
    'labels:versions': (req) => listLabelVersions(engine.workspace, req.labelSetId),
    'labels:diff': (req) => diffLabelVersions(engine.workspace, req.labelSetId, req.a, req.b),
    'labels:set-rules': async (req) => labelsChanged(await setLabelRules(engine.workspace, req.labelSetId, req.rules)),
    'labels:replace-spans': async (req) =>
      labelsChanged(
        await replaceLabelSpans(
          engine.workspace,
          req.labelSetId,
          req.spans.map((s) => stripUndefined(s)),
          req.note,
          req.rules,
        ),
      ),
    'uploads:begin': (req) => {
      // Files are on their way to an import: warm its parsers meanwhile (WorkerPool.prespawn).
      engine.pool.prespawn(workerScript(engine.paths, 'import'));
      return uploads.begin(req.name, req.bytes);
    },
    'uploads:chunk': (req) => uploads.chunk(req.uploadId, req.offset, req.data),
    'uploads:finish': (req) => uploads.finish(req.uploadId),
    'uploads:cancel': (req) => uploads.cancel(req.uploadId),
    'jobs:start': async (req) => {
      const { jobId, done } = engine.startJob(req.kind, req.params);
      done.catch(() => undefined); // reported through job:finished
      return { jobId };
    },
    'jobs:cancel': async (req) => ({ cancelled: engine.jobs.cancel(req.jobId) }),
    'jobs:list': async () => engine.jobs.list(),
    'jobs:log': async (req) => engine.jobs.log(req.jobId),
    'runs:list': () => listRuns(engine.workspace),
    ...runRoutes(engine),
    ...explainRoutes(engine),
  };
}

/** zod gives `undefined` for absent optional fields; stored JSON leaves them out. */
function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
