import { z } from 'zod';
import type { JobKind } from '../../shared/domain/jobs';
import { VigilError } from '../../shared/errors';
import type { Engine } from './engine';
import { workerScript } from './paths';
import { runImport } from './import/run-import';

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

/** Starts a job of the given kind; each kind validates its own parameters. */
export function startJob(engine: Engine, kind: JobKind, params: Record<string, unknown>): { jobId: string; done: Promise<unknown> } {
  switch (kind) {
    case 'import': {
      const p = parseParams(ImportParams, params);
      const ws = p.dryRun ? null : engine.workspace;
      return engine.jobs.start('import', `Import ${p.paths.length} path(s)${p.dryRun ? ' (dry run)' : ''}`, async (ctx) => {
        const { paths, ...opts } = p;
        const summary = await runImport(ws, paths, stripUndefined(opts), { progress: (v, m) => ctx.progress(v, m), log: (l, level) => ctx.log(l, level), throwIfCancelled: () => ctx.throwIfCancelled() });
        if (!p.dryRun) {
          engine.emit('workspace:changed', { what: 'series' });
          engine.emit('workspace:changed', { what: 'outages' });
          engine.emit('workspace:changed', { what: 'labels' });
          engine.emit('workspace:changed', { what: 'imports' });
        }
        return summary;
      });
    }
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
