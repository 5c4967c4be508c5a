import { rmSync } from 'node:fs';
import { z } from 'zod';
import type { JobKind } from '../../shared/domain/jobs';
import { VigilError } from '../../shared/errors';
import type { Engine } from './engine';
import { workerScript } from './paths';
import { runImport } from './import/run-import';
import { ROBUSTNESS_KINDS } from '../../shared/domain/models';
import { runComparison } from './compare/run-comparison';
import { windowsFromCsv, windowsFromWorkspace } from './compare/load-windows';
import { gatherReport } from './reports/gather-report';
import { scoreWorkspace, trainWorkspaceModel } from './compare/train-and-score';
import { printPdf, reportFileName, writeReportHtml } from './reports/write-report';
import { renderReportHtml } from '../core/report/render-report';
import { join } from 'node:path';
import { startExplainJob } from './explain/explain-job';

function parseParams<S extends z.ZodType>(schema: S, params: unknown): z.output<S> {
  const r = schema.safeParse(params);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new VigilError('INVALID_SETTINGS', `${i?.path.join('.') || 'params'}: ${i?.message ?? 'invalid'}`, { where: { field: i?.path.join('.') ?? '' } });
  }
  return r.data;
}

const SelftestParams = z.object({ seconds: z.number().positive().max(600).default(2), workers: z.number().int().min(1).max(64).optional() }).strict();

const ImportParams = z
  .object({
    paths: z.array(z.string().min(1)).min(1),
    timeZone: z.string().min(1).default('UTC'),
    dryRun: z.boolean().default(false),
    gapFactor: z.number().positive().max(1000).optional(),
    cadenceMs: z.number().int().positive().optional(),
    logObjects: z.record(z.string(), z.string()).optional(),
    scouterOverride: z.object({ counter: z.string().optional(), objType: z.string().optional(), date: z.string().optional() }).strict().optional(),
  })
  .strict();

const CompareParams = z
  .object({
    /** A labelled wide CSV instead of the workspace. */
    csv: z.string().min(1).optional(),
    /** Seconds between the CSV's rows (its time column is not read). */
    csvCadenceSeconds: z.number().positive().max(86_400).optional(),
    labelSetId: z.string().min(1).optional(),
    labelVersion: z.number().int().min(1).optional(),
    /** `kind` or `kind:ablation`; the plan validates the names and lists the valid ones (core/eval/ablations.ts). */
    models: z.array(z.string().regex(/^[a-z][a-z0-9-]*(:[a-z0-9-]+)?$/, 'a model is kind or kind:ablation')).min(1).default(['cnn', 'lstm', 'contrastive', 'random', 'pca', 'iforest']),
    splits: z.array(z.enum(['blocked', 'kfold'])).min(1).default(['blocked', 'kfold']),
    folds: z.number().int().min(2).max(50).default(5),
    sampling: z.array(z.enum(['full', 'ns', 'paper'])).min(1).default(['full', 'ns']),
    epochs: z.number().int().min(1).max(1000).default(10),
    batchSize: z.number().int().min(1).max(4096).default(32),
    seed: z.number().int().min(0).default(0),
    window: z.number().int().min(1).max(1000).default(4),
    windowMode: z.enum(['paper', 'sliding']).default('paper'),
    stride: z.number().int().min(1).default(1),
    saveModels: z.boolean().default(true),
    /** Per-model hyper-parameter overrides, e.g. { contrastive: { pretrainEpochs: 1 } }. */
    params: z.record(z.string(), z.record(z.string(), z.number().finite())).optional(),
    /** Robustness curves, e.g. [{ kind: 'noise', levels: [0, 0.1, 0.2] }] (core/eval/robustness.ts). */
    robustness: z.array(z.object({ kind: z.enum(ROBUSTNESS_KINDS), levels: z.array(z.number().min(0).max(1)).min(1).max(20) }).strict()).max(ROBUSTNESS_KINDS.length).optional(),
  })
  .strict();

const TrainParams = z
  .object({
    model: z.enum(['cnn', 'lstm', 'contrastive', 'mvas-cscd', 'metric-graph', 'temporal-prototype']).default('cnn'),
    epochs: z.number().int().min(1).max(1000).default(20),
    batchSize: z.number().int().min(1).max(4096).default(32),
    seed: z.number().int().min(0).default(0),
    negativeSampling: z.boolean().default(true),
    window: z.number().int().min(1).max(1000).default(4),
    labelSetId: z.string().min(1).optional(),
    alertsPerDay: z.number().min(0).max(1e6).optional(),
  })
  .strict();

const ScoreParams = z.object({ modelRunId: z.string().min(1) }).strict();

const ReportParams = z
  .object({
    runId: z.string().min(1).optional(),
    locale: z.enum(['en', 'ko']).default('en'),
    pdf: z.boolean().default(true),
    title: z.string().min(1).max(200).optional(),
  })
  .strict();

/** Starts a job of the given kind; each kind validates its own parameters. */
export function startJob(engine: Engine, kind: JobKind, params: Record<string, unknown>): { jobId: string; done: Promise<unknown> } {
  switch (kind) {
    case 'import': {
      const p = parseParams(ImportParams, params);
      const ws = p.dryRun ? null : engine.workspace;
      return engine.jobs.start('import', `Import ${p.paths.length} path(s)${p.dryRun ? ' (dry run)' : ''}`, async (ctx) => {
        const { paths, ...opts } = p;
        const parser = workerScript(engine.paths, 'import');
        // Start the parsers while the files are still being sniffed: a cold worker costs ~2× the CPU of a warm one.
        engine.pool.prespawn(parser);
        const summary = await runImport(ws, paths, stripUndefined(opts), {
          parseScouter: (path, timeZone, override) => ctx.runTask(parser, { path, timeZone, ...(override ? { override } : {}) }, { task: 'parse' }),
          progress: (v, m) => ctx.progress(v, m),
          log: (l, level) => ctx.log(l, level),
          throwIfCancelled: () => ctx.throwIfCancelled(),
        });
        if (!p.dryRun) {
          engine.emit('workspace:changed', { what: 'series' });
          engine.emit('workspace:changed', { what: 'outages' });
          engine.emit('workspace:changed', { what: 'labels' });
          engine.emit('workspace:changed', { what: 'imports' });
        }
        return summary;
      });
    }
    case 'compare': {
      const p = parseParams(CompareParams, params);
      const ws = p.csv ? null : engine.workspace;
      const title = `Compare ${p.models.join(', ')} (${p.splits.join(' + ')}, ${p.folds} folds)`;
      return engine.jobs.start('compare', title, async (ctx) => {
        ctx.progress(0, 'building windows');
        const source = p.csv
          ? await windowsFromCsv(p.csv, { W: p.window, ...(p.csvCadenceSeconds ? { cadenceMs: p.csvCadenceSeconds * 1000 } : {}) })
          : await windowsFromWorkspace(engine.workspace, {
              ...(p.labelSetId ? { labelSetId: p.labelSetId } : {}),
              ...(p.labelVersion ? { version: p.labelVersion } : {}),
              W: p.window,
              mode: p.windowMode === 'paper' ? { kind: 'paper' } : { kind: 'sliding', stride: p.stride },
            });
        const result = await runComparison(ctx, ws, engine.paths, source, {
          models: p.models,
          splits: p.splits,
          folds: p.folds,
          sampling: p.sampling,
          epochs: p.epochs,
          batchSize: p.batchSize,
          seed: p.seed,
          saveModels: p.saveModels,
          ...(p.params ? { params: p.params } : {}),
          ...(p.robustness ? { robustness: p.robustness } : {}),
        });
        if (ws) engine.emit('workspace:changed', { what: 'runs' });
        return result;
      });
    }
    case 'train': {
      const p = parseParams(TrainParams, params);
      const ws = engine.workspace;
      return engine.jobs.start('train', `Train ${p.model} for scoring`, async (ctx) => {
        const r = await trainWorkspaceModel(ctx, ws, engine.paths, { model: p.model, epochs: p.epochs, batchSize: p.batchSize, seed: p.seed, negativeSampling: p.negativeSampling, W: p.window, ...(p.labelSetId ? { labelSetId: p.labelSetId } : {}), ...(p.alertsPerDay !== undefined ? { alertsPerDay: p.alertsPerDay } : {}) });
        engine.emit('workspace:changed', { what: 'runs' });
        return r;
      });
    }
    case 'score': {
      const p = parseParams(ScoreParams, params);
      const ws = engine.workspace;
      return engine.jobs.start('score', 'Score the workspace', async (ctx) => {
        const r = await scoreWorkspace(ctx, ws, engine.paths, { modelRunId: p.modelRunId });
        engine.emit('workspace:changed', { what: 'runs' });
        engine.emit('workspace:changed', { what: 'labels' });
        return r;
      });
    }
    case 'report': {
      const p = parseParams(ReportParams, params);
      const ws = engine.workspace;
      return engine.jobs.start('report', 'Report', async (ctx) => {
        ctx.progress(0.1, 'gathering');
        const model = await gatherReport(ws, { appRoot: engine.paths.root, locale: p.locale, ...(p.runId ? { runId: p.runId } : {}), ...(p.title ? { title: p.title } : {}) });
        ctx.throwIfCancelled();
        const name = reportFileName();
        const html = writeReportHtml(join(ws.dir, 'reports'), name, renderReportHtml(model));
        ctx.log(`wrote ${html}`);
        let pdf: string | null = null;
        let pdfError: string | null = null;
        if (p.pdf) {
          ctx.progress(0.5, 'printing the PDF');
          try {
            pdf = join(ws.dir, 'reports', `${name}.pdf`);
            await printPdf(html, pdf, ctx.signal);
            ctx.log(`wrote ${pdf}`);
          } catch (e) {
            if (ctx.signal.aborted) {
              // a cancelled report leaves nothing behind: neither its HTML nor a partial PDF
              for (const f of [html, pdf]) if (f) rmSync(f, { force: true });
              ctx.throwIfCancelled();
            }
            pdf = null;
            pdfError = e instanceof Error ? e.message : String(e);
            ctx.log(`PDF not written: ${pdfError}`, 'warn');
          }
        }
        return { html, pdf, pdfError, runId: model.comparison?.runId ?? null };
      });
    }
    case 'explain':
      return startExplainJob(engine, params);
    case 'selftest': {
      const p = parseParams(SelftestParams, params);
      const n = p.workers ?? engine.pool.size;
      return engine.jobs.start('selftest', `Self-test on ${n} worker(s)`, async (ctx) => {
        const script = workerScript(engine.paths, 'diagnostics');
        const shares = new Array<number>(n).fill(0);
        const results = await Promise.all(
          shares.map((_, i) =>
            ctx.runTask<{ gflops: number }>(script, { seconds: p.seconds }, {
              task: `worker ${i + 1}`,
              onProgress: (v) => {
                shares[i] = v;
                ctx.progress(shares.reduce((a, b) => a + b, 0) / n);
              },
            }),
          ),
        );
        const total = results.reduce((a, r) => a + r.gflops, 0);
        ctx.log(`total ${total.toFixed(2)} GFLOP/s over ${n} worker(s)`);
        return { workers: results, totalGflops: total };
      });
    }
  }
}

/** zod gives `undefined` for absent optional fields; the core options leave them out. */
function stripUndefined<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
